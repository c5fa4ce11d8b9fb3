package dev.quiver.parquet.encoding;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A growable heap byte array that encoders append to, little-endian as Parquet's PLAIN encoding is. Bulk appends
 * of int/long arrays go through a byte-array view handle, one bounds check per call.
 *
 * <p>Errors: {@link IllegalStateException} when the content would pass 2 GiB (a page or column chunk that large
 * cannot be described by Parquet's 32-bit page sizes anyway).
 */
public final class ByteSink {
  private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private byte[] buf;
  private int size;

  /** An empty sink. */
  public ByteSink() {
    this(1024);
  }

  /** An empty sink with room for {@code capacity} bytes before it grows. */
  public ByteSink(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  /** Bytes appended so far. */
  public int size() {
    return size;
  }

  /** The internal array; valid bytes are {@code [0, size())}. */
  public byte[] array() {
    return buf;
  }

  /** Forgets the content, keeping the array. */
  public void reset() {
    size = 0;
  }

  /** Drops the content after {@code newSize} bytes. */
  public void truncate(int newSize) {
    if (newSize < 0 || newSize > size) {
      throw new IllegalArgumentException("cannot truncate " + size + " bytes to " + newSize);
    }
    size = newSize;
  }

  /** A copy of the content. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  /** Makes room for {@code more} bytes and returns the offset they go to (the caller then calls {@link #skip}). */
  public int reserve(int more) {
    ensure(more);
    return size;
  }

  /** Counts {@code n} bytes written directly into {@link #array()} after {@link #reserve}. */
  public void skip(int n) {
    size += n;
  }

  /** One byte. */
  public void writeByte(int b) {
    ensure(1);
    buf[size++] = (byte) b;
  }

  /** A little-endian int. */
  public void writeInt(int v) {
    ensure(4);
    INTS.set(buf, size, v);
    size += 4;
  }

  /** A little-endian long. */
  public void writeLong(long v) {
    ensure(8);
    LONGS.set(buf, size, v);
    size += 8;
  }

  /** The low {@code bytes} bytes of {@code v}, little-endian. */
  public void writeLittleEndian(long v, int bytes) {
    ensure(8);
    LONGS.set(buf, size, v); // the bytes past {@code bytes} are scratch, overwritten by the next append
    size += bytes;
  }

  /** An unsigned LEB128 varint. */
  public void writeUnsignedVarint(long v) {
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      buf[size++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[size++] = (byte) v;
  }

  /** A zigzag varint (signed values as Encodings.md's DELTA_BINARY_PACKED headers use them). */
  public void writeZigZagVarint(long v) {
    writeUnsignedVarint((v << 1) ^ (v >> 63));
  }

  /** {@code values[offset, offset + count)} as little-endian ints. */
  public void writeInts(int[] values, int offset, int count) {
    ensure((long) count * 4);
    int p = size;
    for (int i = 0; i < count; i++) {
      INTS.set(buf, p, values[offset + i]);
      p += 4;
    }
    size = p;
  }

  /** {@code values[offset, offset + count)} as little-endian longs. */
  public void writeLongs(long[] values, int offset, int count) {
    ensure((long) count * 8);
    int p = size;
    for (int i = 0; i < count; i++) {
      LONGS.set(buf, p, values[offset + i]);
      p += 8;
    }
    size = p;
  }

  /** {@code src[offset, offset + length)}. */
  public void write(byte[] src, int offset, int length) {
    ensure(length);
    System.arraycopy(src, offset, buf, size, length);
    size += length;
  }

  /** The content of another sink. */
  public void write(ByteSink other) {
    write(other.buf, 0, other.size);
  }

  private void ensure(long more) {
    long need = size + more;
    if (need > buf.length) {
      if (need > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("encoded data larger than 2 GiB");
      }
      buf = Arrays.copyOf(buf, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(need, (long) buf.length * 2)));
    }
  }
}
