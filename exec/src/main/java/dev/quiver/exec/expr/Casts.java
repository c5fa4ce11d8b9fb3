package dev.quiver.exec.expr;

import dev.quiver.exec.QueryException;
import dev.quiver.exec.types.DataType;
import dev.quiver.exec.types.DataType.Kind;
import dev.quiver.exec.vector.Batch;
import dev.quiver.exec.vector.Column;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * CAST between BOOLEAN, INTEGER, BIGINT, DOUBLE, DECIMAL, VARCHAR, DATE and TIMESTAMP. Narrowing numeric casts
 * round half away from zero and fail with {@link QueryException} when the value does not fit the target (a
 * DECIMAL's precision included); text that does not parse fails likewise. DATE to TIMESTAMP is midnight;
 * TIMESTAMP to DATE drops the time of day.
 */
final class Casts implements Bound {
  /** Powers of ten that fit a long: {@code POW10[k] = 10^k}, k in [0, 18]. */
  static final long[] POW10 = new long[19];

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) {
      POW10[i] = POW10[i - 1] * 10;
    }
  }

  private final Bound operand;
  private final DataType target;
  private final String text;

  Casts(Bound operand, DataType target, String text) {
    this.operand = operand;
    this.target = target;
    this.text = text;
  }

  /** Whether CAST from {@code from} to {@code to} exists. */
  static boolean supported(DataType from, DataType to) {
    Kind f = from.kind();
    Kind t = to.kind();
    if (f == Kind.NULL || from.equals(to) || f == Kind.VARCHAR || t == Kind.VARCHAR) {
      return f != Kind.INTERVAL && t != Kind.INTERVAL && t != Kind.NULL;
    }
    if (from.isNumeric() && to.isNumeric()) {
      return true;
    }
    if (f == Kind.BOOLEAN) {
      return to.isInteger();
    }
    if (t == Kind.BOOLEAN) {
      return from.isInteger();
    }
    return (f == Kind.DATE && t == Kind.TIMESTAMP) || (f == Kind.TIMESTAMP && t == Kind.DATE);
  }

  @Override
  public DataType type() {
    return target;
  }

  @Override
  public Column eval(Batch batch) {
    return cast(operand.eval(batch), target, text);
  }

  @Override
  public String toString() {
    return text;
  }

  /** {@code in} cast to {@code to}; {@code text} names the expression in errors. */
  static Column cast(Column in, DataType to, String text) {
    DataType from = in.type;
    int n = in.size;
    if (from.equals(to)) {
      return in;
    }
    if (from.kind() == Kind.NULL) {
      return Column.allNull(to, n);
    }
    boolean[] nulls = in.nulls;
    switch (to.kind()) {
      case VARCHAR:
        return toVarchar(in);
      case DOUBLE: {
        double[] r = new double[n];
        if (in.longs != null) {
          double div = from.kind() == Kind.DECIMAL ? Math.pow(10, from.scale()) : 1;
          for (int i = 0; i < n; i++) {
            r[i] = from.kind() == Kind.DECIMAL ? in.longs[i] / div : in.longs[i];
          }
        } else if (in.bytes != null) {
          for (int i = 0; i < n; i++) {
            if (!in.isNull(i)) {
              String s = in.string(i).trim();
              try {
                r[i] = Double.parseDouble(s);
              } catch (NumberFormatException e) {
                throw bad(s, to, text);
              }
            }
          }
        }
        return Column.ofDoubles(r, nulls, n);
      }
      case BOOLEAN: {
        boolean[] r = new boolean[n];
        for (int i = 0; i < n; i++) {
          if (in.isNull(i)) {
            continue;
          }
          if (in.longs != null) {
            r[i] = in.longs[i] != 0;
          } else {
            String s = in.string(i).trim().toLowerCase(java.util.Locale.ROOT);
            if (s.equals("true") || s.equals("t") || s.equals("1")) {
              r[i] = true;
            } else if (!(s.equals("false") || s.equals("f") || s.equals("0"))) {
              throw bad(s, to, text);
            }
          }
        }
        return Column.ofBools(r, nulls, n);
      }
      case DATE:
      case TIMESTAMP: {
        long[] r = new long[n];
        for (int i = 0; i < n; i++) {
          if (in.isNull(i)) {
            continue;
          }
          if (in.bytes != null) {
            r[i] = to.kind() == Kind.DATE ? DateTimes.parseDate(in.string(i)) : DateTimes.parseTimestamp(in.string(i));
          } else if (to.kind() == Kind.DATE) {
            r[i] = Math.floorDiv(in.longs[i], DateTimes.MICROS_PER_DAY);
          } else {
            r[i] = in.longs[i] * DateTimes.MICROS_PER_DAY;
          }
        }
        return Column.ofLongs(to, r, nulls, n);
      }
      default:
        return toExactNumber(in, to, text);
    }
  }

  private static Column toExactNumber(Column in, DataType to, String text) {
    DataType from = in.type;
    int n = in.size;
    long[] r = new long[n];
    int toScale = to.kind() == Kind.DECIMAL ? to.scale() : 0;
    for (int i = 0; i < n; i++) {
      if (in.isNull(i)) {
        continue;
      }
      long v;
      if (in.bools != null) {
        v = in.bools[i] ? 1 : 0;
        v = scaleUp(v, toScale, to, text);
      } else if (in.doubles != null) {
        double d = in.doubles[i] * Math.pow(10, toScale);
        double rounded = Math.signum(d) * Math.floor(Math.abs(d) + 0.5);
        if (Double.isNaN(d) || rounded >= 9.223372036854775807E18 || rounded < -9.223372036854775808E18) {
          throw bad(Double.toString(in.doubles[i]), to, text);
        }
        v = (long) rounded;
      } else if (in.bytes != null) {
        String s = in.string(i).trim();
        try {
          BigDecimal bd = new BigDecimal(s).setScale(toScale, RoundingMode.HALF_UP);
          v = bd.unscaledValue().longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
          throw bad(s, to, text);
        }
      } else {
        int fromScale = from.kind() == Kind.DECIMAL ? from.scale() : 0;
        v = rescale(in.longs[i], fromScale, toScale, to, text);
      }
      r[i] = v;
      checkRange(v, to, text);
    }
    return Column.ofLongs(to, r, in.nulls, n);
  }

  /** {@code v} with scale {@code from} moved to scale {@code to}, rounding half away from zero. */
  static long rescale(long v, int from, int to, DataType target, String text) {
    if (to >= from) {
      return scaleUp(v, to - from, target, text);
    }
    int k = from - to;
    if (k > 18) {
      return 0;
    }
    long p = POW10[k];
    long q = v / p;
    long rem = v % p;
    if (Math.abs(rem) * 2 >= p) {
      q += v < 0 ? -1 : 1;
    }
    return q;
  }

  private static long scaleUp(long v, int k, DataType target, String text) {
    if (k == 0) {
      return v;
    }
    try {
      return Math.multiplyExact(v, k <= 18 ? POW10[k] : Long.MAX_VALUE);
    } catch (ArithmeticException e) {
      throw new QueryException("decimal overflow in " + text + ": value does not fit " + target);
    }
  }

  private static void checkRange(long v, DataType to, String text) {
    if (to.kind() == Kind.INTEGER && v != (int) v) {
      throw new QueryException("value " + v + " out of range for INTEGER in " + text);
    }
    if (to.kind() == Kind.DECIMAL && to.precision() <= 18 && (v >= POW10[to.precision()]
        || v <= -POW10[to.precision()])) {
      throw new QueryException("decimal overflow in " + text + ": value does not fit " + to);
    }
  }

  private static QueryException bad(String value, DataType to, String text) {
    return new QueryException("cannot cast '" + value + "' to " + to + " in " + text);
  }

  private static Column toVarchar(Column in) {
    int n = in.size;
    StringBuilder all = new StringBuilder();
    int[] charEnds = new int[n];
    for (int i = 0; i < n; i++) {
      if (!in.isNull(i)) {
        all.append(render(in, i));
      }
      charEnds[i] = all.length();
    }
    // the rendered forms are ASCII, so char positions are byte positions
    byte[] bytes = all.toString().getBytes(StandardCharsets.UTF_8);
    int[] offsets = new int[n + 1];
    System.arraycopy(charEnds, 0, offsets, 1, n);
    return Column.ofStrings(bytes, offsets, in.nulls, n);
  }

  /** Value {@code i} rendered as SQL text (not for VARCHAR input). */
  static String render(Column in, int i) {
    switch (in.type.kind()) {
      case BOOLEAN:
        return in.bools[i] ? "true" : "false";
      case DOUBLE: {
        double d = in.doubles[i];
        if (Double.isNaN(d)) {
          return "nan";
        }
        if (Double.isInfinite(d)) {
          return d > 0 ? "inf" : "-inf";
        }
        return Double.toString(d);
      }
      case DECIMAL:
        return BigDecimal.valueOf(in.longs[i], in.type.scale()).toPlainString();
      case DATE:
        return DateTimes.formatDate(in.longs[i]);
      case TIMESTAMP:
        return DateTimes.formatTimestamp(in.longs[i]);
      default:
        return Long.toString(in.longs[i]);
    }
  }
}
