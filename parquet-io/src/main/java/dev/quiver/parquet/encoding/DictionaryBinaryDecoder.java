package dev.quiver.parquet.encoding;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Dictionary-encoded BYTE_ARRAY values: the entries appended fused with the index decoding, stretch by stretch
 * ({@link DictionaryIndexReader#nextStretch}; an RLE run of one index repeats its entry). Batches that could exceed
 * {@code 64 MiB} at the longest entry's length total their exact bytes from a batch of indices first.
 */
public final class DictionaryBinaryDecoder implements BinaryDecoder {
  private final DictionaryIndexReader indices;
  private final BinaryBatch dictionary;
  /** Bytes of the dictionary's longest entry. */
  private final int maxLength;
  /**
   * Small dictionaries of short entries (flags, modes, categories): each entry as {@link #wordsPerEntry}
   * little-endian 8-byte words, zero-padded, so a gather is one to four word stores; null otherwise.
   */
  private final long[] words;
  private final int wordsPerEntry;
  /** Each entry's length in bytes, with {@link #words}. */
  private final int[] lengths;
  /**
   * With {@link #words}: the length shared by every entry (flags such as TPC-H's return flag), or -1 when lengths
   * differ. Uniform entries gather without a running sum: value {@code i} starts at {@code i * length}.
   */
  private final int uniformLength;
  /** Dictionaries of at most this many entries get the word table (built per page, so kept small). */
  private static final int WORD_TABLE_ENTRIES = 1024;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
      ByteOrder.LITTLE_ENDIAN);
  /** Batches whose worst case (count times the longest entry) stays within this many bytes skip the exact total. */
  private static final long BOUND_LIMIT = 64L << 20;

  /** @param buf the page's value bytes {@code [offset, offset + length)}; @param dictionary the decoded entries */
  public DictionaryBinaryDecoder(byte[] buf, int offset, int length, BinaryBatch dictionary) {
    this(buf, offset, length, dictionary, longestEntry(dictionary));
  }

  /**
   * As {@link #DictionaryBinaryDecoder(byte[], int, int, BinaryBatch)}, with the dictionary's longest entry known
   * (computed once per dictionary by {@link #longestEntry}, not per page).
   *
   * @param longestEntry bytes of the longest entry of {@code dictionary}, as {@link #longestEntry} gives
   */
  public DictionaryBinaryDecoder(byte[] buf, int offset, int length, BinaryBatch dictionary, int longestEntry) {
    this.indices = new DictionaryIndexReader(buf, offset, length, dictionary.count());
    this.dictionary = dictionary;
    this.maxLength = longestEntry;
    int entries = dictionary.count();
    if (entries <= WORD_TABLE_ENTRIES && longestEntry <= 32) {
      int perEntry = Math.max(1, (longestEntry + 7) >>> 3);
      long[] table = new long[entries * perEntry];
      int[] lengths = new int[entries];
      byte[] data = dictionary.data();
      int[] offsets = dictionary.offsets();
      for (int k = 0; k < entries; k++) {
        int start = offsets[k];
        int entryLength = offsets[k + 1] - start;
        lengths[k] = entryLength;
        for (int b = 0; b < entryLength; b++) {
          table[k * perEntry + (b >>> 3)] |= (data[start + b] & 0xFFL) << ((b & 7) << 3);
        }
      }
      this.words = table;
      this.wordsPerEntry = perEntry;
      this.lengths = lengths;
      int uniform = entries == 0 ? -1 : lengths[0];
      for (int k = 1; k < entries && uniform >= 0; k++) {
        if (lengths[k] != uniform) {
          uniform = -1;
        }
      }
      this.uniformLength = uniform;
      // gathers through the word table index arrays of exactly the dictionary's entries: the JVM's bounds checks
      // replace the indices' check pass
      indices.trustBoundsChecks();
    } else {
      this.words = null;
      this.wordsPerEntry = 0;
      this.lengths = null;
      this.uniformLength = -1;
    }
  }

  /** Bytes of the longest entry of {@code dictionary}, 0 when it is empty. */
  public static int longestEntry(BinaryBatch dictionary) {
    int[] offsets = dictionary.offsets();
    int longest = 0;
    for (int i = 0; i < dictionary.count(); i++) {
      longest = Math.max(longest, offsets[i + 1] - offsets[i]);
    }
    return longest;
  }

  @Override
  public void read(BinaryBatch out, int count) {
    try {
      readBatch(out, count);
    } catch (IndexOutOfBoundsException e) {
      throw indices.outOfRange(e);
    }
  }

  private void readBatch(BinaryBatch out, int count) {
    long bound = (long) count * maxLength;
    if (bound > BOUND_LIMIT) {
      readExact(out, count);
      return;
    }
    // short entries (the usual case): room for count of the longest, no pass to total the exact bytes; each word
    // store writes at most 7 bytes past the longest entry and BinaryBatch.copy at most 32, within the slack
    out.ensureCapacity(count, (int) bound + BinaryBatch.COPY_SLACK);
    byte[] data = out.data();
    int[] offsets = out.offsets();
    int n = out.count();
    int pos = offsets[n];
    DictionaryIndexReader in = indices;
    while (count > 0) {
      int m = in.nextStretch(count);
      if (in.repeated()) {
        pos = repeat(in.value(), m, data, offsets, n, pos);
      } else if (words != null) {
        pos = gatherWords(in.stretch(), m, data, offsets, n, pos);
      } else {
        pos = gatherBytes(in.stretch(), m, data, offsets, n, pos);
      }
      n += m;
      count -= m;
    }
    out.setCount(n);
  }

  /** Long entries: the indices of the batch first, to total the exact bytes, then one copy per value. */
  private void readExact(BinaryBatch out, int count) {
    int[] idx = indices.read(count);
    int[] dictOffsets = dictionary.offsets();
    long total = 0;
    for (int i = 0; i < count; i++) {
      total += dictOffsets[idx[i] + 1] - dictOffsets[idx[i]];
    }
    if (total > Integer.MAX_VALUE - 16) {
      throw new dev.quiver.parquet.ParquetCorruptionException("a batch of dictionary values exceeds 2 GiB");
    }
    out.ensureCapacity(count, (int) total + BinaryBatch.COPY_SLACK);
    int[] offsets = out.offsets();
    int n = out.count();
    gatherBytes(idx, count, out.data(), offsets, n, offsets[n]);
    out.setCount(n + count);
  }

  /** Appends entry {@code k} {@code m} times after value {@code n} ending at {@code pos}; returns the new end. */
  private int repeat(int k, int m, byte[] data, int[] offsets, int n, int pos) {
    if (words != null) {
      int w = wordsPerEntry;
      int length = lengths[k];
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < w; j++) {
          LONGS.set(data, pos + 8 * j, words[k * w + j]);
        }
        pos += length;
        offsets[++n] = pos;
      }
      return pos;
    }
    int[] dictOffsets = dictionary.offsets();
    int start = dictOffsets[k];
    int length = dictOffsets[k + 1] - start;
    byte[] dictData = dictionary.data();
    for (int i = 0; i < m; i++) {
      BinaryBatch.copy(dictData, start, data, pos, length);
      pos += length;
      offsets[++n] = pos;
    }
    return pos;
  }

  private int gatherBytes(int[] idx, int m, byte[] data, int[] offsets, int n, int pos) {
    int[] dictOffsets = dictionary.offsets();
    byte[] dictData = dictionary.data();
    for (int i = 0; i < m; i++) {
      int k = idx[i];
      int start = dictOffsets[k];
      int length = dictOffsets[k + 1] - start;
      BinaryBatch.copy(dictData, start, data, pos, length);
      pos += length;
      offsets[++n] = pos;
    }
    return pos;
  }

  private int gatherWords(int[] idx, int m, byte[] data, int[] offsets, int n, int pos) {
    long[] table = words;
    int[] length = lengths;
    if (uniformLength >= 0 && wordsPerEntry == 1) {
      // every entry as long as the others: positions follow from i, so the stores do not wait on a running sum
      int l = uniformLength;
      for (int i = 0; i < m; i++) {
        LONGS.set(data, pos + i * l, table[idx[i]]);
        offsets[n + 1 + i] = pos + (i + 1) * l;
      }
      return pos + m * l;
    }
    if (wordsPerEntry == 1) {
      for (int i = 0; i < m; i++) {
        int k = idx[i];
        LONGS.set(data, pos, table[k]);
        pos += length[k];
        offsets[++n] = pos;
      }
    } else if (wordsPerEntry == 2) {
      for (int i = 0; i < m; i++) {
        int k = idx[i];
        LONGS.set(data, pos, table[2 * k]);
        LONGS.set(data, pos + 8, table[2 * k + 1]);
        pos += length[k];
        offsets[++n] = pos;
      }
    } else if (wordsPerEntry == 3) {
      for (int i = 0; i < m; i++) {
        int k = 3 * idx[i];
        LONGS.set(data, pos, table[k]);
        LONGS.set(data, pos + 8, table[k + 1]);
        LONGS.set(data, pos + 16, table[k + 2]);
        pos += length[idx[i]];
        offsets[++n] = pos;
      }
    } else {
      for (int i = 0; i < m; i++) {
        int k = 4 * idx[i];
        LONGS.set(data, pos, table[k]);
        LONGS.set(data, pos + 8, table[k + 1]);
        LONGS.set(data, pos + 16, table[k + 2]);
        LONGS.set(data, pos + 24, table[k + 3]);
        pos += length[idx[i]];
        offsets[++n] = pos;
      }
    }
    return pos;
  }

  @Override
  public void skip(int count) {
    indices.skip(count);
  }

  /**
   * Appends only the selected entries: their exact bytes totalled first (one pass over the selected indices), then
   * each copied once. Only the selected indices are checked against the dictionary size; the indices between are
   * passed over (see {@link DictionaryIndexReader#selected}), neither checked nor copied.
   */
  @Override
  public void readSelected(BinaryBatch out, int[] positions, int from, int count, int span) {
    int[] idx = indices.selected(positions, from, count, span);
    int[] entryOffsets = dictionary.offsets();
    long total = 0;
    for (int i = 0; i < count; i++) {
      total += entryOffsets[idx[i] + 1] - entryOffsets[idx[i]];
    }
    if (total > Integer.MAX_VALUE - 64) {
      throw new dev.quiver.parquet.ParquetCorruptionException("a batch of values exceeds 2 GiB");
    }
    out.ensureCapacity(count, (int) total + BinaryBatch.COPY_SLACK);
    byte[] entries = dictionary.data();
    byte[] data = out.data();
    int[] offsets = out.offsets();
    int n = out.count();
    int at = offsets[n];
    for (int i = 0; i < count; i++) {
      int start = entryOffsets[idx[i]];
      int length = entryOffsets[idx[i] + 1] - start;
      BinaryBatch.copy(entries, start, data, at, length);
      at += length;
      offsets[++n] = at;
    }
    out.setCount(n);
  }
}
