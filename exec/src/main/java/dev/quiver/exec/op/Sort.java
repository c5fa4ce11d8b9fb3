package dev.quiver.exec.op;

import dev.quiver.exec.expr.Bound;
import dev.quiver.exec.types.DataType;
import dev.quiver.exec.vector.Batch;
import dev.quiver.exec.vector.Column;
import dev.quiver.exec.vector.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * ORDER BY over several keys, each ASC or DESC with NULLS FIRST or LAST, stable (rows equal on every key keep their
 * input order). Each input (one per thread) is buffered and sorted into a run on its own thread by a stable merge
 * sort of row numbers; the runs are then merged. With a limit it is TopK: each input keeps only its best
 * {@code offset + limit} rows, compacting whenever its buffer doubles, so memory stays bounded by the limit. Doubles
 * order NaN above every number, strings by UTF-8 bytes. Buffered bytes are reserved against the memory budget.
 */
public final class Sort extends AbstractOperator {
  /**
   * One sort key.
   *
   * @param key the key expression, bound against the input schema
   * @param descending DESC
   * @param nullsFirst NULLS FIRST
   */
  public record Key(Bound key, boolean descending, boolean nullsFirst) {}

  private static final int OUTPUT_BATCH = 65536;
  private final List<Operator> children;
  private final List<Key> keys;
  private final long keep;
  private final Schema schema;
  private Batch sorted;
  private int[] order;
  private int emitted;
  private long reserved;

