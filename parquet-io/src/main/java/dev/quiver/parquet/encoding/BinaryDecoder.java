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
}
