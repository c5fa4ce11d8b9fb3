package dev.quiver.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.parquet.testing.LeakCheckedAllocator;
import dev.quiver.parquet.testing.ParquetTesting;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.util.Text;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Nested, time and other OPAQUE columns pass through scan, filter, sort, TopK and limit untouched: every value of
 * the result is compared with DuckDB's {@code to_json} of the same column on the same file, both sides turned into
 * one JSON-like tree (lists, string-keyed maps, decimals, strings, booleans, nulls).
 */
class OpaqueColumnsTest {
  private static Connection duck;
  private static Path dir;
  private static String file;

  @BeforeAll
  static void open() throws Exception {
    duck = DriverManager.getConnection("jdbc:duckdb:");
    dir = Files.createTempDirectory("quiver-opaque");
    file = dir.resolve("nested.parquet").toString();
    try (Statement st = duck.createStatement()) {
      st.execute("COPY (SELECT i, i % 7 AS k, {'a': i, 'b': 'x' || i, 'c': [i, NULL]} AS s, "
          + "CASE WHEN i % 5 = 0 THEN NULL ELSE [i, i + 1, i * 2] END AS l, "
          + "MAP(['k' || (i % 3)], [i]) AS m, "
          + "CASE WHEN i % 11 = 0 THEN NULL ELSE TIME '01:02:03' + to_seconds(i) END AS t, "
          + "[{'x': i, 'y': [DATE '2024-01-01' + (i % 40)::INT]}] AS ls "
          + "FROM range(0, 5000) r(i)) TO '" + file + "' (FORMAT parquet, ROW_GROUP_SIZE 1000)");
    }
  }

