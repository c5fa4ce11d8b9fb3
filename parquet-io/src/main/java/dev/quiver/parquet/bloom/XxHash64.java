package dev.quiver.parquet.bloom;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * xxHash64 (Yann Collet's XXH64, specification at github.com/Cyan4973/xxHash doc/xxhash_spec.md) with seed 0, the
 * hash Parquet bloom filters use over the PLAIN encoding of a value (BloomFilter.md, "Technical Approach"):
 * 4 little-endian bytes for INT32 and FLOAT, 8 for INT64 and DOUBLE, the bytes alone for BYTE_ARRAY and
 * FIXED_LEN_BYTE_ARRAY.
 */
public final class XxHash64 {
  private static final long P1 = 0x9E3779B185EBCA87L;
  private static final long P2 = 0xC2B2AE3D27D4EB4FL;
  private static final long P3 = 0x165667B19E3779F9L;
  private static final long P4 = 0x85EBCA77C2B2AE63L;
  private static final long P5 = 0x27D4EB2F165667C5L;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private XxHash64() {}

  /** The hash of {@code b[offset, offset + length)}. */
  public static long hash(byte[] b, int offset, int length) {
    int p = offset;
    int end = offset + length;
    long h;
    if (length >= 32) {
      long v1 = P1 + P2;
      long v2 = P2;
      long v3 = 0;
      long v4 = -P1;
      int limit = end - 32;
      do {
        v1 = round(v1, (long) LONGS.get(b, p));
        v2 = round(v2, (long) LONGS.get(b, p + 8));
        v3 = round(v3, (long) LONGS.get(b, p + 16));
        v4 = round(v4, (long) LONGS.get(b, p + 24));
        p += 32;
      } while (p <= limit);
      h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
      h = merge(h, v1);
      h = merge(h, v2);
      h = merge(h, v3);
      h = merge(h, v4);
    } else {
      h = P5;
    }
    h += length;
    while (p + 8 <= end) {
      h ^= round(0, (long) LONGS.get(b, p));
      h = Long.rotateLeft(h, 27) * P1 + P4;
      p += 8;
    }
    if (p + 4 <= end) {
      h ^= ((int) INTS.get(b, p) & 0xFFFFFFFFL) * P1;
      h = Long.rotateLeft(h, 23) * P2 + P3;
      p += 4;
    }
    while (p < end) {
      h ^= (b[p] & 0xFFL) * P5;
      h = Long.rotateLeft(h, 11) * P1;
      p++;
    }
    return avalanche(h);
  }

  /** The hash of the 4 little-endian bytes of {@code v} (INT32, FLOAT bits). */
  public static long hashInt(int v) {
    long h = P5 + 4;
    h ^= (v & 0xFFFFFFFFL) * P1;
    h = Long.rotateLeft(h, 23) * P2 + P3;
    return avalanche(h);
  }

  /** The hash of the 8 little-endian bytes of {@code v} (INT64, DOUBLE bits). */
  public static long hashLong(long v) {
    long h = P5 + 8;
    h ^= round(0, v);
    h = Long.rotateLeft(h, 27) * P1 + P4;
    return avalanche(h);
  }

  private static long round(long acc, long input) {
    acc += input * P2;
    acc = Long.rotateLeft(acc, 31);
    return acc * P1;
  }

  private static long merge(long h, long v) {
    h ^= round(0, v);
    return h * P1 + P4;
  }

  private static long avalanche(long h) {
    h ^= h >>> 33;
    h *= P2;
    h ^= h >>> 29;
    h *= P3;
    h ^= h >>> 32;
    return h;
  }
}
