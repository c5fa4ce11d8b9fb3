package dev.quiver.parquet.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.parquet.ParquetCorruptionException;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The dictionary gathers fused with the index decoding ({@link RleBitPackedHybridDecoder#nextStretch},
 * {@link DictionaryIndexReader#nextStretch}): indices encoded by parquet-java's RLE/bit-packed encoder, with runs
 * long enough to come out as repeated stretches, short runs between bit-packed values, and batch boundaries at
 * random places inside runs; the expected values are gathered here straight from the index array.
 */
class FusedDictionaryDecodingTest {

  /** Indices with long runs (repeated stretches), short runs and noise (bit-packed). */
  static int[] indices(SplittableRandom random, int count, int dictionarySize) {
    int[] values = new int[count];
    int i = 0;
    while (i < count) {
      int kind = random.nextInt(3);
      int run = kind == 0 ? 1 : kind == 1 ? 2 + random.nextInt(20) : 30 + random.nextInt(300);
      int v = random.nextInt(dictionarySize);
      for (int k = 0; k < run && i < count; k++) {
        values[i++] = run == 1 ? random.nextInt(dictionarySize) : v;
      }
    }
    return values;
  }

  static byte[] page(int[] indices, int bitWidth) throws IOException {
    byte[] rle = RleBitPackedHybridDecoderTest.encode(indices, bitWidth);
    byte[] page = new byte[rle.length + 1];
    page[0] = (byte) bitWidth;
    System.arraycopy(rle, 0, page, 1, rle.length);
    return page;
  }

  static int bitWidth(int dictionarySize) {
    return Math.max(1, 32 - Integer.numberOfLeadingZeros(dictionarySize - 1));
  }

  @Property(tries = 150)
  void stretchesReproduceTheValues(@ForAll @IntRange(min = 1, max = 20) int bitWidth,
      @ForAll @IntRange(min = 1, max = 3000) int count, @ForAll long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    int[] values = indices(random, count, 1 << bitWidth);
    byte[] encoded = RleBitPackedHybridDecoderTest.encode(values, bitWidth);
    RleBitPackedHybridDecoder decoder = new RleBitPackedHybridDecoder();
    decoder.init(encoded, 0, encoded.length, bitWidth);
    int[] scratch = new int[8 + random.nextInt(600)];
    int[] decoded = new int[count];
    int done = 0;
    boolean sawRepeated = false;
    while (done < count) {
      int max = Math.min(count - done, 1 + random.nextInt(700));
      int n = decoder.nextStretch(scratch, max);
      assertTrue(n >= 1 && n <= max, "stretch of " + n + " for at most " + max);
      if (decoder.stretchRepeated()) {
        sawRepeated = true;
        Arrays.fill(decoded, done, done + n, decoder.stretchValue());
      } else {
        assertTrue(n <= scratch.length);
        System.arraycopy(scratch, 0, decoded, done, n);
      }
      done += n;
    }
    assertArrayEquals(values, decoded);
    if (count > 2000 && bitWidth > 1) {
      assertTrue(sawRepeated, "long runs come out as repeated stretches");
    }
  }

  @Property(tries = 150)
  void fixedWidthGathersMatchTheIndices(@ForAll @IntRange(min = 0, max = 4) int widthIndex,
      @ForAll @IntRange(min = 1, max = 5000) int dictionarySize, @ForAll @IntRange(min = 1, max = 4000) int count,
      @ForAll long seed) throws IOException {
    int width = new int[] {4, 8, 16, 3, 12}[widthIndex];
    SplittableRandom random = new SplittableRandom(seed);
    int[] idx = indices(random, count, dictionarySize);
    byte[] page = page(idx, bitWidth(dictionarySize));
    byte[] dictionary = new byte[dictionarySize * width];
    random.nextBytes(dictionary);
    DictionaryFixedWidthDecoder decoder = new DictionaryFixedWidthDecoder(page, 0, page.length, dictionary,
        dictionarySize, width);
    byte[] out = new byte[count * width + 5];
    byte[] expected = new byte[count * width + 5];
    int done = 0;
    while (done < count) { // batch boundaries fall inside runs; skips mixed in
      int n = Math.min(count - done, 1 + random.nextInt(900));
      if (random.nextInt(4) == 0) {
        decoder.skip(n);
      } else {
        decoder.read(out, 5 + done * width, n);
        for (int i = done; i < done + n; i++) {
          System.arraycopy(dictionary, idx[i] * width, expected, 5 + i * width, width);
        }
      }
      done += n;
    }
    assertArrayEquals(expected, out);
  }

  @Property(tries = 100)
  void binaryGathersMatchTheIndices(@ForAll @IntRange(min = 1, max = 3000) int dictionarySize,
      @ForAll @IntRange(min = 0, max = 60) int longest, @ForAll @IntRange(min = 1, max = 4000) int count,
      @ForAll boolean uniform, @ForAll long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    BinaryBatch dictionary = new BinaryBatch(dictionarySize, 16);
    byte[][] entries = new byte[dictionarySize][];
    int sharedLength = random.nextInt(Math.min(longest, 8) + 1); // uniform entries: flags such as a return flag
    for (int d = 0; d < dictionarySize; d++) {
      entries[d] = new byte[uniform ? sharedLength : random.nextInt(longest + 1)];
      random.nextBytes(entries[d]);
      dictionary.append(entries[d], 0, entries[d].length);
    }
    int[] idx = indices(random, count, dictionarySize);
    byte[] page = page(idx, bitWidth(dictionarySize));
    DictionaryBinaryDecoder decoder = new DictionaryBinaryDecoder(page, 0, page.length, dictionary);
    BinaryBatch out = new BinaryBatch(1, 16);
    java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
    int expectedCount = 0;
    int done = 0;
    while (done < count) {
      int n = Math.min(count - done, 1 + random.nextInt(900));
      if (random.nextInt(4) == 0) {
        decoder.skip(n);
      } else {
        decoder.read(out, n);
        for (int i = done; i < done + n; i++) {
          expected.write(entries[idx[i]], 0, entries[idx[i]].length);
          expectedCount++;
          assertEquals(expected.size(), out.offsets()[expectedCount], "end of value " + i);
        }
      }
      done += n;
    }
    assertEquals(expectedCount, out.count());
    assertArrayEquals(expected.toByteArray(), Arrays.copyOf(out.data(), out.byteLength()));
  }

  /** Pages whose out-of-range index sits in a long RLE run, a short run, or a bit-packed group. */
  @Test
  void outOfRangeIndicesInEveryKindOfStretchAreCorruption() throws IOException {
    int size = 5;
    int[][] cases = {
        repeat(7, 100), // a long RLE run of a bad index: one repeated stretch
        concat(repeat(1, 50), repeat(6, 3), repeat(2, 40)), // a bad index bit-packed between long runs
        concat(repeat(1, 50), repeat(6, 12), repeat(2, 40)), // a short RLE run (8 to 31 repeats) of a bad index
        concat(new int[] {0, 1, 2, 3, 4, 0, 1, 7}, repeat(3, 64)), // a bit-packed group
    };
    BinaryBatch dictionary = new BinaryBatch(size, 16);
    for (int d = 0; d < size; d++) {
      dictionary.append(new byte[] {(byte) d, 1, 2}, 0, 3);
    }
    for (int[] idx : cases) {
      byte[] page = page(idx, 3);
      DictionaryFixedWidthDecoder fixed = new DictionaryFixedWidthDecoder(page, 0, page.length, new byte[size * 8],
          size, 8);
      ParquetCorruptionException e = assertThrows(ParquetCorruptionException.class,
          () -> fixed.read(new byte[idx.length * 8], 0, idx.length));
      assertTrue(e.getMessage().contains("out of range for a dictionary of 5"), e.getMessage());
      DictionaryBinaryDecoder binary = new DictionaryBinaryDecoder(page, 0, page.length, dictionary);
      assertThrows(ParquetCorruptionException.class, () -> binary.read(new BinaryBatch(1, 16), idx.length));
      DictionaryIndexReader reader = new DictionaryIndexReader(page, 0, page.length, size);
      assertThrows(ParquetCorruptionException.class, () -> reader.read(idx.length));
    }
  }

  /**
   * The documented contract of skipping and selective reads: skipped and unselected indices are not checked against
   * the dictionary size (an out-of-range one among them is not reported); selected ones are, and gather the right
   * entries.
   */
  @Test
  void onlySelectedIndicesAreChecked() throws IOException {
    int size = 5;
    int[][] cases = {
        concat(repeat(1, 50), repeat(6, 3), repeat(2, 40)),
        concat(repeat(1, 50), repeat(6, 12), repeat(2, 40)),
        concat(new int[] {0, 1, 2, 3, 4, 0, 1, 7}, repeat(3, 64)),
    };
    byte[] dictionary = new byte[size * 4];
    for (int d = 0; d < size; d++) {
      dictionary[d * 4] = (byte) (10 + d);
    }
    for (int[] idx : cases) {
      byte[] page = page(idx, 3);
      new DictionaryIndexReader(page, 0, page.length, size).skip(idx.length); // no exception
      int[] good = new int[idx.length];
      int count = 0;
      int bad = -1;
      for (int i = 0; i < idx.length; i++) {
        if (idx[i] < size) {
          good[count++] = i;
        } else if (bad < 0) {
          bad = i;
        }
      }
      DictionaryFixedWidthDecoder fixed = new DictionaryFixedWidthDecoder(page, 0, page.length, dictionary, size, 4);
      byte[] out = new byte[count * 4];
      fixed.readSelected(out, 0, 4, good, 0, count, idx.length);
      for (int i = 0; i < count; i++) {
        assertEquals(10 + idx[good[i]], out[i * 4], "selected position " + good[i]);
      }
      int[] withBad = {bad};
      DictionaryFixedWidthDecoder again = new DictionaryFixedWidthDecoder(page, 0, page.length, dictionary, size, 4);
      assertThrows(ParquetCorruptionException.class,
          () -> again.readSelected(new byte[4], 0, 4, withBad, 0, 1, idx.length));
    }
  }

  /**
   * Entries wider than 64 bytes keep the indices' check pass: at 512 bytes an index of 2^23 (bit width 24) times the
   * width wraps around 2^32 to offset 0, which the JVM's bounds check would let through as entry 0.
   */
  @Test
  void outOfRangeIndicesOfWideEntriesAreCorruptionNotAWrappedOffset() throws IOException {
    int width = 512;
    byte[] dictionary = new byte[2 * width];
    java.util.Arrays.fill(dictionary, 0, width, (byte) 17);
    java.util.Arrays.fill(dictionary, width, 2 * width, (byte) 34);
    int[] idx = concat(new int[] {1 << 23, (1 << 23) + 1, 0, 1, 0, 1, 0, 1}, repeat(1, 8));
    byte[] page = page(idx, 24);
    DictionaryFixedWidthDecoder fixed = new DictionaryFixedWidthDecoder(page, 0, page.length, dictionary, 2, width);
    ParquetCorruptionException e = assertThrows(ParquetCorruptionException.class,
        () -> fixed.read(new byte[idx.length * width], 0, idx.length));
    assertTrue(e.getMessage().contains("8388608"), e.getMessage());
  }

  @Test
  void aPageHoldingFewerIndicesThanAskedIsCorruption() throws IOException {
    byte[] page = page(repeat(2, 40), 2);
    DictionaryFixedWidthDecoder decoder = new DictionaryFixedWidthDecoder(page, 0, page.length, new byte[16], 4, 4);
    assertThrows(ParquetCorruptionException.class, () -> decoder.read(new byte[41 * 4], 0, 41));
  }

  private static int[] repeat(int value, int n) {
    int[] a = new int[n];
    Arrays.fill(a, value);
    return a;
  }

  private static int[] concat(int[]... parts) {
    int total = 0;
    for (int[] p : parts) {
      total += p.length;
    }
    int[] all = new int[total];
    int at = 0;
    for (int[] p : parts) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    return all;
  }
}
