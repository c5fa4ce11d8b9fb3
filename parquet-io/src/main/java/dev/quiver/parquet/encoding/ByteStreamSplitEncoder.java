package dev.quiver.parquet.encoding;

/**
 * BYTE_STREAM_SPLIT (Encodings.md): values of {@code width} bytes, PLAIN-encoded, scattered into {@code width}
 * streams, stream {@code b} holding byte {@code b} of every value in order.
 */
public final class ByteStreamSplitEncoder {
  private ByteStreamSplitEncoder() {}

  /**
   * Appends the encoding of {@code count} values of {@code width} bytes each, PLAIN-encoded at
   * {@code plain[offset, offset + count * width)}.
   */
  public static void encode(byte[] plain, int offset, int count, int width, ByteSink out) {
    int at = out.reserve(count * width);
    byte[] dst = out.array();
    for (int b = 0; b < width; b++) {
      int base = at + b * count;
      int src = offset + b;
      for (int i = 0; i < count; i++) {
        dst[base + i] = plain[src];
        src += width;
      }
    }
    out.skip(count * width);
  }
}