  @AfterAll
  static void close() throws Exception {
    duck.close();
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Our result as rows of canonical values, with the column names. */
  private static List<List<Object>> quiver(String sql, int threads, List<String> names) {
    List<List<Object>> rows = new ArrayList<>();
    try (LeakCheckedAllocator alloc = new LeakCheckedAllocator()) {
      Session s = Session.create(alloc.get()).withThreads(threads).withBatchSize(700);
      try (QueryResult r = s.execute(sql)) {
        if (names != null) {
          names.addAll(r.schema().names());
        }
        while (r.hasNext()) {
          try (VectorSchemaRoot root = r.next()) {
            for (int i = 0; i < root.getRowCount(); i++) {
              List<Object> row = new ArrayList<>();
              for (FieldVector v : root.getFieldVectors()) {
                row.add(canonical(v.getField(), v.isNull(i) ? null : v.getObject(i)));
              }
              rows.add(row);
            }
          }
        }
      }
    }
    return rows;
  }

  /** DuckDB's rows for {@code sql} whose every column is wrapped in to_json. */
  private static List<List<Object>> duck(String sql) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int c = 1; c <= n; c++) {
          String json = rs.getString(c);
          row.add(json == null ? null : new Json(json).value());
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /** SELECT list of to_json over the columns. */
  private static String toJson(List<String> names) {
    StringBuilder sb = new StringBuilder();
    for (String n : names) {
      sb.append(sb.length() == 0 ? "" : ", ").append("to_json(\"").append(n).append("\")");
    }
    return sb.toString();
  }

  @ParameterizedTest(name = "{0} threads={1}")
  @CsvSource(delimiter = '|', value = {
      "SELECT * FROM '%s'|1|SELECT * FROM '%s'",
      "SELECT * FROM '%s'|2|SELECT * FROM '%s'",
      "SELECT i, s, t FROM '%s' WHERE k = 3 AND i > 100|1|SELECT i, s, t FROM '%s' WHERE k = 3 AND i > 100",
      "SELECT i, s, t FROM '%s' WHERE k = 3 AND i > 100|2|SELECT i, s, t FROM '%s' WHERE k = 3 AND i > 100",
      "SELECT l, m, ls, i FROM '%s' WHERE l IS NULL|2|SELECT l, m, ls, i FROM '%s' WHERE l IS NULL",
      "SELECT i, l FROM '%s' WHERE l IS NOT NULL AND t IS NULL|1|"
          + "SELECT i, l FROM '%s' WHERE l IS NOT NULL AND t IS NULL",
      "SELECT i, s AS s2, s, l FROM (SELECT * FROM '%s' WHERE i % 2 = 0) WHERE k < 3|2|"
          + "SELECT i, s AS s2, s, l FROM (SELECT * FROM '%s' WHERE i % 2 = 0) WHERE k < 3",
  })
  void passThroughMatchesDuckDb(String ours, int threads, String theirs) throws SQLException {
    List<String> names = new ArrayList<>();
    List<List<Object>> got = quiver(ours.replace("%s", file), threads, names);
    List<List<Object>> want = duck("SELECT " + toJson(names) + " FROM (" + theirs.replace("%s", file) + ")");
    assertTrue(want.size() > 0);
    assertEquals(sorted(want), sorted(got));
  }

  @ParameterizedTest(name = "{0} threads={1}")
  @CsvSource(delimiter = '|', value = {
      "SELECT i, k, s, l, m, t, ls FROM '%s' ORDER BY k DESC, i|1",
      "SELECT i, k, s, l, m, t, ls FROM '%s' ORDER BY k DESC, i|2",
      "SELECT i, s, l FROM '%s' WHERE i % 3 = 1 ORDER BY k, i DESC LIMIT 50 OFFSET 7|1",
      "SELECT i, s, l FROM '%s' WHERE i % 3 = 1 ORDER BY k, i DESC LIMIT 50 OFFSET 7|2",
      "SELECT ls, t, i FROM '%s' ORDER BY i DESC LIMIT 3|2",
      "SELECT s, l, i FROM '%s' WHERE i >= 1234 LIMIT 20 OFFSET 5|1",
  })
  void orderedPassThroughMatchesDuckDb(String sql, int threads) throws SQLException {
    String q = sql.replace("%s", file);
    List<String> names = new ArrayList<>();
    List<List<Object>> got = quiver(q, threads, names);
    List<List<Object>> want = duck("SELECT " + toJson(names) + " FROM (" + q + ")");
    assertTrue(want.size() > 0);
    assertEquals(want, got);
  }

  @ParameterizedTest
  @ValueSource(strings = {"nested_lists.snappy.parquet", "nested_structs.rust.parquet", "list_columns.parquet",
      "nested_maps.snappy.parquet", "null_list.parquet", "repeated_no_annotation.parquet"})
  void parquetTestingNestedFilesMatchDuckDb(String name) throws SQLException {
    String path = ParquetTesting.dataFile(name).toString();
    List<String> names = new ArrayList<>();
    List<List<Object>> got = quiver("SELECT * FROM '" + path + "'", 1, names);
    List<List<Object>> want = duck("SELECT " + toJson(names) + " FROM '" + path + "'");
    assertEquals(want, got);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "SELECT * FROM '%s' WHERE s = 1|s",
      "SELECT l + 1 FROM '%s'|l",
      "SELECT * FROM '%s' ORDER BY m|m",
      "SELECT t, count(*) FROM '%s' GROUP BY t|t",
      "SELECT max(ls) FROM '%s'|ls",
      "SELECT length(s) FROM '%s'|s",
      "SELECT CASE WHEN i > 1 THEN s END FROM '%s'|s",
      // a shared subexpression as the operand of IS NULL must not leave the next operand free to be opaque
      "SELECT sum(i + 1), max(concat((i + 1) IS NULL, l)) FROM '%s'|l",
      "SELECT i % 2, sum(i + 1), min(concat((i + 1) IS NULL, l)) FROM '%s' GROUP BY i % 2|l",
  })
  void computingOnOpaqueColumnsIsAPlanTimeError(String sql, String column) {
    try (LeakCheckedAllocator alloc = new LeakCheckedAllocator()) {
      Session s = Session.create(alloc.get()).withThreads(1);
      QueryException e = assertThrows(QueryException.class, () -> {
        try (QueryResult r = s.execute(sql.replace("%s", file))) {
          r.hasNext();
        }
      });
      assertTrue(e.getMessage().contains(column), e.getMessage());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"SELECT * FROM '%s' ORDER BY i DESC", "SELECT * FROM '%s'"})
  void opaqueVectorsCountAgainstTheMemoryLimitAndAreFreed(String sql) {
    try (LeakCheckedAllocator alloc = new LeakCheckedAllocator()) {
      Session s = Session.create(alloc.get()).withThreads(2).withMemoryLimit(48 * 1024);
      MemoryLimitException e = assertThrows(MemoryLimitException.class, () -> {
        try (QueryResult r = s.execute(sql.replace("%s", file))) {
          while (r.hasNext()) {
            r.next().close();
          }
        }
      });
      assertTrue(e.getMessage().contains("operator"), e.getMessage());
    }
  }

