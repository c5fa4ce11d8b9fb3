package dev.quiver.parquet.encoding;

import dev.quiver.parquet.ParquetCorruptionException;

/**
 * PLAIN booleans: one bit per value, least significant bit first (Encodings.md, "Plain"). Decoded to one byte
 * per value (0 or 1), the reader's staging layout for booleans.
 */
public final class PlainBooleanDecoder implements FixedWidthDecoder {
  private final byte[] buf;
  private final long limitBits;
  private long bitPos;

  /** Decodes the bits of {@code buf[offset, offset + length)}. */
  public PlainBooleanDecoder(byte[] buf, int offset, int length) {
    this.buf = buf;
    this.bitPos = (long) offset * 8;
    this.limitBits = (long) (offset + length) * 8;
  }

  @Override
  public void read(byte[] out, int outOffset, int count) {
    check(count);
    long bit = bitPos;
    for (int i = 0; i < count; i++, bit++) {
      out[outOffset + i] = (byte) ((buf[(int) (bit >>> 3)] >>> (bit & 7)) & 1);
    }
    bitPos = bit;
  }

  @Override
  public void skip(int count) {
    check(count);
    bitPos += count;
  }

  private void check(int count) {
    if (count > limitBits - bitPos) {
      throw new ParquetCorruptionException("PLAIN boolean page holds " + (limitBits - bitPos) + " more values, "
          + count + " were expected");
    }
  }
}
