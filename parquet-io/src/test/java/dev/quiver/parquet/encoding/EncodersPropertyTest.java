package dev.quiver.parquet.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.column.values.bytestreamsplit.ByteStreamSplitValuesReaderForDouble;
import org.apache.parquet.column.values.bytestreamsplit.ByteStreamSplitValuesReaderForFLBA;
import org.apache.parquet.column.values.bytestreamsplit.ByteStreamSplitValuesReaderForInteger;
import org.apache.parquet.column.values.bytestreamsplit.ByteStreamSplitValuesReaderForLong;
import org.apache.parquet.column.values.delta.DeltaBinaryPackingValuesReader;
import org.apache.parquet.column.values.deltalengthbytearray.DeltaLengthByteArrayValuesReader;
import org.apache.parquet.column.values.deltastrings.DeltaByteArrayReader;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder;

/**
 * Every encoder's output decoded by Quiver's decoder and by parquet-java's (its {@code ValuesReader} classes and
 * RLE decoder) equals the input: awkward sizes (0, 1, 7, 8, 9, 31, 32, 33, 127, 128, 129, ...), bit widths 0 to 32
 * for the RLE/bit-packed hybrid and 0 to 64 for DELTA_BINARY_PACKED deltas, runs and noise mixed.
 */
class EncodersPropertyTest {

  @Provide
  Arbitrary<Integer> sizes() {
    return Arbitraries.oneOf(Arbitraries.of(0, 1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 1000),
        Arbitraries.integers().between(0, 3000));
  }

  @Property(tries = 200)
  void rleBitPackedHybrid(@ForAll("sizes") int n, @ForAll @IntRange(min = 0, max = 32) int bitWidth,
      @ForAll long seed) throws Exception {
    Random r = new Random(seed);
    int[] values = new int[n];
    long max = bitWidth == 32 ? 0xFFFFFFFFL : (1L << bitWidth) - 1;
    for (int i = 0; i < n; i++) {
      if (i > 0 && r.nextInt(3) == 0) {
        int run = r.nextInt(20);
        for (int k = 0; k < run && i < n; k++, i++) {
          values[i] = values[i - 1];
        }
        if (i >= n) {
          break;
        }
      }
      values[i] = (int) (max == 0 ? 0 : (r.nextLong() & max));
    }
    ByteSink out = new ByteSink(16);
    RleBitPackedHybridEncoder.encode(values, 0, n, bitWidth, out);
    RleBitPackedHybridDecoder ours = new RleBitPackedHybridDecoder();
    ours.init(out.array(), 0, out.size(), bitWidth);
    int[] decoded = new int[n];
    ours.read(decoded, 0, n);
    assertArrayEquals(values, decoded);
    RunLengthBitPackingHybridDecoder theirs = new RunLengthBitPackingHybridDecoder(bitWidth,
        new ByteArrayInputStream(out.toByteArray()));
    for (int i = 0; i < n; i++) {
      assertEquals(values[i], theirs.readInt(), "value " + i);
    }
  }

  @Property(tries = 200)
  void deltaBinaryPackedLongs(@ForAll("sizes") int n, @ForAll @IntRange(min = 0, max = 64) int deltaBits,
      @ForAll long seed) throws Exception {
    Random r = new Random(seed);
    long[] values = new long[n];
    long v = r.nextLong();
    for (int i = 0; i < n; i++) {
      values[i] = v;
      long delta = deltaBits == 64 ? r.nextLong() : deltaBits == 0 ? 0 : r.nextLong() >>> (64 - deltaBits);
      v += r.nextBoolean() ? delta : -delta;
    }
    ByteSink out = new ByteSink(16);
    DeltaBinaryPackedEncoder.encodeLongs(values, 0, n, out);
    DeltaBinaryPackedDecoder ours = new DeltaBinaryPackedDecoder(out.array(), 0, out.size(), false);
    byte[] decoded = new byte[n * 8];
    ours.read(decoded, 0, n);
    long[] back = new long[n];
    ByteBuffer.wrap(decoded).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(back);
    assertArrayEquals(values, back);
    DeltaBinaryPackingValuesReader theirs = new DeltaBinaryPackingValuesReader();
    theirs.initFromPage(n, ByteBufferInputStream.wrap(ByteBuffer.wrap(out.toByteArray())));
    for (int i = 0; i < n; i++) {
      assertEquals(values[i], theirs.readLong(), "value " + i);
    }
  }

  @Property(tries = 200)
  void deltaBinaryPackedInts(@ForAll("sizes") int n, @ForAll @IntRange(min = 0, max = 32) int deltaBits,
      @ForAll long seed) throws Exception {
    Random r = new Random(seed);
    int[] values = new int[n];
    int v = r.nextInt();
    for (int i = 0; i < n; i++) {
      values[i] = v;
      int delta = deltaBits == 0 ? 0 : (int) (r.nextLong() >>> (64 - deltaBits));
      v += r.nextBoolean() ? delta : -delta;
    }
    ByteSink out = new ByteSink(16);
    DeltaBinaryPackedEncoder.encodeInts(values, 0, n, out);
    DeltaBinaryPackedDecoder ours = new DeltaBinaryPackedDecoder(out.array(), 0, out.size(), true);
    int[] back = new int[n];
    ours.readInts(back, 0, n);
    assertArrayEquals(values, back);
    DeltaBinaryPackingValuesReader theirs = new DeltaBinaryPackingValuesReader();
    theirs.initFromPage(n, ByteBufferInputStream.wrap(ByteBuffer.wrap(out.toByteArray())));
    for (int i = 0; i < n; i++) {
      assertEquals(values[i], theirs.readInteger(), "value " + i);
    }
  }

