package dev.quiver.store;

/**
 * A span of bytes inside one object: {@code length} bytes starting at byte {@code offset}, that is the half-open
 * interval {@code [offset, offset + length)}. Both are in bytes.
 *
 * <p>A range is always small enough to be held by one {@link java.nio.ByteBuffer}: its length is at most
 * {@link #MAX_LENGTH}. Whether it lies inside a given object is checked by the store that reads it, which fails
 * with {@link ObjectStoreException.Kind#INVALID_RANGE} when it reaches past the end.
 *
 * @param offset the first byte, counted from the start of the object; {@code >= 0}
 * @param length the number of bytes; {@code 0 <= length <= MAX_LENGTH}; zero-length ranges are allowed
 */
public record ByteRange(long offset, long length) {

  /** The longest range, in bytes: the largest array the JVM reliably allocates ({@code Integer.MAX_VALUE - 8}). */
  public static final int MAX_LENGTH = Integer.MAX_VALUE - 8;

  /**
   * @throws IllegalArgumentException when {@code offset < 0}, {@code length < 0}, {@code length > MAX_LENGTH}, or
   *     {@code offset + length} overflows a {@code long}
   */
  public ByteRange {
    if (offset < 0) {
      throw new IllegalArgumentException("range offset must be >= 0, got " + offset);
    }
    if (length < 0 || length > MAX_LENGTH) {
      throw new IllegalArgumentException("range length must be in [0, " + MAX_LENGTH + "], got " + length);
    }
    if (offset > Long.MAX_VALUE - length) {
      throw new IllegalArgumentException("range [" + offset + " + " + length + ") overflows a long");
    }
  }

  /** The byte just past the range: {@code offset + length}. */
  public long end() {
    return offset + length;
  }

  /** Whether the range lies inside an object of {@code size} bytes, that is {@code end() <= size}. */
  public boolean fitsWithin(long size) {
    return end() <= size;
  }

  /** {@code [offset, end)}, the form used in error messages. */
  @Override
  public String toString() {
    return "[" + offset + ", " + end() + ")";
  }
}
