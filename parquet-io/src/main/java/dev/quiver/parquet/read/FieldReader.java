package dev.quiver.parquet.read;

import org.apache.arrow.vector.FieldVector;

/** Reads one projected top-level field into its vector, a batch of rows per call. */
interface FieldReader {
  /**
   * Reads the next {@code rows} rows into {@code vector}, which must be empty and of the field's type.
   *
   * @throws dev.quiver.parquet.ParquetCorruptionException when the data is corrupt
   */
  void readBatch(FieldVector vector, int rows);

  /** The dotted path of the column being read, for error context. */
  String column();

  /** The 0-based page of that column being read, for error context, or -1. */
  int pageOrdinal();
}
