package dev.quiver.exec.plan;

import dev.quiver.exec.QueryException;
import dev.quiver.exec.dataset.Dataset;
import dev.quiver.exec.dataset.Pruner;
import dev.quiver.exec.dataset.ScanUnit;
import dev.quiver.exec.expr.Binder;
import dev.quiver.exec.expr.Bound;
import dev.quiver.exec.expr.Expr;
import dev.quiver.exec.op.Exchange;
import dev.quiver.exec.op.Filter;
import dev.quiver.exec.op.HashAggregate;
import dev.quiver.exec.op.Limit;
import dev.quiver.exec.op.MemoryBudget;
import dev.quiver.exec.op.Operator;
import dev.quiver.exec.op.Project;
import dev.quiver.exec.op.Scan;
import dev.quiver.exec.op.Sort;
import dev.quiver.exec.types.DataType;
import dev.quiver.exec.vector.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Turns a {@link Plan} into operators. Only the columns the query uses are read; a filter right above a read
 * prunes files and row groups ({@link Pruner}); with {@code threads > 1} the chain of scans, filters and
 * projections under an aggregate, a sort or the result is built once per thread over a shared queue of scan units
 * (one row group each), and the aggregate or sort merges the threads' partial results ({@link Exchange} gathers a
 * chain with nothing above it). ORDER BY with LIMIT becomes a TopK sort. Expressions are bound here, so type
 * errors surface before anything runs.
 */
public final class PhysicalPlanner {
  private final BufferAllocator allocator;
  private final MemoryBudget budget;
  private final int threads;
  private final int batchSize;
  private final Map<String, Dataset> datasets;
  private final dev.quiver.exec.vector.ArrowValues values;

  /**
   * A planner.
   *
   * @param allocator the query's allocator (scans allocate their Arrow batches here)
   * @param datasets opened datasets by location, filled by {@link #schemaOf}; the caller closes them
   * @param values the query's store of OPAQUE columns' Arrow vectors (scans fill it; the caller closes it)
   */
  public PhysicalPlanner(BufferAllocator allocator, MemoryBudget budget, int threads, int batchSize,
      Map<String, Dataset> datasets, dev.quiver.exec.vector.ArrowValues values) {
    this.values = values;
    this.allocator = allocator;
    this.budget = budget;
    this.threads = Math.max(1, threads);
    this.batchSize = batchSize;
    this.datasets = datasets;
  }

  /** The dataset at {@code location}, opened once per query. */
  public Dataset dataset(String location) {
    return datasets.computeIfAbsent(location, Dataset::open);
  }

  /** The output schema of {@code plan} (opening datasets as needed). */
  public Schema schemaOf(Plan plan) {
    if (plan instanceof Plan.Read r) {
      return dataset(r.location()).schema();
    }
    if (plan instanceof Plan.Values v) {
      return v.schema();
    }
    if (plan instanceof Plan.Filter f) {
      return schemaOf(f.input());
    }
    if (plan instanceof Plan.Sort s) {
      return schemaOf(s.input());
    }
    if (plan instanceof Plan.Limit l) {
      return schemaOf(l.input());
    }
    if (plan instanceof Plan.Project p) {
      Binder b = new Binder(schemaOf(p.input()));
      List<DataType> types = new ArrayList<>();
      for (Expr e : p.exprs()) {
        DataType t = b.bind(e).type();
        types.add(t.kind() == DataType.Kind.NULL ? DataType.INTEGER : t);
      }
      return new Schema(p.names(), types);
    }
    Plan.Aggregate a = (Plan.Aggregate) plan;
    Binder b = new Binder(schemaOf(a.input()));
    List<String> names = new ArrayList<>(a.keyNames());
    names.addAll(a.aggNames());
    List<DataType> types = new ArrayList<>();
    for (Expr k : a.keys()) {
      DataType t = b.bind(k).type();
      types.add(t.kind() == DataType.Kind.NULL ? DataType.INTEGER : t);
    }
    for (Expr.Agg g : a.aggs()) {
      DataType arg = g.arg() == null ? null : b.bind(g.arg()).type();
      types.add(dev.quiver.exec.op.Accumulator.create(g.function(), arg, g.toString()).type());
    }
    return new Schema(names, types);
  }

  /** Builds the operators for {@code plan}. */
  public Operator build(Plan plan) {
    return build(plan, null);
  }

