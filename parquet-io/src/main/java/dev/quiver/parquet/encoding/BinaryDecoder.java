package dev.quiver.parquet.encoding;

/** Decodes the variable-length values of one page (BYTE_ARRAY), a batch per call, appending to a {@link BinaryBatch}. */
public interface BinaryDecoder {
  /**
   * Appends the next {@code count} non-null values to {@code out}.
   *
   * @throws dev.quiver.parquet.ParquetCorruptionException when the page holds fewer values or is malformed
   */
  void read(BinaryBatch out, int count);

  /** Skips the next {@code count} values. @throws dev.quiver.parquet.ParquetCorruptionException as read */
  void skip(int count);

  /**
   * Appends only the values at {@code positions[from, from + count)} among the next {@code span} values (positions
   * relative to the decoder's current value, strictly ascending, each below {@code span}) to {@code out}, in that
   * order, and moves past all {@code span} values; the values between are skipped, not copied.
   *
   * <p>The default reads runs of consecutive positions with {@link #read} and skips the gaps with {@link #skip}.
   *
   * @throws dev.quiver.parquet.ParquetCorruptionException when the page holds fewer than {@code span} values or is
   *     malformed
   */
  default void readSelected(BinaryBatch out, int[] positions, int from, int count, int span) {
    int current = 0;
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
      read(out, j - i);
      current = first + (j - i);
      i = j;
    }
    if (span > current) {
      skip(span - current);
    }
  }
}
