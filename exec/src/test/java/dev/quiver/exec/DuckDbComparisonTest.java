package dev.quiver.exec;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.parquet.testing.LeakCheckedAllocator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs each query on Quiver (at 1 and 2 threads) and on DuckDB over the same Parquet files and asserts the same
 * rows. Queries with a total ORDER BY compare in order; {@code keys=n} compares the first n columns in order (ties
 * on the sort keys may come in any order) and all rows as a multiset; the rest compare as multisets.
 */
class DuckDbComparisonTest {
  private static Connection duck;

  @BeforeAll
  static void open() throws SQLException {
    duck = DriverManager.getConnection("jdbc:duckdb:");
  }

  @AfterAll
  static void close() throws SQLException {
    duck.close();
  }

  /** How rows are compared. */
  record Case(String sql, int orderedColumns) {
    static Case ordered(String sql) {
      return new Case(sql, Integer.MAX_VALUE);
    }

    static Case unordered(String sql) {
      return new Case(sql, 0);
    }

    static Case keys(int n, String sql) {
      return new Case(sql, n);
    }

    @Override
    public String toString() {
      return sql.length() > 90 ? sql.substring(0, 90) + "..." : sql;
    }
  }

  static List<Case> cases() {
    return List.of(
        Case.ordered("SELECT COUNT(*) FROM '{T}'"),
        Case.ordered("SELECT k_int, COUNT(*), SUM(n_int), MIN(s), MAX(s), AVG(d), MIN(dec), MAX(dt) FROM '{T}' "
            + "GROUP BY k_int ORDER BY k_int"),
        Case.ordered("SELECT s, COUNT(n_int), COUNT(DISTINCT k_int), COUNT(DISTINCT n_int), SUM(dec), AVG(dec) "
            + "FROM '{T}' GROUP BY s ORDER BY s NULLS FIRST"),
        Case.ordered("SELECT id, dec * 2 + 1, dec - k_int, dec * dec, dec + 0.005, k_int * 3 - 1 FROM '{T}' "
            + "WHERE id < 50 ORDER BY id"),
        Case.ordered("SELECT id, d / 3, id % 7, n_int * k_int, -d, id / 4, dec / 2 FROM '{T}' "
            + "WHERE id BETWEEN 100 AND 160 ORDER BY id"),
        Case.ordered("SELECT id FROM '{T}' WHERE n_int IS NULL ORDER BY id"),
        Case.ordered("SELECT id, n_int FROM '{T}' WHERE n_int IS NOT NULL AND (n_int = 1 OR nb) ORDER BY id LIMIT 40"),
        Case.ordered("SELECT COUNT(*), COUNT(n_int) FROM '{T}' WHERE NOT (n_int > 2)"),
        Case.ordered("SELECT id, nb AND b, nb OR b, NOT nb, nb AND NULL, nb OR NULL FROM '{T}' WHERE id < 30 "
            + "ORDER BY id"),
        Case.ordered("SELECT id, s FROM '{T}' WHERE k_int IN (1, 3, 5) AND s NOT IN ('key1') ORDER BY id LIMIT 50"),
        Case.ordered("SELECT u, s FROM '{T}' WHERE s LIKE 'key_' AND u LIKE '%9' AND u NOT LIKE '%0_9' "
            + "ORDER BY id LIMIT 30"),
        Case.ordered("SELECT id, CASE WHEN k_int < 2 THEN 'low' WHEN k_int < 5 THEN 'mid' ELSE 'high' END, "
            + "CASE k_int WHEN 1 THEN dec END, CASE WHEN nb THEN 1.5 ELSE 2 END FROM '{T}' WHERE id < 40 ORDER BY id"),
        Case.ordered("SELECT id, CAST(k_int AS VARCHAR), CAST(dec AS INTEGER), CAST(dec AS DOUBLE), "
            + "CAST(id AS DECIMAL(12,3)), CAST('2021-03-04' AS DATE), CAST(dt AS TIMESTAMP), CAST(ts AS DATE), "
            + "CAST(dec AS DECIMAL(10,1)), CAST(CAST(id AS VARCHAR) AS BIGINT), CAST(dt AS VARCHAR) "
            + "FROM '{T}' WHERE id < 25 ORDER BY id"),
        Case.ordered("SELECT id, dt + INTERVAL 1 MONTH, dt - INTERVAL '10' DAY, ts + INTERVAL 2 HOUR, "
            + "dt + INTERVAL 1 YEAR FROM '{T}' WHERE id < 20 OR id > 4990 ORDER BY id"),
        Case.ordered("SELECT EXTRACT(year FROM dt), EXTRACT(month FROM dt), COUNT(*), MIN(EXTRACT(day FROM dt)), "
            + "MAX(EXTRACT(hour FROM ts)) FROM '{T}' GROUP BY 1, 2 ORDER BY 1, 2"),
        Case.ordered("SELECT date_trunc('month', dt) AS m, COUNT(*) FROM '{T}' GROUP BY m ORDER BY m"),
        Case.ordered("SELECT date_trunc('day', ts) AS m, date_trunc('year', ts), COUNT(*) FROM '{T}' "
            + "GROUP BY 1, 2 ORDER BY m LIMIT 30"),
        Case.ordered("SELECT id, length(u), lower(u), upper(s), substring(u, 2, 3), substring(u, 5), "
            + "concat(s, '-', k_int), starts_with(u, 'Ün'), s || '!' FROM '{T}' WHERE id < 30 ORDER BY id"),
        Case.ordered("SELECT s, k_int, SUM(dec), COUNT(*) FROM '{T}' GROUP BY s, k_int "
            + "ORDER BY s DESC NULLS LAST, k_int ASC"),
        Case.ordered("SELECT k_int, n_int, id FROM '{T}' ORDER BY k_int DESC, n_int NULLS FIRST, id LIMIT 100"),
        Case.keys(2, "SELECT k_int, b, id FROM '{T}' ORDER BY k_int, b DESC"),
        Case.ordered("SELECT id, d FROM '{T}' WHERE d IS NOT NULL ORDER BY d DESC, id LIMIT 10"),
        Case.ordered("SELECT id, d FROM '{T}' ORDER BY d NULLS FIRST, id LIMIT 7 OFFSET 2"),
        Case.ordered("SELECT id FROM '{T}' ORDER BY id LIMIT 10 OFFSET 4995"),
        Case.ordered("SELECT COUNT(*), SUM(id), MIN(s), AVG(d), COUNT(DISTINCT s), MAX(dt) FROM '{E}'"),
        Case.ordered("SELECT k_int, COUNT(*) FROM '{E}' GROUP BY k_int"),
        Case.ordered("SELECT id, s FROM '{E}' ORDER BY id LIMIT 5"),
        Case.ordered("SELECT k_int, SUM(all_null), MAX(all_null), COUNT(all_null), AVG(all_null) FROM '{T}' "
            + "GROUP BY k_int ORDER BY k_int"),
        Case.ordered("SELECT MAX(d), MIN(d), COUNT(*), SUM(CASE WHEN d > 100 THEN 1 ELSE 0 END) FROM '{T}' "
            + "WHERE d <> 0"),
        Case.ordered("SELECT d > 1000 AS big, COUNT(*), MAX(d) FROM '{T}' GROUP BY big ORDER BY big NULLS FIRST"),
        Case.ordered("SELECT s, COUNT(*) AS c FROM '{T}' GROUP BY s HAVING COUNT(*) > 1000 ORDER BY c DESC"),
        Case.ordered("SELECT k, c FROM (SELECT k_int AS k, COUNT(*) AS c FROM '{T}' GROUP BY k_int) sub "
            + "WHERE c > 700 ORDER BY k"),
        Case.ordered("SELECT DISTINCT s FROM '{T}' ORDER BY s NULLS LAST"),
        Case.unordered("SELECT DISTINCT k_int, n_int FROM '{T}'"),
        Case.ordered("SELECT COUNT(*) FROM '{T}' WHERE ts >= TIMESTAMP '2020-02-01 00:00:00' AND id >= 2500"),
        Case.ordered("SELECT u, COUNT(*) FROM '{T}' GROUP BY u ORDER BY u LIMIT 20"),
        Case.ordered("SELECT id, d, dec FROM '{T}' WHERE d > dec ORDER BY id LIMIT 20"),
        Case.ordered("SELECT * FROM '{T}' WHERE id = 4242"),
        Case.unordered("SELECT id, k_int FROM '{T}' WHERE dt = DATE '2020-03-01'"),
        Case.unordered("SELECT s, b, nb, dt FROM '{T}' WHERE id % 97 = 3"),
        Case.ordered("SELECT k_int % 3 AS g, SUM(k_int * 2), MIN(u), MAX(ts) FROM '{T}' GROUP BY k_int % 3 "
            + "ORDER BY g"),
        Case.ordered("SELECT l_returnflag, l_linestatus, sum(l_quantity) AS sum_qty, "
            + "sum(l_extendedprice) AS sum_base_price, sum(l_extendedprice * (1 - l_discount)) AS sum_disc_price, "
            + "sum(l_extendedprice * (1 - l_discount) * (1 + l_tax)) AS sum_charge, avg(l_quantity) AS avg_qty, "
            + "avg(l_extendedprice) AS avg_price, avg(l_discount) AS avg_disc, count(*) AS count_order "
            + "FROM '{L}' WHERE l_shipdate <= DATE '1998-12-01' - INTERVAL '90' DAY "
            + "GROUP BY l_returnflag, l_linestatus ORDER BY l_returnflag, l_linestatus"),
        Case.ordered("SELECT sum(l_extendedprice * l_discount) AS revenue FROM '{L}' "
            + "WHERE l_shipdate >= DATE '1994-01-01' AND l_shipdate < DATE '1994-01-01' + INTERVAL '1' YEAR "
            + "AND l_discount BETWEEN 0.06 - 0.01 AND 0.06 + 0.01 AND l_quantity < 24"),
        Case.ordered("SELECT l_shipmode, COUNT(*), COUNT(DISTINCT l_orderkey), MAX(l_comment) FROM '{L}' "
            + "GROUP BY l_shipmode ORDER BY 2 DESC, 1"));
  }

