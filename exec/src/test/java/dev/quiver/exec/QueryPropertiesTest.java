package dev.quiver.exec;

import static org.junit.jupiter.api.Assertions.assertNull;

import dev.quiver.exec.expr.Expr;
import dev.quiver.exec.plan.Plan;
import dev.quiver.exec.types.DataType;
import dev.quiver.exec.vector.Batch;
import dev.quiver.exec.vector.Column;
import dev.quiver.exec.vector.Schema;
import dev.quiver.parquet.testing.LeakCheckedAllocator;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Random tables (a BIGINT, b DOUBLE with NaN, s VARCHAR; nulls everywhere; 0-300 rows in random batches), random
 * filters (comparisons, IS NULL, AND/OR/NOT), random groupings and aggregates, random multi-key sorts with limits,
 * run through the DataFrame API at 1 and 2 threads and checked against a plain row-at-a-time evaluation written
 * here (SQL three-valued logic, NaN above every number and equal to itself, nulls equal as group keys).
 */
class QueryPropertiesTest {
  private static final String[] STRINGS = {"x", "y", "zz", "", "x1"};
  private static final Schema SCHEMA = new Schema(List.of("a", "b", "s"),
      List.of(DataType.BIGINT, DataType.DOUBLE, DataType.VARCHAR));

  /** A random predicate, as an expression and as a reference evaluator. */
  interface Pred {
    Expr expr();

    Boolean test(Object[] row);
  }

  @Property(tries = 150)
  void filterAggregateSortAgreeWithReference(@ForAll long seed) {
    Random rnd = new Random(seed);
    List<Object[]> rows = rows(rnd);
    List<Batch> batches = batches(rows, rnd);
    Pred pred = rnd.nextInt(4) == 0 ? null : predicate(rnd, 3);
    List<Object[]> filtered = new ArrayList<>();
    for (Object[] r : rows) {
      if (pred == null || Boolean.TRUE.equals(pred.test(r))) {
        filtered.add(r);
      }
    }
    int threads = 1 + rnd.nextInt(2);
    if (rnd.nextBoolean()) {
      checkAggregate(rnd, batches, pred, filtered, threads);
    } else {
      checkSort(rnd, batches, pred, filtered, threads);
    }
  }

  private void checkAggregate(Random rnd, List<Batch> batches, Pred pred, List<Object[]> filtered, int threads) {
    List<Integer> keys = new ArrayList<>();
    if (rnd.nextBoolean()) {
      keys.add(0);
    }
    if (rnd.nextBoolean()) {
      keys.add(2);
    }
    if (rnd.nextInt(4) == 0) {
      keys.add(1);
    }
    Map<List<Object>, List<Object[]>> groups = new LinkedHashMap<>();
    for (Object[] r : filtered) {
      List<Object> k = new ArrayList<>();
      for (int c : keys) {
        k.add(r[c] instanceof Double d && d == 0.0 ? 0.0 : r[c]);
      }
      groups.computeIfAbsent(k, x -> new ArrayList<>()).add(r);
    }
    if (keys.isEmpty() && groups.isEmpty()) {
      groups.put(List.of(), List.of());
    }
    List<List<Object>> expected = new ArrayList<>();
    for (Map.Entry<List<Object>, List<Object[]>> g : groups.entrySet()) {
      List<Object> out = new ArrayList<>(g.getKey());
      List<Object[]> rs = g.getValue();
      out.add((long) rs.size());
      long countB = 0;
      Long sumA = null;
      Double minB = null;
      String maxS = null;
      Set<Object> distinctA = new HashSet<>();
      for (Object[] r : rs) {
        if (r[1] != null) {
          countB++;
          double b = (Double) r[1];
          minB = minB == null || compareDoubles(b, minB) < 0 ? b : minB;
        }
        if (r[0] != null) {
          sumA = (sumA == null ? 0 : sumA) + (Long) r[0];
          distinctA.add(r[0]);
        }
        if (r[2] != null) {
          maxS = maxS == null || ((String) r[2]).compareTo(maxS) > 0 ? (String) r[2] : maxS;
        }
      }
      out.add(countB);
      out.add(sumA);
      out.add(minB);
      out.add(maxS);
      out.add((long) distinctA.size());
      expected.add(out);
    }
    List<Exprs.E> keyExprs = new ArrayList<>();
    for (int c : keys) {
      keyExprs.add(Exprs.col(SCHEMA.name(c)));
    }
    try (LeakCheckedAllocator alloc = new LeakCheckedAllocator()) {
      Session session = Session.create(alloc.get()).withThreads(threads);
      DataFrame df = session.values(SCHEMA, batches);
      if (pred != null) {
        df = df.filter(new Exprs.E(pred.expr(), null));
      }
      df = df.groupBy(keyExprs.toArray(new Exprs.E[0])).agg(Exprs.countStar(), Exprs.count(Exprs.col("b")),
          Exprs.sum(Exprs.col("a")), Exprs.min(Exprs.col("b")), Exprs.max(Exprs.col("s")),
          Exprs.countDistinct(Exprs.col("a")));
      List<List<Object>> actual = collect(df);
      assertNull(Rows.diff(Rows.sorted(normalise(expected)), Rows.sorted(actual)), "seed query: " + df.plan());
    }
  }

