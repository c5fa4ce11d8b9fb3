package dev.quiver.exec.op;

import dev.quiver.exec.expr.Binder;
import dev.quiver.exec.expr.Bound;
import dev.quiver.exec.expr.Expr.AggFunction;
import dev.quiver.exec.types.DataType;
import dev.quiver.exec.vector.Batch;
import dev.quiver.exec.vector.Column;
import dev.quiver.exec.vector.Schema;
import dev.quiver.exec.vector.Scratch;
import java.util.ArrayList;
import java.util.List;

/**
 * Hash aggregation: output columns are the grouping keys, then one column per aggregate. Each input (one per
 * thread in a parallel plan) is aggregated into its own partial state on its own thread (a {@link GroupTable}
 * giving group ids batch by batch, and {@link Accumulator}s updated by those ids); the partial states are then
 * merged into the first. Without keys the output is exactly one row, even for empty input; with keys, one row per
 * group in first-seen order. The state's size is reserved against the memory budget as it grows.
 */
public final class HashAggregate extends AbstractOperator {
  /**
   * One aggregate: its function, its argument (null for COUNT(*)), and its text for messages.
   *
   * @param function the aggregate function
   * @param argument the argument, bound against the input schema, or null for COUNT(*)
   * @param text the aggregate as written
   */
  public record Spec(AggFunction function, Bound argument, String text) {}

  private static final int OUTPUT_BATCH = 65536;
  /**
   * Up to this many groups, a batch's rows per group are counted and exact sums take per-group 64-bit partial sums
   * (see {@link Accumulator.Grouping}).
   */
  private static final int SMALL_GROUPS = 1024;
  private final List<Operator> children;
  private final List<Bound> keys;
  private final List<Spec> aggs;
  private final Schema schema;
  private Batch result;
  private int emitted;
  private long reserved;

  /** Aggregates {@code children} (same schema) by {@code keys}; output names {@code names} (keys then aggs). */
  public HashAggregate(List<Operator> children, List<Bound> keys, List<Spec> aggs, List<String> names,
      MemoryBudget budget) {
    super(budget);
    this.children = List.copyOf(children);
    this.keys = List.copyOf(keys);
    this.aggs = List.copyOf(aggs);
    List<DataType> types = new ArrayList<>();
    for (Bound k : keys) {
      types.add(k.type().kind() == DataType.Kind.NULL ? DataType.INTEGER : k.type());
    }
    for (Spec s : aggs) {
      types.add(Accumulator.create(s.function(), s.argument() == null ? null : s.argument().type(), s.text()).type());
    }
    this.schema = new Schema(names, types);
  }

  @Override
  public Schema schema() {
    return schema;
  }

  private final class Partial {
    final GroupTable table;
    final Accumulator[] accs;
    long accounted;
    int[] zeros;
    long[] rows;
    int[] lanes;

    Partial() {
      DataType[] kt = new DataType[keys.size()];
      for (int i = 0; i < kt.length; i++) {
        kt[i] = schema.type(i);
      }
      table = keys.isEmpty() ? null : new GroupTable(kt);
      accs = new Accumulator[aggs.size()];
      for (int i = 0; i < accs.length; i++) {
        Spec s = aggs.get(i);
        accs[i] = Accumulator.create(s.function(), s.argument() == null ? null : s.argument().type(), s.text());
      }
    }

    int groups() {
      return table == null ? 1 : table.size();
    }

    /** Aggregates {@code input}'s batches until it ends, or until {@code failed} (another partial failed). */
    void consume(Operator input, java.util.function.BooleanSupplier failed) {
      // a scan right below buffers nothing and each batch is done with before the next: its columns and the
      // aggregate arguments' are built on arrays reused batch after batch
      try (Scratch arena = input instanceof Scan ? Scratch.open() : null) {
        consume(input, arena, failed);
      } finally {
        // also when a batch fails midway: this thread (the caller's, or a pool thread) outlives the query
        Binder.releaseSharedResults();
      }
    }

