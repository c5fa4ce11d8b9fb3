package dev.quiver.parquet.read;

/**
 * Carries an unchecked exception a {@link ValueFilter} threw out of the decoding to
 * {@link ParquetBatchReader#filterColumn}, which rethrows the filter's own exception: without it, a filter's
 * {@link IndexOutOfBoundsException} or {@link ArithmeticException} would be taken for a page that does not decode
 * and reported as {@link dev.quiver.parquet.ParquetCorruptionException}. Never escapes the reader; no stack trace.
 */
final class FilterFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  FilterFailure(RuntimeException cause) {
    super(null, cause, false, false);
  }

  /** The filter's exception. */
  RuntimeException filterException() {
    return (RuntimeException) getCause();
  }

  /** Calls {@code filter} on {@code values}, its unchecked exceptions wrapped in a {@link FilterFailure}. */
  static void test(ValueFilter filter, org.apache.arrow.vector.FieldVector values, int count, boolean[] out) {
    try {
      filter.test(values, count, out);
    } catch (RuntimeException e) {
      throw new FilterFailure(e);
    }
  }
}
