package dev.quiver.bench.checksum;

/**
 * The per-value hashes of the canonical checksum. They are chosen equal to DuckDB's {@code hash()} of a BIGINT, a
 * DOUBLE, a FLOAT and a VARCHAR/BLOB (DuckDB 1.x {@code src/common/types/hash.cpp}; checked against DuckDB itself by
 * {@code HashesTest}), so that DuckDB can compute the same checksum in SQL, vectorised, as fast as it scans.
 *
 * <p>Canonical values: every integer-like value (INT8 to INT64, BOOLEAN as 0/1, DATE as days since 1970-01-01,
 * DECIMAL of up to 18 digits as its unscaled value) is a signed 64-bit integer hashed by {@link #ofLong}; DOUBLE and
 * FLOAT by their IEEE bits after turning -0.0 into 0.0 and every NaN into the canonical NaN; strings and binaries by
 * their bytes ({@link #ofBytes}); a null by {@link #NULL_HASH}.
 */
public final class Hashes {
  /** The hash of a null value (DuckDB's {@code HashOp::NULL_HASH}). */
  public static final long NULL_HASH = 0xbf58476d1ce4e5b9L;

  private static final long M = 0xd6e8feb86659fd93L;
  private static final long SEED = 0xe17a1465L;
  private static final long LEN_MUL = 0xc6a4a7935bd1e995L;

  private Hashes() {}

  /** MurmurHash64's finaliser: the hash of a canonical 64-bit integer. */
  public static long ofLong(long x) {
    x ^= x >>> 32;
    x *= M;
    x ^= x >>> 32;
    x *= M;
    x ^= x >>> 32;
    return x;
  }

  /** The hash of a DOUBLE: its bits, -0.0 as 0.0 and NaN canonical. */
  public static long ofDouble(double v) {
    if (v == 0.0) {
      v = 0.0;
    }
    return ofLong(Double.doubleToLongBits(v)); // doubleToLongBits folds every NaN into the canonical one
  }

  /** The hash of a FLOAT: its 32 bits zero-extended, -0.0 as 0.0 and NaN canonical. */
  public static long ofFloat(float v) {
    if (v == 0.0f) {
      v = 0.0f;
    }
    return ofLong(Integer.toUnsignedLong(Float.floatToIntBits(v)));
  }

  /**
   * The hash of {@code bytes[offset, offset + length)}: 8-byte little-endian blocks folded by multiply-xor, the tail
   * zero-padded, then {@link #ofLong}. Values of up to 16 bytes with 16 readable bytes from {@code offset} are read
   * with (masked) 8-byte loads.
   */
  public static long ofBytes(byte[] bytes, int offset, int length) {
    long h = SEED ^ (length * LEN_MUL);
    if (length <= 16 && offset + 16 <= bytes.length) {
      // short values: the same masked-load rounds as ofMemory's short path, so every engine's fold costs alike
      if (length == 0) {
        return ofLong(h);
      }
      h = (h ^ ((long) LONGS.get(bytes, offset) & (-1L >>> (64 - 8 * Math.min(length, 8))))) * M;
      if (length > 8) {
        h = (h ^ ((long) LONGS.get(bytes, offset + 8) & (-1L >>> (64 - 8 * (length - 8))))) * M;
      }
      return ofLong(h);
    }
    int end = offset + (length & ~7);
    int p = offset;
    for (; p < end; p += 8) {
      h ^= (long) LONGS.get(bytes, p);
      h *= M;
    }
    int rem = length & 7;
    if (rem != 0) {
      long tail = 0;
      for (int k = 0; k < rem; k++) {
        tail |= (bytes[p + k] & 0xFFL) << (8 * k);
      }
      h ^= tail;
      h *= M;
    }
    return ofLong(h);
  }

  /**
   * As {@link #ofBytes(byte[], int, int)}, for {@code length} bytes at off-heap {@code address} (an Arrow buffer).
   */
  public static long ofMemory(long address, int length) {
    return ofMemory(address, length, address + length); // no byte past the value may be read
  }

  /**
   * As {@link #ofMemory(long, int)}, free to read (and ignore) bytes past the value up to {@code limit}, the end of
   * the readable memory (an Arrow buffer's capacity): values of up to 16 and up to 48 bytes are hashed in a fixed
   * number of masked 8-byte loads, and a longer value's last partial block in one masked load; where {@code limit}
   * leaves no room, block by block and the tail byte by byte. The same hash, faster for the short strings typical of
   * Parquet columns.
   */
  public static long ofMemory(long address, int length, long limit) {
    // the short path is kept in a method of its own, small enough for the JIT to inline into a caller's loop
    if (length <= 16 && address + 16 <= limit) {
      return ofShortMemory(address, length);
    }
    return ofLongerMemory(address, length, limit);
  }

  /** {@link #ofMemory(long, int, long)} of a value of at most 16 bytes with 16 readable bytes at {@code address}. */
  private static long ofShortMemory(long address, int length) {
    long h = SEED ^ (length * LEN_MUL);
    if (length == 0) {
      return ofLong(h);
    }
    // at most two rounds, each a masked load, with few data-dependent branches
    long mask0 = -1L >>> (64 - 8 * Math.min(length, 8));
    h = (h ^ (org.apache.arrow.memory.util.MemoryUtil.getLong(address) & mask0)) * M;
    if (length > 8) {
      long mask1 = -1L >>> (64 - 8 * (length - 8));
      h = (h ^ (org.apache.arrow.memory.util.MemoryUtil.getLong(address + 8) & mask1)) * M;
    }
    return ofLong(h);
  }

  /** {@link #ofMemory(long, int, long)} of a value over 16 bytes, or one too close to {@code limit}. */
  private static long ofLongerMemory(long address, int length, long limit) {
    long h = SEED ^ (length * LEN_MUL);
    if (length <= 48 && address + 48 <= limit) {
      // 17-48 bytes (comments): two full rounds, then four rounds each masked to the bytes left and kept only when
      // any are left, without a loop whose trip count varies with the length
      h = (h ^ org.apache.arrow.memory.util.MemoryUtil.getLong(address)) * M;
      h = (h ^ org.apache.arrow.memory.util.MemoryUtil.getLong(address + 8)) * M;
      for (int k = 2; k < 6; k++) {
        int left = length - 8 * k;
        long word = org.apache.arrow.memory.util.MemoryUtil.getLong(address + 8L * k);
        long mask = left >= 8 ? -1L : -1L >>> (64 - 8 * Math.max(left, 1));
        long next = (h ^ (word & mask)) * M;
        h = left > 0 ? next : h;
      }
      return ofLong(h);
    }
    long p = address;
    long end = address + (length & ~7);
    for (; p < end; p += 8) {
      h ^= org.apache.arrow.memory.util.MemoryUtil.getLong(p);
      h *= M;
    }
    int rem = length & 7;
    if (rem != 0) {
      long tail;
      if (p + 8 <= limit) {
        tail = org.apache.arrow.memory.util.MemoryUtil.getLong(p) & (-1L >>> (64 - 8 * rem));
      } else {
        tail = 0;
        for (int k = 0; k < rem; k++) {
          tail |= (org.apache.arrow.memory.util.MemoryUtil.getByte(p + k) & 0xFFL) << (8 * k);
        }
      }
      h ^= tail;
      h *= M;
    }
    return ofLong(h);
  }

  private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
      long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
}
