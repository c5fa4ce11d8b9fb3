package dev.quiver.exec.op;

import dev.quiver.exec.types.DataType;
import dev.quiver.exec.vector.Column;
import java.util.Arrays;

/**
 * An open-addressing hash table from key tuples (any number of columns of any flat type, nulls included and
 * equal to each other) to dense group ids 0, 1, 2, ... in first-seen order. Keys are hashed a column at a time over
 * the whole batch; probing compares the stored hash first, then the key values. Doubles are grouped by value with
 * {@code -0.0} equal to {@code 0.0} and all NaNs equal. Keys are stored column-wise: 64-bit values (integers,
 * decimals, dates, timestamps, double bits, booleans as 0/1) or UTF-8 bytes with offsets. A string of at most 7
 * bytes is also packed into one long (bytes, then its length in the top byte), which is injective, so short-string
 * keys hash and compare like integers.
 */
public final class GroupTable {
  private final DataType[] types;
  private final boolean[] isString;
  private long[][] longKeys;
  private byte[][] stringBytes;
  private int[][] stringOffsets;
  private int[] stringUsed;
  private boolean[][] keyNulls;
  private long[] groupHash;
  /** The packed form of a string longer than 7 bytes (no packed short string has this value). */
  private static final long LONG_STRING = -1L;
  private static final java.lang.invoke.VarHandle LONG_LE =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
  private int groups;
  /** Key columns up to which the direct-mapped cache is used. */
  private static final int CACHED_KEYS = 4;
  private static final int CACHE_BITS = 8;
  private static final int CACHE_SIZE = 1 << CACHE_BITS;
  /** Cache entries' key values ({@code k} per entry) and group ids (-1: empty). */
  private long[] cacheKeys;
  private int[] cacheIds;
  /** Set once a batch missed the cache on over a quarter of its rows (many distinct keys): the cache is skipped. */
  private boolean cacheOff;
  private int[] slots;
  private int mask;

  /** A table for keys of {@code types}. */
  public GroupTable(DataType[] types) {
    this.types = types.clone();
    int k = types.length;
    isString = new boolean[k];
    longKeys = new long[k][];
    stringBytes = new byte[k][];
    stringOffsets = new int[k][];
    stringUsed = new int[k];
    keyNulls = new boolean[k][];
    int cap = 16;
    for (int c = 0; c < k; c++) {
      isString[c] = types[c].kind() == DataType.Kind.VARCHAR;
      if (isString[c]) {
        stringBytes[c] = new byte[64];
        stringOffsets[c] = new int[cap + 1];
      }
      longKeys[c] = new long[cap];
      keyNulls[c] = new boolean[cap];
    }
    groupHash = new long[cap];
    slots = new int[32];
    mask = 31;
  }

  /** Number of groups so far. */
  public int size() {
    return groups;
  }

  /** Approximate bytes held. */
  public long sizeInBytes() {
    long n = 4L * slots.length + 8L * groupHash.length;
    n += flagIds == null ? 0 : 4L * flagIds.length; // the direct table of one-byte keys
    n += cacheKeys == null ? 0 : 8L * cacheKeys.length + 4L * cacheIds.length; // the cache before the hash table
    for (int c = 0; c < types.length; c++) {
      n += keyNulls[c].length;
      n += 8L * longKeys[c].length + (isString[c] ? stringBytes[c].length + 4L * stringOffsets[c].length : 0);
    }
    return n;
  }

