package dev.quiver.parquet.encoding;

import java.util.Arrays;

/**
 * A growable batch of variable-length values in Arrow's layout: {@code count + 1} int offsets into one byte
 * array. Reused across batches ({@link #reset()}); grows by doubling. Used for decoded BYTE_ARRAY values and for
 * BYTE_ARRAY dictionaries.
 */
public final class BinaryBatch {
  private int[] offsets;
  private byte[] data;
  private int count;

  /** @param values initial value capacity; @param bytes initial byte capacity */
  public BinaryBatch(int values, int bytes) {
    offsets = new int[Math.max(values, 1) + 1];
    data = new byte[Math.max(bytes, 16)];
  }

  /** Empties the batch, keeping its arrays. */
  public void reset() {
    count = 0;
    offsets[0] = 0;
  }

  /** Values in the batch. */
  public int count() {
    return count;
  }

  /** Bytes of all values. */
  public int byteLength() {
    return offsets[count];
  }

  /** The offsets array: value {@code i} is {@code data()[offsets()[i], offsets()[i + 1])}. */
  public int[] offsets() {
    return offsets;
  }

  /** The data array. */
  public byte[] data() {
    return data;
  }

  /** Makes room for {@code values} more values and {@code bytes} more bytes. */
  public void ensureCapacity(int values, int bytes) {
    if (count + values + 1 > offsets.length) {
      offsets = Arrays.copyOf(offsets, Math.max(offsets.length * 2, count + values + 1));
    }
    long needed = (long) offsets[count] + bytes;
    if (needed > data.length) {
      if (needed > Integer.MAX_VALUE - 16) {
        throw new dev.quiver.parquet.ParquetCorruptionException("a batch of values exceeds 2 GiB");
      }
      data = Arrays.copyOf(data, (int) Math.max(Math.min((long) data.length * 2, Integer.MAX_VALUE - 16), needed));
    }
  }

  /**
   * Sets the value count after a caller wrote values straight into {@link #data()} and {@link #offsets()} (capacity
   * ensured first, offsets non-decreasing); the decoders' bulk path.
   */
  void setCount(int count) {
    this.count = count;
  }

  /**
   * Copies one value's bytes. A plain byte loop for short values measured no better than the intrinsic here, so
   * this stays the one place to try again.
   */
  static void copy(byte[] src, int from, byte[] dst, int to, int length) {
    System.arraycopy(src, from, dst, to, length);
  }

  /** Appends one value; capacity must have been ensured. */
  public void appendUnchecked(byte[] src, int offset, int length) {
    int start = offsets[count];
    System.arraycopy(src, offset, data, start, length);
    offsets[++count] = start + length;
  }

  /** Appends one value, growing as needed. */
  public void append(byte[] src, int offset, int length) {
    ensureCapacity(1, length);
    appendUnchecked(src, offset, length);
  }
}
