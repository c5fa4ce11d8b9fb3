package dev.quiver.exec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Result rows in a form both engines' outputs normalise to: exact numbers as {@link BigDecimal} without trailing
 * zeros, doubles as {@link Double}, dates as {@code YYYY-MM-DD}, timestamps as ISO text (a midnight timestamp as its
 * date, so DATE and TIMESTAMP results of date arithmetic compare), strings, booleans, null.
 */
final class Rows {
  private Rows() {}

  /** The rows of a DuckDB result set. */
  static List<List<Object>> of(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<List<Object>> rows = new ArrayList<>();
    while (rs.next()) {
      List<Object> row = new ArrayList<>();
      for (int c = 1; c <= md.getColumnCount(); c++) {
        row.add(normalise(rs.getObject(c)));
      }
      rows.add(row);
    }
    return rows;
  }

  /** Appends the rows of an Arrow batch. */
  static void add(VectorSchemaRoot root, List<List<Object>> rows) {
    for (int r = 0; r < root.getRowCount(); r++) {
      List<Object> row = new ArrayList<>();
      for (FieldVector v : root.getFieldVectors()) {
        row.add(v.isNull(r) ? null : normalise(value(v, r)));
      }
      rows.add(row);
    }
  }

  private static Object value(FieldVector v, int r) {
    if (v instanceof DateDayVector d) {
      return LocalDate.ofEpochDay(d.get(r));
    }
    if (v instanceof TimeStampMicroVector t) {
      long micros = t.get(r);
      long days = Math.floorDiv(micros, 86_400_000_000L);
      return LocalDate.ofEpochDay(days).atStartOfDay().plusNanos((micros - days * 86_400_000_000L) * 1000);
    }
    if (v instanceof VarCharVector s) {
      return new String(s.get(r), java.nio.charset.StandardCharsets.UTF_8);
    }
    if (v instanceof BigIntVector || v instanceof IntVector || v instanceof DecimalVector || v instanceof Float8Vector
        || v instanceof BitVector) {
      return v.getObject(r);
    }
    throw new AssertionError("unexpected vector " + v.getClass());
  }

  static Object normalise(Object o) {
    if (o == null) {
      return null;
    }
    if (o instanceof Float f) {
      return (double) f;
    }
    if (o instanceof Double) {
      return o;
    }
    if (o instanceof BigDecimal bd) {
      return bd.signum() == 0 ? BigDecimal.ZERO : bd.stripTrailingZeros();
    }
    if (o instanceof Integer || o instanceof Long || o instanceof Short || o instanceof Byte) {
      return normalise(BigDecimal.valueOf(((Number) o).longValue()));
    }
    if (o instanceof BigInteger bi) {
      return normalise(new BigDecimal(bi));
    }
    if (o instanceof java.sql.Date d) {
      return d.toLocalDate().toString();
    }
    if (o instanceof LocalDate d) {
      return d.toString();
    }
    if (o instanceof java.sql.Timestamp ts) {
      return normalise(ts.toLocalDateTime());
    }
    if (o instanceof java.time.OffsetDateTime odt) {
      return normalise(odt.toLocalDateTime());
    }
    if (o instanceof LocalDateTime ldt) {
      return ldt.toLocalTime().toNanoOfDay() == 0 ? ldt.toLocalDate().toString() : ldt.toString();
    }
    return o.toString().equals(o) ? o : o instanceof Boolean ? o : o.toString();
  }

  /** Whether two normalised values agree (doubles to a relative 1e-9, NaN equal to NaN, numbers across kinds). */
  static boolean same(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a instanceof Double || b instanceof Double) {
      if (!(a instanceof Number) || !(b instanceof Number)) {
        return false;
      }
      double x = ((Number) a).doubleValue();
      double y = ((Number) b).doubleValue();
      if (Double.isNaN(x) || Double.isNaN(y)) {
        return Double.isNaN(x) && Double.isNaN(y);
      }
      if (Double.isInfinite(x) || Double.isInfinite(y)) {
        return x == y;
      }
      return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.max(Math.abs(x), Math.abs(y)));
    }
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y) == 0;
    }
    return Objects.equals(a, b);
  }

  /** A sort key for comparing results as multisets (doubles rounded so tiny differences sort alike). */
  static String key(List<Object> row) {
    StringBuilder sb = new StringBuilder();
    for (Object o : row) {
      if (o instanceof Double d) {
        sb.append(Double.isNaN(d) ? "NaN" : String.format("%.6e", d));
      } else if (o instanceof BigDecimal bd) {
        sb.append(String.format("%.6e", bd.doubleValue()));
      } else {
        sb.append(o);
      }
      sb.append('\u0001');
    }
    return sb.toString();
  }

  /** Rows sorted by {@link #key}. */
  static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> copy = new ArrayList<>(rows);
    copy.sort(Comparator.comparing(Rows::key));
    return copy;
  }

  /** The first difference between two row lists (in order), or null when they agree. */
  static String diff(List<List<Object>> expected, List<List<Object>> actual) {
    if (expected.size() != actual.size()) {
      return "row count: expected " + expected.size() + " but got " + actual.size() + "\nexpected head: "
          + head(expected) + "\nactual head: " + head(actual);
    }
    for (int r = 0; r < expected.size(); r++) {
      List<Object> e = expected.get(r);
      List<Object> a = actual.get(r);
      if (e.size() != a.size()) {
        return "row " + r + ": expected " + e.size() + " columns but got " + a.size();
      }
      for (int c = 0; c < e.size(); c++) {
        if (!same(e.get(c), a.get(c))) {
          return "row " + r + " column " + c + ": expected " + e.get(c) + " but got " + a.get(c) + "\nexpected row: "
              + e + "\nactual row:   " + a;
        }
      }
    }
    return null;
  }

  private static String head(List<List<Object>> rows) {
    return rows.subList(0, Math.min(5, rows.size())).toString();
  }
}
