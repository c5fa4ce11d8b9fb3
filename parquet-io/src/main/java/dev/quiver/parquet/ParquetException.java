package dev.quiver.parquet;

/**
 * The root of the exceptions Quiver's Parquet layer throws. Unchecked: a caller that wants to handle Parquet
 * problems catches this type; one that does not lets it propagate with its context.
 *
 * <p>Two kinds: {@link ParquetCorruptionException} for bytes that break the format, and
 * {@link UnsupportedParquetException} for a valid file that uses a feature Quiver does not read.
 */
public abstract class ParquetException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message what went wrong; @param cause the underlying failure, or {@code null} */
  protected ParquetException(String message, Throwable cause) {
    super(message, cause);
  }
}
