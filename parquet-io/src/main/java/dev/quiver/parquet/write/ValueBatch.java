package dev.quiver.parquet.write;

import java.util.Arrays;

/**
 * Dense physical values of one leaf column, nulls left out: BOOLEAN (0/1), INT32 and FLOAT (raw bits) in
 * {@link #ints}, INT64 and DOUBLE (raw bits) in {@link #longs}, BYTE_ARRAY in {@link #bytes} with Arrow-style
 * {@link #offsets}, FIXED_LEN_BYTE_ARRAY in {@link #bytes} at {@code width} bytes each. Arrays grow as needed
 * and are reused.
 */
final class ValueBatch {
  int count;
  int[] ints = new int[0];
  long[] longs = new long[0];
  byte[] bytes = new byte[0];
  int[] offsets = new int[] {0};
  /** Bytes of {@link #bytes} in use. */
  int byteLength;

  void clear() {
    count = 0;
    byteLength = 0;
    offsets[0] = 0;
  }

  int[] ints(int more) {
    if (ints.length < count + more) {
      ints = Arrays.copyOf(ints, Math.max(count + more, ints.length * 2));
    }
    return ints;
  }

  long[] longs(int more) {
    if (longs.length < count + more) {
      longs = Arrays.copyOf(longs, Math.max(count + more, longs.length * 2));
    }
    return longs;
  }

  byte[] bytes(long more) {
    long need = byteLength + more;
    if (need > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException("more than 2 GiB of values buffered in one page");
    }
    if (bytes.length < need) {
      bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(need, bytes.length * 2L)));
    }
    return bytes;
  }

  int[] offsets(int more) {
    if (offsets.length < count + more + 1) {
      offsets = Arrays.copyOf(offsets, Math.max(count + more + 1, offsets.length * 2));
    }
    return offsets;
  }

  /** Appends values {@code [from, from + n)} of {@code src} (same physical layout, {@code width} for FLBA). */
  void append(ValueBatch src, int from, int n, int physicalWidth, boolean binary, boolean usesLongs) {
    if (binary) {
      int[] o = offsets(n);
      int start = src.offsets[from];
      int len = src.offsets[from + n] - start;
      byte[] b = bytes(len);
      System.arraycopy(src.bytes, start, b, byteLength, len);
      int shift = byteLength - start;
      for (int i = 1; i <= n; i++) {
        o[count + i] = src.offsets[from + i] + shift;
      }
      byteLength += len;
    } else if (physicalWidth > 0) {
      byte[] b = bytes((long) n * physicalWidth);
      System.arraycopy(src.bytes, from * physicalWidth, b, byteLength, n * physicalWidth);
      byteLength += n * physicalWidth;
    } else if (usesLongs) {
      System.arraycopy(src.longs, from, longs(n), count, n);
    } else {
      System.arraycopy(src.ints, from, ints(n), count, n);
    }
    count += n;
  }
}
