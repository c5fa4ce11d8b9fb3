package dev.quiver.parquet.write;

import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;

/** Bulk copies out of Arrow buffers into heap arrays (one bounds check per copy, no per-element ArrowBuf calls). */
final class ArrowBuffers {
  private ArrowBuffers() {}

  /**
   * Validity bits of a range of positions, copied to the heap from the byte holding the range's first position:
   * position {@code p}'s bit is bit {@code p - base} of {@link #bytes}. Reused from call to call.
   */
  static final class Bits {
    byte[] bytes = new byte[0];
    int base;

    boolean isSet(int p) {
      int i = p - base;
      return (bytes[i >>> 3] & (1 << (i & 7))) != 0;
    }
  }

  /**
   * The validity bits of {@code v} for positions {@code [from, end)} copied into {@code into} (only the bytes of
   * that range, so slicing a large batch stays linear), or null when every position of the range is valid. A
   * {@link NullVector} yields all-clear bits.
   */
  static Bits validity(FieldVector v, int from, int end, Bits into) {
    if (end <= from) {
      return null;
    }
    int firstByte = from >>> 3;
    int n = ((end + 7) >>> 3) - firstByte;
    if (into.bytes.length < n) {
      into.bytes = new byte[Math.max(n, into.bytes.length * 2)];
    }
    into.base = firstByte << 3;
    byte[] b = into.bytes;
    if (v instanceof NullVector) {
      Arrays.fill(b, 0, n, (byte) 0);
      return into;
    }
    org.apache.arrow.memory.ArrowBuf validity = v.getValidityBuffer();
    if (validity.capacity() < (long) firstByte + n) {
      // no validity bytes for the range (a vector without a validity buffer): valid only if it counts no nulls
      if (v.getNullCount() == 0) {
        return null;
      }
      throw new IllegalArgumentException("vector '" + v.getName() + "' has " + v.getNullCount()
          + " nulls but a validity buffer of " + validity.capacity() + " bytes for " + end + " positions");
    }
    validity.getBytes(firstByte, b, 0, n);
    int headMask = 0xFF << (from & 7);
    int tailMask = (end & 7) == 0 ? 0xFF : 0xFF >>> (8 - (end & 7));
    for (int j = 0; j < n; j++) {
      int mask = 0xFF & (j == 0 ? headMask : 0xFF) & (j == n - 1 ? tailMask : 0xFF);
      if ((b[j] & mask) != mask) {
        return into;
      }
    }
    return null;
  }

  /** {@code count} little-endian int32s from {@code buf} starting at element {@code from}. */
  static int[] ints(ArrowBuf buf, int from, int count, int[] reuse) {
    int[] out = reuse != null && reuse.length >= count ? reuse : new int[count];
    buf.nioBuffer((long) from * 4, count * 4).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(out, 0, count);
    return out;
  }

  /** {@code count} little-endian int64s from {@code buf} starting at element {@code from}. */
  static long[] longs(ArrowBuf buf, int from, int count, long[] reuse) {
    long[] out = reuse != null && reuse.length >= count ? reuse : new long[count];
    buf.nioBuffer((long) from * 8, count * 8).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out, 0, count);
    return out;
  }

  /** {@code length} bytes of {@code buf} from byte {@code offset}. */
  static byte[] bytes(ArrowBuf buf, long offset, int length, byte[] reuse) {
    byte[] out = reuse != null && reuse.length >= length ? reuse : new byte[Math.max(length, 16)];
    if (length > 0) {
      buf.getBytes(offset, out, 0, length);
    }
    return out;
  }
}