    private void consume(Operator input, Scratch arena, java.util.function.BooleanSupplier failed) {
      Batch b;
      Accumulator.SumMemo memo = new Accumulator.SumMemo();
      Column[] args = new Column[accs.length];
      while (!failed.getAsBoolean() && (b = input.next()) != null) {
        int n = b.rowCount();
        stats.rowsIn.addAndGet(n);
        int[] gids;
        if (table == null) {
          gids = zeros(n);
        } else {
          Column[] k = new Column[keys.size()];
          for (int i = 0; i < k.length; i++) {
            Column c = keys.get(i).eval(b);
            k[i] = c.type.kind() == DataType.Kind.NULL ? Column.allNull(DataType.INTEGER, n) : c;
          }
          gids = table.groupIds(k, n);
        }
        int groups = groups();
        long[] rowsPerGroup = null;
        Accumulator.Grouping grouping = null;
        if (groups <= SMALL_GROUPS) {
          if (rows == null || rows.length < groups) {
            rows = new long[Math.max(groups, 64)];
          }
          rowsPerGroup = rows;
          if (table == null) {
            rowsPerGroup[0] = n;
          } else {
            countRows(gids, n, groups, rowsPerGroup);
          }
          memo.clear();
          grouping = new Accumulator.Grouping(table == null ? null : gids, groups, rowsPerGroup, memo);
        }
        for (int a = 0; a < accs.length; a++) {
          Spec s = aggs.get(a);
          Column arg = s.argument() == null ? null : s.argument().eval(b);
          if (arg != null && arg.type.kind() == DataType.Kind.NULL) {
            arg = Column.allNull(DataType.INTEGER, n);
          }
          args[a] = arg;
        }
        if (grouping != null) {
          Accumulator.prepareSums(accs, args, n, grouping);
        }
        for (int a = 0; a < accs.length; a++) {
          if (grouping != null) {
            accs[a].update(gids, args[a], n, groups, rowsPerGroup, grouping);
          } else {
            accs[a].update(gids, args[a], n, groups, rowsPerGroup);
          }
        }
        java.util.Arrays.fill(args, null);
        memo.clear();
        Binder.releaseSharedResults(); // the batch's shared subexpression columns
        if (arena != null) {
          arena.reset(); // nothing of this batch is read after this point
        }
        account();
      }
    }

    /** A reused array of at least {@code n} zero group ids (every row in group 0; never written). */
    int[] zeros(int n) {
      if (zeros == null || zeros.length < n) {
        zeros = new int[n];
      }
      return zeros;
    }

    /**
     * Rows per group of one batch into {@code rowsPerGroup}: counted in four interleaved sets of counters (row i
     * into set i mod 4), so rows of one group in a row do not wait on each other's increments, then summed.
     */
    void countRows(int[] gids, int n, int groups, long[] rowsPerGroup) {
      if (lanes == null || lanes.length < 4 * groups) {
        lanes = new int[Math.max(4 * groups, 64)];
      }
      int[] c = lanes;
      java.util.Arrays.fill(c, 0, 4 * groups, 0);
      int i = 0;
      for (; i + 4 <= n; i += 4) {
        c[gids[i]]++;
        c[groups + gids[i + 1]]++;
        c[2 * groups + gids[i + 2]]++;
        c[3 * groups + gids[i + 3]]++;
      }
      for (; i < n; i++) {
        c[gids[i]]++;
      }
      for (int g = 0; g < groups; g++) {
        rowsPerGroup[g] = (long) c[g] + c[groups + g] + c[2 * groups + g] + c[3 * groups + g];
      }
    }

    void account() {
      long size = table == null ? 0 : table.sizeInBytes();
      for (Accumulator a : accs) {
        size += a.sizeInBytes();
      }
      if (size > accounted) {
        reserve(size - accounted);
        synchronized (HashAggregate.this) {
          reserved += size - accounted;
        }
        accounted = size;
        stats.peak(size);
      }
    }

    void merge(Partial other) {
      int[] map;
      if (table == null) {
        map = new int[] {0};
      } else {
        int n = other.table.size();
        Column[] k = new Column[keys.size()];
        for (int i = 0; i < k.length; i++) {
          k[i] = other.table.keyColumn(i);
        }
        map = table.groupIds(k, n);
      }
      int groups = groups();
      for (int a = 0; a < accs.length; a++) {
        accs[a].merge(other.accs[a], map, groups);
      }
      account();
    }
  }

  @Override
  protected Batch compute() {
    if (result == null) {
      result = aggregate();
    }
    if (emitted >= result.rowCount() && !(emitted == 0 && result.rowCount() == 0)) {
      return null;
    }
    if (result.rowCount() == 0) {
      emitted = 1;
      return null;
    }
    int take = Math.min(OUTPUT_BATCH, result.rowCount() - emitted);
    Batch out = result.slice(emitted, take);
    emitted += take;
    return out;
  }

  private Batch aggregate() {
    List<Partial> partials = new ArrayList<>();
    for (int i = 0; i < children.size(); i++) {
      partials.add(new Partial());
    }
    Workers.runAll("quiver-aggregate", children.size(), (i, failed) -> partials.get(i).consume(children.get(i),
        failed));
    Partial total = partials.get(0);
    for (int i = 1; i < partials.size(); i++) {
      total.merge(partials.get(i));
    }
    int groups = total.groups();
    Column[] cols = new Column[schema.size()];
    for (int i = 0; i < keys.size(); i++) {
      cols[i] = total.table.keyColumn(i);
    }
    for (int a = 0; a < aggs.size(); a++) {
      cols[keys.size() + a] = total.accs[a].result(groups);
    }
    return new Batch(cols, groups);
  }

  @Override
  public List<Operator> children() {
    return children;
  }

  @Override
  public String describe() {
    StringBuilder sb = new StringBuilder("HashAggregate keys=").append(keys).append(" aggs=[");
    for (int i = 0; i < aggs.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(aggs.get(i).text());
    }
    sb.append(']');
    if (children.size() > 1) {
      sb.append(" threads=").append(children.size());
    }
    return sb.toString();
  }

  @Override
  public void close() {
    release(reserved);
    reserved = 0;
    result = null;
    closeAll(children);
  }
}
