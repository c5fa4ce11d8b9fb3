package dev.quiver.exec.expr;

import dev.quiver.exec.types.DataType;
import dev.quiver.exec.vector.Batch;
import dev.quiver.exec.vector.Column;

/**
 * A typed, compiled expression: one {@link #eval} call per batch computes the whole column with a loop specialised
 * for the operand types (chosen at bind time, not per value).
 */
public interface Bound {
  /** The result type. */
  DataType type();

  /**
   * The result for every row of {@code batch}: a column of {@code batch.rowCount()} values of {@link #type()}.
   *
   * @throws dev.quiver.exec.QueryException on arithmetic overflow or a bad cast
   */
  Column eval(Batch batch);

  /** The constant value ({@link Expr.Literal} convention) when the expression is a constant, else null. */
  default Expr.Literal constant() {
    return null;
  }
}
