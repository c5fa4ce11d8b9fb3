package dev.quiver.exec.op;

import dev.quiver.exec.QueryException;
import dev.quiver.exec.expr.Expr.AggFunction;
import dev.quiver.exec.types.DataType;
import dev.quiver.exec.types.DataType.Kind;
import dev.quiver.exec.vector.Column;
import java.util.Arrays;

/**
 * The running state of one aggregate over all groups of a {@link HashAggregate}, in arrays indexed by group id,
 * updated a batch at a time ({@code state[gid[i]] op= value[i]} loops specialised per type) and merged across
 * threads. Result types follow DuckDB: SUM of INTEGER BIGINT, of BIGINT DECIMAL(38,0) (DuckDB's HUGEINT), of
 * DECIMAL(p,s) DECIMAL(38,s) (summed in 128 bits; overflow beyond 64 bits or 38 digits fails), of
 * DOUBLE DOUBLE; AVG DOUBLE; COUNT, COUNT(*) and COUNT(DISTINCT) BIGINT; MIN and MAX the argument's type. SUM,
 * AVG, MIN and MAX of no non-null value are NULL; counts are 0.
 */
public abstract class Accumulator {
  /** Groups with state allocated. */
  protected int capacity;

  /** The result type. */
  public abstract DataType type();

  /**
   * Adds rows {@code [0, n)} of {@code arg} (null for COUNT(*)) to groups {@code gids}, each below {@code groups}.
   * {@code rowsPerGroup}, when not null, holds how many of the n rows went to each group (computed once per batch
   * for few groups, so counts of null-free input need no per-row work).
   */
  public abstract void update(int[] gids, Column arg, int n, int groups, long[] rowsPerGroup);

  /**
   * A batch's group ids for few groups, with the per-column partial sums its exact SUM/AVG accumulators share.
   *
   * @param gids each row's group id, below {@code groups}, or null when every row is in group 0
   * @param groups number of groups
   * @param rowsPerGroup how many of the batch's rows are in each group ({@code groups} entries)
   * @param memo the batch's partial sums per column, shared by the accumulators of one batch (SUM and AVG of one
   *     column add its rows once; several columns are summed in one pass by {@link #prepareSums})
   */
  public record Grouping(int[] gids, int groups, long[] rowsPerGroup, SumMemo memo) {}

  /**
   * The per-group 64-bit sums and non-null counts of some argument columns over one batch's {@link Grouping}, so a
   * second exact SUM/AVG of the same column (by identity: {@code sum(x)} and {@code avg(x)}) adds them without
   * another pass. Belongs to one thread; {@link #clear} it before each batch. Arrays are reused across batches.
   */
  public static final class SumMemo {
    private Column[] columns = new Column[4];
    private long[][] sums = new long[4][];
    private long[][] counts = new long[4][];
    /** Whether the entry's sums are proven exact (no partial sum left 63 bits). */
    private boolean[] exact = new boolean[4];
    private int size;

    private long[] quads = new long[0];

    /** A zeroed array of {@code 4 * groups} sums (reused). */
    long[] quads(int groups) {
      if (quads.length < 4 * groups) {
        quads = new long[4 * groups];
      } else {
        java.util.Arrays.fill(quads, 0, 4 * groups, 0);
      }
      return quads;
    }

    /** Forgets the previous batch's columns (the arrays stay for reuse). */
    public void clear() {
      java.util.Arrays.fill(columns, 0, size, null);
      size = 0;
    }

    /** The entry of {@code column} (by identity), or -1. */
    int find(Column column) {
      for (int i = 0; i < size; i++) {
        if (columns[i] == column) {
          return i;
        }
      }
      return -1;
    }

    /** A new entry for {@code column} with sums and counts for {@code groups} groups, zeroed. */
    int add(Column column, int groups) {
      if (size == columns.length) {
        columns = java.util.Arrays.copyOf(columns, size * 2);
        sums = java.util.Arrays.copyOf(sums, size * 2);
        counts = java.util.Arrays.copyOf(counts, size * 2);
        exact = java.util.Arrays.copyOf(exact, size * 2);
      }
      if (sums[size] == null || sums[size].length < groups) {
        sums[size] = new long[Math.max(groups, 8)];
        counts[size] = new long[sums[size].length];
      } else {
        java.util.Arrays.fill(sums[size], 0, groups, 0);
        java.util.Arrays.fill(counts[size], 0, groups, 0);
      }
      columns[size] = column;
      return size++;
    }
  }

