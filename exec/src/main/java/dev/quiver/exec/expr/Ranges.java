package dev.quiver.exec.expr;

import dev.quiver.exec.types.DataType;

/**
 * Recognises bound predicates that keep exactly the rows whose value in one 64-bit column (INTEGER, BIGINT,
 * DECIMAL as unscaled values, DATE as days, TIMESTAMP as microseconds) lies in a constant range: a comparison
 * ({@code < <= > >= =}) of a column with a constant on either side, and AND of such comparisons on the same column
 * ({@code BETWEEN}). A scan then tests such a conjunct with one fused loop ({@code low <= x && x <= high}) instead
 * of evaluating it into a BOOLEAN column. A null value is never in the range (the comparison is null there).
 */
public final class Ranges {
  private Ranges() {}

  /**
   * The rows with {@code low <= value <= high} (both inclusive; empty when {@code low > high}) of input column
   * {@code column}.
   *
   * @param column index of the column in the predicate's input schema
   * @param low smallest value kept
   * @param high largest value kept
   */
  public record Range(int column, long low, long high) {
    /** The rows in both ranges (same column). */
    public Range intersect(Range other) {
      return new Range(column, Math.max(low, other.low), Math.min(high, other.high));
    }
  }

  /** The range {@code predicate} keeps, or null when it is not of that shape. */
  public static Range of(Bound predicate) {
    if (predicate instanceof Comparison c) {
      return c.range();
    }
    if (predicate instanceof Logic.Connective k && k.and()) {
      Range a = of(k.left());
      Range b = of(k.right());
      return a != null && b != null && a.column() == b.column() ? a.intersect(b) : null;
    }
    return null;
  }

  /** Whether values of {@code type} are compared as their 64-bit storage. */
  static boolean longStorage(DataType type) {
    switch (type.kind()) {
      case INTEGER:
      case BIGINT:
      case DECIMAL:
      case DATE:
      case TIMESTAMP:
        return true;
      default:
        return false;
    }
  }
}
