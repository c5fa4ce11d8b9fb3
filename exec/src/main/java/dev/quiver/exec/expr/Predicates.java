package dev.quiver.exec.expr;

/**
 * Properties of bound predicates that decide where they may be evaluated.
 */
public final class Predicates {
  private Predicates() {}

  /**
   * Whether evaluating {@code predicate} cannot throw, whatever values its inputs hold: it is built only of
   * comparisons, AND, OR, NOT and IS [NOT] NULL over column inputs and constants (no arithmetic, cast or function
   * of a column, which may overflow or fail on a value). Such a predicate may be evaluated on values other than the
   * rows it filters, e.g. once per entry of a column chunk's dictionary, whose entries may include values that only
   * rows already filtered out hold.
   */
  public static boolean cannotFail(Bound predicate) {
    if (predicate.constant() != null || predicate instanceof Inputs.ColumnInput) {
      return true;
    }
    if (predicate instanceof Binder.Shared s) {
      return cannotFail(s.inner());
    }
    if (predicate instanceof Comparison c) {
      return cannotFail(c.left()) && cannotFail(c.right());
    }
    if (predicate instanceof Logic.Connective k) {
      return cannotFail(k.left()) && cannotFail(k.right());
    }
    if (predicate instanceof Logic.Negation n) {
      return cannotFail(n.operand());
    }
    if (predicate instanceof Logic.NullTest t) {
      return cannotFail(t.operand());
    }
    return false;
  }
}
