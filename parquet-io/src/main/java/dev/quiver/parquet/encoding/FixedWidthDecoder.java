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
}
