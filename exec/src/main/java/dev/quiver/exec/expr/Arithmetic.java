package dev.quiver.exec.expr;

import dev.quiver.exec.QueryException;
import dev.quiver.exec.types.DataType;
import dev.quiver.exec.vector.Batch;
import dev.quiver.exec.vector.Column;

/**
 * {@code + - * / %} over two operands already promoted by {@link Binder} to one storage: 64-bit integers (INTEGER,
 * BIGINT, DECIMAL unscaled values with scales lined up for {@code + - %}, summed for {@code *}) or doubles.
 * Integer results out of range (64 bits, or 32 bits for INTEGER) fail with {@link QueryException}; integer and
 * decimal division or modulo by zero yields NULL, as DuckDB does. Integer and decimal {@code /} never reach here:
 * the binder makes them DOUBLE.
 */
final class Arithmetic implements Bound {
  private final Expr.Op op;
  private final Bound left;
  private final Bound right;
  private final DataType type;
  private final String text;

  Arithmetic(Expr.Op op, Bound left, Bound right, DataType type, String text) {
    this.op = op;
    this.left = left;
    this.right = right;
    this.type = type;
    this.text = text;
  }

  @Override
  public DataType type() {
    return type;
  }

  /** The long value of a non-null constant operand of 64-bit storage, or null. */
  private static Long scalar(Bound operand) {
    Expr.Literal c = operand.constant();
    return c != null && c.value() instanceof Long v ? v : null;
  }

  @Override
  public Column eval(Batch batch) {
    if (type.kind() != DataType.Kind.DOUBLE && op != Expr.Op.MOD) {
      Long lc = scalar(left);
      Long rc = scalar(right);
      if (lc != null && rc == null) {
        return withScalar(right.eval(batch), lc, true, batch.rowCount());
      }
      if (rc != null && lc == null) {
        return withScalar(left.eval(batch), rc, false, batch.rowCount());
      }
    }
    Column a = left.eval(batch);
    Column b = right.eval(batch);
    int n = batch.rowCount();
    boolean[] nulls = Nulls.or(a.nulls, b.nulls, n);
    if (type.kind() == DataType.Kind.DOUBLE) {
      return Column.ofDoubles(doubles(a.doubles, b.doubles, n), nulls, n);
    }
    long[] x = a.longs;
    long[] y = b.longs;
    long[] r = dev.quiver.exec.vector.Scratch.longs(n);
    long overflow = 0;
    switch (op) {
      case ADD:
        for (int i = 0; i < n; i++) {
          long s = x[i] + y[i];
          overflow |= (x[i] ^ s) & (y[i] ^ s);
          r[i] = s;
        }
        break;
      case SUB:
        for (int i = 0; i < n; i++) {
          long s = x[i] - y[i];
          overflow |= (x[i] ^ y[i]) & (x[i] ^ s);
          r[i] = s;
        }
        break;
      case MUL:
        overflow = multiply(x, y, r, n);
        break;
      case MOD: {
        boolean[] out = null;
        for (int i = 0; i < n; i++) {
          if (y[i] == 0) {
            if (out == null) {
              out = Nulls.copy(nulls, n);
            }
            out[i] = true;
          } else {
            r[i] = x[i] % y[i];
          }
        }
        if (out != null) {
          nulls = out;
        }
        break;
      }
      default:
        throw new IllegalStateException(op.toString());
    }
    if (overflow < 0) {
      checkOverflowRows(x, y, nulls, n);
    }
    return checked(r, nulls, n);
  }

  /**
   * {@code c op column} ({@code scalarLeft}) or {@code column op c} for + - * over 64-bit storage: one loop with the
   * constant in a register, no constant column. Same overflow and range checks as the column-column form.
   */
  private Column withScalar(Column col, long c, boolean scalarLeft, int n) {
    long[] x = col.longs;
    boolean[] nulls = col.nulls;
    long[] r = dev.quiver.exec.vector.Scratch.longs(n);
    long overflow = 0;
    switch (op) {
      case ADD:
        for (int i = 0; i < n; i++) {
          long s = x[i] + c;
          overflow |= (x[i] ^ s) & (c ^ s);
          r[i] = s;
        }
        break;
      case SUB:
        if (scalarLeft) {
          for (int i = 0; i < n; i++) {
            long s = c - x[i];
            overflow |= (c ^ x[i]) & (c ^ s);
            r[i] = s;
          }
        } else {
          for (int i = 0; i < n; i++) {
            long s = x[i] - c;
            overflow |= (x[i] ^ c) & (x[i] ^ s);
            r[i] = s;
          }
        }
        break;
      case MUL:
        overflow = multiply(x, c, r, n);
        break;
      default:
        throw new IllegalStateException(op.toString());
    }
    if (overflow < 0) {
      long[] k = new long[n];
      java.util.Arrays.fill(k, c);
      if (scalarLeft) {
        checkOverflowRows(k, x, nulls, n);
      } else {
        checkOverflowRows(x, k, nulls, n);
      }
    }
    return checked(r, nulls, n);
  }

