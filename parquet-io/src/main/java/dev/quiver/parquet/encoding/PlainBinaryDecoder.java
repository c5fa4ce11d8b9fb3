package dev.quiver.parquet.encoding;

import dev.quiver.parquet.ParquetCorruptionException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * PLAIN BYTE_ARRAY values: each a 4-byte little-endian length, then that many bytes (Encodings.md, "Plain").
 * Every length is checked against the bytes left in the page before the copy.
 */
public final class PlainBinaryDecoder implements BinaryDecoder {
  private final byte[] buf;
  private final int limit;
  private int pos;

  /** Decodes {@code buf[offset, offset + length)}. */
  public PlainBinaryDecoder(byte[] buf, int offset, int length) {
    this.buf = buf;
    this.pos = offset;
    this.limit = offset + length;
  }

  @Override
  public void read(BinaryBatch out, int count) {
    // one pass: the values' bytes cannot exceed the page bytes left, so the batch grows once, up front, and each
    // length is checked against the bytes left just before its copy
    out.ensureCapacity(count, limit - pos + SHORT_VALUE);
    byte[] data = out.data();
    int[] offsets = out.offsets();
    int n = out.count();
    int at = offsets[n];
    int p = pos;
    byte[] in = buf;
    // values of up to 48 bytes (comments, names, codes) move as six 8-byte words whatever their length: no branch
    // on the length to mispredict, and the bytes written past a value are overwritten by the next ones (the batch
    // reserved 48 bytes of slack); the words read past a value stay inside the page buffer (checked once here)
    int wordsUpTo = Math.min(in.length - SHORT_VALUE, limit);
    for (int i = 0; i < count; i++) {
      int len = lengthAt(p, i, count);
      int from = p + 4;
      if (len <= SHORT_VALUE && from <= wordsUpTo && at <= data.length - SHORT_VALUE) {
        LONGS.set(data, at, (long) LONGS.get(in, from));
        LONGS.set(data, at + 8, (long) LONGS.get(in, from + 8));
        LONGS.set(data, at + 16, (long) LONGS.get(in, from + 16));
        LONGS.set(data, at + 24, (long) LONGS.get(in, from + 24));
        LONGS.set(data, at + 32, (long) LONGS.get(in, from + 32));
        LONGS.set(data, at + 40, (long) LONGS.get(in, from + 40));
      } else {
        System.arraycopy(in, from, data, at, len);
      }
      at += len;
      offsets[++n] = at;
      p = from + len;
    }
    out.setCount(n);
    pos = p;
  }

  @Override
  public void skip(int count) {
    int p = pos;
    for (int i = 0; i < count; i++) {
      p += 4 + lengthAt(p, i, count);
    }
    pos = p;
  }

  /** Walks the lengths of the skipped values and copies only the selected ones. */
  @Override
  public void readSelected(BinaryBatch out, int[] positions, int from, int count, int span) {
    int p = pos;
    int current = 0;
    int end = from + count;
    for (int i = from; i < end; i++) {
      int target = positions[i];
      while (current < target) {
        p += 4 + lengthAt(p, current++, span);
      }
      int len = lengthAt(p, current++, span);
      out.append(buf, p + 4, len);
      p += 4 + len;
    }
    while (current < span) {
      p += 4 + lengthAt(p, current++, span);
    }
    pos = p;
  }

  private int lengthAt(int p, int i, int count) {
    if (limit - p < 4) {
      throw new ParquetCorruptionException("PLAIN BYTE_ARRAY page ends after " + i + " of " + count
          + " expected values");
    }
    int len = readIntLe(p);
    if (len < 0 || len > limit - p - 4) {
      throw new ParquetCorruptionException("BYTE_ARRAY value length " + Integer.toUnsignedString(len)
          + " exceeds the " + (limit - p - 4) + " bytes left in the page");
    }
    return len;
  }

  private int readIntLe(int p) {
    return (int) INTS.get(buf, p);
  }

  /** Values of at most this many bytes are copied as six words. */
  private static final int SHORT_VALUE = 48;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
      ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
}
