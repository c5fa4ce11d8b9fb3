package dev.quiver.exec.expr;

import dev.quiver.exec.types.DataType;
import dev.quiver.exec.vector.Batch;
import dev.quiver.exec.vector.Column;
import java.util.List;

/** Boolean connectives with SQL's three-valued logic, IS [NOT] NULL, and CASE. */
final class Logic {
  private Logic() {}

  /**
   * {@code AND} / {@code OR}: AND is false where either side is false, else null where either is null; OR is true
   * where either side is true, else null where either is null.
   */
  record Connective(boolean and, Bound left, Bound right, String text) implements Bound {
    @Override
    public DataType type() {
      return DataType.BOOLEAN;
    }

    @Override
    public Column eval(Batch batch) {
      Column a = left.eval(batch);
      Column b = right.eval(batch);
      int n = batch.rowCount();
      boolean[] x = a.bools;
      boolean[] y = b.bools;
      boolean[] r = new boolean[n];
      if (a.nulls == null && b.nulls == null) {
        if (and) {
          for (int i = 0; i < n; i++) {
            r[i] = x[i] & y[i];
          }
        } else {
          for (int i = 0; i < n; i++) {
            r[i] = x[i] | y[i];
          }
        }
        return Column.ofBools(r, null, n);
      }
      boolean[] nulls = new boolean[n];
      for (int i = 0; i < n; i++) {
        boolean an = a.isNull(i);
        boolean bn = b.isNull(i);
        if (and) {
          boolean definiteFalse = (!an && !x[i]) || (!bn && !y[i]);
          r[i] = !definiteFalse && !an && !bn;
          nulls[i] = !definiteFalse && (an || bn);
        } else {
          boolean definiteTrue = (!an && x[i]) || (!bn && y[i]);
          r[i] = definiteTrue;
          nulls[i] = !definiteTrue && (an || bn);
        }
      }
      return Column.ofBools(r, nulls, n);
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /** {@code NOT operand}; null stays null. */
  record Negation(Bound operand, String text) implements Bound {
    @Override
    public DataType type() {
      return DataType.BOOLEAN;
    }

    @Override
    public Column eval(Batch batch) {
      Column a = operand.eval(batch);
      int n = batch.rowCount();
      boolean[] r = new boolean[n];
      for (int i = 0; i < n; i++) {
        r[i] = !a.bools[i];
      }
      return Column.ofBools(r, a.nulls, n);
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /** {@code operand IS [NOT] NULL}; never null. */
  record NullTest(Bound operand, boolean negated, String text) implements Bound {
    @Override
    public DataType type() {
      return DataType.BOOLEAN;
    }

    @Override
    public Column eval(Batch batch) {
      Column a = operand.eval(batch);
      int n = batch.rowCount();
      boolean[] r = new boolean[n];
      if (a.nulls != null) {
        for (int i = 0; i < n; i++) {
          r[i] = a.nulls[i] != negated;
        }
      } else if (negated) {
        java.util.Arrays.fill(r, true);
      }
      return Column.ofBools(r, null, n);
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /**
   * {@code CASE WHEN c1 THEN v1 ... ELSE e END}: every arm is evaluated over the whole batch, then each row takes
   * the first arm whose condition is true (null counts as not true). Results are already cast to {@code type}.
   */
  record CaseWhen(List<Bound> conditions, List<Bound> results, Bound otherwise, DataType type, String text)
      implements Bound {
    @Override
    public Column eval(Batch batch) {
      int n = batch.rowCount();
      int arms = conditions.size();
      int[] pick = new int[n];
      java.util.Arrays.fill(pick, arms);
      for (int k = arms - 1; k >= 0; k--) {
        Column c = conditions.get(k).eval(batch);
        for (int i = 0; i < n; i++) {
          if (c.bools[i] && !c.isNull(i)) {
            pick[i] = k;
          }
        }
      }
      Column[] values = new Column[arms + 1];
      for (int k = 0; k < arms; k++) {
        values[k] = results.get(k).eval(batch);
      }
      values[arms] = otherwise.eval(batch);
      boolean[] nulls = new boolean[n];
      for (int i = 0; i < n; i++) {
        nulls[i] = values[pick[i]].isNull(i);
      }
      switch (type.kind()) {
        case DOUBLE: {
          double[] r = new double[n];
          for (int i = 0; i < n; i++) {
            r[i] = values[pick[i]].doubles[i];
          }
          return Column.ofDoubles(r, nulls, n);
        }
        case BOOLEAN: {
          boolean[] r = new boolean[n];
          for (int i = 0; i < n; i++) {
            r[i] = values[pick[i]].bools[i];
          }
          return Column.ofBools(r, nulls, n);
        }
        case VARCHAR: {
          int total = 0;
          for (int i = 0; i < n; i++) {
            Column v = values[pick[i]];
            total += v.offsets[i + 1] - v.offsets[i];
          }
          byte[] bytes = new byte[total];
          int[] offsets = new int[n + 1];
          int pos = 0;
          for (int i = 0; i < n; i++) {
            Column v = values[pick[i]];
            int len = v.offsets[i + 1] - v.offsets[i];
            System.arraycopy(v.bytes, v.offsets[i], bytes, pos, len);
            pos += len;
            offsets[i + 1] = pos;
          }
          return Column.ofStrings(bytes, offsets, nulls, n);
        }
        default: {
          long[] r = new long[n];
          for (int i = 0; i < n; i++) {
            r[i] = values[pick[i]].longs[i];
          }
          return Column.ofLongs(type, r, nulls, n);
        }
      }
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
