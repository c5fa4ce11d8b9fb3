package dev.quiver.parquet.encoding;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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
   * Copies one value's bytes. Values of up to 32 bytes (most strings) move as two or four 8-byte words when both
   * arrays have 32 bytes from the positions: cheaper than a call to {@code System.arraycopy} per short value. The
   * words may write up to 32 bytes past {@code to + length}; callers only copy into the free tail of a batch (bytes
   * past the last value), which later values overwrite.
   */
  static void copy(byte[] src, int from, byte[] dst, int to, int length) {
    if (length <= 32 && from <= src.length - 32 && to <= dst.length - 32) {
      LONGS.set(dst, to, (long) LONGS.get(src, from));
      LONGS.set(dst, to + 8, (long) LONGS.get(src, from + 8));
      if (length > 16) {
        LONGS.set(dst, to + 16, (long) LONGS.get(src, from + 16));
        LONGS.set(dst, to + 24, (long) LONGS.get(src, from + 24));
      }
    } else {
      System.arraycopy(src, from, dst, to, length);
    }
  }

  /** Bytes {@link #copy} may write past a value's end: reserve them so the word path also serves the last values. */
  static final int COPY_SLACK = 32;

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
      ByteOrder.LITTLE_ENDIAN);

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
