package dev.quiver.parquet.encoding;

import dev.quiver.parquet.ParquetCorruptionException;

/**
 * RLE-encoded booleans (Encodings.md, RLE = 3, "booleans"): a 4-byte little-endian length, then the RLE/bit-packed
 * hybrid at bit width 1. Decoded to one byte per value (0 or 1).
 */
public final class RleBooleanDecoder implements FixedWidthDecoder {
  private final RleBitPackedHybridDecoder rle = new RleBitPackedHybridDecoder();
  private int[] scratch = new int[1024];

  /** Decodes {@code buf[offset, offset + length)}, which starts with the 4-byte length. */
  public RleBooleanDecoder(byte[] buf, int offset, int length) {
    if (length < 4) {
      throw new ParquetCorruptionException("RLE boolean page of " + length + " bytes lacks its length prefix");
    }
    int declared = (buf[offset] & 0xFF) | (buf[offset + 1] & 0xFF) << 8 | (buf[offset + 2] & 0xFF) << 16
        | (buf[offset + 3] & 0xFF) << 24;
    if (declared < 0 || declared > length - 4) {
      throw new ParquetCorruptionException("RLE boolean data of " + Integer.toUnsignedString(declared)
          + " bytes in a page of " + (length - 4));
    }
    rle.init(buf, offset + 4, declared, 1);
  }

  @Override
  public void read(byte[] out, int outOffset, int count) {
    while (count > 0) {
      int n = Math.min(count, scratch.length);
      rle.read(scratch, 0, n);
      for (int i = 0; i < n; i++) {
        out[outOffset + i] = (byte) scratch[i];
      }
      outOffset += n;
      count -= n;
    }
  }

  @Override
  public void skip(int count) {
    while (count > 0) {
      int n = Math.min(count, scratch.length);
      rle.read(scratch, 0, n);
      count -= n;
    }
  }
}