  /**
   * {@code r[i] = x[i] * y[i]} for {@code i < n}; returns {@code Long.MIN_VALUE} when some product leaves 64 bits
   * (in any row: the caller decides whether a non-null row did), else 0. The products are taken with the
   * overflow-trapping multiply (one instruction and a never-taken branch per row); only a batch with an
   * overflowing product is redone with the 128-bit product.
   */
  private static long multiply(long[] x, long[] y, long[] r, int n) {
    try {
      for (int i = 0; i < n; i++) {
        r[i] = Math.multiplyExact(x[i], y[i]);
      }
      return 0;
    } catch (ArithmeticException e) {
      long overflow = 0;
      for (int i = 0; i < n; i++) {
        long hi = Math.multiplyHigh(x[i], y[i]);
        long lo = x[i] * y[i];
        overflow |= hi ^ (lo >> 63); // the high word differs from the sign extension: the product leaves 64 bits
        r[i] = lo;
      }
      return overflow != 0 ? Long.MIN_VALUE : 0;
    }
  }

  /** As {@link #multiply(long[], long[], long[], int)} with the constant {@code c} as every right operand. */
  private static long multiply(long[] x, long c, long[] r, int n) {
    try {
      for (int i = 0; i < n; i++) {
        r[i] = Math.multiplyExact(x[i], c);
      }
      return 0;
    } catch (ArithmeticException e) {
      long overflow = 0;
      for (int i = 0; i < n; i++) {
        long hi = Math.multiplyHigh(x[i], c);
        long lo = x[i] * c;
        overflow |= hi ^ (lo >> 63);
        r[i] = lo;
      }
      return overflow != 0 ? Long.MIN_VALUE : 0;
    }
  }

  /** {@code r} as a column of this type, after the INTEGER and DECIMAL(p <= 18) range checks of non-null rows. */
  private Column checked(long[] r, boolean[] nulls, int n) {
    if (type.kind() == DataType.Kind.INTEGER) {
      long bad = 0;
      for (int i = 0; i < n; i++) {
        bad |= r[i] ^ (int) r[i]; // branch-free first pass; rows are looked at only when some value is out of range
      }
      for (int i = 0; bad != 0 && i < n; i++) {
        if (r[i] != (int) r[i] && (nulls == null || !nulls[i])) {
          throw new QueryException("INTEGER overflow in " + text);
        }
      }
    } else if (type.kind() == DataType.Kind.DECIMAL && type.precision() <= 18) {
      long limit = Casts.POW10[type.precision()];
      long bad = 0;
      for (int i = 0; i < n; i++) {
        bad |= (limit - 1 - r[i]) | (r[i] + (limit - 1)); // negative when r >= limit or r <= -limit
      }
      for (int i = 0; bad < 0 && i < n; i++) {
        if ((r[i] >= limit || r[i] <= -limit) && (nulls == null || !nulls[i])) {
          throw new QueryException("decimal overflow in " + text + ": result exceeds " + type);
        }
      }
    }
    return Column.ofLongs(type, r, nulls, n);
  }

  /** An overflow was seen somewhere; it counts only in a non-null row. */
  private void checkOverflowRows(long[] x, long[] y, boolean[] nulls, int n) {
    for (int i = 0; i < n; i++) {
      if (nulls != null && nulls[i]) {
        continue;
      }
      try {
        switch (op) {
          case ADD:
            Math.addExact(x[i], y[i]);
            break;
          case SUB:
            Math.subtractExact(x[i], y[i]);
            break;
          default:
            Math.multiplyExact(x[i], y[i]);
        }
      } catch (ArithmeticException e) {
        throw new QueryException((type.kind() == DataType.Kind.DECIMAL ? "decimal" : type.toString())
            + " overflow in " + text + " (the value leaves 64 bits)");
      }
    }
  }

  private double[] doubles(double[] x, double[] y, int n) {
    double[] r = new double[n];
    switch (op) {
      case ADD:
        for (int i = 0; i < n; i++) {
          r[i] = x[i] + y[i];
        }
        break;
      case SUB:
        for (int i = 0; i < n; i++) {
          r[i] = x[i] - y[i];
        }
        break;
      case MUL:
        for (int i = 0; i < n; i++) {
          r[i] = x[i] * y[i];
        }
        break;
      case DIV:
        for (int i = 0; i < n; i++) {
          r[i] = x[i] / y[i];
        }
        break;
      default:
        for (int i = 0; i < n; i++) {
          r[i] = x[i] % y[i];
        }
    }
    return r;
  }

  @Override
  public String toString() {
    return text;
  }

  /** {@code -operand}: integers overflow-checked, doubles negated. */
  static final class Negation implements Bound {
    private final Bound operand;
    private final String text;

    Negation(Bound operand, String text) {
      this.operand = operand;
      this.text = text;
    }

    @Override
    public DataType type() {
      return operand.type();
    }

    @Override
    public Column eval(Batch batch) {
      Column a = operand.eval(batch);
      int n = batch.rowCount();
      if (a.doubles != null) {
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
          r[i] = -a.doubles[i];
        }
        return Column.ofDoubles(r, a.nulls, n);
      }
      long[] r = new long[n];
      for (int i = 0; i < n; i++) {
        if (a.longs[i] == Long.MIN_VALUE && !a.isNull(i)) {
          throw new QueryException("overflow in " + text);
        }
        r[i] = -a.longs[i];
      }
      return Column.ofLongs(a.type, r, a.nulls, n);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