  @Test
  void countOfAnOpaqueColumnCountsItsNonNullValues() throws SQLException {
    String q = "SELECT k, count(l) AS n, count(t) AS nt FROM '" + file + "' GROUP BY k ORDER BY k";
    List<List<Object>> got = quiver(q, 2, null);
    List<List<Object>> want = duck("SELECT to_json(k), to_json(n), to_json(nt) FROM (" + q + ")");
    assertEquals(want, got);
  }

  private static List<String> sorted(List<List<Object>> rows) {
    List<String> out = new ArrayList<>();
    for (List<Object> r : rows) {
      out.add(r.toString());
    }
    out.sort(null);
    return out;
  }

  /** An Arrow value as a JSON-like tree, following the field's type. */
  static Object canonical(Field f, Object v) {
    if (v == null) {
      return null;
    }
    ArrowType t = f.getType();
    if (t instanceof ArrowType.Map) {
      Field entries = f.getChildren().get(0);
      Field key = entries.getChildren().get(0);
      Field value = entries.getChildren().get(1);
      Map<String, Object> out = new LinkedHashMap<>();
      for (Object e : (List<?>) v) {
        Map<?, ?> entry = (Map<?, ?>) e;
        out.put(String.valueOf(canonical(key, entry.get(key.getName()))),
            canonical(value, entry.get(value.getName())));
      }
      return out;
    }
    if (t instanceof ArrowType.List || t instanceof ArrowType.LargeList || t instanceof ArrowType.FixedSizeList) {
      List<Object> out = new ArrayList<>();
      for (Object e : (List<?>) v) {
        out.add(canonical(f.getChildren().get(0), e));
      }
      return out;
    }
    if (t instanceof ArrowType.Struct) {
      Map<String, Object> out = new LinkedHashMap<>();
      Map<?, ?> m = (Map<?, ?>) v;
      for (Field c : f.getChildren()) {
        out.put(c.getName(), canonical(c, m.get(c.getName())));
      }
      return out;
    }
    if (t instanceof ArrowType.Time time) {
      long micros;
      if (v instanceof java.time.LocalDateTime ldt) {
        micros = ldt.toLocalTime().toNanoOfDay() / 1000;
      } else {
        long raw = ((Number) v).longValue();
        micros = switch (time.getUnit()) {
          case SECOND -> raw * 1_000_000L;
          case MILLISECOND -> raw * 1_000L;
          case MICROSECOND -> raw;
          case NANOSECOND -> raw / 1_000L;
        };
      }
      LocalTime lt = LocalTime.ofNanoOfDay(micros * 1000);
      return String.format("%02d:%02d:%02d", lt.getHour(), lt.getMinute(), lt.getSecond())
          + (lt.getNano() == 0 ? "" : String.format(".%06d", lt.getNano() / 1000).replaceAll("0+$", ""));
    }
    if (t instanceof ArrowType.Timestamp ts) {
      long micros;
      if (v instanceof java.time.LocalDateTime ldt) {
        micros = ldt.toEpochSecond(java.time.ZoneOffset.UTC) * 1_000_000L + ldt.getNano() / 1000;
      } else {
        long raw = ((Number) v).longValue();
        micros = switch (ts.getUnit()) {
          case SECOND -> raw * 1_000_000L;
          case MILLISECOND -> raw * 1_000L;
          case MICROSECOND -> raw;
          case NANOSECOND -> raw / 1_000L;
        };
      }
      java.time.LocalDateTime ldt = java.time.LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
          (int) Math.floorMod(micros, 1_000_000L) * 1000, java.time.ZoneOffset.UTC);
      return String.format("%04d-%02d-%02d %02d:%02d:%02d", ldt.getYear(), ldt.getMonthValue(),
          ldt.getDayOfMonth(), ldt.getHour(), ldt.getMinute(), ldt.getSecond())
          + (ldt.getNano() == 0 ? "" : String.format(".%06d", ldt.getNano() / 1000).replaceAll("0+$", ""));
    }
    if (t instanceof ArrowType.Date) {
      if (v instanceof Integer days) {
        return LocalDate.ofEpochDay(days).toString();
      }
      if (v instanceof java.time.LocalDateTime ldt) {
        return ldt.toLocalDate().toString();
      }
      return v.toString();
    }
    if (v instanceof Text text) {
      return text.toString();
    }
    if (v instanceof byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    if (v instanceof Float fl) {
      return new BigDecimal(Float.toString(fl)).stripTrailingZeros();
    }
    if (v instanceof Double d) {
      return new BigDecimal(Double.toString(d)).stripTrailingZeros();
    }
    if (v instanceof BigDecimal bd) {
      return bd.stripTrailingZeros();
    }
    if (v instanceof Number n) {
      return new BigDecimal(n.toString()).stripTrailingZeros();
    }
    if (v instanceof Boolean) {
      return v;
    }
    return v.toString();
  }