  /**
   * Computes the partial sums of the exact SUM/AVG arguments {@code args[a]} of {@code accs[a]} (null entries and
   * other accumulators skipped) into {@code grouping}'s memo before the accumulators are updated: null-free columns
   * four (or two) at a time in one pass over the rows (each row's group id read once for all, the sums' chains
   * independent), the others alone.
   */
  public static void prepareSums(Accumulator[] accs, Column[] args, int n, Grouping grouping) {
    SumMemo memo = grouping.memo();
    Column[] pending = new Column[4];
    int k = 0;
    for (int a = 0; a < accs.length; a++) {
      Column c = args[a];
      if (!(accs[a] instanceof Sum s) || !s.exact || c == null || c.longs == null || c.high != null
          || c.nulls != null || memo.find(c) >= 0 || java.util.Arrays.asList(pending).subList(0, k).contains(c)) {
        continue;
      }
      pending[k++] = c;
      if (k == 4) {
        Sum.quadSums(pending, n, grouping, memo);
        k = 0;
      }
    }
    if (k >= 2) {
      Sum.pairSums(pending[0], pending[1], n, grouping, memo);
    }
    if (k == 3) {
      Sum.partialSums(pending[2], n, grouping, memo);
    } else if (k == 1) {
      Sum.partialSums(pending[0], n, grouping, memo);
    }
  }

  /**
   * As {@link #update(int[], Column, int, int, long[])}, with the rows also given ordered by group (for few
   * groups), so an accumulator can run one tight loop per group with its running state in a register. The default
   * ignores {@code grouping}.
   *
   * @throws dev.quiver.exec.QueryException as the other {@code update}: when a sum leaves its type's range, or a
   *     wide DECIMAL reaches an accumulator that needs 64-bit values
   */
  public void update(int[] gids, Column arg, int n, int groups, long[] rowsPerGroup, Grouping grouping) {
    update(gids, arg, n, groups, rowsPerGroup);
  }

  /** Adds the per-group row counts of a batch to {@code counts}; false when they are not given. */
  protected static boolean addCounts(long[] counts, long[] rowsPerGroup, int groups) {
    if (rowsPerGroup == null) {
      return false;
    }
    for (int g = 0; g < groups; g++) {
      counts[g] += rowsPerGroup[g];
    }
    return true;
  }

  /** Adds the state of {@code other}'s group {@code g} to this one's group {@code map[g]}, for every g. */
  public abstract void merge(Accumulator other, int[] map, int groups);

  /** The results of groups {@code [0, groups)}. */
  public abstract Column result(int groups);

  /** Bytes held. */
  public abstract long sizeInBytes();

  /** Grows the state to hold {@code groups} groups. */
  protected abstract void ensure(int groups);

  /** Makes room for {@code groups} groups (state of groups never updated stays empty). */
  protected final void reserveGroups(int groups) {
    if (groups > capacity) {
      int cap = Math.max(16, Math.max(groups, capacity * 2));
      ensure(cap);
      capacity = cap;
    }
  }

  /**
   * A fresh accumulator for {@code fn} over arguments of {@code argType} (null for COUNT(*)).
   *
   * @throws QueryException when {@code fn} does not take that type (SUM/AVG of a non-number), naming {@code text}
   */
  public static Accumulator create(AggFunction fn, DataType argType, String text) {
    if (argType != null && argType.kind() == Kind.OPAQUE && fn != AggFunction.COUNT) {
      throw new QueryException(fn + " cannot take a column of type " + argType + " in " + text
          + "; such columns can only be counted, selected or tested with IS [NOT] NULL");
    }
    switch (fn) {
      case COUNT_STAR:
        return new Count(false);
      case COUNT:
        return new Count(true);
      case COUNT_DISTINCT:
        return new CountDistinct(argType);
      case SUM:
      case AVG:
        if (argType.kind() == Kind.NULL) {
          return new Sum(DataType.INTEGER, fn == AggFunction.AVG);
        }
        if (!argType.isNumeric()) {
          throw new QueryException(fn + " needs a number but its argument is " + argType + " in " + text);
        }
        return new Sum(argType, fn == AggFunction.AVG);
      case MIN:
      case MAX:
        if (argType.kind() == Kind.VARCHAR) {
          return new MinMaxString(fn == AggFunction.MAX);
        }
        return new MinMax(argType.kind() == Kind.NULL ? DataType.INTEGER : argType, fn == AggFunction.MAX);
      default:
        throw new QueryException("unsupported aggregate " + fn);
    }
  }