  private void checkSort(Random rnd, List<Batch> batches, Pred pred, List<Object[]> filtered, int threads) {
    int[] order = {0, 1, 2};
    for (int i = 2; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    boolean[] desc = {rnd.nextBoolean(), rnd.nextBoolean(), rnd.nextBoolean()};
    boolean[] nullsFirst = {rnd.nextBoolean(), rnd.nextBoolean(), rnd.nextBoolean()};
    Comparator<Object[]> cmp = (x, y) -> {
      for (int k = 0; k < 3; k++) {
        int c = order[k];
        Object a = x[c];
        Object b = y[c];
        if (a == null || b == null) {
          if (a == null && b == null) {
            continue;
          }
          return (a == null) == nullsFirst[k] ? -1 : 1;
        }
        int r = c == 1 ? compareDoubles((Double) a, (Double) b) : c == 0 ? Long.compare((Long) a, (Long) b)
            : ((String) a).compareTo((String) b);
        if (r != 0) {
          return desc[k] ? -r : r;
        }
      }
      return 0;
    };
    List<Object[]> sorted = new ArrayList<>(filtered);
    sorted.sort(cmp);
    long offset = rnd.nextInt(3) == 0 ? rnd.nextInt(5) : 0;
    long limit = rnd.nextBoolean() ? rnd.nextInt(20) : Long.MAX_VALUE;
    List<List<Object>> expected = new ArrayList<>();
    for (int i = (int) Math.min(offset, sorted.size()); i < sorted.size() && expected.size() < limit; i++) {
      Object[] r = sorted.get(i);
      expected.add(new ArrayList<>(java.util.Arrays.asList(r[0], r[1], r[2])));
    }
    try (LeakCheckedAllocator alloc = new LeakCheckedAllocator()) {
      Session session = Session.create(alloc.get()).withThreads(threads);
      DataFrame df = session.values(SCHEMA, batches);
      if (pred != null) {
        df = df.filter(new Exprs.E(pred.expr(), null));
      }
      Plan.SortKey[] keys = new Plan.SortKey[3];
      for (int k = 0; k < 3; k++) {
        keys[k] = new Plan.SortKey(new Expr.ColumnRef(SCHEMA.name(order[k])), desc[k], nullsFirst[k]);
      }
      df = df.orderBy(keys).select("a", "b", "s");
      if (limit != Long.MAX_VALUE || offset > 0) {
        df = df.limit(limit, offset);
      }
      List<List<Object>> actual = collect(df);
      // rows equal on every column are indistinguishable, so the order is fully determined
      assertNull(Rows.diff(normalise(expected), actual), "query: " + df.plan());
    }
  }

  private static List<List<Object>> normalise(List<List<Object>> rows) {
    List<List<Object>> out = new ArrayList<>();
    for (List<Object> r : rows) {
      List<Object> n = new ArrayList<>();
      for (Object o : r) {
        n.add(Rows.normalise(o));
      }
      out.add(n);
    }
    return out;
  }

  private static List<List<Object>> collect(DataFrame df) {
    List<List<Object>> rows = new ArrayList<>();
    try (QueryResult r = df.execute()) {
      while (r.hasNext()) {
        try (VectorSchemaRoot root = r.next()) {
          Rows.add(root, rows);
        }
      }
    }
    return rows;
  }

  static int compareDoubles(double a, double b) {
    if (Double.isNaN(a) || Double.isNaN(b)) {
      return Double.isNaN(a) ? (Double.isNaN(b) ? 0 : 1) : -1;
    }
    return a < b ? -1 : a > b ? 1 : 0;
  }

  private static List<Object[]> rows(Random rnd) {
    int n = rnd.nextInt(5) == 0 ? rnd.nextInt(3) : rnd.nextInt(300);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Long a = rnd.nextInt(6) == 0 ? null : (long) (rnd.nextInt(11) - 5);
      Double b;
      int kind = rnd.nextInt(10);
      if (kind == 0) {
        b = null;
      } else if (kind == 1) {
        b = Double.NaN;
      } else if (kind == 2) {
        b = rnd.nextBoolean() ? 0.0 : -0.0;
      } else {
        b = (rnd.nextInt(41) - 20) / 4.0;
      }
      String s = rnd.nextInt(7) == 0 ? null : STRINGS[rnd.nextInt(STRINGS.length)];
      rows.add(new Object[] {a, b, s});
    }
    return rows;
  }

