package dev.quiver.parquet.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quiver.parquet.ParquetCorruptionException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.bytestreamsplit.ByteStreamSplitValuesWriter;
import org.apache.parquet.column.values.delta.DeltaBinaryPackingValuesWriterForInteger;
import org.apache.parquet.column.values.delta.DeltaBinaryPackingValuesWriterForLong;
import org.apache.parquet.column.values.deltalengthbytearray.DeltaLengthByteArrayValuesWriter;
import org.apache.parquet.column.values.deltastrings.DeltaByteArrayWriter;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.Test;

/**
 * DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY and BYTE_STREAM_SPLIT decoders read back exactly what
 * parquet-java's encoders wrote: awkward counts, extreme deltas (bit width 64), constant runs (bit width 0), and
 * random interleaving of read and skip.
 */
class DeltaAndByteStreamSplitTest {
  private static final int[] AWKWARD = {0, 1, 2, 7, 8, 9, 31, 32, 33, 127, 128, 129, 255, 256, 257, 1000, 4097};
  private static final HeapByteBufferAllocator HEAP = new HeapByteBufferAllocator();

  private static byte[] bytes(ValuesWriter w) throws IOException {
    return w.getBytes().toByteArray();
  }

  /** Long values shaped to exercise widths: constants, small steps, random, and extremes. */
  private static long[] longs(SplittableRandom random, int count, int shape) {
    long[] v = new long[count];
    for (int i = 0; i < count; i++) {
      v[i] = switch (shape) {
        case 0 -> 42; // all deltas 0: bit width 0
        case 1 -> i * 3L - 7; // constant delta
        case 2 -> random.nextInt(1000) - 500;
        case 3 -> random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE; // width 64 deltas
        default -> random.nextLong();
      };
    }
    return v;
  }

  /** Reads {@code count} values with random batch sizes, skipping some; returns which were read (others -1). */
  private static int[] plan(SplittableRandom random, int count) {
    int[] ops = new int[count];
    int i = 0;
    while (i < count) {
      int n = Math.min(count - i, 1 + random.nextInt(40));
      boolean skip = random.nextInt(4) == 0;
      for (int k = 0; k < n; k++) {
        ops[i + k] = skip ? -n : n; // sign: skip; magnitude: batch length (same for the batch)
      }
      i += n;
    }
    return ops;
  }