  /** COUNT(*) (counts every row) and COUNT(x) (counts non-null values). */
  static final class Count extends Accumulator {
    private final boolean skipNulls;
    long[] counts = new long[0];

    Count(boolean skipNulls) {
      this.skipNulls = skipNulls;
    }

    @Override
    public DataType type() {
      return DataType.BIGINT;
    }

    @Override
    protected void ensure(int groups) {
      counts = Arrays.copyOf(counts, groups);
    }

    @Override
    public void update(int[] gids, Column arg, int n, int groups, long[] rowsPerGroup) {
      reserveGroups(groups);
      long[] c = counts;
      if ((!skipNulls || arg.nulls == null) && addCounts(c, rowsPerGroup, groups)) {
        return;
      }
      if (!skipNulls || arg.nulls == null) {
        for (int i = 0; i < n; i++) {
          c[gids[i]]++;
        }
      } else {
        boolean[] nl = arg.nulls;
        for (int i = 0; i < n; i++) {
          c[gids[i]] += nl[i] ? 0 : 1;
        }
      }
    }

    @Override
    public void merge(Accumulator other, int[] map, int groups) {
      reserveGroups(groups);
      Count o = (Count) other;
      o.reserveGroups(map.length);
      for (int g = 0; g < map.length; g++) {
        counts[map[g]] += o.counts[g];
      }
    }

    @Override
    public Column result(int groups) {
      reserveGroups(groups);
      return Column.ofLongs(DataType.BIGINT, Arrays.copyOf(counts, groups), null, groups);
    }

    @Override
    public long sizeInBytes() {
      return 8L * counts.length;
    }
  }

  /** SUM and AVG: 64-bit integer sums (overflow-checked) for exact types, double sums for DOUBLE. */
  /**
   * SUM and AVG. Exact arguments (integers, decimals) are summed in 128 bits: per group a lower word in
   * {@code longSums} and an upper word in {@code highSums}, the carry computed branch-free, so no intermediate sum
   * overflows. SUM of INTEGER is BIGINT and fails when a group's sum leaves 64 bits; SUM of BIGINT is
   * DECIMAL(38,0) and of DECIMAL(p,s) DECIMAL(38,s), failing only when a sum has more than 38 digits.
   */
  static final class Sum extends Accumulator {
    /** 10^38 as a 128-bit value: upper and lower words. */
    private static final long LIMIT_HIGH = 0x4B3B4CA85A86C47AL;
    private static final long LIMIT_LOW = 0x098A224000000000L;
    private final DataType argType;
    private final boolean avg;
    private final boolean exact;
    long[] longSums = new long[0];
    long[] highSums = new long[0];
    double[] doubleSums = new double[0];
    long[] counts = new long[0];

    Sum(DataType argType, boolean avg) {
      this.argType = argType;
      this.avg = avg;
      this.exact = argType.kind() != Kind.DOUBLE;
    }

    @Override
    public DataType type() {
      if (avg || !exact) {
        return DataType.DOUBLE;
      }
      if (argType.kind() == Kind.DECIMAL) {
        return DataType.decimal(38, argType.scale());
      }
      return argType.kind() == Kind.BIGINT ? DataType.decimal(38, 0) : DataType.BIGINT;
    }

    @Override
    protected void ensure(int groups) {
      if (exact) {
        longSums = Arrays.copyOf(longSums, groups);
        highSums = Arrays.copyOf(highSums, groups);
      } else {
        doubleSums = Arrays.copyOf(doubleSums, groups);
      }
      counts = Arrays.copyOf(counts, groups);
    }

    /** The carry out of the unsigned 64-bit addition {@code a + b = r}: 0 or 1. */
    private static long carry(long a, long b, long r) {
      return ((a & b) | ((a | b) & ~r)) >>> 63;
    }