  private Operator build(Plan plan, Set<String> needed) {
    if (plan instanceof Plan.Limit l && l.input() instanceof Plan.Sort s) {
      long keep = keep(l);
      return new Limit(sort(s, keep, needed), l.offset(), l.limit(), budget);
    }
    if (plan instanceof Plan.Limit l && l.input() instanceof Plan.Project p && p.input() instanceof Plan.Sort s) {
      // ORDER BY ... LIMIT under a select list: TopK below the projection
      long keep = keep(l);
      Set<String> cols = new LinkedHashSet<>();
      p.exprs().forEach(e -> Pruner.columnsOf(e, cols));
      Operator sorted = sort(s, keep, cols);
      Binder b = new Binder(sorted.schema());
      List<Bound> exprs = new ArrayList<>();
      for (Expr e : p.exprs()) {
        exprs.add(b.bind(e));
      }
      return new Limit(new Project(sorted, exprs, p.names(), budget), l.offset(), l.limit(), budget);
    }
    if (plan instanceof Plan.Limit l) {
      return new Limit(build(l.input(), needed), l.offset(), l.limit(), budget);
    }
    if (plan instanceof Plan.Sort s) {
      return sort(s, Long.MAX_VALUE, needed);
    }
    if (plan instanceof Plan.Aggregate a) {
      Set<String> cols = new LinkedHashSet<>();
      a.keys().forEach(k -> Pruner.columnsOf(k, cols));
      a.aggs().forEach(g -> Pruner.columnsOf(g, cols));
      List<Operator> inputs = chain(a.input(), cols);
      // aggregate arguments share common subexpressions (each computed once per batch)
      Binder b = new Binder(inputs.get(0).schema()).sharingSubexpressions();
      List<Bound> keys = new ArrayList<>();
      for (Expr k : a.keys()) {
        Bound key = b.bind(k);
        requireComparable(key, k, "GROUP BY");
        keys.add(key);
      }
      List<HashAggregate.Spec> specs = new ArrayList<>();
      for (Expr.Agg g : a.aggs()) {
        specs.add(new HashAggregate.Spec(g.function(), g.arg() == null ? null : b.bind(g.arg()), g.toString()));
      }
      List<String> names = new ArrayList<>(a.keyNames());
      names.addAll(a.aggNames());
      return new HashAggregate(inputs, keys, specs, names, budget);
    }
    List<Operator> ops = chain(plan, needed);
    return ops.size() == 1 ? ops.get(0) : new Exchange(ops, budget);
  }

  /** The rows a sort under {@code l} must keep: offset + limit, saturating at {@code Long.MAX_VALUE} (no limit). */
  private static long keep(Plan.Limit l) {
    return l.limit() > Long.MAX_VALUE - l.offset() ? Long.MAX_VALUE : l.offset() + l.limit();
  }

  private Operator sort(Plan.Sort s, long keep, Set<String> needed) {
    Set<String> cols = needed == null ? null : new LinkedHashSet<>(needed);
    if (cols != null) {
      s.keys().forEach(k -> Pruner.columnsOf(k.expr(), cols));
    }
    List<Operator> inputs = chain(s.input(), cols);
    Binder b = new Binder(inputs.get(0).schema());
    List<Sort.Key> keys = new ArrayList<>();
    for (Plan.SortKey k : s.keys()) {
      Bound key = b.bind(k.expr());
      requireComparable(key, k.expr(), "ORDER BY");
      keys.add(new Sort.Key(key, k.descending(), k.nullsFirst()));
    }
    return new Sort(inputs, keys, keep, budget);
  }

