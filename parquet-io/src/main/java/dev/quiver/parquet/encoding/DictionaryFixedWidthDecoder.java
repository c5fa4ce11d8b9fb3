package dev.quiver.parquet.encoding;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Dictionary-encoded values of a fixed output width: indices decoded a batch at a time, then gathered from the
 * dictionary, which holds its values already in the output layout (converted once when the dictionary page was
 * read). Widths 4 and 8 gather through array views; other widths copy per value.
 */
public final class DictionaryFixedWidthDecoder implements FixedWidthDecoder {
  private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final DictionaryIndexReader indices;
  private final byte[] dictionary;
  private final int width;

  /**
   * @param buf the page's value bytes {@code [offset, offset + length)}: bit-width byte, then RLE/bit-packed indices
   * @param dictionary {@code dictionarySize * width} bytes of values in the output layout
   */
  public DictionaryFixedWidthDecoder(byte[] buf, int offset, int length, byte[] dictionary, int dictionarySize,
      int width) {
    this.indices = new DictionaryIndexReader(buf, offset, length, dictionarySize);
    this.dictionary = dictionary;
    this.width = width;
  }

  @Override
  public void read(byte[] out, int outOffset, int count) {
    int[] idx = indices.read(count);
    byte[] dict = dictionary;
    switch (width) {
      case 4 -> {
        for (int i = 0; i < count; i++) {
          INTS.set(out, outOffset + 4 * i, (int) INTS.get(dict, idx[i] << 2));
        }
      }
      case 8 -> {
        for (int i = 0; i < count; i++) {
          LONGS.set(out, outOffset + 8 * i, (long) LONGS.get(dict, idx[i] << 3));
        }
      }
      default -> {
        int w = width;
        for (int i = 0; i < count; i++) {
          System.arraycopy(dict, idx[i] * w, out, outOffset + i * w, w);
        }
      }
    }
  }

  @Override
  public void skip(int count) {
    indices.skip(count);
  }
}
