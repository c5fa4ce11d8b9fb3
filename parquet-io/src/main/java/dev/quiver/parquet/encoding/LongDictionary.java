package dev.quiver.parquet.encoding;

import java.util.Arrays;

/**
 * The dictionary of a fixed-width column while it is written: distinct 64-bit keys (INT32, FLOAT and BOOLEAN values
 * widened or as raw bits, INT64 and DOUBLE as raw bits) in first-seen order, found through an open-addressing hash
 * table on primitives (no boxing). Floating point values are keyed by their bits, so -0.0/+0.0 and NaN payloads stay
 * distinct, exactly as they were written.
 */
public final class LongDictionary {
  private long[] values = new long[256];
  private int size;
  private int[] table = new int[512]; // entry + 1, 0 for empty
  private int mask = 511;

  /** Distinct values so far. */
  public int size() {
    return size;
  }

  /** The distinct values in index order; valid entries are {@code [0, size())}. */
  public long[] values() {
    return values;
  }

  /** Forgets every value. */
  public void clear() {
    size = 0;
    Arrays.fill(table, 0);
  }

  /** The index of {@code key}, added at the end when new. */
  public int indexOf(long key) {
    int slot = mix(key) & mask;
    while (true) {
      int e = table[slot];
      if (e == 0) {
        break;
      }
      if (values[e - 1] == key) {
        return e - 1;
      }
      slot = (slot + 1) & mask;
    }
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size] = key;
    table[slot] = ++size;
    if (size * 2 > table.length) {
      rehash();
    }
    return size - 1;
  }

  /** Maps {@code keys[offset, offset + count)} to their indices in {@code out[outOffset...]}. */
  public void indicesOf(long[] keys, int offset, int count, int[] out, int outOffset) {
    for (int i = 0; i < count; i++) {
      out[outOffset + i] = indexOf(keys[offset + i]);
    }
  }

  private void rehash() {
    int[] t = new int[table.length * 2];
    int m = t.length - 1;
    for (int i = 0; i < size; i++) {
      int slot = mix(values[i]) & m;
      while (t[slot] != 0) {
        slot = (slot + 1) & m;
      }
      t[slot] = i + 1;
    }
    table = t;
    mask = m;
  }

  /** MurmurHash3's 64-bit finaliser: every key bit reaches the low bits the table uses. */
  private static int mix(long key) {
    long h = key;
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    h *= 0xC4CEB9FE1A85EC53L;
    h ^= h >>> 33;
    return (int) h;
  }
}
