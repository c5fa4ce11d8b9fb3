package dev.quiver.exec;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Files kept open across queries (the footer cache) give the same rows as DuckDB on every query, and a file
 * rewritten in place (new size, or same size with a new modification time) is read afresh, not from its old footer.
 */
class FooterCacheTest {
  private static Path dir;

  @BeforeAll
  static void open() throws Exception {
    DuckDbComparisonTest.open();
    dir = Files.createTempDirectory("quiver-footer-cache");
  }

  @AfterAll
  static void close() throws Exception {
    try (var files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(p);
      }
    }
    Files.deleteIfExists(dir);
    DuckDbComparisonTest.close();
  }

  private static void write(String file, String select, int rowGroupSize) throws Exception {
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      st.execute("COPY (" + select + ") TO '" + file + "' (FORMAT parquet, ROW_GROUP_SIZE " + rowGroupSize + ")");
    }
  }

  private static void sameAsDuckDb(String sql) throws Exception {
    List<List<Object>> expected = DuckDbComparisonTest.duckdb(sql);
    for (int threads = 1; threads <= 2; threads++) {
      assertNull(Rows.diff(expected, DuckDbComparisonTest.quiver(sql, threads, 700)), sql);
    }
  }

  @Test
  void aFileRewrittenInPlaceIsReadAfresh() throws Exception {
    String file = dir.resolve("t.parquet").toString();
    String sql = "SELECT k, count(*) AS c, sum(v) AS s FROM '" + file + "' GROUP BY k ORDER BY k";
    write(file, "SELECT i % 3 AS k, i AS v FROM range(0, 5000) t(i)", 1000);
    sameAsDuckDb(sql);
    sameAsDuckDb(sql); // from the cache
    // a different size and schema
    write(file, "SELECT i % 4 AS k, i * 2 AS v, 'x' AS extra FROM range(0, 9000) t(i)", 2000);
    sameAsDuckDb(sql);
    sameAsDuckDb("SELECT extra, count(*) AS c FROM '" + file + "' GROUP BY extra");
  }

  @Test
  void aRewriteOfTheSameSizeIsSeenByItsModificationTime() throws Exception {
    String file = dir.resolve("same.parquet").toString();
    String sql = "SELECT sum(v) AS s, min(v) AS m FROM '" + file + "'";
    write(file, "SELECT i::BIGINT AS v FROM range(0, 3000) t(i)", 500);
    long size = Files.size(Path.of(file));
    FileTime first = Files.getLastModifiedTime(Path.of(file));
    sameAsDuckDb(sql);
    // same row count and widths; values shifted, which changes the data but not (necessarily) the size
    write(file, "SELECT (i + 1)::BIGINT AS v FROM range(0, 3000) t(i)", 500);
    if (Files.size(Path.of(file)) == size) {
      Files.setLastModifiedTime(Path.of(file), FileTime.fromMillis(first.toMillis() + 5000));
    }
    sameAsDuckDb(sql);
  }
}
