package dev.quiver.parquet.encoding;

/** Dictionary-encoded BYTE_ARRAY values: indices a batch at a time, then the dictionary entries appended. */
public final class DictionaryBinaryDecoder implements BinaryDecoder {
  private final DictionaryIndexReader indices;
  private final BinaryBatch dictionary;

  /** @param buf the page's value bytes {@code [offset, offset + length)}; @param dictionary the decoded entries */
  public DictionaryBinaryDecoder(byte[] buf, int offset, int length, BinaryBatch dictionary) {
    this.indices = new DictionaryIndexReader(buf, offset, length, dictionary.count());
    this.dictionary = dictionary;
  }

  @Override
  public void read(BinaryBatch out, int count) {
    int[] idx = indices.read(count);
    int[] dictOffsets = dictionary.offsets();
    long total = 0;
    for (int i = 0; i < count; i++) {
      total += dictOffsets[idx[i] + 1] - dictOffsets[idx[i]];
    }
    if (total > Integer.MAX_VALUE - 16) {
      throw new dev.quiver.parquet.ParquetCorruptionException("a batch of dictionary values exceeds 2 GiB");
    }
    out.ensureCapacity(count, (int) total);
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