  /**
   * The operator chain for a plan of reads, filters and projections: one copy per thread over a shared unit queue.
   * Anything else gives one operator. {@code needed}: the columns used above (null: all).
   */
  private List<Operator> chain(Plan plan, Set<String> needed) {
    if (plan instanceof Plan.Project p) {
      Set<String> cols = new LinkedHashSet<>();
      p.exprs().forEach(e -> Pruner.columnsOf(e, cols));
      List<Operator> inputs = chain(p.input(), cols);
      List<Operator> out = new ArrayList<>();
      for (Operator in : inputs) {
        Binder b = new Binder(in.schema());
        List<Bound> exprs = new ArrayList<>();
        for (Expr e : p.exprs()) {
          exprs.add(b.bind(e));
        }
        out.add(new Project(in, exprs, p.names(), budget));
      }
      return out;
    }
    if (plan instanceof Plan.Filter f) {
      Set<String> cols = needed == null ? null : new LinkedHashSet<>(needed);
      if (cols != null) {
        Pruner.columnsOf(f.predicate(), cols);
      }
      if (f.input() instanceof Plan.Read r) {
        // the filter runs inside the scan, conjunct by conjunct, copying later columns only where rows survive
        List<Operator> scans = scans(r, cols, f.predicate());
        List<Expr> conjuncts = new ArrayList<>();
        Pruner.split(f.predicate(), conjuncts);
        for (Operator op : scans) {
          Scan scan = (Scan) op;
          Binder b = new Binder(scan.schema());
          for (Expr c : conjuncts) {
            Set<String> refs = new LinkedHashSet<>();
            Pruner.columnsOf(c, refs);
            int[] idx = refs.stream().mapToInt(n -> scan.schema().indexOf(n)).toArray();
            scan.addFilter(b.bindPredicate(c), idx);
          }
          if (needed != null) {
            scan.outputOnly(needed); // columns only the filter reads are dropped inside the scan
          }
        }
        return scans;
      }
      List<Operator> inputs = chain(f.input(), cols);
      List<Operator> out = new ArrayList<>();
      for (Operator in : inputs) {
        out.add(new Filter(in, new Binder(in.schema()).bindPredicate(f.predicate()), budget));
      }
      return out;
    }
    if (plan instanceof Plan.Read r) {
      return scans(r, needed, null);
    }
    if (plan instanceof Plan.Values v) {
      return List.of(new dev.quiver.exec.op.Values(v.schema(), v.batches()));
    }
    return List.of(build(plan, needed));
  }

  private List<Operator> scans(Plan.Read read, Set<String> needed, Expr filter) {
    Dataset ds = dataset(read.location());
    Schema schema = ds.schema();
    List<String> columns = new ArrayList<>();
    Set<String> lower = new HashSet<>();
    if (needed != null) {
      for (String n : needed) {
        lower.add(n.toLowerCase(Locale.ROOT));
      }
      for (String n : lower) {
        if (schema.indexOf(n) < 0) {
          throw new QueryException("unknown column '" + n + "'; " + read.location() + " has " + schema.names());
        }
      }
    }
    for (int i = 0; i < schema.size(); i++) {
      if (needed == null || lower.contains(schema.name(i).toLowerCase(Locale.ROOT))) {
        columns.add(schema.name(i));
      }
    }
    if (columns.isEmpty()) {
      columns.add(cheapestColumn(ds));
    }
    if (filter != null) {
      new Binder(schema).bindPredicate(filter); // type errors before pruning uses the filter
    }
    long[] skipped = new long[1];
    List<ScanUnit> units = ScanUnit.balance(new Pruner(ds, filter).units(columns, 1, skipped), threads, batchSize);
    ConcurrentLinkedQueue<ScanUnit> queue = new ConcurrentLinkedQueue<>(units);
    int copies = Math.max(1, Math.min(threads, units.size()));
    List<Operator> out = new ArrayList<>();
    for (int i = 0; i < copies; i++) {
      out.add(new Scan(ds, queue, columns, allocator, batchSize, budget, i == 0 ? skipped[0] : 0,
          filter == null ? null : filter.toString(), values));
    }
    return out;
  }

  /** Rejects an OPAQUE (nested, time, ...) key, which has no order or equality in the engine. */
  private static void requireComparable(Bound key, Expr e, String clause) {
    if (key.type().kind() == DataType.Kind.OPAQUE) {
      throw new QueryException(clause + " " + e + ": column of type " + key.type() + " cannot be compared; "
          + "such columns can only be selected or tested with IS [NOT] NULL");
    }
  }

  private static String cheapestColumn(Dataset ds) {
    Schema s = ds.schema();
    for (int i = 0; i < s.size(); i++) {
      if (s.type(i).kind() != DataType.Kind.VARCHAR && s.type(i).kind() != DataType.Kind.OPAQUE
          && !ds.partitionColumns().contains(s.name(i))) {
        return s.name(i);
      }
    }
    return s.name(0);
  }
}
