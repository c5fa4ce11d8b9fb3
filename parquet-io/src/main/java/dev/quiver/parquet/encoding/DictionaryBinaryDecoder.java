package dev.quiver.parquet.encoding;

/** Dictionary-encoded BYTE_ARRAY values: indices a batch at a time, then the dictionary entries appended. */
public final class DictionaryBinaryDecoder implements BinaryDecoder {
  private final DictionaryIndexReader indices;
  private final BinaryBatch dictionary;
  /** Bytes of the dictionary's longest entry. */
  private final int maxLength;
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

  @Override
  public void skip(int count) {
    indices.skip(count);
  }
}
