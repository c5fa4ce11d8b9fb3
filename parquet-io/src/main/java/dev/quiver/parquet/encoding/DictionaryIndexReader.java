package dev.quiver.parquet.encoding;

import dev.quiver.parquet.ParquetCorruptionException;

/**
 * The dictionary indices of a PLAIN_DICTIONARY / RLE_DICTIONARY data page (Encodings.md, "Dictionary Encoding"):
 * one byte of bit width, then the RLE/bit-packed hybrid. Every index is checked against the dictionary size
 * once per batch, so the gathers that follow index without checks of their own.
 */
public final class DictionaryIndexReader {
  private final RleBitPackedHybridDecoder rle = new RleBitPackedHybridDecoder();
  private final int dictionarySize;
  private int[] indices = new int[256];

  /**
   * Reads the indices of a page's value bytes {@code buf[offset, offset + length)}.
   *
   * @throws ParquetCorruptionException when the bit-width byte is missing or above 32
   */
  public DictionaryIndexReader(byte[] buf, int offset, int length, int dictionarySize) {
    if (length < 1) {
      throw new ParquetCorruptionException("dictionary-encoded page without its bit-width byte");
    }
    int bitWidth = buf[offset] & 0xFF;
    if (bitWidth > 32) {
      throw new ParquetCorruptionException("dictionary index bit width " + bitWidth + " exceeds 32");
    }
    rle.init(buf, offset + 1, length - 1, bitWidth);
    this.dictionarySize = dictionarySize;
  }

  /**
   * Reads {@code count} indices, each checked against the dictionary size; the returned array holds them from 0
   * and is reused by the next call.
   *
   * @throws ParquetCorruptionException when the data ends early or an index is out of range
   */
  public int[] read(int count) {
    if (indices.length < count) {
      indices = new int[Math.max(count, indices.length * 2)];
    }
    rle.read(indices, 0, count);
    int[] idx = indices;
    int bad = 0;
    for (int i = 0; i < count; i++) {
      bad |= dictionarySize - 1 - idx[i]; // negative when idx >= size (or idx < 0 wraps too large)
      bad |= idx[i];
    }
    if (bad < 0) {
      for (int i = 0; i < count; i++) {
        if (idx[i] < 0 || idx[i] >= dictionarySize) {
          throw new ParquetCorruptionException("dictionary index " + Integer.toUnsignedString(idx[i])
              + " out of range for a dictionary of " + dictionarySize + " values");
        }
      }
    }
    return idx;
  }

  void skip(int count) {
    while (count > 0) {
      int n = Math.min(count, 4096);
      read(n);
      count -= n;
    }
  }
}