    @Override
    public void update(int[] gids, Column arg, int n, int groups, long[] rowsPerGroup) {
      reserveGroups(groups);
      long[] c = counts;
      boolean[] nl = arg.nulls;
      if (exact) {
        arg.requireNarrow("the argument of SUM");
        long[] s = longSums;
        long[] h = highSums;
        long[] v = arg.longs;
        if (nl == null && addCounts(c, rowsPerGroup, groups)) {
          for (int i = 0; i < n; i++) {
            int g = gids[i];
            long a = s[g];
            long x = v[i];
            long r = a + x;
            s[g] = r;
            h[g] += (x >> 63) + carry(a, x, r);
          }
        } else if (nl == null) {
          for (int i = 0; i < n; i++) {
            int g = gids[i];
            long a = s[g];
            long x = v[i];
            long r = a + x;
            s[g] = r;
            h[g] += (x >> 63) + carry(a, x, r);
            c[g]++;
          }
        } else {
          for (int i = 0; i < n; i++) {
            if (!nl[i]) {
              int g = gids[i];
              long a = s[g];
              long x = v[i];
              long r = a + x;
              s[g] = r;
              h[g] += (x >> 63) + carry(a, x, r);
              c[g]++;
            }
          }
        }
      } else {
        double[] s = doubleSums;
        double[] v = arg.doubles;
        for (int i = 0; i < n; i++) {
          if (nl == null || !nl[i]) {
            int g = gids[i];
            s[g] += v[i];
            c[g]++;
          }
        }
      }
    }

    /**
     * Exact sums with per-group 64-bit partial sums: one pass adds each row to its group's register in the batch's
     * {@link SumMemo} (no per-row 128-bit carry), then each group's partial sum is added to its 128-bit state once.
     * That is exact when no partial sum can leave 63 bits, which a bound taken in the same pass proves: every
     * |value| is below 2^b (b from the OR of the magnitudes) and there are fewer than 2^m rows, so with b + m <= 62
     * no partial sum overflows; otherwise (or for DOUBLE) the row-by-row 128-bit loop runs. The partial sums stay in
     * the memo for the next exact SUM/AVG of the same column.
     */
    @Override
    public void update(int[] gids, Column arg, int n, int groups, long[] rowsPerGroup, Grouping grouping) {
      if (!exact || arg.high != null) {
        update(gids, arg, n, groups, rowsPerGroup);
        return;
      }
      SumMemo memo = grouping.memo();
      int e = memo.find(arg);
      if (e < 0) {
        e = partialSums(arg, n, grouping, memo);
      }
      if (!memo.exact[e]) {
        update(gids, arg, n, groups, rowsPerGroup);
        return;
      }
      int gs = grouping.groups();
      reserveGroups(groups);
      long[] s = longSums;
      long[] h = highSums;
      long[] c = counts;
      long[] ps = memo.sums[e];
      long[] pc = memo.counts[e];
      for (int g = 0; g < gs; g++) {
        long acc = ps[g];
        long a = s[g];
        long r = a + acc;
        s[g] = r;
        h[g] += (acc >> 63) + carry(a, acc, r);
        c[g] += pc[g];
      }
    }

    /** Whether 64-bit sums of {@code n} values whose magnitudes OR to {@code bound} cannot overflow. */
    private static boolean provenExact(long bound, int n) {
      int valueBits = 64 - Long.numberOfLeadingZeros(bound);
      int rowBits = 32 - Integer.numberOfLeadingZeros(n);
      return valueBits + rowBits <= 62;
    }

    /**
     * Per-group 64-bit sums and non-null counts of {@code arg} (64-bit values) into a new entry of {@code memo},
     * marked exact when the magnitude bound proves it; returns the entry.
     */
    static int partialSums(Column arg, int n, Grouping grouping, SumMemo memo) {
      int e = memo.add(arg, grouping.groups());
      long[] ps = memo.sums[e];
      long[] pc = memo.counts[e];
      long[] v = arg.longs;
      boolean[] nl = arg.nulls;
      int[] gids = grouping.gids();
      long bound = 0;
      if (gids == null) {
        long acc = 0;
        long cnt = n;
        if (nl == null) {
          for (int i = 0; i < n; i++) {
            long x = v[i];
            acc += x;
            bound |= x ^ (x >> 63); // |x| - 1 for negative x, x otherwise
          }
        } else {
          cnt = 0;
          for (int i = 0; i < n; i++) {
            long x = nl[i] ? 0 : v[i];
            acc += x;
            bound |= x ^ (x >> 63);
            cnt += nl[i] ? 0 : 1;
          }
        }
        ps[0] += acc;
        pc[0] = cnt;
      } else if (nl == null) {
        for (int i = 0; i < n; i++) {
          long x = v[i];
          ps[gids[i]] += x;
          bound |= x ^ (x >> 63);
        }
        System.arraycopy(grouping.rowsPerGroup(), 0, pc, 0, grouping.groups());
      } else {
        for (int i = 0; i < n; i++) {
          long x = nl[i] ? 0 : v[i];
          int g = gids[i];
          ps[g] += x;
          pc[g] += nl[i] ? 0 : 1;
          bound |= x ^ (x >> 63);
        }
      }
      memo.exact[e] = provenExact(bound, n);
      return e;
    }

