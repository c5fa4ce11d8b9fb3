package dev.quiver.parquet.encoding;

import dev.quiver.parquet.ParquetCorruptionException;

/**
 * The deprecated BIT_PACKED level encoding (Encodings.md, "Bit-packed (Deprecated) (BIT_PACKED = 4)"): levels packed
 * from the most significant bit of each byte, with no length prefix and no runs; a page of {@code n} levels takes
 * {@code ceil(n * bitWidth / 8)} bytes.
 */
public final class BitPackedLevelDecoder implements LevelDecoder {
  private final byte[] buf;
  private final long limitBits;
  private final int bitWidth;
  private long bitPos;

  /**
   * Decodes {@code buf[offset, offset + length)}.
   *
   * @param bitWidth bits per level, 1 to 31
   */
  public BitPackedLevelDecoder(byte[] buf, int offset, int length, int bitWidth) {
    this.buf = buf;
    this.bitPos = (long) offset * 8;
    this.limitBits = (long) (offset + length) * 8;
    this.bitWidth = bitWidth;
  }

  /** The bytes {@code count} levels of {@code bitWidth} bits take. */
  public static int byteLength(int count, int bitWidth) {
    return (int) (((long) count * bitWidth + 7) / 8);
  }

  @Override
  public void read(int[] out, int offset, int count) {
    if ((long) count * bitWidth > limitBits - bitPos) {
      throw new ParquetCorruptionException("BIT_PACKED levels end before " + count + " more levels");
    }
    for (int i = 0; i < count; i++) {
      int v = 0;
      for (int b = 0; b < bitWidth; b++, bitPos++) {
        int bit = (buf[(int) (bitPos >>> 3)] >>> (7 - (bitPos & 7))) & 1;
        v = (v << 1) | bit;
      }
      out[offset + i] = v;
    }
  }

  @Override
  public void skip(int count) {
    if ((long) count * bitWidth > limitBits - bitPos) {
      throw new ParquetCorruptionException("BIT_PACKED levels end before " + count + " more levels");
    }
    bitPos += (long) count * bitWidth;
  }
}
