package dev.quiver.parquet.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quiver.columnar.Bitmaps;
import dev.quiver.parquet.ParquetCorruptionException;
import java.io.IOException;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.junit.jupiter.api.Test;

/**
 * The RLE/bit-packed hybrid decoder against parquet-java's encoder: random values of every bit width 0..32, awkward
 * counts, runs mixed with literals, read back in random batch sizes.
 */
class RleBitPackedHybridDecoderTest {
  private static final int[] AWKWARD = {0, 1, 7, 8, 9, 31, 32, 33, 127, 128, 129, 511, 512, 513, 1000};

  static byte[] encode(int[] values, int bitWidth) throws IOException {
    RunLengthBitPackingHybridEncoder encoder = new RunLengthBitPackingHybridEncoder(bitWidth, 64, 1 << 20,
        new HeapByteBufferAllocator());
    for (int v : values) {
      encoder.writeInt(v);
    }
    return encoder.toBytes().toByteArray();
  }

  static int[] randomValues(SplittableRandom random, int count, int bitWidth) {
    int[] values = new int[count];
    long bound = 1L << bitWidth;
    int i = 0;
    while (i < count) {
      int v = (int) (random.nextLong() & (bound - 1));
      // alternate repeated runs (RLE) with noise (bit-packed)
      int run = random.nextBoolean() ? 1 + random.nextInt(40) : 1;
      for (int k = 0; k < run && i < count; k++) {
        values[i++] = run == 1 ? (int) (random.nextLong() & (bound - 1)) : v;
      }
    }
    return values;
  }

  @Property(tries = 300)
  void decodesWhatParquetJavaEncodes(@ForAll @IntRange(min = 0, max = 32) int bitWidth,
      @ForAll @IntRange(min = 0, max = 14) int sizeIndex, @ForAll long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    int count = AWKWARD[sizeIndex];
    int[] values = randomValues(random, count, bitWidth);
    byte[] encoded = encode(values, bitWidth);
    RleBitPackedHybridDecoder decoder = new RleBitPackedHybridDecoder();
    decoder.init(encoded, 0, encoded.length, bitWidth);
    int[] decoded = new int[count];
    int[] expected = values.clone();
    int done = 0;
    while (done < count) {
      int n = Math.min(count - done, 1 + random.nextInt(70));
      if (random.nextInt(3) == 0) {
        decoder.skip(n); // random interleaving of read and skip
        java.util.Arrays.fill(expected, done, done + n, -1);
        java.util.Arrays.fill(decoded, done, done + n, -1);
      } else {
        decoder.read(decoded, done, n);
      }
      done += n;
    }
    assertArrayEquals(expected, decoded);
  }

  /**
   * {@code gather} (selected values cut out of the packed bytes) mixed with reads and skips, against the values
   * parquet-java encoded, at densities from one in a hundred to all. The data sits inside a larger array, with
   * garbage bytes after it that a load near the end reaches and must mask off; half the cases drop the padding
   * bytes of the last bit-packed group, which must then read as zeros, as {@code read} gives them.
   */
  @Property(tries = 400)
  void gatherCutsOutTheSelectedValues(@ForAll @IntRange(min = 0, max = 32) int bitWidth,
      @ForAll @IntRange(min = 0, max = 14) int sizeIndex, @ForAll long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    int count = AWKWARD[sizeIndex] + random.nextInt(3000);
    int[] values = randomValues(random, count, bitWidth);
    boolean cutShort = random.nextBoolean() && bitWidth > 0 && count % 8 != 0;
    byte[] encoded = cutShort ? packedTrimmed(values, bitWidth) : encode(values, bitWidth);
    int offset = random.nextInt(5);
    byte[] page = new byte[offset + encoded.length + random.nextInt(12)];
    random.nextBytes(page);
    System.arraycopy(encoded, 0, page, offset, encoded.length);
    RleBitPackedHybridDecoder reference = new RleBitPackedHybridDecoder();
    reference.init(page, offset, encoded.length, bitWidth);
    int[] expected = new int[count];
    reference.read(expected, 0, count);
    assertArrayEquals(values, expected);
    RleBitPackedHybridDecoder decoder = new RleBitPackedHybridDecoder();
    decoder.init(page, offset, encoded.length, bitWidth);
    double[] densities = {0.01, 0.05, 0.2, 1.0};
    int done = 0;
    while (done < count) {
      int span = Math.min(count - done, 1 + random.nextInt(random.nextBoolean() ? 20 : 900));
      int kind = random.nextInt(4);
      if (kind == 0) {
        decoder.skip(span);
      } else if (kind == 1) {
        int[] got = new int[span];
        decoder.read(got, 0, span);
        for (int i = 0; i < span; i++) {
          assertEquals(expected[done + i], got[i], "read at " + (done + i));
        }
      } else {
        double density = densities[random.nextInt(densities.length)];
        int from = random.nextInt(3);
        int[] positions = new int[from + span];
        int n = 0;
        for (int i = 0; i < span; i++) {
          if (random.nextDouble() < density) {
            positions[from + n++] = i;
          }
        }
        int[] got = new int[n];
        decoder.gather(positions, from, n, span, got);
        for (int i = 0; i < n; i++) {
          assertEquals(expected[done + positions[from + i]], got[i], "gather (" + n + " of " + span + ") at "
              + (done + positions[from + i]) + ", width " + bitWidth + (cutShort ? ", padding dropped" : ""));
        }
      }
      done += span;
    }
    // both stand after the same runs and groups
    assertEquals(reference.position(), decoder.position());
  }

