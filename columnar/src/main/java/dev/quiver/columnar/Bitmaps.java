package dev.quiver.columnar;

/**
 * Little-endian bit operations on byte arrays in Arrow's validity-bitmap layout: bit {@code i} is bit
 * {@code i & 7} of byte {@code i >>> 3}.
 */
public final class Bitmaps {
  private Bitmaps() {}

  /** Sets or clears bit {@code index}. */
  public static void set(byte[] bitmap, int index, boolean value) {
    int b = index >>> 3;
    int mask = 1 << (index & 7);
    bitmap[b] = (byte) (value ? bitmap[b] | mask : bitmap[b] & ~mask);
  }

  /** Whether bit {@code index} is set. */
  public static boolean get(byte[] bitmap, int index) {
    return (bitmap[index >>> 3] & (1 << (index & 7))) != 0;
  }

  /** How many of the first {@code count} bits are set. */
  public static int countSet(byte[] bitmap, int count) {
    int whole = count >>> 3;
    int n = 0;
    for (int i = 0; i < whole; i++) {
      n += Integer.bitCount(bitmap[i] & 0xFF);
    }
    for (int i = whole << 3; i < count; i++) {
      n += get(bitmap, i) ? 1 : 0;
    }
    return n;
  }

  /** How many bits of {@code [from, to)} are set ({@code 0 <= from <= to}); whole bytes at a time where it can. */
  public static int countSet(byte[] bitmap, int from, int to) {
    int n = 0;
    int i = from;
    while (i < to && (i & 7) != 0) {
      n += get(bitmap, i++) ? 1 : 0;
    }
    int wholeEnd = i + ((to - i) & ~7);
    for (int b = i >>> 3; b < wholeEnd >>> 3; b++) {
      n += Integer.bitCount(bitmap[b] & 0xFF);
    }
    for (i = Math.max(i, wholeEnd); i < to; i++) {
      n += get(bitmap, i) ? 1 : 0;
    }
    return n;
  }

  /** Sets or clears {@code count} bits from {@code from}, whole bytes at a time where it can. */
  public static void setRange(byte[] bitmap, int from, int count, boolean value) {
    int end = from + count;
    int i = from;
    while (i < end && (i & 7) != 0) {
      set(bitmap, i++, value);
    }
    int wholeBytesEnd = i + ((end - i) & ~7);
    if (wholeBytesEnd > i) {
      java.util.Arrays.fill(bitmap, i >>> 3, wholeBytesEnd >>> 3, value ? (byte) -1 : 0);
      i = wholeBytesEnd;
    }
    while (i < end) {
      set(bitmap, i++, value);
    }
  }
}
