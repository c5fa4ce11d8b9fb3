package dev.quiver.exec;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.parquet.testing.LeakCheckedAllocator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The aggregation and arithmetic fast paths against DuckDB, each next to the batches that must take the general
 * path: one-byte string keys (the direct table by key bytes) and keys of 64-bit values only (the group-id cache in
 * front of the hash table) in runs of batches alternating with batches holding NULL keys, two-byte strings or
 * strings over 7 bytes (the cache, the hash table's full path), so groups made by one path are found by the others; many distinct keys (the cache switched off); one, two and three key columns;
 * arithmetic with a constant operand on either side, and its overflow failures; aggregate arguments sharing
 * subexpressions (computed once per batch), at 1 and 2 threads; comparisons with a constant on either side, nulls
 * included.
 */
class FastPathsTest {
  private static Path dir;
  private static String file;

  @BeforeAll
  static void write() throws Exception {
    DuckDbComparisonTest.open();
    dir = Files.createTempDirectory("quiver-fast-paths");
    file = dir.resolve("keys.parquet").toString();
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      // f, g, h: one-letter flags (the direct table by key bytes); in rows 6000..8999 f is sometimes NULL and g
      // sometimes a long string (the general path), in rows 12000..13999 h is sometimes two letters (the cache);
      // p: DECIMAL(15,2) prices; wd: a DECIMAL(30,2) (128-bit) column
      st.execute("COPY (SELECT i, "
          + "CASE WHEN i BETWEEN 6000 AND 8999 AND i % 13 = 0 THEN NULL ELSE chr((65 + (i * 7) % 3)::INTEGER) END AS f, "
          + "CASE WHEN i BETWEEN 6000 AND 8999 AND i % 11 = 0 THEN 'a long status value' "
          + "ELSE chr((79 + i % 2)::INTEGER) END AS g, "
          + "CASE WHEN i BETWEEN 12000 AND 13999 AND i % 5 = 0 THEN 'xy' ELSE chr((88 + i % 2)::INTEGER) END AS h, "
          + "(i % 5)::INTEGER AS k, (i * 37 % 100003)::BIGINT AS wide, "
          + "((i * 7919) % 10000000 / 100.0)::DECIMAL(15,2) AS p, ((i % 11) / 100.0)::DECIMAL(15,2) AS disc, "
          + "CASE WHEN i % 9 = 0 THEN NULL ELSE ((i % 9) / 100.0)::DECIMAL(15,2) END AS tax, "
          + "CASE WHEN i % 2 = 0 THEN 4611686018427387904 ELSE i END::BIGINT AS big, "
          + "CASE WHEN i % 17 = 0 THEN NULL ELSE 'ü' || (i % 50)::VARCHAR END AS s, md5(i::VARCHAR) AS u, "
          + "((i % 11) / 100.0)::DECIMAL(30,2) AS wd "
          + "FROM range(0, 20000) t(i)) TO '" + file + "' (FORMAT parquet, ROW_GROUP_SIZE 4000)");
    }
  }

  @AfterAll
  static void close() throws Exception {
    Files.deleteIfExists(Path.of(file));
    Files.deleteIfExists(dir.resolve("groups-1.parquet"));
    Files.deleteIfExists(dir.resolve("groups-2.parquet"));
    Files.deleteIfExists(dir);
    DuckDbComparisonTest.close();
  }

  @ParameterizedTest(name = "{0} threads={1}")
  @CsvSource(delimiter = '|', value = {
      "SELECT f, g, count(*) AS c, sum(p) AS s, avg(disc) AS a FROM '%s' GROUP BY f, g ORDER BY f NULLS FIRST, g|1",
      "SELECT f, g, count(*) AS c, sum(p) AS s, avg(disc) AS a FROM '%s' GROUP BY f, g ORDER BY f NULLS FIRST, g|2",
      "SELECT f, count(*) AS c, sum(tax) AS s, count(tax) AS ct FROM '%s' GROUP BY f ORDER BY f NULLS LAST|1",
      "SELECT h, g, count(*) AS c, sum(p) AS s FROM '%s' GROUP BY h, g ORDER BY h, g|1",
      "SELECT h, count(*) AS c, min(i) AS m FROM '%s' GROUP BY h ORDER BY h|2",
      "SELECT g, h, count(*) AS c FROM '%s' WHERE i % 10 = 0 GROUP BY g, h ORDER BY g, h|1",
      "SELECT i, g, h, f FROM '%s' WHERE i % 97 = 0 OR i BETWEEN 12000 AND 12040 ORDER BY i|2",
      "SELECT g, f, k, count(*) AS c, max(p) AS m FROM '%s' GROUP BY g, f, k ORDER BY g, f NULLS FIRST, k|2",
      "SELECT k, count(*) AS c, sum(p) AS s FROM '%s' WHERE i % 3 <> 1 GROUP BY k ORDER BY k|1",
      "SELECT wide, count(*) AS c FROM '%s' GROUP BY wide ORDER BY c DESC, wide LIMIT 20|1",
      "SELECT wide % 7 AS w, k, count(*) AS c FROM '%s' GROUP BY wide % 7, k ORDER BY w, k|2",
      "SELECT i % 3000 AS m, f, count(*) AS c, sum(disc) AS s FROM '%s' GROUP BY i % 3000, f "
          + "ORDER BY m, f NULLS FIRST LIMIT 50|1",
      "SELECT f, g, sum(p * (1 - disc)) AS a, sum(p * (1 - disc) * (1 + tax)) AS b, sum(2 * p - 1) AS c, "
          + "sum(p + 3) AS d FROM '%s' WHERE i < 15000 GROUP BY f, g ORDER BY f NULLS FIRST, g|1",
      "SELECT k, sum(p * (1 - disc)) AS a, avg(p * (1 - disc)) AS b, sum(p * (1 - disc) * (1 + tax)) AS c, "
          + "count(p * (1 - disc) * (1 + tax)) AS d, max(p * (1 - disc)) AS e FROM '%s' GROUP BY k ORDER BY k|2",
      "SELECT sum(p * disc) AS r, sum(1 - p) AS q, sum(k * 3) AS t, sum(7 - k) AS u FROM '%s' "
          + "WHERE disc BETWEEN 0.02 AND 0.08 AND k < 4|2",
      "SELECT i, 5 - i AS a, i * 3 AS b, 2 + i AS c, p - 1.5 AS d, 100 * p AS e FROM '%s' WHERE i % 997 = 0 "
          + "ORDER BY i|1",
      "SELECT count(*) AS c, sum(i) AS s FROM '%s' WHERE 0.03 >= tax AND 1 < k AND 12000 > i AND 9 <> k|1",
      "SELECT k, count(*) AS c, count(tax) AS t FROM '%s' WHERE 3 = k OR 0.05 <= tax OR 2 > k OR 500 >= i "
          + "GROUP BY k ORDER BY k|2",
      "SELECT k, tax < 0.04 AS a, 0.04 < tax AS b, 0.05 = tax AS c, count(*) AS n FROM '%s' "
          + "GROUP BY k, tax < 0.04, 0.04 < tax, 0.05 = tax ORDER BY k, a NULLS FIRST, b NULLS FIRST, c NULLS FIRST|1",
      // exact sums in one pass for two null-free columns: paired with a column whose partial sums are not proven
      // exact (big: the 128-bit row loop), with a nullable column (alone), SUM and AVG of one column sharing sums
      "SELECT f, g, sum(big) AS a, sum(p) AS b, avg(big) AS c, sum(tax) AS d, avg(p) AS e, sum(i) AS h, "
          + "avg(tax) AS t FROM '%s' GROUP BY f, g ORDER BY f NULLS FIRST, g|1",
      "SELECT sum(big) AS a, sum(p) AS b, sum(tax) AS c, avg(tax) AS d, sum(i) AS e, avg(big) AS f, count(*) AS n "
          + "FROM '%s' WHERE k <> 2|2",
      "SELECT k, sum(p) AS a, sum(disc) AS b, avg(tax) AS c FROM '%s' WHERE i < 0 GROUP BY k ORDER BY k|1",
      // four null-free columns summed in one pass (one of them unproven: big), then three and five of them
      "SELECT g, sum(p) AS a, sum(disc) AS b, sum(big) AS c, sum(i) AS d, sum(k) AS e, avg(p * disc) AS f, "
          + "sum(p * 2) AS h FROM '%s' GROUP BY g ORDER BY g|1",
      "SELECT sum(p) AS a, sum(disc) AS b, sum(i) AS d, avg(i) AS e, sum(k) AS f, sum(p + 1) AS h FROM '%s'|2",
      "SELECT f, sum(p) AS a, sum(disc) AS b, sum(i) AS d, sum(k) AS e, sum(p * disc) AS h, sum(tax) AS t "
          + "FROM '%s' WHERE i % 7 <> 3 GROUP BY f ORDER BY f NULLS FIRST|1",
      "SELECT sum(p) AS a, sum(disc) AS b, avg(tax) AS c, count(*) AS n FROM '%s' WHERE i < 0|1",
      // an aggregate right above a scan builds each batch's columns on reused arrays: filters that empty most
      // batches (their arrays given back), products of products, at 1 and 2 threads; and one whose input is a
      // sort (buffered batches: no reuse)
      "SELECT g, sum(p * (1 - disc) * (1 + tax)) AS a, sum(p * disc) AS b, count(*) AS c, max(p * 2) AS m "
          + "FROM '%s' WHERE i BETWEEN 3000 AND 3100 OR i > 19500 OR i % 1999 = 0 GROUP BY g ORDER BY g|1",
      "SELECT f, k, sum(p * (1 - disc)) AS a, avg(k * 1000000) AS b, min(i - 7) AS c FROM '%s' "
          + "WHERE i % 4 <> 0 GROUP BY f, k ORDER BY f NULLS FIRST, k|2",
      "SELECT g, sum(a) AS s, count(*) AS c FROM (SELECT g, p * (1 - disc) AS a FROM '%s' ORDER BY i DESC) "
          + "GROUP BY g ORDER BY g|1",
      // late materialisation through the reader's selective batches: later conjuncts' columns (nullable tax and f)
      // and the other columns decoded at the few rows still selected, strings included; batches emptied early
      "SELECT i, tax, f, g, p FROM '%s' WHERE i % 50 = 0 AND tax > 0.03 AND f <> 'B' ORDER BY i|1",
      "SELECT i, h, disc FROM '%s' WHERE i BETWEEN 12100 AND 12130 AND h = 'xy' OR i % 3001 = 7 ORDER BY i|2",
      // strings read as dictionary indices and looked up: multi-byte values with nulls, a dictionary of thousands
      // of distinct values, one-byte flags with nulls, whole and at selected rows
      "SELECT s, count(*) AS c, min(u) AS m, max(u) AS x, count(f) AS nf FROM '%s' GROUP BY s ORDER BY s NULLS FIRST|1",
      "SELECT i, s, u, f FROM '%s' WHERE i % 211 = 3 OR u < '01' ORDER BY i|2",
      "SELECT u, s, f FROM '%s' WHERE i BETWEEN 7000 AND 7100 ORDER BY u|1",
      // constant-range conjuncts tested in one fused loop, consecutive ones on a column merged: nullable column,
      // constant on the left, BETWEEN, an empty range, equality, a constant of a finer scale (general path), the
      // largest BIGINT
      "SELECT count(*) AS c, sum(p) AS s FROM '%s' WHERE tax >= 0.02 AND tax < 0.06 AND 4 > k AND disc BETWEEN 0.03 "
          + "AND 0.08 AND disc <> 0.05|1",
      "SELECT count(*) AS c FROM '%s' WHERE i > 15000 AND i < 12000|1",
      "SELECT i, k FROM '%s' WHERE k = 3 AND i >= 19000 AND i <= 19100 AND disc > 0.055 ORDER BY i|2",
      "SELECT count(*) AS c, min(i) AS m FROM '%s' WHERE big >= 4611686018427387904 AND 100 >= i AND i > 10|1",
      "SELECT count(*) AS c FROM '%s' WHERE big > 9223372036854775806 OR i = 5|1",
      // columns only the filter reads are dropped once no later conjunct needs them (i read by the first and third
      // conjunct, k by the second), under an aggregate, a sort and a projection; a filter column also returned
      "SELECT g, count(*) AS c, sum(p) AS s FROM '%s' WHERE i % 3 = 0 AND k < 3 AND i > 100 GROUP BY g ORDER BY g|1",
      "SELECT p FROM '%s' WHERE k = 2 AND i % 13 = 1 ORDER BY p LIMIT 30|2",
      "SELECT upper(f) AS u, count(*) AS c FROM '%s' WHERE k > 1 AND tax IS NOT NULL AND f IS NOT NULL "
          + "GROUP BY upper(f) ORDER BY u|1",
      // conjuncts on one dictionary-encoded fixed-width column run inside the reader (each dictionary entry tested
      // once, only passing values decoded): merged ranges of a 128-bit decimal (every merged conjunct applied), a
      // filter column also returned and read by a later conjunct, nullable columns; conjuncts a null passes stay in
      // the scan
      "SELECT count(*) AS c, sum(wd) AS s FROM '%s' WHERE wd >= 0.02 AND wd < 0.06|1",
      "SELECT i, wd, k FROM '%s' WHERE wd BETWEEN 0.03 AND 0.05 AND k <> 1 AND i % 101 = 0 ORDER BY i|2",
      "SELECT i, disc FROM '%s' WHERE disc > 0.04 AND disc * 2 < 0.15 AND i % 37 = 1 ORDER BY i|1",
      "SELECT count(*) AS c, count(tax) AS t FROM '%s' WHERE tax IS NULL OR tax > 0.06|2",
      "SELECT count(*) AS c FROM '%s' WHERE coalesce(tax, 0.5) = 0.5 AND k IN (1, 2)|1",
      "SELECT k, count(*) AS c, sum(tax) AS s FROM '%s' WHERE tax <> 0.03 AND k IN (0, 3, 4) GROUP BY k ORDER BY k|2",
  })
  void sameRowsAsDuckDb(String template, int threads) throws SQLException {
    String sql = template.replace("%s", file);
    assertNull(Rows.diff(DuckDbComparisonTest.duckdb(sql), DuckDbComparisonTest.quiver(sql, threads, 700)), sql);
  }

  /**
   * A file of one row group (and one of two) scanned by 2 and 3 threads: the row group is split into ranges of rows at
   * multiples of the batch size, each thread reading some; every row is read exactly once, whole and filtered
   * (late materialisation and conjuncts in the reader), ordered, and EXPLAIN ANALYZE counts each row group once.
   */
  @ParameterizedTest(name = "{0} threads={1} groups={2}")
  @CsvSource(delimiter = '|', value = {
      "SELECT count(*) AS c, sum(i) AS s, sum(p) AS t, min(u) AS m FROM '%s'|2|1",
      "SELECT count(*) AS c, sum(i) AS s, sum(p) AS t, min(u) AS m FROM '%s'|3|2",
      "SELECT k, count(*) AS c, sum(p * disc) AS r FROM '%s' WHERE disc BETWEEN 0.03 AND 0.07 AND k < 4 "
          + "GROUP BY k ORDER BY k|2|1",
      "SELECT k, count(*) AS c, sum(p * disc) AS r FROM '%s' WHERE disc BETWEEN 0.03 AND 0.07 AND k < 4 "
          + "GROUP BY k ORDER BY k|3|2",
      "SELECT i, f, tax FROM '%s' WHERE i % 997 = 1 ORDER BY i|3|1",
      "SELECT i, g FROM '%s' ORDER BY i DESC LIMIT 5 OFFSET 700|2|2",
  })
  void rowGroupsSplitIntoRangesForThreads(String template, int threads, int groups) throws Exception {
    Path one = dir.resolve("groups-" + groups + ".parquet");
    if (!Files.exists(one)) {
      try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
          Statement st = c.createStatement()) {
        st.execute("COPY (SELECT * FROM '" + file + "') TO '" + one + "' (FORMAT parquet, ROW_GROUP_SIZE "
            + (20000 / groups) + ")");
      }
    }
    String sql = template.replace("%s", one.toString());
    assertNull(Rows.diff(DuckDbComparisonTest.duckdb(sql), DuckDbComparisonTest.quiver(sql, threads, 700)), sql);
    try (LeakCheckedAllocator alloc = new LeakCheckedAllocator()) {
      Session session = Session.create(alloc.get()).withThreads(threads).withBatchSize(700);
      String plan = session.sql(sql).explainAnalyze();
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("row_groups read=(\\d+) ").matcher(plan);
      int read = 0;
      while (m.find()) {
        read += Integer.parseInt(m.group(1));
      }
      org.junit.jupiter.api.Assertions.assertEquals(groups, read, plan);
    }
    // the units the scans share: with fewer row groups than threads, each row group cut at multiples of the batch
    // size into ceil(threads / groups) contiguous ranges covering it
    try (dev.quiver.exec.dataset.Dataset ds = dev.quiver.exec.dataset.Dataset.open(one.toString())) {
      List<dev.quiver.exec.dataset.ScanUnit> whole = new ArrayList<>();
      org.junit.jupiter.api.Assertions.assertEquals(groups, ds.files().get(0).metadata().rowGroups().size());
      for (int g = 0; g < groups; g++) {
        whole.add(new dev.quiver.exec.dataset.ScanUnit(ds.files().get(0), List.of(g), 1));
      }
      List<dev.quiver.exec.dataset.ScanUnit> units = dev.quiver.exec.dataset.ScanUnit.balance(whole, threads, 700);
      if (groups >= threads) {
        org.junit.jupiter.api.Assertions.assertSame(whole, units, "no row group split");
        return;
      }
      int pieces = (threads + groups - 1) / groups;
      StringBuilder shape = new StringBuilder();
      for (dev.quiver.exec.dataset.ScanUnit u : units) {
        shape.append(u.rowGroups()).append(':').append(u.firstRow()).append('+').append(u.rows()).append(' ');
      }
      org.junit.jupiter.api.Assertions.assertEquals(groups * pieces, units.size(), shape.toString());
      long next = 0;
      int group = 0;
      for (dev.quiver.exec.dataset.ScanUnit u : units) {
        org.junit.jupiter.api.Assertions.assertEquals(List.of(group), u.rowGroups(), shape.toString());
        org.junit.jupiter.api.Assertions.assertEquals(next, u.firstRow(), shape.toString());
        org.junit.jupiter.api.Assertions.assertEquals(0, u.firstRow() % 700, shape.toString());
        org.junit.jupiter.api.Assertions.assertTrue(u.rows() > 0, shape.toString());
        next += u.rows();
        if (next == ds.files().get(0).metadata().rowGroups().get(group).numRows()) {
          next = 0;
          group++;
        }
      }
      org.junit.jupiter.api.Assertions.assertEquals(groups, group, shape.toString());
    }
  }

  /**
   * Strings come as dictionary indices only from chunks whose pages are all dictionary-encoded: a row group of
   * 300,000 distinct PLAIN strings (DuckDB writes high-cardinality strings PLAIN) asked as a dictionary was interned
   * into a dictionary growing with the row group and copied per batch (about 40 MiB of Arrow memory at the peak),
   * so a query within an 8 MiB memory limit failed; read as strings it stays within one batch.
   */
  @org.junit.jupiter.api.Test
  void plainStringChunksAreNotReadAsDictionaries() throws Exception {
    Path plain = dir.resolve("plain-strings.parquet");
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      st.execute("COPY (SELECT i, md5(i::VARCHAR) || md5((i + 1)::VARCHAR) AS s, chr((65 + i % 3)::INTEGER) AS f "
          + "FROM range(0, 300000) t(i)) TO '" + plain + "' (FORMAT parquet, ROW_GROUP_SIZE 300000)");
    }
    try {
      String sql = "SELECT f, count(*) AS c, max(s) AS m, min(s) AS n FROM '" + plain + "' WHERE i % 1000 <> 7 "
          + "GROUP BY f ORDER BY f";
      List<List<Object>> rows = new ArrayList<>();
      try (LeakCheckedAllocator alloc = new LeakCheckedAllocator()) {
        Session session = Session.create(alloc.get()).withThreads(1).withMemoryLimit(8L << 20);
        try (QueryResult r = session.sql(sql).execute()) {
          while (r.hasNext()) {
            try (VectorSchemaRoot root = r.next()) {
              Rows.add(root, rows);
            }
          }
        }
      }
      assertNull(Rows.diff(DuckDbComparisonTest.duckdb(sql), rows), sql);
    } finally {
      Files.deleteIfExists(plain);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT big * 2 FROM '%s'",
      "SELECT 2 * big FROM '%s'",
      "SELECT big + 4611686018427387904 FROM '%s'",
      "SELECT -4611686018427387905 - big FROM '%s'",
      "SELECT sum(big * 3) FROM '%s'",
      "SELECT k * 2147483647 FROM '%s'",
  })
  void constantOperandOverflowFailsLikeDuckDb(String template) {
    String sql = template.replace("%s", file);
    assertThrows(SQLException.class, () -> DuckDbComparisonTest.duckdb(sql), "DuckDB should fail: " + sql);
    QueryException e = assertThrows(QueryException.class, () -> DuckDbComparisonTest.quiver(sql, 1, 700));
    assertTrue(e.getMessage().contains("overflow"), e.getMessage());
  }
}
