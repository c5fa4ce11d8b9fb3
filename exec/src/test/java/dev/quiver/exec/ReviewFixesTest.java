package dev.quiver.exec;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Regression tests for defects found in review, each compared with DuckDB on small Parquet files DuckDB writes:
 * NULL group keys whose slots hold arbitrary values, ORDER BY / GROUP BY on the alias of a plain column, substring
 * with negative and huge arguments.
 */
class ReviewFixesTest {
  private static Connection duck;
  private static Path dir;
  private static String nk;
  private static String ab;
  private static String sub;

  @BeforeAll
  static void open() throws SQLException, IOException {
    duck = DriverManager.getConnection("jdbc:duckdb:");
    dir = Files.createTempDirectory("quiver-review-test");
    nk = dir.resolve("nk.parquet").toString();
    ab = dir.resolve("ab.parquet").toString();
    sub = dir.resolve("sub.parquet").toString();
    try (Statement st = duck.createStatement()) {
      // a is NULL on every third row, b varies, so a + b is NULL with many different slot values
      st.execute("COPY (SELECT CASE WHEN i % 3 = 0 THEN NULL ELSE i % 4 END::BIGINT AS a, (i * 7 % 11)::BIGINT AS b, "
          + "CASE WHEN i % 5 = 0 THEN NULL ELSE 'some rather long text ' || (i % 2) END AS s "
          + "FROM range(0, 3000) r(i)) TO '" + nk + "' (FORMAT PARQUET, ROW_GROUP_SIZE 1000)");
      st.execute("COPY (SELECT i::BIGINT AS a, (10 - i)::BIGINT AS b FROM range(0, 10) r(i)) TO '" + ab
          + "' (FORMAT PARQUET)");
      // every string with every start and count in [-8, 8]
      st.execute("COPY (SELECT row_number() OVER () AS id, s, st::BIGINT AS st, ln::BIGINT AS ln "
          + "FROM (VALUES ('hello'), (''), ('héllo wörld'), ('日本語テキスト'), ('a'), (NULL)) v(s), "
          + "range(-8, 9) a(st), range(-8, 9) b(ln)) TO '" + sub + "' (FORMAT PARQUET)");
    }
  }

  @AfterAll
  static void close() throws SQLException, IOException {
    duck.close();
    Files.deleteIfExists(Path.of(nk));
    Files.deleteIfExists(Path.of(ab));
    Files.deleteIfExists(Path.of(sub));
    Files.deleteIfExists(dir);
  }

  private static List<List<Object>> duckRows(String sql) throws SQLException {
    try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      return Rows.of(rs);
    }
  }

  private static void sameAsDuckDb(String sql, int threads, boolean ordered) throws SQLException {
    List<List<Object>> expected = duckRows(sql);
    assertTrue(!expected.isEmpty(), sql);
    for (int batch : new int[] {1000, 7}) {
      List<List<Object>> actual = DuckDbComparisonTest.quiver(sql, threads, batch);
      if (ordered) {
        assertNull(Rows.diff(expected, actual), sql + " (batch " + batch + ")");
      } else {
        assertNull(Rows.diff(Rows.sorted(expected), Rows.sorted(actual)), sql + " (batch " + batch + ")");
      }
    }
  }

  @ParameterizedTest(name = "[{0} threads]")
  @ValueSource(ints = {1, 2})
  void nullKeysFormOneGroup(int threads) throws SQLException {
    sameAsDuckDb("SELECT a + b AS k, count(*) FROM '" + nk + "' GROUP BY k ORDER BY k NULLS FIRST", threads, true);
    sameAsDuckDb("SELECT a + b AS k, b % 2, count(*), sum(b) FROM '" + nk + "' GROUP BY 1, 2", threads, false);
    sameAsDuckDb("SELECT DISTINCT a * b FROM '" + nk + "'", threads, false);
    sameAsDuckDb("SELECT upper(s) AS u, count(*) FROM '" + nk + "' GROUP BY u", threads, false);
    sameAsDuckDb("SELECT CASE WHEN a IS NULL THEN NULL ELSE s || b END AS u, count(*) FROM '" + nk
        + "' GROUP BY u", threads, false);
    sameAsDuckDb("SELECT count(DISTINCT a + b), count(DISTINCT s || a) FROM '" + nk + "'", threads, false);
  }

  @ParameterizedTest(name = "[{0} threads]")
  @ValueSource(ints = {1, 2})
  void orderAndGroupByTheAliasOfAPlainColumn(int threads) throws SQLException {
    sameAsDuckDb("SELECT b AS a FROM '" + ab + "' ORDER BY a", threads, true);
    sameAsDuckDb("SELECT a AS x FROM '" + ab + "' ORDER BY x DESC", threads, true);
    sameAsDuckDb("SELECT a AS x, b FROM '" + ab + "' ORDER BY x", threads, true);
    sameAsDuckDb("SELECT a % 3 AS x, count(*) FROM '" + nk + "' GROUP BY x ORDER BY x NULLS LAST", threads, true);
    sameAsDuckDb("SELECT a AS x, count(*) FROM '" + nk + "' GROUP BY x ORDER BY x NULLS LAST", threads, true);
  }

  @Test
  void substringFollowsDuckDbForNegativeAndHugeArguments() throws SQLException {
    sameAsDuckDb("SELECT id, s, st, ln, substring(s, st, ln), substring(s, st), substring(s, -st, -ln), concat(s, s, st) FROM '" + sub
        + "' ORDER BY id", 1, true);
    sameAsDuckDb("SELECT substring('hello', -3), substring('hello', -3, 2), substring('hello', 3, -2), "
        + "substring('hello', 0, 2), substring('héllo', 4, -3) FROM '" + ab + "' WHERE a = 1", 1, true);
    // DuckDB rejects lengths above 2^32 - 1; Quiver clips them, which gives what the largest DuckDB length gives
    String huge = "SELECT id, substring(s, st, 9223372036854775807), substring(s, st, -9223372036854775807) FROM '"
        + sub + "' WHERE ln = 0 ORDER BY id";
    List<List<Object>> expected = duckRows(huge.replace("-9223372036854775807", "-4294967296")
        .replace("9223372036854775807", "4294967295"));
    assertNull(Rows.diff(expected, DuckDbComparisonTest.quiver(huge, 1, 1000)), huge);
  }
}
