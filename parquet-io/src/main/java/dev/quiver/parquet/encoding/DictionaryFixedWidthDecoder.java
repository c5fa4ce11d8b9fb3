package dev.quiver.parquet.encoding;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Dictionary-encoded values of a fixed output width, gathered from the dictionary (which holds its values already
 * in the output layout, converted once when the dictionary page was read) fused with the index decoding: stretch
 * by stretch ({@link DictionaryIndexReader#nextStretch}), an RLE run of one index becomes a fill of its value and a
 * bit-packed stretch is gathered from a small cache-resident index array. Widths 4, 8 and 16 move as words
 * through array views; other widths copy per value.
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
    if (dictionary.length == (long) dictionarySize * width && width <= 64) {
      // the gathers below index exactly the dictionary: the JVM's bounds checks replace the indices' check pass;
      // only for entries of up to 64 bytes, where index times width cannot wrap around into the dictionary (see
      // DictionaryIndexReader.trustBoundsChecks)
      indices.trustBoundsChecks();
    }
  }

  /**
   * The page's index reader, which this decoder advances: a consumer that takes some of the page's values as indices
   * (a filter on the dictionary's entries) moves the same position, so the two ways may alternate along the page.
   */
  public DictionaryIndexReader indices() {
    return indices;
  }

  @Override
  public void read(byte[] out, int outOffset, int count) {
    try {
      gatherAll(out, outOffset, count);
    } catch (IndexOutOfBoundsException e) {
      throw indices.outOfRange(e);
    }
  }

  private void gatherAll(byte[] out, int outOffset, int count) {
    DictionaryIndexReader in = indices;
    byte[] dict = dictionary;
    int w = width;
    int at = outOffset;
    while (count > 0) {
      int n = in.nextStretch(count);
      if (in.repeated()) {
        fill(dict, in.value(), out, at, n);
      } else {
        gather(dict, in.stretch(), out, at, n);
      }
      at += n * w;
      count -= n;
    }
  }

  /** Writes entry {@code k} {@code n} times from byte {@code at}: an RLE run of indices. */
  private void fill(byte[] dict, int k, byte[] out, int at, int n) {
    switch (width) {
      case 4 -> {
        int v = (int) INTS.get(dict, k << 2);
        for (int i = 0; i < n; i++) {
          INTS.set(out, at + 4 * i, v);
        }
      }
      case 8 -> {
        long v = (long) LONGS.get(dict, k << 3);
        for (int i = 0; i < n; i++) {
          LONGS.set(out, at + 8 * i, v);
        }
      }
      case 16 -> {
        long lo = (long) LONGS.get(dict, k << 4);
        long hi = (long) LONGS.get(dict, (k << 4) + 8);
        for (int i = 0; i < n; i++) {
          LONGS.set(out, at + 16 * i, lo);
          LONGS.set(out, at + 16 * i + 8, hi);
        }
      }
      default -> {
        int w = width;
        for (int i = 0; i < n; i++) {
          System.arraycopy(dict, k * w, out, at + i * w, w);
        }
      }
    }
  }

  /** Writes the entries of {@code idx[0, n)} from byte {@code at}. */
  private void gather(byte[] dict, int[] idx, byte[] out, int at, int n) {
    switch (width) {
      case 4 -> {
        for (int i = 0; i < n; i++) {
          INTS.set(out, at + 4 * i, (int) INTS.get(dict, idx[i] << 2));
        }
      }
      case 8 -> {
        for (int i = 0; i < n; i++) {
          LONGS.set(out, at + 8 * i, (long) LONGS.get(dict, idx[i] << 3));
        }
      }
      case 16 -> {
        // Decimal128 (DECIMAL widened once per dictionary entry): two words per value
        for (int i = 0; i < n; i++) {
          int from = idx[i] << 4;
          LONGS.set(out, at + 16 * i, (long) LONGS.get(dict, from));
          LONGS.set(out, at + 16 * i + 8, (long) LONGS.get(dict, from + 8));
        }
      }
      default -> {
        int w = width;
        for (int i = 0; i < n; i++) {
          System.arraycopy(dict, idx[i] * w, out, at + i * w, w);
        }
      }
    }
  }

  /**
   * Gathers only the selected entries. Only the selected indices are checked against the dictionary size; the
   * indices between are passed over (see {@link DictionaryIndexReader#selected}), neither checked nor gathered.
   */
  @Override
  public void readSelected(byte[] out, int outOffset, int width, int[] positions, int from, int count, int span) {
    int[] idx = indices.selected(positions, from, count, span);
    gather(dictionary, idx, out, outOffset, count);
  }

  @Override
  public void skip(int count) {
    indices.skip(count);
  }
}
