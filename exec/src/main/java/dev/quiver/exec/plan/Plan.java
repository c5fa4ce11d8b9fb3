package dev.quiver.exec.plan;

import dev.quiver.exec.expr.Expr;
import java.util.List;

/**
 * A logical query plan, as the DataFrame API and the SQL planner build it; {@link PhysicalPlanner} turns it into
 * operators. Names are resolved when planned, not when built.
 */
public sealed interface Plan {

  /** The Parquet files at {@code location} (a file, folder or glob; see {@link dev.quiver.exec.dataset.Dataset}). */
  record Read(String location) implements Plan {}

  /** Batches given in memory (all of {@code schema}); read once per query. */
  record Values(dev.quiver.exec.vector.Schema schema, List<dev.quiver.exec.vector.Batch> batches) implements Plan {}

  /** Rows of {@code input} where {@code predicate} is true. */
  record Filter(Plan input, Expr predicate) implements Plan {}

  /** One column per expression, named {@code names}. */
  record Project(Plan input, List<Expr> exprs, List<String> names) implements Plan {}

  /**
   * Grouping by {@code keys} (named {@code keyNames}) with aggregates {@code aggs} (named {@code aggNames}); the
   * output has the keys, then the aggregates. No keys: one row.
   */
  record Aggregate(Plan input, List<Expr> keys, List<String> keyNames, List<Expr.Agg> aggs, List<String> aggNames)
      implements Plan {}

  /**
   * One ORDER BY key.
   *
   * @param expr the key
   * @param descending DESC
   * @param nullsFirst NULLS FIRST (SQL default here, as in DuckDB: NULLS LAST)
   */
  record SortKey(Expr expr, boolean descending, boolean nullsFirst) {}

  /** {@code input} ordered by {@code keys}, stable. */
  record Sort(Plan input, List<SortKey> keys) implements Plan {}

  /** At most {@code limit} rows after skipping {@code offset}. */
  record Limit(Plan input, long offset, long limit) implements Plan {}
}