  /**
   * The group id of each of the first {@code n} rows of {@code keys} (one column per key, of this table's types),
   * adding new groups as needed.
   */
  public int[] groupIds(Column[] keys, int n) {
    int k = types.length;
    long[][] values = new long[k][];
    if (k <= 2 && flagKeys(keys)) {
      return flagGroupIds(keys, n);
    }
    if (k <= CACHED_KEYS && !cacheOff && simpleKeys(keys, values, n)) {
      return cachedGroupIds(keys, values, n);
    }
    long[] hash = new long[n];
    for (int c = 0; c < k; c++) {
      Column col = keys[c];
      boolean[] nl = col.nulls;
      if (!isString[c]) {
        long[] v = asLongs(col);
        if (nl != null) {
          // a null row's slot value is arbitrary: hash and store 0 so that all nulls land in one group
          if (v == col.longs) {
            v = v.clone();
          }
          for (int i = 0; i < n; i++) {
            if (nl[i]) {
              v[i] = 0;
            }
          }
        }
        values[c] = v;
        for (int i = 0; i < n; i++) {
          hash[i] = hash[i] * 0x9E3779B97F4A7C15L + mix(v[i]);
        }
      } else {
        long[] packed = pack(col, n);
        if (nl != null) {
          // a null row hashes and compares as the empty string (packed 0), whatever bytes its slot holds
          for (int i = 0; i < n; i++) {
            if (nl[i]) {
              packed[i] = 0;
            }
          }
        }
        values[c] = packed;
        for (int i = 0; i < n; i++) {
          long p = packed[i];
          hash[i] = hash[i] * 0x9E3779B97F4A7C15L + (p != LONG_STRING ? mix(p)
              : hashBytes(col.bytes, col.offsets[i], col.offsets[i + 1]));
        }
      }
      if (nl != null) {
        for (int i = 0; i < n; i++) {
          if (nl[i]) {
            hash[i] = hash[i] * 31 + 0x5bd1e995L;
          }
        }
      }
    }
    boolean simple = true;
    for (int c = 0; c < k; c++) {
      simple &= keys[c].nulls == null;
      if (isString[c]) {
        for (int i = 0; i < n && simple; i++) {
          simple = values[c][i] != LONG_STRING;
        }
      }
    }
    int[] ids = new int[n];
    for (int i = 0; i < n; i++) {
      long h = mix(hash[i]);
      int slot = (int) h & mask;
      while (true) {
        int g = slots[slot];
        if (g == 0) {
          int id = add(keys, values, i, h);
          slots[slot] = id + 1;
          ids[i] = id;
          if (groups * 2 > slots.length) {
            rehash();
          }
          break;
        }
        g--;
        if (groupHash[g] == h && (simple ? equalValues(g, values, i) : equal(g, keys, values, i))) {
          ids[i] = g;
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
    return ids;
  }

  /** Whether every key column is a null-free VARCHAR of one-byte values (flags and codes such as 'A', 'N'). */
  private boolean flagKeys(Column[] keys) {
    for (int c = 0; c < types.length; c++) {
      if (!isString[c] || keys[c].nulls != null || keys[c].fixedWidth() != 1) {
        return false;
      }
    }
    return true;
  }

  /**
   * Group ids for one or two keys of one-byte strings ({@link #flagKeys}) through a direct table indexed by the
   * key bytes (256 or 65,536 entries, filled as key pairs are first seen): a byte load or two and one table load
   * per row. A pair not in the table yet is found in (or added to) the hash table, with the hash every other path
   * gives the same key.
   */
  private int[] flagGroupIds(Column[] keys, int n) {
    int k = types.length;
    if (flagIds == null) {
      flagIds = new int[1 << (8 * k)];
      Arrays.fill(flagIds, -1);
    }
    int[] table = flagIds;
    int[] ids = new int[n];
    byte[] b0 = keys[0].bytes;
    int base0 = keys[0].offsets[0];
    byte[] b1 = k == 2 ? keys[1].bytes : null;
    int base1 = k == 2 ? keys[1].offsets[0] : 0;
    int missing = 0;
    for (int i = 0; i < n; i++) {
      int index = b0[base0 + i] & 0xFF;
      if (k == 2) {
        index = (index << 8) | (b1[base1 + i] & 0xFF);
      }
      int g = table[index];
      ids[i] = g;
      missing |= g; // negative when some row's pair is not in the table yet
    }
    if (missing < 0) {
      // pairs seen for the first time: found in (or added to) the hash table, then in the direct table
      long[][] packed = new long[k][];
      for (int c = 0; c < k; c++) {
        packed[c] = pack(keys[c], n);
      }
      for (int i = 0; i < n; i++) {
        if (ids[i] < 0) {
          int index = b0[base0 + i] & 0xFF;
          if (k == 2) {
            index = (index << 8) | (b1[base1 + i] & 0xFF);
          }
          int g = table[index];
          if (g < 0) {
            g = probe(keys, packed, i);
            table[index] = g;
          }
          ids[i] = g;
        }
      }
    }
    return ids;
  }

  /** Group ids by key bytes for {@link #flagGroupIds} (-1: not seen yet), or null before first use. */
  private int[] flagIds;

  /**
   * Whether every key column is free of nulls and every string key is at most 7 bytes (so each row's key is its
   * 64-bit values alone); fills {@code values} with those values (strings packed) when so.
   */
  private boolean simpleKeys(Column[] keys, long[][] values, int n) {
    for (int c = 0; c < types.length; c++) {
      if (keys[c].nulls != null || keys[c].high != null) {
        return false;
      }
    }
    for (int c = 0; c < types.length; c++) {
      Column col = keys[c];
      if (isString[c]) {
        long[] packed = pack(col, n);
        for (int i = 0; i < n; i++) {
          if (packed[i] == LONG_STRING) {
            return false;
          }
        }
        values[c] = packed;
      } else {
        values[c] = asLongs(col);
      }
    }
    return true;
  }

  /**
   * Group ids of rows whose keys are 64-bit values only ({@link #simpleKeys}), through a small direct-mapped cache
   * from key tuple to group id in front of the hash table: a cheap multiplicative hash of the row's values picks one
   * cache entry; on a hit (all values equal) the group id is there, on a miss the hash table is probed as usual and
   * the entry replaced. Few distinct keys (as in TPC-H Q1) then cost a few operations per row.
   */
  private int[] cachedGroupIds(Column[] keys, long[][] values, int n) {
    int k = types.length;
    if (cacheKeys == null) {
      cacheKeys = new long[CACHE_SIZE * k];
      cacheIds = new int[CACHE_SIZE];
      Arrays.fill(cacheIds, -1);
    }
    long[] ck = cacheKeys;
    int[] ci = cacheIds;
    int[] ids = new int[n];
    long[] v0 = values[0];
    int misses = 0;
    if (k == 1) {
      for (int i = 0; i < n; i++) {
        long a = v0[i];
        int slot = (int) ((a * 0x9E3779B97F4A7C15L) >>> (64 - CACHE_BITS));
        int g = ci[slot];
        if (g < 0 || ck[slot] != a) {
          misses++;
          g = probe(keys, values, i);
          ck[slot] = a;
          ci[slot] = g;
        }
        ids[i] = g;
      }
      cacheOff = misses * 4 > n && n >= 256;
      return ids;
    }
    if (k == 2) {
      long[] v1 = values[1];
      for (int i = 0; i < n; i++) {
        long a = v0[i];
        long b = v1[i];
        int slot = (int) ((a * 0x9E3779B97F4A7C15L + b * 0xC2B2AE3D27D4EB4FL) >>> (64 - CACHE_BITS));
        int g = ci[slot];
        if (g < 0 || ck[2 * slot] != a || ck[2 * slot + 1] != b) {
          misses++;
          g = probe(keys, values, i);
          ck[2 * slot] = a;
          ck[2 * slot + 1] = b;
          ci[slot] = g;
        }
        ids[i] = g;
      }
      cacheOff = misses * 4 > n && n >= 256;
      return ids;
    }
    for (int i = 0; i < n; i++) {
      long h = 0;
      for (int c = 0; c < k; c++) {
        h = (h + values[c][i]) * 0x9E3779B97F4A7C15L;
      }
      int slot = (int) (h >>> (64 - CACHE_BITS));
      int g = ci[slot];
      boolean hit = g >= 0;
      for (int c = 0; c < k && hit; c++) {
        hit = ck[k * slot + c] == values[c][i];
      }
      if (!hit) {
        misses++;
        g = probe(keys, values, i);
        for (int c = 0; c < k; c++) {
          ck[k * slot + c] = values[c][i];
        }
        ci[slot] = g;
      }
      ids[i] = g;
    }
    cacheOff = misses * 4 > n && n >= 256;
    return ids;
  }

  /**
   * The group id of row {@code row} whose keys are 64-bit values only, found in (or added to) the hash table: the
   * hash is the one {@link #groupIds} computes for such a row.
   */
  private int probe(Column[] keys, long[][] values, int row) {
    long hash = 0;
    for (int c = 0; c < types.length; c++) {
      hash = hash * 0x9E3779B97F4A7C15L + mix(values[c][row]);
    }
    long h = mix(hash);
    int slot = (int) h & mask;
    while (true) {
      int g = slots[slot];
      if (g == 0) {
        int id = add(keys, values, row, h);
        slots[slot] = id + 1;
        if (groups * 2 > slots.length) {
          rehash();
        }
        return id;
      }
      g--;
      if (groupHash[g] == h && equalValues(g, values, row)) {
        return g;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** Each string packed into a long when it has at most 7 bytes, else {@link #LONG_STRING}. */
  private static long[] pack(Column col, int n) {
    long[] out = new long[n];
    byte[] b = col.bytes;
    int[] o = col.offsets;
    if (n == col.size && col.fixedWidth() == 1) {
      int base = o[0];
      for (int i = 0; i < n; i++) {
        out[i] = (1L << 56) | (b[base + i] & 0xFFL);
      }
      return out;
    }
    for (int i = 0; i < n; i++) {
      int from = o[i];
      int len = o[i + 1] - from;
      if (len == 1) {
        out[i] = (1L << 56) | (b[from] & 0xFFL);
      } else if (len > 7) {
        out[i] = LONG_STRING;
      } else if (from + 8 <= b.length) {
        // one 8-byte little-endian read, masked to the string's bytes
        long word = (long) LONG_LE.get(b, from);
        out[i] = ((long) len << 56) | (word & ((1L << (8 * len)) - 1));
      } else {
        long v = (long) len << 56;
        for (int j = 0; j < len; j++) {
          v |= (b[from + j] & 0xFFL) << (8 * j);
        }
        out[i] = v;
      }
    }
    return out;
  }

  private static long[] asLongs(Column col) {
    if (col.longs != null) {
      return col.longs;
    }
    int n = col.size;
    long[] out = new long[n];
    if (col.doubles != null) {
      for (int i = 0; i < n; i++) {
        double d = col.doubles[i];
        out[i] = d == 0.0 ? 0L : Double.doubleToLongBits(d);
      }
    } else if (col.bools != null) {
      for (int i = 0; i < n; i++) {
        out[i] = col.bools[i] ? 1 : 0;
      }
    }
    return out;
  }

  /** Equality when the row has no null keys and every string key is packed: 64-bit compares only. */
  private boolean equalValues(int g, long[][] values, int row) {
    for (int c = 0; c < types.length; c++) {
      if (longKeys[c][g] != values[c][row] || keyNulls[c][g]) {
        return false;
      }
    }
    return true;
  }

  private boolean equal(int g, Column[] keys, long[][] values, int row) {
    for (int c = 0; c < types.length; c++) {
      Column col = keys[c];
      boolean rn = col.nulls != null && col.nulls[row];
      if (rn != keyNulls[c][g]) {
        return false;
      }
      if (rn) {
        continue;
      }
      long v = values[c][row];
      if (longKeys[c][g] != v) {
        return false;
      }
      if (isString[c] && v == LONG_STRING) {
        int[] so = stringOffsets[c];
        if (!Arrays.equals(stringBytes[c], so[g], so[g + 1], col.bytes, col.offsets[row], col.offsets[row + 1])) {
          return false;
        }
      }
    }
    return true;
  }

  private int add(Column[] keys, long[][] values, int row, long h) {
    int g = groups++;
    if (g == groupHash.length) {
      grow();
    }
    groupHash[g] = h;
    for (int c = 0; c < types.length; c++) {
      Column col = keys[c];
      boolean rn = col.nulls != null && col.nulls[row];
      keyNulls[c][g] = rn;
      if (isString[c]) {
        int len = rn ? 0 : col.offsets[row + 1] - col.offsets[row];
        int used = stringUsed[c];
        if (used + len > stringBytes[c].length) {
          stringBytes[c] = Arrays.copyOf(stringBytes[c], Math.max(stringBytes[c].length * 2, used + len));
        }
        if (len > 0) {
          System.arraycopy(col.bytes, col.offsets[row], stringBytes[c], used, len);
        }
        stringUsed[c] = used + len;
        stringOffsets[c][g + 1] = used + len;
      }
      longKeys[c][g] = rn ? 0 : values[c][row];
    }
    return g;
  }

  private void grow() {
    int cap = groupHash.length * 2;
    groupHash = Arrays.copyOf(groupHash, cap);
    for (int c = 0; c < types.length; c++) {
      keyNulls[c] = Arrays.copyOf(keyNulls[c], cap);
      if (isString[c]) {
        stringOffsets[c] = Arrays.copyOf(stringOffsets[c], cap + 1);
      }
      longKeys[c] = Arrays.copyOf(longKeys[c], cap);
    }
  }

  private void rehash() {
    int cap = slots.length * 2;
    slots = new int[cap];
    mask = cap - 1;
    for (int g = 0; g < groups; g++) {
      int slot = (int) groupHash[g] & mask;
      while (slots[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = g + 1;
    }
  }

  /** Key column {@code c} of every group, in group-id order. */
  public Column keyColumn(int c) {
    int n = groups;
    boolean[] nulls = Arrays.copyOf(keyNulls[c], n);
    DataType t = types[c];
    if (isString[c]) {
      return Column.ofStrings(Arrays.copyOf(stringBytes[c], stringUsed[c]), Arrays.copyOf(stringOffsets[c], n + 1),
          nulls, n);
    }
    long[] v = Arrays.copyOf(longKeys[c], n);
    if (t.kind() == DataType.Kind.DOUBLE) {
      double[] d = new double[n];
      for (int i = 0; i < n; i++) {
        d[i] = Double.longBitsToDouble(v[i]);
      }
      return Column.ofDoubles(d, nulls, n);
    }
    if (t.kind() == DataType.Kind.BOOLEAN) {
      boolean[] b = new boolean[n];
      for (int i = 0; i < n; i++) {
        b[i] = v[i] != 0;
      }
      return Column.ofBools(b, nulls, n);
    }
    return Column.ofLongs(t, v, nulls, n);
  }

  static long mix(long x) {
    x ^= x >>> 33;
    x *= 0xff51afd7ed558ccdL;
    x ^= x >>> 33;
    x *= 0xc4ceb9fe1a85ec53L;
    x ^= x >>> 33;
    return x;
  }

  private static long hashBytes(byte[] b, int from, int to) {
    long h = 0xcbf29ce484222325L;
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long w = 0;
      for (int j = 0; j < 8; j++) {
        w = (w << 8) | (b[i + j] & 0xFF);
      }
      h = (h ^ w) * 0x100000001b3L;
      h ^= h >>> 29;
    }
    for (; i < to; i++) {
      h = (h ^ (b[i] & 0xFF)) * 0x100000001b3L;
    }
    return h ^ (to - from);
  }
}
