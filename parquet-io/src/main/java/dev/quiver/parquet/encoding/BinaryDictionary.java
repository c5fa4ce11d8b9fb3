package dev.quiver.parquet.encoding;

import java.util.Arrays;

/**
 * The dictionary of a BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY column while it is written: distinct byte strings in
 * first-seen order, stored back to back in one array with Arrow-style offsets, found through an open-addressing
 * hash table of entry numbers (no per-value objects).
 */
public final class BinaryDictionary {
  private byte[] data = new byte[4096];
  private int[] offsets = new int[257];
  private int[] hashes = new int[256];
  private int size;
  private int[] table = new int[512];
  private int mask = 511;

  /** Distinct values so far. */
  public int size() {
    return size;
  }

  /** Total bytes of the distinct values. */
  public int byteSize() {
    return offsets[size];
  }

  /** The value bytes; entry {@code i} is {@code data()[offsets()[i], offsets()[i + 1])}. */
  public byte[] data() {
    return data;
  }

  /** The entry offsets ({@code size() + 1} valid). */
  public int[] offsets() {
    return offsets;
  }

  /** Forgets every value. */
  public void clear() {
    size = 0;
    offsets[0] = 0;
    Arrays.fill(table, 0);
  }

  /** The index of {@code src[offset, offset + length)}, added at the end when new. */
  public int indexOf(byte[] src, int offset, int length) {
    int h = hash(src, offset, length);
    int slot = h & mask;
    while (true) {
      int e = table[slot];
      if (e == 0) {
        break;
      }
      int i = e - 1;
      if (hashes[i] == h && offsets[i + 1] - offsets[i] == length
          && Arrays.equals(data, offsets[i], offsets[i + 1], src, offset, offset + length)) {
        return i;
      }
      slot = (slot + 1) & mask;
    }
    if (size == hashes.length) {
      hashes = Arrays.copyOf(hashes, size * 2);
      offsets = Arrays.copyOf(offsets, size * 2 + 1);
    }
    int end = offsets[size];
    if (end + length > data.length) {
      data = Arrays.copyOf(data, Math.max(data.length * 2, end + length));
    }
    System.arraycopy(src, offset, data, end, length);
    hashes[size] = h;
    offsets[size + 1] = end + length;
    table[slot] = ++size;
    if (size * 2 > table.length) {
      rehash();
    }
    return size - 1;
  }

  private void rehash() {
    int[] t = new int[table.length * 2];
    int m = t.length - 1;
    for (int i = 0; i < size; i++) {
      int slot = hashes[i] & m;
      while (t[slot] != 0) {
        slot = (slot + 1) & m;
      }
      t[slot] = i + 1;
    }
    table = t;
    mask = m;
  }

  private static int hash(byte[] b, int offset, int length) {
    int h = 0x811C9DC5 ^ length;
    int i = offset;
    int end = offset + length;
    for (; i + 4 <= end; i += 4) {
      int w = (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | b[i + 3] << 24;
      h = (h ^ w) * 0x01000193;
      h ^= h >>> 15;
    }
    for (; i < end; i++) {
      h = (h ^ b[i]) * 0x01000193;
    }
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