  private static byte[][] binaries(int n, Random r, int fixedWidth) {
    byte[][] values = new byte[n][];
    for (int i = 0; i < n; i++) {
      if (i > 0 && r.nextInt(3) == 0) {
        byte[] prev = values[i - 1];
        byte[] b = fixedWidth > 0 ? prev.clone() : Arrays.copyOf(prev, r.nextInt(prev.length + 5));
        if (b.length > 0) {
          b[b.length - 1] ^= (byte) r.nextInt(3);
        }
        values[i] = b;
      } else {
        values[i] = new byte[fixedWidth > 0 ? fixedWidth : r.nextInt(r.nextInt(10) == 0 ? 300 : 12)];
        r.nextBytes(values[i]);
      }
    }
    return values;
  }

  private static int[] offsets(byte[][] values, ByteSink data) {
    int[] offsets = new int[values.length + 1];
    for (int i = 0; i < values.length; i++) {
      data.write(values[i], 0, values[i].length);
      offsets[i + 1] = data.size();
    }
    return offsets;
  }

  @Property(tries = 150)
  void deltaLengthByteArray(@ForAll("sizes") int n, @ForAll long seed) throws Exception {
    byte[][] values = binaries(n, new Random(seed), 0);
    ByteSink data = new ByteSink(16);
    int[] offsets = offsets(values, data);
    ByteSink out = new ByteSink(16);
    DeltaLengthByteArrayEncoder.encode(data.array(), offsets, 0, n, out);
    BinaryBatch batch = new BinaryBatch(8, 8);
    new DeltaLengthByteArrayDecoder(out.array(), 0, out.size()).read(batch, n);
    assertBinaries(values, batch);
    DeltaLengthByteArrayValuesReader theirs = new DeltaLengthByteArrayValuesReader();
    theirs.initFromPage(n, ByteBufferInputStream.wrap(ByteBuffer.wrap(out.toByteArray())));
    for (int i = 0; i < n; i++) {
      assertArrayEquals(values[i], theirs.readBytes().getBytes(), "value " + i);
    }
  }

  @Property(tries = 150)
  void deltaByteArray(@ForAll("sizes") int n, @ForAll long seed) throws Exception {
    byte[][] values = binaries(n, new Random(seed), 0);
    ByteSink data = new ByteSink(16);
    int[] offsets = offsets(values, data);
    ByteSink out = new ByteSink(16);
    DeltaByteArrayEncoder.encode(data.array(), offsets, 0, n, out);
    BinaryBatch batch = new BinaryBatch(8, 8);
    new DeltaByteArrayDecoder(out.array(), 0, out.size()).read(batch, n);
    assertBinaries(values, batch);
    DeltaByteArrayReader theirs = new DeltaByteArrayReader();
    theirs.initFromPage(n, ByteBufferInputStream.wrap(ByteBuffer.wrap(out.toByteArray())));
    for (int i = 0; i < n; i++) {
      assertArrayEquals(values[i], theirs.readBytes().getBytes(), "value " + i);
    }
  }

  private static void assertBinaries(byte[][] values, BinaryBatch batch) {
    assertEquals(values.length, batch.count());
    for (int i = 0; i < values.length; i++) {
      assertArrayEquals(values[i], Arrays.copyOfRange(batch.data(), batch.offsets()[i], batch.offsets()[i + 1]),
          "value " + i);
    }
  }

  @Property(tries = 150)
  void byteStreamSplit(@ForAll("sizes") int n, @ForAll("widths") int width, @ForAll long seed) throws Exception {
    Random r = new Random(seed);
    byte[] plain = new byte[n * width];
    r.nextBytes(plain);
    ByteSink out = new ByteSink(16);
    ByteStreamSplitEncoder.encode(plain, 0, n, width, out);
    byte[] decoded = new byte[n * width];
    new ByteStreamSplitDecoder(out.array(), 0, out.size(), width).read(decoded, 0, n);
    assertArrayEquals(plain, decoded);
    ByteBuffer page = ByteBuffer.wrap(out.toByteArray());
    ByteBuffer expected = ByteBuffer.wrap(plain).order(ByteOrder.LITTLE_ENDIAN);
    if (width == 4) {
      ByteStreamSplitValuesReaderForInteger theirs = new ByteStreamSplitValuesReaderForInteger();
      theirs.initFromPage(n, ByteBufferInputStream.wrap(page));
      for (int i = 0; i < n; i++) {
        assertEquals(expected.getInt(4 * i), theirs.readInteger());
      }
    } else if (width == 8) {
      ByteStreamSplitValuesReaderForLong theirs = new ByteStreamSplitValuesReaderForLong();
      theirs.initFromPage(n, ByteBufferInputStream.wrap(page));
      ByteStreamSplitValuesReaderForDouble doubles = new ByteStreamSplitValuesReaderForDouble();
      doubles.initFromPage(n, ByteBufferInputStream.wrap(ByteBuffer.wrap(out.toByteArray())));
      for (int i = 0; i < n; i++) {
        assertEquals(expected.getLong(8 * i), theirs.readLong());
        assertEquals(Double.doubleToRawLongBits(expected.getDouble(8 * i)),
            Double.doubleToRawLongBits(doubles.readDouble()));
      }
    } else {
      ByteStreamSplitValuesReaderForFLBA theirs = new ByteStreamSplitValuesReaderForFLBA(width);
      theirs.initFromPage(n, ByteBufferInputStream.wrap(page));
      for (int i = 0; i < n; i++) {
        assertArrayEquals(Arrays.copyOfRange(plain, i * width, (i + 1) * width), theirs.readBytes().getBytes());
      }
    }
  }

  @Provide
  Arbitrary<Integer> widths() {
    return Arbitraries.of(1, 2, 3, 4, 5, 8, 12, 16);
  }
}
