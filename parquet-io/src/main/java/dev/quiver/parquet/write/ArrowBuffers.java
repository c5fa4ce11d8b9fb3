package dev.quiver.parquet.write;

import java.nio.ByteOrder;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;

/** Bulk copies out of Arrow buffers into heap arrays (one bounds check per copy, no per-element ArrowBuf calls). */
final class ArrowBuffers {
  private ArrowBuffers() {}

  /**
   * The validity bits of {@code v} for positions {@code [0, end)} as a heap bitmap, or null when {@code v} has no
   * nulls. A {@link NullVector} yields an all-zero bitmap.
   */
  static byte[] validity(FieldVector v, int end) {
    if (v instanceof NullVector) {
      return new byte[(end + 7) >>> 3];
    }
    if (v.getNullCount() == 0) {
      return null;
    }
    byte[] bits = new byte[(end + 7) >>> 3];
    v.getValidityBuffer().getBytes(0, bits, 0, bits.length);
    return bits;
  }

  static boolean isSet(byte[] bits, int i) {
    return (bits[i >>> 3] & (1 << (i & 7))) != 0;
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
