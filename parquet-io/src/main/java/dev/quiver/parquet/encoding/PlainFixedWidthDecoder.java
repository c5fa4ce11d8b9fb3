package dev.quiver.parquet.encoding;

import dev.quiver.parquet.ParquetCorruptionException;

/**
 * PLAIN values of a fixed byte width (Encodings.md, "Plain: (PLAIN = 0)"): INT32, INT64, INT96, FLOAT, DOUBLE
 * little-endian, FIXED_LEN_BYTE_ARRAY as is. A batch is one bounds check and one array copy.
 */
public final class PlainFixedWidthDecoder implements FixedWidthDecoder {
  private final byte[] buf;
  private final int width;
  private final int limit;
  private int pos;

  /** Decodes {@code buf[offset, offset + length)} as values of {@code width} bytes. */
  public PlainFixedWidthDecoder(byte[] buf, int offset, int length, int width) {
    this.buf = buf;
    this.pos = offset;
    this.limit = offset + length;
    this.width = width;
  }

  @Override
  public void read(byte[] out, int outOffset, int count) {
    int bytes = take(count);
    System.arraycopy(buf, pos - bytes, out, outOffset, bytes);
  }

  @Override
  public void skip(int count) {
    take(count);
  }

  /** Copies only the selected values: one bounds check for the whole span, then a word (or copy) per value. */
  @Override
  public void readSelected(byte[] out, int outOffset, int width, int[] positions, int from, int count, int span) {
    int start = pos;
    take(span);
    byte[] in = buf;
    int end = from + count;
    if (width == 8 && this.width == 8) {
      for (int i = from, at = outOffset; i < end; i++, at += 8) {
        LONGS.set(out, at, (long) LONGS.get(in, start + 8 * positions[i]));
      }
    } else if (width == 4 && this.width == 4) {
      for (int i = from, at = outOffset; i < end; i++, at += 4) {
        INTS.set(out, at, (int) INTS.get(in, start + 4 * positions[i]));
      }
    } else {
      int w = this.width;
      for (int i = from, at = outOffset; i < end; i++, at += w) {
        System.arraycopy(in, start + w * positions[i], out, at, w);
      }
    }
  }

  private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
      long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
  private static final java.lang.invoke.VarHandle INTS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
      int[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  /**
   * Consumes the next {@code count} values in place, for a caller that converts them straight from the page (no
   * copy first): returns where they start in {@link #buffer()}; they are the {@code count * width} bytes from there.
   *
   * @throws ParquetCorruptionException when the page holds fewer values
   */
  public int consume(int count) {
    int bytes = take(count);
    return pos - bytes;
  }

  /**
   * The page's bytes, in which {@link #consume} positions index: the decoder's own array, not a copy, to be read
   * only, and only until the decoder moves to another page.
   */
  public byte[] buffer() {
    return buf;
  }

  private int take(int count) {
    long bytes = (long) count * width;
    if (bytes > limit - pos) {
      throw new ParquetCorruptionException("PLAIN page holds " + (limit - pos) / Math.max(width, 1)
          + " more values of " + width + " bytes, " + count + " were expected");
    }
    pos += (int) bytes;
    return (int) bytes;
  }
}
