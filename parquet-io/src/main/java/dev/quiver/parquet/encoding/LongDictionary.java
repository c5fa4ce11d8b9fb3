package dev.quiver.parquet.encoding;

import java.util.Arrays;

/**
 * The dictionary of a fixed-width column while it is written: distinct 64-bit keys (INT32, FLOAT and BOOLEAN values
 * widened or as raw bits, INT64 and DOUBLE as raw bits) in first-seen order, found through an open-addressing hash
 * table on primitives (no boxing). Each slot holds the key and its index side by side, so a lookup touches one
 * cache line. Floating point values are keyed by their bits, so -0.0/+0.0 and NaN payloads stay distinct, exactly as
 * they were written.
 */
public final class LongDictionary {
  private long[] values = new long[256];
  private int size;
  /** Slot {@code s}: key at {@code 2s}, index + 1 at {@code 2s + 1} (0 for an empty slot). */
  private long[] table = new long[2 * 512];
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
    long[] t = table;
    int slot = mix(key) & mask;
    while (true) {
      long e = t[2 * slot + 1];
      if (e == 0) {
        break;
      }
      if (t[2 * slot] == key) {
        return (int) e - 1;
      }
      slot = (slot + 1) & mask;
    }
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size] = key;
    t[2 * slot] = key;
    t[2 * slot + 1] = ++size;
    if (size * 2 > mask + 1) {
      rehash();
    }
    return size - 1;
  }

  private void rehash() {
    int slots = (mask + 1) * 2;
    long[] t = new long[2 * slots];
    int m = slots - 1;
    for (int i = 0; i < size; i++) {
      int slot = mix(values[i]) & m;
      while (t[2 * slot + 1] != 0) {
        slot = (slot + 1) & m;
      }
      t[2 * slot] = values[i];
      t[2 * slot + 1] = i + 1;
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