  /** A small parser for the JSON DuckDB's to_json writes, into the same tree as {@link #canonical}. */
  static final class Json {
    private final String s;
    private int pos;

    Json(String s) {
      this.s = s;
    }

    Object value() {
      skip();
      char c = s.charAt(pos);
      if (c == '{') {
        pos++;
        Map<String, Object> out = new LinkedHashMap<>();
        skip();
        if (s.charAt(pos) == '}') {
          pos++;
          return out;
        }
        while (true) {
          skip();
          String key = string();
          skip();
          expect(':');
          out.put(key, value());
          skip();
          if (s.charAt(pos++) == '}') {
            return out;
          }
        }
      }
      if (c == '[') {
        pos++;
        List<Object> out = new ArrayList<>();
        skip();
        if (s.charAt(pos) == ']') {
          pos++;
          return out;
        }
        while (true) {
          out.add(value());
          skip();
          if (s.charAt(pos++) == ']') {
            return out;
          }
        }
      }
      if (c == '"') {
        return string();
      }
      if (s.startsWith("null", pos)) {
        pos += 4;
        return null;
      }
      if (s.startsWith("true", pos)) {
        pos += 4;
        return Boolean.TRUE;
      }
      if (s.startsWith("false", pos)) {
        pos += 5;
        return Boolean.FALSE;
      }
      int start = pos;
      while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
        pos++;
      }
      return new BigDecimal(s.substring(start, pos)).stripTrailingZeros();
    }

    private String string() {
      expect('"');
      StringBuilder sb = new StringBuilder();
      while (s.charAt(pos) != '"') {
        char c = s.charAt(pos++);
        if (c == '\\') {
          char e = s.charAt(pos++);
          switch (e) {
            case 'n' -> sb.append('\n');
            case 't' -> sb.append('\t');
            case 'r' -> sb.append('\r');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'u' -> {
              sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
              pos += 4;
            }
            default -> sb.append(e);
          }
        } else {
          sb.append(c);
        }
      }
      pos++;
      return sb.toString();
    }

    private void expect(char c) {
      if (s.charAt(pos) != c) {
        throw new IllegalArgumentException("expected " + c + " at " + pos + " in " + s);
      }
      pos++;
    }

    private void skip() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }
  }
}
