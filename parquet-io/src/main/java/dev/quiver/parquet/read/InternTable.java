package dev.quiver.parquet.read;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An open-addressing hash table from the bytes of a dictionary's entries to their indices, for interning values
 * into an output dictionary (the values of data pages that fell back from dictionary encoding). It holds only ints
 * (entry index and hash per slot, linear probing, at most half full); the entries' bytes stay in the caller's
 * dictionary arrays, which are passed to each lookup: variable-length entries as Arrow-style offsets into one byte
 * array, fixed-width ones as consecutive runs of {@code width} bytes. No boxing, no allocation per value.
 *
 * <p>Memory: two ints per slot, at most four slots per entry after growth. Not thread-safe.
 */
final class InternTable {
  /** Per slot, the entry's index + 1; 0 for an empty slot. */
  private int[] entries = new int[64];
  /** Per slot, the entry's hash (compared before the bytes, and reused when growing). */
  private int[] hashes = new int[64];
  private int mask = 63;
  private int size;

  /** Entries in the table. */
  int size() {
    return size;
  }

  /**
   * The index of the variable-length entry equal to {@code value[from, from + length)}, or -1 when none is.
   *
   * @param data the dictionary's bytes; entry {@code i} is {@code data[offsets[i], offsets[i + 1])}
   * @param hash {@link #hash} of the value
   */
  int findVariable(byte[] data, int[] offsets, byte[] value, int from, int length, int hash) {
    for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
      int e = entries[slot];
      if (e == 0) {
        return -1;
      }
      if (hashes[slot] == hash) {
        int i = e - 1;
        int start = offsets[i];
        int end = offsets[i + 1];
        if (end - start == length && Arrays.equals(data, start, end, value, from, from + length)) {
          return i;
        }
      }
    }
  }

  /**
   * The index of the fixed-width entry equal to {@code value[from, from + width)}, or -1 when none is.
   *
   * @param data the dictionary's bytes; entry {@code i} is {@code data[i * width, (i + 1) * width)}
   * @param hash {@link #hash} of the value
   */
  int findFixed(byte[] data, int width, byte[] value, int from, int hash) {
    for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
      int e = entries[slot];
      if (e == 0) {
        return -1;
      }
      if (hashes[slot] == hash) {
        int i = e - 1;
        long start = (long) i * width;
        if (Arrays.equals(data, (int) start, (int) start + width, value, from, from + width)) {
          return i;
        }
      }
    }
  }

  /**
   * Records entry {@code index} (0-based, below 2^31 - 1) with {@code hash}; the caller has checked with a find
   * that no equal entry is recorded (an equal one recorded earlier would keep answering lookups).
   */
  void add(int hash, int index) {
    if (2 * (size + 1) > entries.length) {
      grow();
    }
    int slot = hash & mask;
    while (entries[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    entries[slot] = index + 1;
    hashes[slot] = hash;
    size++;
  }

  private void grow() {
    if (entries.length >= 1 << 30) {
      throw new IllegalStateException("dictionary intern table over 2^29 entries");
    }
    int[] oldEntries = entries;
    int[] oldHashes = hashes;
    entries = new int[oldEntries.length * 2];
    hashes = new int[oldEntries.length * 2];
    mask = entries.length - 1;
    for (int s = 0; s < oldEntries.length; s++) {
      if (oldEntries[s] != 0) {
        int slot = oldHashes[s] & mask;
        while (entries[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        entries[slot] = oldEntries[s];
        hashes[slot] = oldHashes[s];
      }
    }
  }

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
      ByteOrder.LITTLE_ENDIAN);

  /** A 32-bit hash of {@code bytes[from, from + length)}, eight bytes at a time, finalised so low bits mix well. */
  static int hash(byte[] bytes, int from, int length) {
    long h = 0x9E3779B97F4A7C15L ^ length;
    int i = 0;
    for (; i + 8 <= length; i += 8) {
      h = Long.rotateLeft(h ^ (long) LONGS.get(bytes, from + i), 29) * 0xBF58476D1CE4E5B9L;
    }
    long tail = 0;
    for (int shift = 0; i < length; i++, shift += 8) {
      tail |= (bytes[from + i] & 0xFFL) << shift;
    }
    h = (h ^ tail) * 0x94D049BB133111EBL;
    h ^= h >>> 31;
    h *= 0xBF58476D1CE4E5B9L;
    h ^= h >>> 32;
    return (int) h;
  }
}