    /** As {@link #pairSums} for four null-free columns in one pass: four new memo entries. */
    static void quadSums(Column[] cols, int n, Grouping grouping, SumMemo memo) {
      int gs = grouping.groups();
      int e1 = memo.add(cols[0], gs);
      int e2 = memo.add(cols[1], gs);
      int e3 = memo.add(cols[2], gs);
      int e4 = memo.add(cols[3], gs);
      long[] p1 = memo.sums[e1];
      long[] p2 = memo.sums[e2];
      long[] p3 = memo.sums[e3];
      long[] p4 = memo.sums[e4];
      long[] x1 = cols[0].longs;
      long[] x2 = cols[1].longs;
      long[] x3 = cols[2].longs;
      long[] x4 = cols[3].longs;
      int[] gids = grouping.gids();
      long b1 = 0;
      long b2 = 0;
      long b3 = 0;
      long b4 = 0;
      if (gids == null) {
        long s1 = 0;
        long s2 = 0;
        long s3 = 0;
        long s4 = 0;
        for (int i = 0; i < n; i++) {
          long u1 = x1[i];
          long u2 = x2[i];
          long u3 = x3[i];
          long u4 = x4[i];
          s1 += u1;
          s2 += u2;
          s3 += u3;
          s4 += u4;
          b1 |= u1 ^ (u1 >> 63);
          b2 |= u2 ^ (u2 >> 63);
          b3 |= u3 ^ (u3 >> 63);
          b4 |= u4 ^ (u4 >> 63);
        }
        p1[0] = s1;
        p2[0] = s2;
        p3[0] = s3;
        p4[0] = s4;
      } else {
        // the four sums of a group side by side (one cache line per group, one bounds check per row)
        long[] q = memo.quads(gs);
        for (int i = 0; i < n; i++) {
          int g = gids[i] << 2;
          long u1 = x1[i];
          long u2 = x2[i];
          long u3 = x3[i];
          long u4 = x4[i];
          q[g] += u1;
          q[g + 1] += u2;
          q[g + 2] += u3;
          q[g + 3] += u4;
          b1 |= u1 ^ (u1 >> 63);
          b2 |= u2 ^ (u2 >> 63);
          b3 |= u3 ^ (u3 >> 63);
          b4 |= u4 ^ (u4 >> 63);
        }
        for (int g = 0; g < gs; g++) {
          p1[g] = q[4 * g];
          p2[g] = q[4 * g + 1];
          p3[g] = q[4 * g + 2];
          p4[g] = q[4 * g + 3];
        }
      }
      for (int e : new int[] {e1, e2, e3, e4}) {
        System.arraycopy(grouping.rowsPerGroup(), 0, memo.counts[e], 0, gs);
      }
      memo.exact[e1] = provenExact(b1, n);
      memo.exact[e2] = provenExact(b2, n);
      memo.exact[e3] = provenExact(b3, n);
      memo.exact[e4] = provenExact(b4, n);
    }