  /**
   * Sorts {@code children} (same schema) by {@code keys}; {@code keep} is the number of leading rows wanted
   * (offset + limit for TopK) or {@code Long.MAX_VALUE} for all.
   */
  public Sort(List<Operator> children, List<Key> keys, long keep, MemoryBudget budget) {
    super(budget);
    this.children = List.copyOf(children);
    this.keys = List.copyOf(keys);
    this.keep = keep;
    this.schema = children.get(0).schema();
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  protected String name() {
    return keep == Long.MAX_VALUE ? "Sort" : "TopK";
  }

  @Override
  protected Batch compute() {
    if (sorted == null) {
      run();
    }
    int total = (int) Math.min(order.length, keep);
    if (emitted >= total) {
      return null;
    }
    int take = Math.min(OUTPUT_BATCH, total - emitted);
    int[] sel = Arrays.copyOfRange(order, emitted, emitted + take);
    emitted += take;
    Batch full = sorted.gather(sel, take);
    return new Batch(Arrays.copyOf(full.columns(), schema.size()), take);
  }

  /** Rows of one input with the key columns appended after the input columns. */
  private Batch collect(Operator input, java.util.function.BooleanSupplier failed) {
    List<Batch> buffered = new ArrayList<>();
    long rows = 0;
    long bytes = 0;
    long compactAt = keep > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : Math.max(2 * keep, 8192);
    Schema withKeys = withKeys();
    Batch b;
    while (!failed.getAsBoolean() && (b = input.next()) != null) {
      stats.rowsIn.addAndGet(b.rowCount());
      Column[] cols = Arrays.copyOf(b.columns(), schema.size() + keys.size());
      for (int k = 0; k < keys.size(); k++) {
        // a plain column key is taken as is: wide decimal sums (128-bit) sort too
        int in = dev.quiver.exec.expr.Inputs.columnIndex(keys.get(k).key());
        Column c = in >= 0 ? b.columns()[in] : keys.get(k).key().eval(b);
        cols[schema.size() + k] = c.type.kind() == DataType.Kind.NULL ? Column.allNull(DataType.INTEGER,
            b.rowCount()) : c;
      }
      Batch wk = new Batch(cols, b.rowCount());
      buffered.add(wk);
      rows += wk.rowCount();
      long size = wk.sizeInBytes();
      reserveTracked(size);
      bytes += size;
      if (rows >= compactAt) {
        Batch run = sortRun(Batch.concat(withKeys, buffered), keep);
        buffered.clear();
        buffered.add(run);
        rows = run.rowCount();
        long newBytes = run.sizeInBytes();
        releaseTracked(bytes - newBytes);
        bytes = newBytes;
      }
    }
    stats.peak(bytes);
    return sortRun(buffered.isEmpty() ? empty(withKeys) : Batch.concat(withKeys, buffered), keep);
  }

  private synchronized void reserveTracked(long bytes) {
    reserve(bytes);
    reserved += bytes;
  }

  private synchronized void releaseTracked(long bytes) {
    release(bytes);
    reserved -= bytes;
  }

  private Schema withKeys() {
    List<String> names = new ArrayList<>(schema.names());
    List<DataType> types = new ArrayList<>(schema.types());
    for (int k = 0; k < keys.size(); k++) {
      names.add("$key" + k);
      DataType t = keys.get(k).key().type();
      types.add(t.kind() == DataType.Kind.NULL ? DataType.INTEGER : t);
    }
    return new Schema(names, types);
  }

  private static Batch empty(Schema s) {
    Column[] cols = new Column[s.size()];
    for (int i = 0; i < cols.length; i++) {
      cols[i] = Column.empty(s.type(i), 0, null);
    }
    return new Batch(cols, 0);
  }

  /** The batch's rows sorted (and cut to {@code limit}). */
  private Batch sortRun(Batch b, long limit) {
    int n = b.rowCount();
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    RowComparator cmp = comparator(b);
    mergeSort(perm, new int[n], 0, n, cmp);
    int keepRows = (int) Math.min(n, limit);
    return b.gather(perm, keepRows);
  }

  private RowComparator comparator(Batch b) {
    Column[] kc = new Column[keys.size()];
    boolean[] desc = new boolean[keys.size()];
    boolean[] nf = new boolean[keys.size()];
    for (int k = 0; k < kc.length; k++) {
      kc[k] = b.columns()[schema.size() + k];
      desc[k] = keys.get(k).descending();
      nf[k] = keys.get(k).nullsFirst();
    }
    return new RowComparator(kc, desc, nf);
  }

  private void run() {
    Batch[] runs = new Batch[children.size()];
    Workers.runAll("quiver-sort", runs.length, (i, failed) -> runs[i] = collect(children.get(i), failed));
    // merge the sorted runs: they sit back to back in one batch; merge neighbouring runs pairwise
    Batch all = runs.length == 1 ? runs[0] : Batch.concat(withKeys(), Arrays.asList(runs));
    int n = all.rowCount();
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    if (runs.length > 1) {
      int[] bounds = new int[runs.length + 1];
      for (int i = 0; i < runs.length; i++) {
        bounds[i + 1] = bounds[i] + runs[i].rowCount();
      }
      RowComparator cmp = comparator(all);
      int[] tmp = new int[n];
      int count = runs.length;
      while (count > 1) {
        int[] next = new int[(count + 1) / 2 + 1];
        int m = 0;
        for (int r = 0; r < count; r += 2) {
          if (r + 1 < count) {
            merge(perm, tmp, bounds[r], bounds[r + 1], bounds[r + 2], cmp);
          }
          next[m++] = bounds[r];
        }
        next[m] = bounds[count];
        bounds = next;
        count = m;
      }
    }
    sorted = all;
    order = perm;
  }

  private static void mergeSort(int[] a, int[] tmp, int from, int to, RowComparator cmp) {
    if (to - from <= 16) {
      for (int i = from + 1; i < to; i++) {
        int v = a[i];
        int j = i - 1;
        while (j >= from && cmp.compare(a[j], v) > 0) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = v;
      }
      return;
    }
    int mid = (from + to) >>> 1;
    mergeSort(a, tmp, from, mid, cmp);
    mergeSort(a, tmp, mid, to, cmp);
    if (cmp.compare(a[mid - 1], a[mid]) <= 0) {
      return;
    }
    merge(a, tmp, from, mid, to, cmp);
  }

  private static void merge(int[] a, int[] tmp, int from, int mid, int to, RowComparator cmp) {
    System.arraycopy(a, from, tmp, from, to - from);
    int i = from;
    int j = mid;
    int k = from;
    while (i < mid && j < to) {
      a[k++] = cmp.compare(tmp[j], tmp[i]) < 0 ? tmp[j++] : tmp[i++];
    }
    while (i < mid) {
      a[k++] = tmp[i++];
    }
    while (j < to) {
      a[k++] = tmp[j++];
    }
  }

  /** Compares rows by the key columns in order. */
  static final class RowComparator {
    private final Column[] keys;
    private final boolean[] desc;
    private final boolean[] nullsFirst;

    RowComparator(Column[] keys, boolean[] desc, boolean[] nullsFirst) {
      this.keys = keys;
      this.desc = desc;
      this.nullsFirst = nullsFirst;
    }

    int compare(int a, int b) {
      for (int k = 0; k < keys.length; k++) {
        Column c = keys[k];
        boolean an = c.nulls != null && c.nulls[a];
        boolean bn = c.nulls != null && c.nulls[b];
        if (an || bn) {
          if (an && bn) {
            continue;
          }
          return an == nullsFirst[k] ? -1 : 1;
        }
        int r;
        if (c.high != null) {
          r = Long.compare(c.high[a], c.high[b]);
          r = r != 0 ? r : Long.compareUnsigned(c.longs[a], c.longs[b]);
        } else if (c.longs != null) {
          r = Long.compare(c.longs[a], c.longs[b]);
        } else if (c.doubles != null) {
          double x = c.doubles[a];
          double y = c.doubles[b];
          r = x < y ? -1 : x > y ? 1 : x == y ? 0 : Double.isNaN(x) ? (Double.isNaN(y) ? 0 : 1) : -1;
        } else if (c.bools != null) {
          r = Boolean.compare(c.bools[a], c.bools[b]);
        } else {
          r = Arrays.compareUnsigned(c.bytes, c.offsets[a], c.offsets[a + 1], c.bytes, c.offsets[b],
              c.offsets[b + 1]);
        }
        if (r != 0) {
          return desc[k] ? -r : r;
        }
      }
      return 0;
    }
  }

  @Override
  public List<Operator> children() {
    return children;
  }

  @Override
  public String describe() {
    StringBuilder sb = new StringBuilder(name()).append(' ');
    for (int i = 0; i < keys.size(); i++) {
      Key k = keys.get(i);
      sb.append(i == 0 ? "" : ", ").append(k.key()).append(k.descending() ? " DESC" : " ASC")
          .append(k.nullsFirst() ? " NULLS FIRST" : " NULLS LAST");
    }
    if (keep != Long.MAX_VALUE) {
      sb.append(" keep=").append(keep);
    }
    if (children.size() > 1) {
      sb.append(" threads=").append(children.size());
    }
    return sb.toString();
  }

  @Override
  public void close() {
    releaseTracked(reserved);
    sorted = null;
    closeAll(children);
  }
}