  /**
   * One bit-packed run holding {@code values} (Encodings.md: values packed from the least significant bit, groups
   * of 8, the last padded with zeros), with the padding bytes after the last value's last bit dropped, as some
   * writers do.
   */
  private static byte[] packedTrimmed(int[] values, int bitWidth) {
    int groups = (values.length + 7) / 8;
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    int header = groups << 1 | 1;
    while ((header & ~0x7F) != 0) {
      out.write((header & 0x7F) | 0x80);
      header >>>= 7;
    }
    out.write(header);
    byte[] packed = new byte[groups * bitWidth];
    for (int i = 0; i < values.length; i++) {
      for (int b = 0; b < bitWidth; b++) {
        if ((values[i] >>> b & 1) != 0) {
          long bit = (long) i * bitWidth + b;
          packed[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
        }
      }
    }
    int used = (int) (((long) values.length * bitWidth + 7) / 8);
    out.write(packed, 0, used);
    return out.toByteArray();
  }

  @Property(tries = 200)
  void validityMatchesLevelsEqualToTheMaximum(@ForAll @IntRange(min = 1, max = 3) int bitWidth,
      @ForAll @IntRange(min = 0, max = 14) int sizeIndex, @ForAll long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    int count = AWKWARD[sizeIndex];
    int maxLevel = (1 << bitWidth) - 1;
    int[] levels = randomValues(random, count, bitWidth);
    byte[] encoded = encode(levels, bitWidth);
    RleBitPackedHybridDecoder decoder = new RleBitPackedHybridDecoder();
    decoder.init(encoded, 0, encoded.length, bitWidth);
    int offset = random.nextInt(9); // start mid-byte, as a batch continuing after another page does
    byte[] validity = new byte[(offset + count + 7) / 8 + 1];
    int nonNull = 0;
    int done = 0;
    while (done < count) {
      int n = Math.min(count - done, 1 + random.nextInt(70));
      nonNull += decoder.readValidity(validity, offset + done, n, maxLevel, new int[16]);
      done += n;
    }
    int expectedNonNull = 0;
    for (int i = 0; i < count; i++) {
      boolean valid = levels[i] == maxLevel;
      expectedNonNull += valid ? 1 : 0;
      assertEquals(valid, Bitmaps.get(validity, offset + i), "level " + i);
    }
    assertEquals(expectedNonNull, nonNull);
  }

  @Test
  void readingPastTheDataIsCorruption() throws IOException {
    byte[] encoded = encode(new int[] {1, 2, 3}, 2);
    RleBitPackedHybridDecoder decoder = new RleBitPackedHybridDecoder();
    decoder.init(encoded, 0, encoded.length, 2);
    int[] out = new int[100];
    decoder.read(out, 0, 8); // the literal run is padded to a group of 8
    assertThrows(ParquetCorruptionException.class, () -> decoder.read(out, 8, 1));
  }

  @Test
  void runHeadersClaimingMoreBytesThanExistAreCorruption() {
    // a bit-packed run header of 1000 groups at width 5 with 3 bytes of data
    byte[] data = {(byte) 0xD1, 0x0F, 1, 2, 3};
    RleBitPackedHybridDecoder decoder = new RleBitPackedHybridDecoder();
    decoder.init(data, 0, data.length, 5);
    assertThrows(ParquetCorruptionException.class, () -> decoder.read(new int[8], 0, 8));
    // an RLE run whose value is wider than the bit width
    byte[] wide = {0x08, (byte) 0xFF};
    decoder.init(wide, 0, wide.length, 3);
    assertThrows(ParquetCorruptionException.class, () -> decoder.read(new int[4], 0, 4));
    assertThrows(ParquetCorruptionException.class, () -> decoder.init(wide, 0, 2, 33));
  }

  @Test
  void gatherAcrossARunOfNearly2To31ValuesAtWidthZero() {
    // an RLE run of 10 zeros, then the largest bit-packed run at width 0 (2^28 - 1 groups): a reviewer's finding,
    // the run's end position overflowed and gather read on past the data
    byte[] data = {20, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01};
    RleBitPackedHybridDecoder decoder = new RleBitPackedHybridDecoder();
    decoder.init(data, 0, data.length, 0);
    int[] got = {-1, -1};
    decoder.gather(new int[] {3, 15}, 0, 2, 30, got);
    assertArrayEquals(new int[] {0, 0}, got);
    RleBitPackedHybridDecoder reference = new RleBitPackedHybridDecoder();
    reference.init(data, 0, data.length, 0);
    reference.read(new int[30], 0, 30);
    assertEquals(reference.position(), decoder.position());
    int[] next = {-1};
    decoder.read(next, 0, 1);
    assertEquals(0, next[0]);
  }

  @Test
  void bitPackedRunsOfMoreThanIntegerValuesAreCorruptionAtWidthZero() {
    // header 2^29 + 1: a bit-packed run of 2^28 groups, 2^31 values, which no byte count limits at width 0 (a
    // reviewer's finding: the value count overflowed and a fill failed with IllegalArgumentException)
    byte[] data = {(byte) 0x81, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x02};
    RleBitPackedHybridDecoder decoder = new RleBitPackedHybridDecoder();
    decoder.init(data, 0, data.length, 0);
    assertThrows(ParquetCorruptionException.class, () -> decoder.read(new int[16], 0, 16));
    decoder.init(data, 0, data.length, 0);
    assertThrows(ParquetCorruptionException.class, () -> decoder.skip(16));
    // the largest run that fits is fine: 2^28 - 1 groups of nothing
    byte[] largest = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01};
    decoder.init(largest, 0, largest.length, 0);
    int[] out = new int[16];
    decoder.read(out, 0, 16);
    assertEquals(0, out[15]);
  }
}