    /**
     * As {@link #partialSums} for two null-free columns in one pass (each row's group id read once): two new memo
     * entries.
     */
    static void pairSums(Column first, Column second, int n, Grouping grouping, SumMemo memo) {
      int gs = grouping.groups();
      int e1 = memo.add(first, gs);
      int e2 = memo.add(second, gs);
      long[] p1 = memo.sums[e1];
      long[] p2 = memo.sums[e2];
      long[] x = first.longs;
      long[] y = second.longs;
      int[] gids = grouping.gids();
      long b1 = 0;
      long b2 = 0;
      if (gids == null) {
        long s1 = 0;
        long s2 = 0;
        for (int i = 0; i < n; i++) {
          long u = x[i];
          long w = y[i];
          s1 += u;
          s2 += w;
          b1 |= u ^ (u >> 63);
          b2 |= w ^ (w >> 63);
        }
        p1[0] = s1;
        p2[0] = s2;
      } else {
        for (int i = 0; i < n; i++) {
          int g = gids[i];
          long u = x[i];
          long w = y[i];
          p1[g] += u;
          p2[g] += w;
          b1 |= u ^ (u >> 63);
          b2 |= w ^ (w >> 63);
        }
      }
      System.arraycopy(grouping.rowsPerGroup(), 0, memo.counts[e1], 0, gs);
      System.arraycopy(grouping.rowsPerGroup(), 0, memo.counts[e2], 0, gs);
      memo.exact[e1] = provenExact(b1, n);
      memo.exact[e2] = provenExact(b2, n);
    }

    @Override
    public void merge(Accumulator other, int[] map, int groups) {
      reserveGroups(groups);
      Sum o = (Sum) other;
      o.reserveGroups(map.length);
      for (int g = 0; g < map.length; g++) {
        int t = map[g];
        if (exact) {
          long a = longSums[t];
          long b = o.longSums[g];
          long r = a + b;
          longSums[t] = r;
          highSums[t] += o.highSums[g] + carry(a, b, r);
        } else {
          doubleSums[t] += o.doubleSums[g];
        }
        counts[t] += o.counts[g];
      }
    }

    /** Whether the 128-bit value (hi, lo) has at least 39 digits: |value| >= 10^38. */
    private static boolean beyond38Digits(long hi, long lo) {
      if (hi < 0) {
        long nlo = -lo;
        long nhi = ~hi + (lo == 0 ? 1 : 0);
        hi = nhi;
        lo = nlo;
        if (hi < 0) {
          return true; // -2^127
        }
      }
      return hi > LIMIT_HIGH || (hi == LIMIT_HIGH && Long.compareUnsigned(lo, LIMIT_LOW) >= 0);
    }

    private static java.math.BigInteger big(long hi, long lo) {
      return java.math.BigInteger.valueOf(hi).shiftLeft(64).add(new java.math.BigInteger(Long.toUnsignedString(lo)));
    }

    @Override
    public Column result(int groups) {
      reserveGroups(groups);
      boolean[] nulls = new boolean[groups];
      for (int g = 0; g < groups; g++) {
        nulls[g] = counts[g] == 0;
      }
      if (avg) {
        double[] r = new double[groups];
        double scale = argType.kind() == Kind.DECIMAL ? Math.pow(10, argType.scale()) : 1;
        for (int g = 0; g < groups; g++) {
          if (counts[g] > 0) {
            boolean narrow = !exact || highSums[g] == longSums[g] >> 63;
            if (!exact) {
              r[g] = doubleSums[g] / counts[g];
            } else if (narrow && argType.kind() != Kind.DECIMAL) {
              r[g] = (double) longSums[g] / counts[g];
            } else {
              java.math.BigDecimal sum = narrow ? new java.math.BigDecimal(longSums[g])
                  : new java.math.BigDecimal(big(highSums[g], longSums[g]));
              r[g] = sum.divide(java.math.BigDecimal.valueOf(counts[g]), java.math.MathContext.DECIMAL64)
                  .movePointLeft(argType.kind() == Kind.DECIMAL ? argType.scale() : 0).doubleValue();
            }
          }
        }
        return Column.ofDoubles(r, nulls, groups);
      }
      if (!exact) {
        return Column.ofDoubles(Arrays.copyOf(doubleSums, groups), nulls, groups);
      }
      boolean wide = false;
      for (int g = 0; g < groups; g++) {
        if (highSums[g] != longSums[g] >> 63) {
          if (type().kind() != Kind.DECIMAL) {
            throw new QueryException("integer overflow in SUM: a group's sum leaves 64 bits");
          }
          if (beyond38Digits(highSums[g], longSums[g])) {
            throw new QueryException("decimal overflow in SUM: a group's sum has more than 38 digits");
          }
          wide = true;
        }
      }
      return Column.ofWideDecimals(type(), Arrays.copyOf(longSums, groups),
          wide ? Arrays.copyOf(highSums, groups) : null, nulls, groups);
    }

