package dev.quiver.bench.query;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Query results in one form for both engines, and their comparison. Exact numbers (integers, decimals) become
 * {@link BigDecimal} without trailing zeros and must be equal; floating point stays {@link Double} and is compared
 * to a relative tolerance (an AVG may be DOUBLE in one engine and DECIMAL in the other, or summed in another order);
 * dates become {@code YYYY-MM-DD}; strings stay strings.
 */
public final class ResultRows {
  /** Relative tolerance for a comparison involving a floating-point value. */
  public static final double TOLERANCE = 1e-9;

  private ResultRows() {}

  /** The rows of a JDBC result set. */
  public static List<List<Object>> of(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    List<List<Object>> rows = new ArrayList<>();
    while (rs.next()) {
      List<Object> row = new ArrayList<>(n);
      for (int c = 1; c <= n; c++) {
        row.add(normalise(rs.getObject(c)));
      }
      rows.add(row);
    }
    return rows;
  }

  /** Appends the rows of an Arrow batch to {@code rows}. */
  public static void add(VectorSchemaRoot root, List<List<Object>> rows) {
    List<FieldVector> vectors = root.getFieldVectors();
    for (int r = 0; r < root.getRowCount(); r++) {
      List<Object> row = new ArrayList<>(vectors.size());
      for (FieldVector v : vectors) {
        if (v.isNull(r)) {
          row.add(null);
        } else if (v instanceof DateDayVector d) {
          row.add(LocalDate.ofEpochDay(d.get(r)).toString());
        } else if (v instanceof VarCharVector s) {
          row.add(new String(s.get(r), StandardCharsets.UTF_8));
        } else {
          row.add(normalise(v.getObject(r)));
        }
      }
      rows.add(row);
    }
  }

  /** One value in the common form (see the class comment). */
  public static Object normalise(Object o) {
    if (o == null || o instanceof Double || o instanceof String) {
      return o;
    }
    if (o instanceof Float f) {
      return (double) f;
    }
    if (o instanceof BigDecimal bd) {
      return bd.signum() == 0 ? BigDecimal.ZERO : bd.stripTrailingZeros();
    }
    if (o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte) {
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
    if (o instanceof org.apache.arrow.vector.util.Text t) {
      return t.toString();
    }
    return o.toString();
  }

  /**
   * Null when {@code actual} has the same rows as {@code expected}, in the same order; otherwise a description of
   * the first difference (row and column numbers from 0).
   */
  public static String difference(List<List<Object>> expected, List<List<Object>> actual) {
    if (expected.size() != actual.size()) {
      return "row count " + actual.size() + ", expected " + expected.size();
    }
    for (int r = 0; r < expected.size(); r++) {
      List<Object> e = expected.get(r);
      List<Object> a = actual.get(r);
      if (e.size() != a.size()) {
        return "row " + r + ": " + a.size() + " columns, expected " + e.size();
      }
      for (int c = 0; c < e.size(); c++) {
        if (!same(e.get(c), a.get(c))) {
          return "row " + r + " column " + c + ": " + a.get(c) + ", expected " + e.get(c);
        }
      }
    }
    return null;
  }

  /** Whether two normalised values agree: exactly, or to {@link #TOLERANCE} when either is a Double. */
  static boolean same(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if ((a instanceof Double || b instanceof Double) && a instanceof Number x && b instanceof Number y) {
      double p = x.doubleValue();
      double q = y.doubleValue();
      return p == q || Math.abs(p - q) <= TOLERANCE * Math.max(Math.abs(p), Math.abs(q));
    }
    return a.equals(b);
  }
}
