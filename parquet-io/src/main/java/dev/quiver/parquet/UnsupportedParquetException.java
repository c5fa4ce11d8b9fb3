package dev.quiver.parquet;

/**
 * A valid Parquet file, or part of one, that uses a feature Quiver cannot read yet: an encrypted file, a codec
 * with no implementation (LZO), an encoding or type this version does not decode. The message names the file
 * and the feature. Distinct from {@link ParquetCorruptionException}: the file is not at fault.
 */
public final class UnsupportedParquetException extends ParquetException {
  private static final long serialVersionUID = 1L;

  /** @param message names the file (when known) and the unsupported feature */
  public UnsupportedParquetException(String message) {
    super(message, null);
  }

  /** @param message names the file and feature; @param cause the underlying failure */
  public UnsupportedParquetException(String message, Throwable cause) {
    super(message, cause);
  }
}