    @Override
    public long sizeInBytes() {
      return 8L * (longSums.length + highSums.length + doubleSums.length + counts.length);
    }
  }

  /** MIN and MAX over 64-bit, double and boolean values. */
  static final class MinMax extends Accumulator {
    private final DataType argType;
    private final boolean max;
    long[] longs = new long[0];
    double[] doubles = new double[0];
    boolean[] seen = new boolean[0];

    MinMax(DataType argType, boolean max) {
      this.argType = argType;
      this.max = max;
    }

    @Override
    public DataType type() {
      return argType;
    }

    @Override
    protected void ensure(int groups) {
      longs = Arrays.copyOf(longs, groups);
      doubles = Arrays.copyOf(doubles, groups);
      seen = Arrays.copyOf(seen, groups);
    }

    @Override
    public void update(int[] gids, Column arg, int n, int groups, long[] rowsPerGroup) {
      reserveGroups(groups);
      boolean[] nl = arg.nulls;
      if (arg.doubles != null) {
        double[] v = arg.doubles;
        for (int i = 0; i < n; i++) {
          if (nl == null || !nl[i]) {
            acceptDouble(gids[i], v[i]);
          }
        }
        return;
      }
      long[] v = arg.longs;
      if (arg.bools != null) {
        v = new long[n];
        for (int i = 0; i < n; i++) {
          v[i] = arg.bools[i] ? 1 : 0;
        }
      }
      long[] s = longs;
      boolean[] sn = seen;
      for (int i = 0; i < n; i++) {
        if (nl == null || !nl[i]) {
          int g = gids[i];
          long x = v[i];
          if (!sn[g] || (max ? x > s[g] : x < s[g])) {
            s[g] = x;
            sn[g] = true;
          }
        }
      }
    }

    private void acceptDouble(int g, double x) {
      if (!seen[g] || (max ? compare(x, doubles[g]) > 0 : compare(x, doubles[g]) < 0)) {
        doubles[g] = x;
        seen[g] = true;
      }
    }

    private static int compare(double a, double b) {
      if (a < b) {
        return -1;
      }
      if (a > b) {
        return 1;
      }
      boolean an = Double.isNaN(a);
      boolean bn = Double.isNaN(b);
      return an == bn ? 0 : an ? 1 : -1;
    }

    @Override
    public void merge(Accumulator other, int[] map, int groups) {
      reserveGroups(groups);
      MinMax o = (MinMax) other;
      o.reserveGroups(map.length);
      for (int g = 0; g < map.length; g++) {
        if (!o.seen[g]) {
          continue;
        }
        int t = map[g];
        if (argType.kind() == Kind.DOUBLE) {
          acceptDouble(t, o.doubles[g]);
        } else if (!seen[t] || (max ? o.longs[g] > longs[t] : o.longs[g] < longs[t])) {
          longs[t] = o.longs[g];
          seen[t] = true;
        }
      }
    }

    @Override
    public Column result(int groups) {
      reserveGroups(groups);
      boolean[] nulls = new boolean[groups];
      for (int g = 0; g < groups; g++) {
        nulls[g] = !seen[g];
      }
      if (argType.kind() == Kind.DOUBLE) {
        return Column.ofDoubles(Arrays.copyOf(doubles, groups), nulls, groups);
      }
      if (argType.kind() == Kind.BOOLEAN) {
        boolean[] b = new boolean[groups];
        for (int g = 0; g < groups; g++) {
          b[g] = longs[g] != 0;
        }
        return Column.ofBools(b, nulls, groups);
      }
      return Column.ofLongs(argType, Arrays.copyOf(longs, groups), nulls, groups);
    }

    @Override
    public long sizeInBytes() {
      return 17L * seen.length;
    }
  }

  /** MIN and MAX over strings (UTF-8 byte order), one array per group, replaced only when beaten. */
  static final class MinMaxString extends Accumulator {
    private final boolean max;
    byte[][] values = new byte[0][];
    long bytes;

    MinMaxString(boolean max) {
      this.max = max;
    }

    @Override
    public DataType type() {
      return DataType.VARCHAR;
    }

    @Override
    protected void ensure(int groups) {
      values = Arrays.copyOf(values, groups);
    }

