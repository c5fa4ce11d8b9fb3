package dev.quiver.exec.expr;

import dev.quiver.exec.types.DataType;
import dev.quiver.exec.vector.Batch;
import dev.quiver.exec.vector.Column;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Leaf evaluators: input columns and constants. */
public final class Inputs {
  private Inputs() {}

  /** Column {@code index} of the input batch. */
  /**
   * The input column index when {@code b} is a plain column reference (which an operator may move without
   * evaluating, wide decimals included), else -1.
   */
  public static int columnIndex(Bound b) {
    return b instanceof ColumnInput c ? c.index() : -1;
  }

  record ColumnInput(int index, DataType type, String name) implements Bound {
    @Override
    public Column eval(Batch batch) {
      Column c = batch.columns()[index];
      return c.high == null ? c : c.requireNarrow("column '" + name + "'");
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** A constant, materialised once per batch size and reused (columns are immutable). */
  static final class Constant implements Bound {
    private final Expr.Literal literal;
    private volatile Column cached;

    Constant(Expr.Literal literal) {
      this.literal = literal;
    }

    @Override
    public DataType type() {
      return literal.type();
    }

    @Override
    public Expr.Literal constant() {
      return literal;
    }

    @Override
    public Column eval(Batch batch) {
      int n = batch.rowCount();
      Column c = cached;
      if (c != null && c.size == n) {
        return c;
      }
      c = materialise(literal, n);
      cached = c;
      return c;
    }

    static Column materialise(Expr.Literal literal, int n) {
      Object v = literal.value();
      DataType t = literal.type();
      if (v == null) {
        return Column.allNull(t, n);
      }
      switch (t.kind()) {
        case BOOLEAN: {
          boolean[] b = new boolean[n];
          Arrays.fill(b, (Boolean) v);
          return Column.ofBools(b, null, n);
        }
        case DOUBLE: {
          double[] d = new double[n];
          Arrays.fill(d, (Double) v);
          return Column.ofDoubles(d, null, n);
        }
        case VARCHAR: {
          byte[] one = ((String) v).getBytes(StandardCharsets.UTF_8);
          byte[] bytes = new byte[one.length * n];
          int[] offsets = new int[n + 1];
          for (int i = 0; i < n; i++) {
            System.arraycopy(one, 0, bytes, i * one.length, one.length);
            offsets[i + 1] = (i + 1) * one.length;
          }
          return Column.ofStrings(bytes, offsets, null, n);
        }
        case INTERVAL:
          throw new dev.quiver.exec.QueryException("an INTERVAL can only be added to or subtracted from a date or "
              + "timestamp: " + literal);
        default: {
          long[] l = new long[n];
          Arrays.fill(l, (Long) v);
          return Column.ofLongs(t, l, null, n);
        }
      }
    }

    @Override
    public String toString() {
      return literal.toString();
    }
  }
}
