package dev.quiver.parquet.encoding;

/**
 * Decodes the values of one page into fixed-width little-endian slots, a batch per call (the Trino
 * {@code ValueDecoder} shape: one virtual call per batch, never per value). Implementations are chosen once per
 * page from the (physical type, encoding) pair.
 */
public interface FixedWidthDecoder {
  /**
   * Decodes the next {@code count} non-null values into {@code out} from byte {@code outOffset}, each taking the
   * decoder's output width.
   *
   * @throws dev.quiver.parquet.ParquetCorruptionException when the page holds fewer values or is malformed
   */
  void read(byte[] out, int outOffset, int count);

  /** Skips the next {@code count} values. @throws dev.quiver.parquet.ParquetCorruptionException as read */
  void skip(int count);

  /**
   * Decodes only the values at {@code positions[from, from + count)} among the next {@code span} values (positions
   * relative to the decoder's current value, strictly ascending, each below {@code span}) into {@code out} from
   * byte {@code outOffset}, {@code width} bytes each, densely in that order, and moves past all {@code span}
   * values. The selective read of late materialisation: values between the positions are skipped, not copied.
   *
   * <p>The default reads runs of consecutive positions with {@link #read} and skips the gaps with {@link #skip};
   * PLAIN and dictionary decoders copy or gather each selected value directly.
   *
   * @param width the decoder's output width in bytes
   * @throws dev.quiver.parquet.ParquetCorruptionException when the page holds fewer than {@code span} values or is
   *     malformed
   */
  default void readSelected(byte[] out, int outOffset, int width, int[] positions, int from, int count, int span) {
    int current = 0;
    int at = outOffset;
    int i = from;
    int end = from + count;
    while (i < end) {
      int first = positions[i];
      int j = i + 1;
      while (j < end && positions[j] == positions[j - 1] + 1) {
        j++;
      }
      if (first > current) {
        skip(first - current);
      }
      read(out, at, j - i);
      at += (j - i) * width;
      current = first + (j - i);
      i = j;
    }
    if (span > current) {
      skip(span - current);
    }
  }
}
