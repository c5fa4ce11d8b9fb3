package dev.quiver.parquet.encoding;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Dictionary-encoded BYTE_ARRAY values: indices a batch at a time, then the dictionary entries appended. */
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
    } else {
      this.words = null;
      this.wordsPerEntry = 0;
      this.lengths = null;
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
    int[] idx = indices.read(count);
    int[] dictOffsets = dictionary.offsets();
    long bound = (long) count * maxLength;
    if (bound <= BOUND_LIMIT) {
      // short entries (the usual case): room for count of the longest, no pass to total the exact bytes
      out.ensureCapacity(count, (int) bound + BinaryBatch.COPY_SLACK);
      if (words != null) {
        // each store writes at most 7 bytes past the longest entry, within the slack reserved
        gatherWords(idx, out, count);
        return;
      }
    } else {
      long total = 0;
      for (int i = 0; i < count; i++) {
        total += dictOffsets[idx[i] + 1] - dictOffsets[idx[i]];
      }
      if (total > Integer.MAX_VALUE - 16) {
        throw new dev.quiver.parquet.ParquetCorruptionException("a batch of dictionary values exceeds 2 GiB");
      }
      out.ensureCapacity(count, (int) total + BinaryBatch.COPY_SLACK);
    }
    byte[] dictData = dictionary.data();
    byte[] data = out.data();
    int[] offsets = out.offsets();
    int n = out.count();
    int pos = offsets[n];
    for (int i = 0; i < count; i++) {
      int k = idx[i];
      int start = dictOffsets[k];
      int length = dictOffsets[k + 1] - start;
      BinaryBatch.copy(dictData, start, data, pos, length);
      pos += length;
      offsets[++n] = pos;
    }
    out.setCount(n);
  }

  private void gatherWords(int[] idx, BinaryBatch out, int count) {
    byte[] data = out.data();
    int[] offsets = out.offsets();
    int n = out.count();
    int pos = offsets[n];
    long[] table = words;
    int[] length = lengths;
    if (wordsPerEntry == 1) {
      for (int i = 0; i < count; i++) {
        int k = idx[i];
        LONGS.set(data, pos, table[k]);
        pos += length[k];
        offsets[++n] = pos;
      }
    } else if (wordsPerEntry == 2) {
      for (int i = 0; i < count; i++) {
        int k = idx[i];
        LONGS.set(data, pos, table[2 * k]);
        LONGS.set(data, pos + 8, table[2 * k + 1]);
        pos += length[k];
        offsets[++n] = pos;
      }
    } else {
      int w = wordsPerEntry;
      for (int i = 0; i < count; i++) {
        int k = idx[i];
        for (int j = 0; j < w; j++) {
          LONGS.set(data, pos + 8 * j, table[k * w + j]);
        }
        pos += length[k];
        offsets[++n] = pos;
      }
    }
    out.setCount(n);
  }

  @Override
  public void skip(int count) {
    indices.skip(count);
  }
}
