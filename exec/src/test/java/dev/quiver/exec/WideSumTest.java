package dev.quiver.exec;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SUM of BIGINT and DECIMAL accumulates in 128 bits: sums of values near {@code Long.MAX_VALUE} (and of 18-digit
 * decimals) that leave 64 bits match DuckDB's HUGEINT / DECIMAL(38,s) answers, at 1 and 2 threads (so partial
 * sums from two threads are merged with carries too). Column {@code m} mixes batches of small values (summed per
 * group in 64-bit registers under a per-batch bound) with batches near the 64-bit limits (the 128-bit row loop).
 */
class WideSumTest {
  private static Path dir;
  private static String file;
  private static String wideFile;

  @BeforeAll
  static void write() throws Exception {
    DuckDbComparisonTest.open();
    dir = Files.createTempDirectory("quiver-wide-sum");
    file = dir.resolve("big.parquet").toString();
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      // v: within 5000 of Long.MAX_VALUE (or of Long.MIN_VALUE for k = 3); d: 18-digit decimals; n: small ints
      st.execute("COPY (SELECT i % 4 AS k, i % 9 AS k2, "
          + "CASE WHEN i % 4 = 3 THEN -9223372036854775807 + (i % 5000) ELSE 9223372036854775807 - (i % 5000) END"
          + "::BIGINT AS v, "
          + "CASE WHEN i % 17 = 0 THEN NULL ELSE (9999999999999999.99::DECIMAL(18,2) - i::DECIMAL(18,2)) END"
          + "::DECIMAL(18,2) AS d, "
          + "(i % 1000)::INTEGER AS n, "
          // m: runs of small values (batches summed in 64-bit registers) then runs near +-2^63 (the 128-bit loop)
          + "CASE WHEN i % 10000 < 5000 THEN (i % 1000) - 400 WHEN i % 3 = 0 THEN -9223372036854775000 + (i % 1000) "
          + "ELSE 9223372036854775000 - (i % 1000) END::BIGINT AS m "
          + "FROM range(0, 30000) t(i)) TO '" + file + "' (FORMAT parquet, ROW_GROUP_SIZE 7000)");
      // DECIMAL(38,2) values beyond 64 bits in every fourth row, small ones elsewhere
      wideFile = dir.resolve("wide.parquet").toString();
      st.execute("COPY (SELECT i, CASE WHEN i % 4 = 0 THEN (i::DECIMAL(38,2) * 1e30::DECIMAL(38,0))::DECIMAL(38,2) "
          + "WHEN i % 7 = 0 THEN NULL ELSE (-i)::DECIMAL(38,2) END AS w FROM range(0, 3000) t(i)) TO '" + wideFile
          + "' (FORMAT parquet, ROW_GROUP_SIZE 1000)");
    }
  }

  @AfterAll
  static void close() throws Exception {
    Files.deleteIfExists(Path.of(file));
    Files.deleteIfExists(Path.of(wideFile));
    Files.deleteIfExists(dir);
    DuckDbComparisonTest.close();
  }

  @ParameterizedTest(name = "{0} threads={1}")
  @CsvSource(delimiter = '|', value = {
      "SELECT k, sum(v) AS s, sum(d) AS sd, count(*) AS c FROM '%s' GROUP BY k ORDER BY k|1",
      "SELECT k, sum(v) AS s, sum(d) AS sd, count(*) AS c FROM '%s' GROUP BY k ORDER BY k|2",
      "SELECT sum(v) AS s, sum(d) AS sd, sum(n) AS sn FROM '%s'|1",
      "SELECT sum(v) AS s, sum(d) AS sd, sum(n) AS sn FROM '%s'|2",
      "SELECT k2, sum(v) AS s, avg(v) AS a, avg(d) AS ad FROM '%s' WHERE k <> 3 GROUP BY k2 ORDER BY k2|2",
      "SELECT sum(v) AS s FROM '%s' WHERE k IN (0, 3)|2",
      "SELECT k, s FROM (SELECT k, sum(v) AS s FROM '%s' GROUP BY k) ORDER BY k DESC LIMIT 3|2",
      "SELECT k, sum(d) AS sd, sum(v) AS s FROM '%s' WHERE n < 10 GROUP BY k ORDER BY k|1",
      "SELECT k2, sum(v) AS s FROM '%s' GROUP BY k2 ORDER BY s DESC|2",
      "SELECT k2, sum(v) AS s FROM '%s' GROUP BY k2 ORDER BY s LIMIT 4|1",
      "SELECT k2, k, sum(d) AS sd, sum(v) AS s FROM '%s' GROUP BY k2, k ORDER BY sd DESC, s|2",
      "SELECT k, sum(m) AS s, avg(m) AS a, count(m) AS c, sum(n) AS sn FROM '%s' GROUP BY k ORDER BY k|1",
      "SELECT k, sum(m) AS s, avg(m) AS a, count(m) AS c, sum(n) AS sn FROM '%s' GROUP BY k ORDER BY k|2",
      "SELECT sum(m) AS s, avg(m) AS a, sum(m - 1) AS s1 FROM '%s' WHERE n > 3|1",
      "SELECT sum(m) AS s, avg(m) AS a FROM '%s'|2",
      "SELECT k2, sum(m) AS s, sum(d) AS sd FROM '%s' WHERE k2 < 7 GROUP BY k2 ORDER BY k2|1",
  })
  void wideSumsMatchDuckDb(String template, int threads) throws SQLException {
    String sql = template.replace("%s", file);
    assertNull(Rows.diff(DuckDbComparisonTest.duckdb(sql), DuckDbComparisonTest.quiver(sql, threads, 700)), sql);
  }

  @ParameterizedTest(name = "{0} threads={1}")
  @CsvSource(delimiter = '|', value = {
      "SELECT * FROM '%s'|1",
      "SELECT w, i FROM '%s' WHERE i % 3 = 0 ORDER BY i DESC|2",
      "SELECT i, w FROM '%s' ORDER BY w DESC NULLS LAST, i LIMIT 40|2",
      "SELECT i, w FROM '%s' ORDER BY w, i|1",
  })
  void wideDecimalColumnsPassThroughLikeDuckDb(String template, int threads) throws SQLException {
    String sql = template.replace("%s", wideFile);
    assertNull(Rows.diff(DuckDbComparisonTest.duckdb(sql), DuckDbComparisonTest.quiver(sql, threads, 700)), sql);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "SELECT * FROM '%w' WHERE w > 0",
      "SELECT w * 2 FROM '%w'",
      "SELECT k, sum(v) AS s FROM '%s' GROUP BY k HAVING sum(v) > 0",
      "SELECT * FROM (SELECT k, sum(v) AS s FROM '%s' GROUP BY k) WHERE s > 0",
      "SELECT k, sum(v) + 1 FROM '%s' GROUP BY k",
  })
  void computingOnAWideSumFailsClearly(String template) {
    String sql = template.replace("%s", file).replace("%w", wideFile);
    QueryException e = assertThrows(QueryException.class, () -> DuckDbComparisonTest.quiver(sql, 2, 700));
    assertTrue(e.getMessage().contains("wider than 64 bits"), e.getMessage());
  }
}