  @Property(tries = 200)
  void deltaBinaryPackedLongs(@ForAll @IntRange(min = 0, max = 16) int sizeIndex,
      @ForAll @IntRange(min = 0, max = 4) int shape, @ForAll long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    int count = AWKWARD[sizeIndex];
    long[] values = longs(random, count, shape);
    DeltaBinaryPackingValuesWriterForLong w = new DeltaBinaryPackingValuesWriterForLong(128, 4, 64, 1 << 20, HEAP);
    for (long v : values) {
      w.writeLong(v);
    }
    byte[] page = bytes(w);
    DeltaBinaryPackedDecoder d = new DeltaBinaryPackedDecoder(page, 0, page.length, false);
    assertEquals(count, d.totalValues());
    assertEquals(page.length, d.endPosition(), "the stream ends where the writer stopped");
    int[] ops = plan(random, count);
    byte[] out = new byte[8 * 64];
    int i = 0;
    while (i < count) {
      int n = Math.abs(ops[i]);
      if (ops[i] < 0) {
        d.skip(n);
      } else {
        d.read(out, 0, n);
        ByteBuffer view = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < n; k++) {
          assertEquals(values[i + k], view.getLong(8 * k), "value " + (i + k));
        }
      }
      i += n;
    }
    assertThrows(ParquetCorruptionException.class, () -> d.read(out, 0, 1));
  }

  @Property(tries = 200)
  void deltaBinaryPackedInts(@ForAll @IntRange(min = 0, max = 16) int sizeIndex,
      @ForAll @IntRange(min = 0, max = 4) int shape, @ForAll long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    int count = AWKWARD[sizeIndex];
    long[] wide = longs(random, count, shape);
    DeltaBinaryPackingValuesWriterForInteger w =
        new DeltaBinaryPackingValuesWriterForInteger(128, 4, 64, 1 << 20, HEAP);
    for (long v : wide) {
      w.writeInteger((int) v);
    }
    byte[] page = bytes(w);
    DeltaBinaryPackedDecoder d = new DeltaBinaryPackedDecoder(page, 0, page.length, true);
    int[] got = new int[count];
    d.readInts(got, 0, count);
    for (int k = 0; k < count; k++) {
      assertEquals((int) wide[k], got[k], "value " + k);
    }
  }

  private static byte[][] strings(SplittableRandom random, int count) {
    byte[][] v = new byte[count][];
    byte[] previous = new byte[0];
    for (int i = 0; i < count; i++) {
      // share prefixes with the previous value often, as sorted strings do
      int keep = previous.length == 0 || random.nextInt(3) == 0 ? 0 : random.nextInt(previous.length + 1);
      byte[] suffix = new byte[random.nextInt(random.nextBoolean() ? 4 : 40)];
      random.nextBytes(suffix);
      v[i] = new byte[keep + suffix.length];
      System.arraycopy(previous, 0, v[i], 0, keep);
      System.arraycopy(suffix, 0, v[i], keep, suffix.length);
      previous = v[i];
    }
    return v;
  }

  private static void checkBinary(BinaryDecoder d, byte[][] values, SplittableRandom random) {
    int[] ops = plan(random, values.length);
    BinaryBatch batch = new BinaryBatch(1, 1);
    int i = 0;
    while (i < values.length) {
      int n = Math.abs(ops[i]);
      if (ops[i] < 0) {
        d.skip(n);
      } else {
        batch.reset();
        d.read(batch, n);
        for (int k = 0; k < n; k++) {
          assertArrayEquals(values[i + k],
              Arrays.copyOfRange(batch.data(), batch.offsets()[k], batch.offsets()[k + 1]), "value " + (i + k));
        }
      }
      i += n;
    }
  }

  @Property(tries = 150)
  void deltaLengthByteArray(@ForAll @IntRange(min = 0, max = 16) int sizeIndex, @ForAll long seed)
      throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    byte[][] values = strings(random, AWKWARD[sizeIndex]);
    DeltaLengthByteArrayValuesWriter w = new DeltaLengthByteArrayValuesWriter(64, 1 << 20, HEAP);
    for (byte[] v : values) {
      w.writeBytes(Binary.fromConstantByteArray(v));
    }
    byte[] page = bytes(w);
    checkBinary(new DeltaLengthByteArrayDecoder(page, 0, page.length), values, random);
  }

  @Property(tries = 150)
  void deltaByteArray(@ForAll @IntRange(min = 0, max = 16) int sizeIndex, @ForAll long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    byte[][] values = strings(random, AWKWARD[sizeIndex]);
    DeltaByteArrayWriter w = new DeltaByteArrayWriter(64, 1 << 20, HEAP);
    for (byte[] v : values) {
      w.writeBytes(Binary.fromConstantByteArray(v));
    }
    byte[] page = bytes(w);
    checkBinary(new DeltaByteArrayDecoder(page, 0, page.length), values, random);
  }

  @Property(tries = 100)
  void byteStreamSplitDoublesAndFixed(@ForAll @IntRange(min = 0, max = 16) int sizeIndex,
      @ForAll @IntRange(min = 1, max = 17) int fixedWidth, @ForAll long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    int count = AWKWARD[sizeIndex];
    double[] doubles = random.doubles(count).map(x -> x * 1e6 - 5e5).toArray();
    ValuesWriter w = new ByteStreamSplitValuesWriter.DoubleByteStreamSplitValuesWriter(64, 1 << 20, HEAP);
    for (double v : doubles) {
      w.writeDouble(v);
    }
    byte[] page = bytes(w);
    ByteStreamSplitDecoder d = new ByteStreamSplitDecoder(page, 0, page.length, 8);
    byte[] out = new byte[count * 8];
    boolean[] skipped = new boolean[count];
    int i = 0;
    while (i < count) { // random interleaving of read and skip
      int n = Math.min(count - i, 1 + random.nextInt(30));
      if (random.nextInt(4) == 0) {
        d.skip(n);
        java.util.Arrays.fill(skipped, i, i + n, true);
      } else {
        d.read(out, i * 8, n);
      }
      i += n;
    }
    ByteBuffer view = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    for (int k = 0; k < count; k++) {
      if (!skipped[k]) {
        assertEquals(Double.doubleToRawLongBits(doubles[k]), Double.doubleToRawLongBits(view.getDouble(8 * k)));
      }
    }
    byte[][] fixed = new byte[count][fixedWidth];
    ValuesWriter fw = new ByteStreamSplitValuesWriter.FixedLenByteArrayByteStreamSplitValuesWriter(fixedWidth, 64,
        1 << 20, HEAP);
    for (byte[] v : fixed) {
      random.nextBytes(v);
      fw.writeBytes(Binary.fromConstantByteArray(v));
    }
    byte[] fpage = bytes(fw);
    ByteStreamSplitDecoder fd = new ByteStreamSplitDecoder(fpage, 0, fpage.length, fixedWidth);
    byte[] fout = new byte[count * fixedWidth];
    fd.read(fout, 0, count);
    for (int k = 0; k < count; k++) {
      assertArrayEquals(fixed[k], Arrays.copyOfRange(fout, k * fixedWidth, (k + 1) * fixedWidth));
    }
  }

  /**
   * Streams the spec allows that writers rarely produce (Encodings.md: the bit widths of miniblocks past the last
   * value "should be zero, but readers must accept arbitrary values"; a final miniblock may lack its padding) decode
   * through {@code read}, {@code skip} and {@code readInts} alike. The miniblock-at-a-time read and skip once counted
   * one delta too many here and refused both (review).
   */
  @Test
  void unusedMiniblockWidthsAndACutFinalMiniblockAreAccepted() {
    // 33 INT32 values 0..32: one block of 4 miniblocks of 32, min delta 1, miniblock 0 of width 0, the unused
    // miniblocks' widths 255
    byte[] garbageWidths = {(byte) 0x80, 0x01, 0x04, 0x21, 0x00, 0x02, 0x00, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
    // 10 values 0..9: min delta 0, width 8, nine delta bytes of 1, the final miniblock's padding cut off
    byte[] cutPadding = {(byte) 0x80, 0x01, 0x04, 0x0A, 0x00, 0x00, 0x08, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    for (byte[] stream : new byte[][] {garbageWidths, cutPadding}) {
      int n = stream == garbageWidths ? 33 : 10;
      byte[] out = new byte[4 * n];
      new DeltaBinaryPackedDecoder(stream, 0, stream.length, true).read(out, 0, n);
      int[] ints = new int[n];
      new DeltaBinaryPackedDecoder(stream, 0, stream.length, true).readInts(ints, 0, n);
      for (int i = 0; i < n; i++) {
        assertEquals(i, ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).getInt(4 * i), "read value " + i);
        assertEquals(i, ints[i], "readInts value " + i);
      }
      for (int skip = 0; skip <= n; skip++) {
        DeltaBinaryPackedDecoder d = new DeltaBinaryPackedDecoder(stream, 0, stream.length, true);
        d.skip(skip);
        if (skip < n) {
          byte[] one = new byte[4];
          d.read(one, 0, 1);
          assertEquals(skip, ByteBuffer.wrap(one).order(ByteOrder.LITTLE_ENDIAN).getInt(), "value after " + skip);
        }
      }
    }
  }

  @Test
  void malformedDeltaHeadersAreCorruption() {
    // block size 100 (not a multiple of 128)
    byte[] badBlock = {100, 4, 1, 0};
    assertThrows(ParquetCorruptionException.class, () -> new DeltaBinaryPackedDecoder(badBlock, 0, 4, false));
    // 128-value blocks of 3 miniblocks (not a multiple of 32 values each)
    byte[] badMini = {(byte) 0x80, 0x01, 3, 1, 0};
    assertThrows(ParquetCorruptionException.class, () -> new DeltaBinaryPackedDecoder(badMini, 0, 5, false));
    // 200 values claimed, a miniblock bit width of 65
    byte[] wide = {(byte) 0x80, 0x01, 4, (byte) 0xC8, 0x01, 0, 0, 65, 0, 0, 0};
    DeltaBinaryPackedDecoder d = new DeltaBinaryPackedDecoder(wide, 0, wide.length, false);
    assertThrows(ParquetCorruptionException.class, () -> d.skip(5));
    // a prefix longer than the previous value
    byte[] prefix = {(byte) 0x80, 0x01, 4, 1, 10};
    assertThrows(ParquetCorruptionException.class, () -> new DeltaByteArrayDecoder(prefix, 0, prefix.length));
    // BYTE_STREAM_SPLIT page not a multiple of the width
    assertThrows(ParquetCorruptionException.class, () -> new ByteStreamSplitDecoder(new byte[7], 0, 7, 4));
  }
}
