package dev.quiver.exec;

import dev.quiver.exec.expr.Expr;
import dev.quiver.exec.op.Operator;
import dev.quiver.exec.plan.Plan;
import dev.quiver.exec.vector.Batch;
import dev.quiver.exec.vector.Column;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * An immutable query under construction: each method returns a new DataFrame with one more step. Nothing runs
 * until {@link #execute()}. Build expressions with {@link Exprs}. Example:
 * <pre>{@code
 * try (QueryResult r = session.read("data/*.parquet")
 *     .filter(Exprs.col("x").gt(Exprs.lit(5)))
 *     .groupBy(Exprs.col("k")).agg(Exprs.sum(Exprs.col("x")).as("total"))
 *     .orderBy(Exprs.desc(Exprs.col("total"))).limit(10).execute()) { ... }
 * }</pre>
 */
public final class DataFrame {
  private final Session session;
  private final Plan plan;

  DataFrame(Session session, Plan plan) {
    this.session = session;
    this.plan = plan;
  }

  /** The logical plan. */
  public Plan plan() {
    return plan;
  }

  /** Rows where {@code predicate} is true. */
  public DataFrame filter(Exprs.E predicate) {
    return new DataFrame(session, new Plan.Filter(plan, predicate.expr()));
  }

  /** The given columns and expressions (named by {@link Exprs.E#as} or their text). */
  public DataFrame select(Exprs.E... exprs) {
    List<Expr> list = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Exprs.E e : exprs) {
      list.add(e.expr());
      names.add(e.name());
    }
    return new DataFrame(session, new Plan.Project(plan, list, names));
  }

  /** The given columns by name. */
  public DataFrame select(String... columns) {
    return select(Arrays.stream(columns).map(Exprs::col).toArray(Exprs.E[]::new));
  }

  /** Starts a grouping by {@code keys}; finish it with {@link Grouped#agg}. */
  public Grouped groupBy(Exprs.E... keys) {
    return new Grouped(keys);
  }

  /** A pending grouping. */
  public final class Grouped {
    private final Exprs.E[] keys;

    Grouped(Exprs.E[] keys) {
      this.keys = keys;
    }

    /**
     * The keys and the aggregates ({@link Exprs#sum} etc.), one row per group.
     *
     * @throws QueryException when an argument is not an aggregate
     */
    public DataFrame agg(Exprs.E... aggs) {
      List<Expr> k = new ArrayList<>();
      List<String> kn = new ArrayList<>();
      for (Exprs.E e : keys) {
        k.add(e.expr());
        kn.add(e.name());
      }
      List<Expr.Agg> a = new ArrayList<>();
      List<String> an = new ArrayList<>();
      for (Exprs.E e : aggs) {
        if (!(e.expr() instanceof Expr.Agg agg)) {
          throw new QueryException(e.expr() + " is not an aggregate");
        }
        a.add(agg);
        an.add(e.name());
      }
      return new DataFrame(session, new Plan.Aggregate(plan, k, kn, a, an));
    }
  }

  /** Aggregates over all rows: one row. */
  public DataFrame agg(Exprs.E... aggs) {
    return groupBy().agg(aggs);
  }

  /** Ordered by {@code keys} ({@link Exprs#asc}, {@link Exprs#desc}), stable. */
  public DataFrame orderBy(Plan.SortKey... keys) {
    return new DataFrame(session, new Plan.Sort(plan, List.of(keys)));
  }

  /** The first {@code n} rows. */
  public DataFrame limit(long n) {
    return new DataFrame(session, new Plan.Limit(plan, 0, n));
  }

  /** {@code n} rows after skipping {@code offset}. */
  public DataFrame limit(long n, long offset) {
    return new DataFrame(session, new Plan.Limit(plan, offset, n));
  }

  /**
   * Plans and starts the query.
   *
   * @throws QueryException on a type error or an unknown column (named), before any data is read
   */
  public QueryResult execute() {
    return session.run(plan);
  }

  /** The physical plan as text (EXPLAIN). */
  public String explain() {
    try (QueryResult r = execute()) {
      return Explain.render(r.operators(), false);
    }
  }

  /** Runs the query, discarding its rows, and returns the plan with per-operator counters (EXPLAIN ANALYZE). */
  public String explainAnalyze() {
    try (QueryResult r = execute()) {
      while (r.nextBatch() != null) {
        // drain
      }
      return Explain.render(r.operators(), true);
    }
  }

  /** A one-column VARCHAR result holding {@code text}'s lines. */
  QueryResult textResult(String text) {
    String[] lines = text.split("\n");
    byte[][] parts = new byte[lines.length][];
    int total = 0;
    for (int i = 0; i < lines.length; i++) {
      parts[i] = lines[i].getBytes(StandardCharsets.UTF_8);
      total += parts[i].length;
    }
    byte[] bytes = new byte[total];
    int[] offsets = new int[lines.length + 1];
    for (int i = 0; i < lines.length; i++) {
      System.arraycopy(parts[i], 0, bytes, offsets[i], parts[i].length);
      offsets[i + 1] = offsets[i] + parts[i].length;
    }
    Batch batch = new Batch(new Column[] {Column.ofStrings(bytes, offsets, null, lines.length)}, lines.length);
    Operator values = new dev.quiver.exec.op.Values(
        new dev.quiver.exec.vector.Schema(List.of("plan"), List.of(dev.quiver.exec.types.DataType.VARCHAR)),
        List.of(batch));
    BufferAllocator query = session.allocator().newChildAllocator("quiver-explain", 0, Long.MAX_VALUE);
    return new QueryResult(values, List.of(), session.allocator(), query, Long.MAX_VALUE,
        new dev.quiver.exec.vector.ArrowValues(query));
  }
}
