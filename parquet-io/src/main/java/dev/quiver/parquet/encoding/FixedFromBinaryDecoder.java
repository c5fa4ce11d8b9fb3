package dev.quiver.parquet.encoding;

import dev.quiver.parquet.ParquetCorruptionException;

/**
 * Adapts a variable-length decoder to FIXED_LEN_BYTE_ARRAY columns (DELTA_BYTE_ARRAY may encode them): each
 * value must have exactly the column's width.
 */
public final class FixedFromBinaryDecoder implements FixedWidthDecoder {
  private final BinaryDecoder decoder;
  private final int width;
  private final BinaryBatch scratch = new BinaryBatch(256, 4096);

  /** @param width the column's value width in bytes */
  public FixedFromBinaryDecoder(BinaryDecoder decoder, int width) {
    this.decoder = decoder;
    this.width = width;
  }

  @Override
  public void read(byte[] out, int outOffset, int count) {
    scratch.reset();
    decoder.read(scratch, count);
    int[] offsets = scratch.offsets();
    for (int i = 0; i < count; i++) {
      if (offsets[i + 1] - offsets[i] != width) {
        throw new ParquetCorruptionException("FIXED_LEN_BYTE_ARRAY(" + width + ") value of "
            + (offsets[i + 1] - offsets[i]) + " bytes");
      }
    }
    System.arraycopy(scratch.data(), 0, out, outOffset, count * width);
  }

  @Override
  public void skip(int count) {
    decoder.skip(count);
  }
}
