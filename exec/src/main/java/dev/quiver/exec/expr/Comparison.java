package dev.quiver.exec.expr;

import dev.quiver.exec.vector.Batch;
import dev.quiver.exec.vector.Column;
import dev.quiver.exec.types.DataType;

/**
 * {@code = <> < <= > >=} over two operands of one type (the binder inserts the casts). Strings compare by UTF-8
 * bytes, unsigned (the same order as code points); doubles order NaN above every number and equal to itself, and
 * {@code -0.0 = 0.0}, as DuckDB does. The result is BOOLEAN, null where either side is null.
 */
final class Comparison implements Bound {
  private final Expr.Op op;
  private final Bound left;
  private final Bound right;
  private final String text;

  /** The left operand. */
  Bound left() {
    return left;
  }

  /** The right operand. */
  Bound right() {
    return right;
  }

  Comparison(Expr.Op op, Bound left, Bound right, String text) {
    this.op = op;
    this.left = left;
    this.right = right;
    this.text = text;
  }

  @Override
  public DataType type() {
    return DataType.BOOLEAN;
  }

  /** The long value of a non-null constant operand of 64-bit storage, or null. */
  private static Long scalar(Bound operand) {
    Expr.Literal c = operand.constant();
    return c != null && c.value() instanceof Long v ? v : null;
  }

  /**
   * The range of a column this comparison keeps when it compares an input column of 64-bit storage with a non-null
   * constant of the same type, else null (see {@link Ranges}).
   */
  Ranges.Range range() {
    Long rc = scalar(right);
    Long lc = rc == null ? scalar(left) : null;
    Bound operand = rc != null ? left : right;
    DataType constantType = (rc != null ? right : left).type();
    if ((rc == null && lc == null) || !(operand instanceof Inputs.ColumnInput col) || !Ranges.longStorage(col.type())
        || col.type().kind() != constantType.kind()
        || (col.type().kind() == DataType.Kind.DECIMAL && col.type().scale() != constantType.scale())) {
      return null;
    }
    long c = rc != null ? rc : lc;
    switch (rc != null ? op : op.mirrored()) {
      case EQ:
        return new Ranges.Range(col.index(), c, c);
      case LT:
        return c == Long.MIN_VALUE ? new Ranges.Range(col.index(), 0, -1)
            : new Ranges.Range(col.index(), Long.MIN_VALUE, c - 1);
      case LE:
        return new Ranges.Range(col.index(), Long.MIN_VALUE, c);
      case GT:
        return c == Long.MAX_VALUE ? new Ranges.Range(col.index(), 0, -1)
            : new Ranges.Range(col.index(), c + 1, Long.MAX_VALUE);
      case GE:
        return new Ranges.Range(col.index(), c, Long.MAX_VALUE);
      default:
        return null;
    }
  }

  @Override
  public Column eval(Batch batch) {
    int n = batch.rowCount();
    Long rc = scalar(right);
    Long lc = rc == null ? scalar(left) : null;
    if (rc != null || lc != null) {
      Column a = (rc != null ? left : right).eval(batch);
      if (a.longs != null) {
        boolean[] r = new boolean[n];
        longsWithScalar(rc != null ? op : op.mirrored(), a.longs, rc != null ? rc : lc, r, n);
        return Column.ofBools(r, a.nulls, n);
      }
    }
    Column a = left.eval(batch);
    Column b = right.eval(batch);
    boolean[] r = new boolean[n];
    if (a.longs != null) {
      longs(a.longs, b.longs, r, n);
    } else if (a.doubles != null) {
      double[] x = a.doubles;
      double[] y = b.doubles;
      for (int i = 0; i < n; i++) {
        r[i] = test(compareDoubles(x[i], y[i]));
      }
    } else if (a.bools != null) {
      for (int i = 0; i < n; i++) {
        r[i] = test(Boolean.compare(a.bools[i], b.bools[i]));
      }
    } else {
      for (int i = 0; i < n; i++) {
        r[i] = test(compareStrings(a.bytes, a.offsets[i], a.offsets[i + 1], b.bytes, b.offsets[i], b.offsets[i + 1]));
      }
    }
    return Column.ofBools(r, Nulls.or(a.nulls, b.nulls, n), n);
  }

  private void longs(long[] x, long[] y, boolean[] r, int n) {
    switch (op) {
      case EQ:
        for (int i = 0; i < n; i++) {
          r[i] = x[i] == y[i];
        }
        break;
      case NE:
        for (int i = 0; i < n; i++) {
          r[i] = x[i] != y[i];
        }
        break;
      case LT:
        for (int i = 0; i < n; i++) {
          r[i] = x[i] < y[i];
        }
        break;
      case LE:
        for (int i = 0; i < n; i++) {
          r[i] = x[i] <= y[i];
        }
        break;
      case GT:
        for (int i = 0; i < n; i++) {
          r[i] = x[i] > y[i];
        }
        break;
      default:
        for (int i = 0; i < n; i++) {
          r[i] = x[i] >= y[i];
        }
    }
  }

  /** {@code x[i] op c} for each row: the column against a constant, which stays in a register. */
  private static void longsWithScalar(Expr.Op op, long[] x, long c, boolean[] r, int n) {
    switch (op) {
      case EQ:
        for (int i = 0; i < n; i++) {
          r[i] = x[i] == c;
        }
        break;
      case NE:
        for (int i = 0; i < n; i++) {
          r[i] = x[i] != c;
        }
        break;
      case LT:
        for (int i = 0; i < n; i++) {
          r[i] = x[i] < c;
        }
        break;
      case LE:
        for (int i = 0; i < n; i++) {
          r[i] = x[i] <= c;
        }
        break;
      case GT:
        for (int i = 0; i < n; i++) {
          r[i] = x[i] > c;
        }
        break;
      default:
        for (int i = 0; i < n; i++) {
          r[i] = x[i] >= c;
        }
    }
  }

  private boolean test(int c) {
    switch (op) {
      case EQ:
        return c == 0;
      case NE:
        return c != 0;
      case LT:
        return c < 0;
      case LE:
        return c <= 0;
      case GT:
        return c > 0;
      default:
        return c >= 0;
    }
  }

  /** Total order on doubles: NaN greatest and equal to itself, -0.0 equal to 0.0. */
  static int compareDoubles(double a, double b) {
    if (a < b) {
      return -1;
    }
    if (a > b) {
      return 1;
    }
    if (a == b) {
      return 0;
    }
    boolean an = Double.isNaN(a);
    boolean bn = Double.isNaN(b);
    return an == bn ? 0 : an ? 1 : -1;
  }

  /** Unsigned byte-wise comparison of {@code a[as, ae)} and {@code b[bs, be)}. */
  static int compareStrings(byte[] a, int as, int ae, byte[] b, int bs, int be) {
    return java.util.Arrays.compareUnsigned(a, as, ae, b, bs, be);
  }

  @Override
  public String toString() {
    return text;
  }
}
