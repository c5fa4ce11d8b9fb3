package dev.quiver.parquet.encoding;

/**
 * The RLE/bit-packed hybrid encoding (Encodings.md, "Run Length Encoding / Bit-Packing Hybrid") of non-negative ints
 * of a fixed bit width (0 to 32): repetition and definition levels, dictionary indices, and booleans in RLE. A run of
 * eight or more equal values becomes an RLE run; everything else goes into bit-packed runs of groups of eight,
 * the last group padded with zeros (readers know the value count from the page).
 *
 * <p>Output has no length prefix; callers add the 4-byte one where the page format wants it (v1 levels, booleans).
 */
public final class RleBitPackedHybridEncoder {
  private RleBitPackedHybridEncoder() {}

  /** The number of bits needed for values up to {@code maxValue} ({@code 0} for 0). */
  public static int bitWidth(long maxValue) {
    return 64 - Long.numberOfLeadingZeros(maxValue);
  }

  /**
   * Appends the encoding of {@code values[offset, offset + count)} to {@code out}.
   *
   * @throws IllegalArgumentException when {@code bitWidth} is outside 0..32
   */
  public static void encode(int[] values, int offset, int count, int bitWidth, ByteSink out) {
    if (bitWidth < 0 || bitWidth > 32) {
      throw new IllegalArgumentException("bit width must be 0..32, got " + bitWidth);
    }
    int valueBytes = (bitWidth + 7) >>> 3;
    int end = offset + count;
    int i = offset;
    BitWriter bits = new BitWriter(out);
    while (i < end) {
      int run = runLength(values, i, end);
      if (run >= 8) {
        out.writeUnsignedVarint((long) run << 1);
        out.writeLittleEndian(values[i] & 0xFFFFFFFFL, valueBytes);
        i += run;
        continue;
      }
      // bit-packed groups of eight until a run of eight equal values starts at a group boundary
      int start = i;
      int j = i + 8;
      while (j < end && !repeatsEight(values, j, end)) {
        j += 8;
      }
      int groups = (Math.min(j, end) - start + 7) >>> 3;
      out.writeUnsignedVarint(((long) groups << 1) | 1);
      int packedEnd = start + groups * 8;
      for (int k = start; k < packedEnd; k++) {
        bits.write(k < end ? values[k] & 0xFFFFFFFFL : 0, bitWidth);
      }
      bits.flush();
      i = Math.min(packedEnd, end);
    }
  }

  private static int runLength(int[] v, int i, int end) {
    int x = v[i];
    int j = i + 1;
    while (j < end && v[j] == x) {
      j++;
    }
    return j - i;
  }

  private static boolean repeatsEight(int[] v, int j, int end) {
    if (j + 8 > end) {
      return false;
    }
    int x = v[j];
    for (int k = j + 1; k < j + 8; k++) {
      if (v[k] != x) {
        return false;
      }
    }
    return true;
  }
}
