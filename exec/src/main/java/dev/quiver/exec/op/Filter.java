package dev.quiver.exec.op;

import dev.quiver.exec.expr.Bound;
import dev.quiver.exec.vector.Batch;
import dev.quiver.exec.vector.Column;
import dev.quiver.exec.vector.Schema;
import java.util.List;

/**
 * Keeps the rows where a BOOLEAN predicate is true (not false, not null): the predicate is evaluated over the
 * whole batch, the selected row numbers collected into a selection vector, and the columns gathered once.
 */
public final class Filter extends AbstractOperator {
  private final Operator child;
  private final Bound predicate;

  /** Filters {@code child} by {@code predicate} (bound against the child's schema, BOOLEAN). */
  public Filter(Operator child, Bound predicate, MemoryBudget budget) {
    super(budget);
    this.child = child;
    this.predicate = predicate;
  }

  @Override
  public Schema schema() {
    return child.schema();
  }

  @Override
  protected Batch compute() {
    Batch b;
    while ((b = child.next()) != null) {
      int n = b.rowCount();
      stats.rowsIn.addAndGet(n);
      Column p = predicate.eval(b);
      boolean[] v = p.bools;
      boolean[] nulls = p.nulls;
      int[] sel = new int[n];
      int k = 0;
      if (nulls == null) {
        for (int i = 0; i < n; i++) {
          sel[k] = i;
          k += v[i] ? 1 : 0;
        }
      } else {
        for (int i = 0; i < n; i++) {
          sel[k] = i;
          k += v[i] & !nulls[i] ? 1 : 0;
        }
      }
      if (k == n) {
        return b;
      }
      if (k > 0) {
        return b.gather(sel, k);
      }
    }
    return null;
  }

  @Override
  public List<Operator> children() {
    return List.of(child);
  }

  @Override
  public String describe() {
    return "Filter " + predicate;
  }

  @Override
  public void close() {
    child.close();
  }
}
