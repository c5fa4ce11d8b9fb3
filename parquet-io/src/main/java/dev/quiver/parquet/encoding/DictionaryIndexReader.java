package dev.quiver.parquet.encoding;

import dev.quiver.parquet.ParquetCorruptionException;

/**
 * The dictionary indices of a PLAIN_DICTIONARY / RLE_DICTIONARY data page (Encodings.md, "Dictionary Encoding"):
 * one byte of bit width, then the RLE/bit-packed hybrid. Every index is checked against the dictionary size
 * before it is handed out, so the gathers that use them index without checks of their own.
 *
 * <p>Two ways to read: {@link #read} decodes a whole batch of indices into an int array; {@link #nextStretch}
 * hands them out a stretch at a time (an RLE run as one repeated index, or up to {@link #STRETCH} indices in a
 * small reused array that stays in the L1 cache), so a gather can run fused with the decoding: no pass over a
 * batch-sized array of indices, and one check and one fill for a run of equal values.
 */
public final class DictionaryIndexReader {
  /** The most indices one {@link #nextStretch} call hands out in {@link #stretch()}. */
  public static final int STRETCH = 512;

  private final RleBitPackedHybridDecoder rle = new RleBitPackedHybridDecoder();
  private final int dictionarySize;
  private int[] indices = new int[256];
  private final int[] stretch = new int[STRETCH];

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
    this.bitWidth = bitWidth;
  }

  private final int bitWidth;
  /** Whether {@link #nextStretch} checks the indices of bit-packed stretches (see {@link #trustBoundsChecks}). */
  private boolean checkStretches = true;

  /**
   * Lets {@link #nextStretch} hand out the indices of bit-packed stretches without its range-check pass, for a
   * consumer whose gathers index Java arrays of exactly the dictionary's size, so the JVM's own bounds check
   * catches an index out of range (which the consumer reports as corruption, before its output is used). Only when
   * the page's bit width is at most 24: indices stay below 2^24, so index arithmetic of up to 64 bytes per entry
   * cannot overflow into range. Repeated (RLE) indices and the other methods stay checked.
   *
   * @return whether the checks are now off
   */
  public boolean trustBoundsChecks() {
    if (bitWidth <= 24) {
      checkStretches = false;
    }
    return !checkStretches;
  }

  /**
   * The exception for an index found out of range by a consumer's own bounds check while gathering the last
   * stretch: names the index, as the check pass would have.
   */
  public ParquetCorruptionException outOfRange(IndexOutOfBoundsException e) {
    for (int i = 0; i < lastStretch; i++) {
      if (stretch[i] < 0 || stretch[i] >= dictionarySize) {
        return new ParquetCorruptionException(outOfRangeMessage(stretch[i]), e);
      }
    }
    return new ParquetCorruptionException("dictionary index out of range for a dictionary of " + dictionarySize
        + " values", e);
  }

  /** Indices in {@link #stretch} from the last {@link #nextStretch} that was not repeated. */
  private int lastStretch;

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
    check(indices, count);
    return indices;
  }

  /**
   * Makes the next stretch of between 1 and {@code max} indices available, every one checked against the
   * dictionary size, and returns its length {@code n}. When {@link #repeated()} all {@code n} indices are
   * {@link #value()} (an RLE run); otherwise they are in {@code stretch()[0, n)}, {@code n <= STRETCH}.
   *
   * @param max the most indices wanted, at least 1; the page must still hold that many
   * @throws ParquetCorruptionException when the data ends early or an index is out of range
   */
  public int nextStretch(int max) {
    int n = rle.nextStretch(stretch, max);
    if (rle.stretchRepeated()) {
      int v = rle.stretchValue();
      if (v < 0 || v >= dictionarySize) {
        throw outOfRange(v);
      }
    } else if (checkStretches) {
      check(stretch, n);
    } else {
      lastStretch = n;
    }
    return n;
  }

  /** Whether the last {@link #nextStretch} stretch is one index repeated. */
  public boolean repeated() {
    return rle.stretchRepeated();
  }

  /** The repeated index of the last {@link #nextStretch} stretch, when {@link #repeated()}. */
  public int value() {
    return rle.stretchValue();
  }

  /** The indices of the last {@link #nextStretch} stretch that is not {@link #repeated()}, from 0; reused. */
  public int[] stretch() {
    return stretch;
  }

  private void check(int[] idx, int count) {
    int bad = 0;
    int last = dictionarySize - 1;
    for (int i = 0; i < count; i++) {
      bad |= (last - idx[i]) | idx[i]; // negative when idx >= size or idx < 0
    }
    if (bad < 0) {
      for (int i = 0; i < count; i++) {
        if (idx[i] < 0 || idx[i] >= dictionarySize) {
          throw outOfRange(idx[i]);
        }
      }
    }
  }

  private ParquetCorruptionException outOfRange(int index) {
    return new ParquetCorruptionException(outOfRangeMessage(index));
  }

  private String outOfRangeMessage(int index) {
    return "dictionary index " + Integer.toUnsignedString(index) + " out of range for a dictionary of "
        + dictionarySize + " values";
  }

  /**
   * The indices at {@code positions[from, from + count)} among the next {@code span} indices (positions relative to
   * the current index, strictly ascending, each below {@code span}), every one checked against the dictionary
   * size, in {@code [0, count)} of the returned array (reused by the next call); moves past all {@code span}. The
   * indices not selected are not checked (nothing reads them). When a quarter of the span or more is selected, the
   * span is unpacked a stretch at a time and the selected indices picked; a sparser selection cuts each selected
   * index out of the packed bytes alone ({@link RleBitPackedHybridDecoder#gather}), which measured faster below a
   * quarter (TPC-H Q6's second conjunct selects 15% of a 4-bit column).
   *
   * @throws ParquetCorruptionException when the data ends early or an index is out of range
   */
  public int[] selected(int[] positions, int from, int count, int span) {
    if (selected.length < count) {
      selected = new int[Math.max(count, selected.length * 2)];
    }
    int[] out = selected;
    if (count >= span >>> 2) {
      // dense (a quarter or more of the span selected): the span unpacked a stretch at a time into the small reused
      // array and the selected ones picked, cheaper than cutting each out; only they are checked
      int[] s = stretch;
      int end = from + count;
      int i = from;
      for (int base = 0; base < span; ) {
        int n = Math.min(STRETCH, span - base);
        rle.read(s, 0, n);
        int limit = base + n;
        for (; i < end && positions[i] < limit; i++) {
          out[i - from] = s[positions[i] - base];
        }
        base = limit;
      }
      lastStretch = 0; // the stretch array no longer holds a nextStretch stretch
      check(out, count);
      return out;
    }
    rle.gather(positions, from, count, span, out);
    check(out, count);
    return out;
  }

  private int[] selected = new int[0];

  /**
   * Moves past the next {@code count} indices: RLE runs by arithmetic, bit-packed groups whole; indices skipped
   * are not checked against the dictionary size, as nothing reads them (an index out of range among them is not
   * reported).
   *
   * @throws ParquetCorruptionException when the data ends before {@code count} indices or a run header is malformed
   */
  public void skip(int count) {
    rle.skip(count);
  }
}
