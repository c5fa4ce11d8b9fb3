package dev.quiver.parquet.encoding;

import dev.quiver.parquet.ParquetCorruptionException;

/**
 * BYTE_STREAM_SPLIT (Encodings.md, "Byte Stream Split (BYTE_STREAM_SPLIT = 9)") for FLOAT, DOUBLE, INT32, INT64 and
 * FIXED_LEN_BYTE_ARRAY: the page holds {@code width} streams of {@code n} bytes, stream {@code k} holding byte
 * {@code k} of every value. The page length must be a multiple of the width; {@code n} is the quotient.
 */
public final class ByteStreamSplitDecoder implements FixedWidthDecoder {
  private final byte[] buf;
  private final int offset;
  private final int width;
  private final int count;
  private int next;

  /**
   * @param width bytes per value
   * @throws ParquetCorruptionException when the length is not a multiple of the width
   */
  public ByteStreamSplitDecoder(byte[] buf, int offset, int length, int width) {
    if (width <= 0 || length % width != 0) {
      throw new ParquetCorruptionException("BYTE_STREAM_SPLIT page of " + length + " bytes is not a multiple of "
          + "the value width " + width);
    }
    this.buf = buf;
    this.offset = offset;
    this.width = width;
    this.count = length / width;
  }

  @Override
  public void read(byte[] out, int outOffset, int n) {
    check(n);
    for (int k = 0; k < width; k++) {
      int stream = offset + k * count + next;
      for (int i = 0; i < n; i++) {
        out[outOffset + i * width + k] = buf[stream + i];
      }
    }
    next += n;
  }

  @Override
  public void skip(int n) {
    check(n);
    next += n;
  }

  private void check(int n) {
    if (n > count - next) {
      throw new ParquetCorruptionException("BYTE_STREAM_SPLIT page holds " + (count - next) + " more values, " + n
          + " were expected");
    }
  }
}
