package dev.quiver.parquet.encoding;

/**
 * DELTA_BINARY_PACKED (Encodings.md): a header (block size 128, 4 miniblocks of 32 values, value count, first value),
 * then per block the minimum delta and each miniblock's deltas minus that minimum, bit-packed at the miniblock's
 * width (0 to 64). For INT32 columns deltas are taken in 32-bit wrapping arithmetic so that no width passes 32, as
 * parquet-java and arrow-rs write them; unused miniblocks of the last block get width 0 and no bytes.
 */
public final class DeltaBinaryPackedEncoder {
  static final int BLOCK = 128;
  static final int MINIBLOCKS = 4;
  static final int MINIBLOCK = BLOCK / MINIBLOCKS;

  private DeltaBinaryPackedEncoder() {}

  /** Appends the encoding of the INT32 values {@code values[offset, offset + count)}. */
  public static void encodeInts(int[] values, int offset, int count, ByteSink out) {
    long[] widened = new long[count];
    for (int i = 0; i < count; i++) {
      widened[i] = values[offset + i];
    }
    encode(widened, 0, count, true, out);
  }

  /** Appends the encoding of the INT64 values {@code values[offset, offset + count)}. */
  public static void encodeLongs(long[] values, int offset, int count, ByteSink out) {
    encode(values, offset, count, false, out);
  }

  /**
   * Appends the encoding of {@code values[offset, offset + count)}; with {@code int32} the values must be ints
   * and deltas wrap at 32 bits.
   */
  public static void encode(long[] values, int offset, int count, boolean int32, ByteSink out) {
    out.writeUnsignedVarint(BLOCK);
    out.writeUnsignedVarint(MINIBLOCKS);
    out.writeUnsignedVarint(count);
    out.writeZigZagVarint(count == 0 ? 0 : values[offset]);
    if (count <= 1) {
      return;
    }
    long[] deltas = new long[BLOCK];
    int[] widths = new int[MINIBLOCKS];
    BitWriter bits = new BitWriter(out);
    long prev = values[offset];
    int i = offset + 1;
    int end = offset + count;
    while (i < end) {
      int n = Math.min(BLOCK, end - i);
      long min = Long.MAX_VALUE;
      for (int k = 0; k < n; k++) {
        long v = values[i + k];
        long d = int32 ? (long) ((int) v - (int) prev) : v - prev;
        deltas[k] = d;
        min = Math.min(min, d);
        prev = v;
      }
      out.writeZigZagVarint(min);
      int miniblocks = (n + MINIBLOCK - 1) / MINIBLOCK;
      for (int m = 0; m < MINIBLOCKS; m++) {
        long or = 0;
        if (m < miniblocks) {
          int from = m * MINIBLOCK;
          int to = Math.min(n, from + MINIBLOCK);
          for (int k = from; k < to; k++) {
            long rel = deltas[k] - min;
            or |= int32 ? rel & 0xFFFFFFFFL : rel;
          }
        }
        widths[m] = 64 - Long.numberOfLeadingZeros(or);
        out.writeByte(widths[m]);
      }
      for (int m = 0; m < miniblocks; m++) {
        int from = m * MINIBLOCK;
        for (int k = from; k < from + MINIBLOCK; k++) {
          long rel = k < n ? deltas[k] - min : 0;
          bits.write(rel, widths[m]);
        }
        bits.flush();
      }
      i += n;
    }
  }
}