  static Stream<Arguments> runs() {
    List<Arguments> out = new ArrayList<>();
    for (Case c : cases()) {
      out.add(Arguments.of(c, 1));
      out.add(Arguments.of(c, 2));
    }
    return out.stream();
  }

  static String fill(String sql) {
    return sql.replace("{T}", TestData.T).replace("{E}", TestData.EMPTY).replace("{L}", TestData.LINEITEM)
        .replace("{H}", TestData.HIVE);
  }

  static List<List<Object>> duckdb(String sql) throws SQLException {
    try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      return Rows.of(rs);
    }
  }

  static List<List<Object>> quiver(String sql, int threads, int batchSize) {
    List<List<Object>> rows = new ArrayList<>();
    try (LeakCheckedAllocator alloc = new LeakCheckedAllocator()) {
      Session session = Session.create(alloc.get()).withThreads(threads).withBatchSize(batchSize);
      try (QueryResult r = session.sql(sql).execute()) {
        while (r.hasNext()) {
          try (VectorSchemaRoot root = r.next()) {
            Rows.add(root, rows);
          }
        }
      }
    }
    return rows;
  }

  @ParameterizedTest(name = "[{1} threads] {0}")
  @MethodSource("runs")
  void sameRowsAsDuckDb(Case c, int threads) throws SQLException {
    String sql = fill(c.sql());
    List<List<Object>> expected = duckdb(sql);
    if (!c.sql().contains("{E}")) {
      assertTrue(!expected.isEmpty(), "the query should return rows: " + sql);
    }
    // a small batch size so that every query spans many batches and row groups
    List<List<Object>> actual = quiver(sql, threads, 700);
    check(c, expected, actual);
  }

  static void check(Case c, List<List<Object>> expected, List<List<Object>> actual) {
    if (c.orderedColumns() == Integer.MAX_VALUE) {
      assertNull(Rows.diff(expected, actual), c.sql());
      return;
    }
    if (c.orderedColumns() > 0) {
      assertNull(Rows.diff(prefix(expected, c.orderedColumns()), prefix(actual, c.orderedColumns())),
          "sort keys in order: " + c.sql());
    }
    assertNull(Rows.diff(Rows.sorted(expected), Rows.sorted(actual)), c.sql());
  }

  private static List<List<Object>> prefix(List<List<Object>> rows, int n) {
    List<List<Object>> out = new ArrayList<>();
    for (List<Object> r : rows) {
      out.add(r.subList(0, n));
    }
    return out;
  }

  static Stream<String> bothFail() {
    return Stream.of(
        "SELECT CAST(dec * 1000 AS DECIMAL(5,2)) FROM '{T}'",
        "SELECT id + 9223372036854775807 FROM '{T}' WHERE id > 0",
        "SELECT SUM(id * 4611686018427387904) FROM '{T}'",
        "SELECT CAST(u AS INTEGER) FROM '{T}'");
  }

  @ParameterizedTest
  @MethodSource("bothFail")
  void overflowAndBadCastsFailLikeDuckDb(String template) {
    String sql = fill(template);
    assertThrows(SQLException.class, () -> duckdb(sql), "DuckDB should fail: " + sql);
    QueryException e = assertThrows(QueryException.class, () -> quiver(sql, 1, 700));
    assertTrue(e.getMessage().contains("overflow") || e.getMessage().contains("cast")
        || e.getMessage().contains("range"), e.getMessage());
  }
}