  private static List<Batch> batches(List<Object[]> rows, Random rnd) {
    List<Batch> out = new ArrayList<>();
    int i = 0;
    while (i < rows.size()) {
      int n = Math.min(rows.size() - i, 1 + rnd.nextInt(64));
      long[] a = new long[n];
      double[] b = new double[n];
      boolean[] an = new boolean[n];
      boolean[] bn = new boolean[n];
      boolean[] sn = new boolean[n];
      StringBuilder sb = new StringBuilder();
      int[] offsets = new int[n + 1];
      for (int k = 0; k < n; k++) {
        Object[] r = rows.get(i + k);
        an[k] = r[0] == null;
        a[k] = r[0] == null ? 777 : (Long) r[0];
        bn[k] = r[1] == null;
        b[k] = r[1] == null ? -1 : (Double) r[1];
        sn[k] = r[2] == null;
        if (r[2] != null) {
          sb.append((String) r[2]);
        }
        offsets[k + 1] = sb.length();
      }
      out.add(new Batch(new Column[] {Column.ofLongs(DataType.BIGINT, a, an, n), Column.ofDoubles(b, bn, n),
          Column.ofStrings(sb.toString().getBytes(StandardCharsets.UTF_8), offsets, sn, n)}, n));
      i += n;
    }
    return out;
  }

  private static Pred predicate(Random rnd, int depth) {
    int kind = depth == 0 ? rnd.nextInt(3) : rnd.nextInt(6);
    switch (kind) {
      case 0: {
        int c = rnd.nextInt(3);
        Expr.Op op = Expr.Op.values()[Expr.Op.EQ.ordinal() + rnd.nextInt(6)];
        Object constant = c == 0 ? (Object) (long) (rnd.nextInt(11) - 5)
            : c == 1 ? (Object) ((rnd.nextInt(41) - 20) / 4.0) : STRINGS[rnd.nextInt(STRINGS.length)];
        Expr lit = c == 0 ? new Expr.Literal(constant, DataType.BIGINT) : c == 1
            ? new Expr.Literal(BigDecimal.valueOf((Double) constant).setScale(2).unscaledValue().longValue(),
                DataType.decimal(6, 2)) : new Expr.Literal(constant, DataType.VARCHAR);
        Expr e = new Expr.Binary(op, new Expr.ColumnRef(SCHEMA.name(c)), lit);
        return new Pred() {
          public Expr expr() {
            return e;
          }

          public Boolean test(Object[] row) {
            Object v = row[c];
            if (v == null) {
              return null;
            }
            int r = c == 0 ? Long.compare((Long) v, (Long) constant) : c == 1
                ? compareDoubles((Double) v, (Double) constant) : ((String) v).compareTo((String) constant);
            switch (op) {
              case EQ:
                return r == 0;
              case NE:
                return r != 0;
              case LT:
                return r < 0;
              case LE:
                return r <= 0;
              case GT:
                return r > 0;
              default:
                return r >= 0;
            }
          }
        };
      }
      case 1:
      case 2: {
        int c = rnd.nextInt(3);
        boolean negated = rnd.nextBoolean();
        Expr e = new Expr.IsNull(new Expr.ColumnRef(SCHEMA.name(c)), negated);
        return new Pred() {
          public Expr expr() {
            return e;
          }

          public Boolean test(Object[] row) {
            return (row[c] == null) != negated;
          }
        };
      }
      case 3: {
        Pred p = predicate(rnd, depth - 1);
        Expr e = new Expr.Not(p.expr());
        return new Pred() {
          public Expr expr() {
            return e;
          }

          public Boolean test(Object[] row) {
            Boolean v = p.test(row);
            return v == null ? null : !v;
          }
        };
      }
      default: {
        boolean and = kind == 4;
        Pred l = predicate(rnd, depth - 1);
        Pred r = predicate(rnd, depth - 1);
        Expr e = new Expr.Binary(and ? Expr.Op.AND : Expr.Op.OR, l.expr(), r.expr());
        return new Pred() {
          public Expr expr() {
            return e;
          }

          public Boolean test(Object[] row) {
            Boolean x = l.test(row);
            Boolean y = r.test(row);
            if (and) {
              if (Boolean.FALSE.equals(x) || Boolean.FALSE.equals(y)) {
                return false;
              }
              return x == null || y == null ? null : true;
            }
            if (Boolean.TRUE.equals(x) || Boolean.TRUE.equals(y)) {
              return true;
            }
            return x == null || y == null ? null : false;
          }
        };
      }
    }
  }
}