    @Override
    public void update(int[] gids, Column arg, int n, int groups, long[] rowsPerGroup) {
      reserveGroups(groups);
      for (int i = 0; i < n; i++) {
        if (arg.isNull(i)) {
          continue;
        }
        int g = gids[i];
        byte[] cur = values[g];
        int from = arg.offsets[i];
        int to = arg.offsets[i + 1];
        if (cur == null || better(Arrays.compareUnsigned(arg.bytes, from, to, cur, 0, cur.length))) {
          values[g] = Arrays.copyOfRange(arg.bytes, from, to);
          bytes += to - from;
        }
      }
    }

    private boolean better(int c) {
      return max ? c > 0 : c < 0;
    }

    @Override
    public void merge(Accumulator other, int[] map, int groups) {
      reserveGroups(groups);
      MinMaxString o = (MinMaxString) other;
      o.reserveGroups(map.length);
      for (int g = 0; g < map.length; g++) {
        byte[] v = o.values[g];
        int t = map[g];
        if (v != null && (values[t] == null || better(Arrays.compareUnsigned(v, values[t])))) {
          values[t] = v;
        }
      }
    }

    @Override
    public Column result(int groups) {
      reserveGroups(groups);
      boolean[] nulls = new boolean[groups];
      int total = 0;
      for (int g = 0; g < groups; g++) {
        nulls[g] = values[g] == null;
        total += values[g] == null ? 0 : values[g].length;
      }
      byte[] out = new byte[total];
      int[] offsets = new int[groups + 1];
      int pos = 0;
      for (int g = 0; g < groups; g++) {
        if (values[g] != null) {
          System.arraycopy(values[g], 0, out, pos, values[g].length);
          pos += values[g].length;
        }
        offsets[g + 1] = pos;
      }
      return Column.ofStrings(out, offsets, nulls, groups);
    }

    @Override
    public long sizeInBytes() {
      return 16L * values.length + bytes;
    }
  }

  /** COUNT(DISTINCT x): a second hash table over (group id, x) pairs; a pair seen first adds one to its group. */
  static final class CountDistinct extends Accumulator {
    private final DataType argType;
    private final GroupTable pairs;
    long[] counts = new long[0];

    CountDistinct(DataType argType) {
      this.argType = argType.kind() == Kind.NULL ? DataType.INTEGER : argType;
      this.pairs = new GroupTable(new DataType[] {DataType.BIGINT, this.argType});
    }

    @Override
    public DataType type() {
      return DataType.BIGINT;
    }

    @Override
    protected void ensure(int groups) {
      counts = Arrays.copyOf(counts, groups);
    }

    @Override
    public void update(int[] gids, Column arg, int n, int groups, long[] rowsPerGroup) {
      reserveGroups(groups);
      int[] keep = new int[n];
      int k = 0;
      for (int i = 0; i < n; i++) {
        keep[k] = i;
        k += arg.isNull(i) ? 0 : 1;
      }
      Column values = k == n ? arg : arg.gather(keep, k);
      long[] g = new long[k];
      for (int i = 0; i < k; i++) {
        g[i] = gids[keep[i]];
      }
      add(Column.ofLongs(DataType.BIGINT, g, null, k), values, k);
    }

    private void add(Column gidColumn, Column values, int n) {
      int before = pairs.size();
      int[] ids = pairs.groupIds(new Column[] {gidColumn, values}, n);
      for (int i = 0; i < n; i++) {
        if (ids[i] >= before) {
          before = ids[i] + 1;
          counts[(int) gidColumn.longs[i]]++;
        }
      }
    }

    @Override
    public void merge(Accumulator other, int[] map, int groups) {
      reserveGroups(groups);
      CountDistinct o = (CountDistinct) other;
      o.reserveGroups(map.length);
      int n = o.pairs.size();
      Column g = o.pairs.keyColumn(0);
      long[] mapped = new long[n];
      for (int i = 0; i < n; i++) {
        mapped[i] = map[(int) g.longs[i]];
      }
      add(Column.ofLongs(DataType.BIGINT, mapped, null, n), o.pairs.keyColumn(1), n);
    }

    @Override
    public Column result(int groups) {
      reserveGroups(groups);
      return Column.ofLongs(DataType.BIGINT, Arrays.copyOf(counts, groups), null, groups);
    }

    @Override
    public long sizeInBytes() {
      return 8L * counts.length + pairs.sizeInBytes();
    }
  }
}
