package dev.quiver.exec;

import static dev.quiver.exec.Exprs.col;
import static dev.quiver.exec.Exprs.date;
import static dev.quiver.exec.Exprs.interval;
import static dev.quiver.exec.Exprs.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.parquet.testing.LeakCheckedAllocator;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Datasets, the DataFrame API, EXPLAIN, the memory limit and error messages. */
class EngineFeaturesTest {

  @BeforeAll
  static void open() throws SQLException {
    DuckDbComparisonTest.open();
  }

  @AfterAll
  static void close() throws SQLException {
    DuckDbComparisonTest.close();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void hivePartitionsAndUnifiedSchemasMatchDuckDb(int threads) throws SQLException {
    String duck = "FROM read_parquet('" + TestData.HIVE + "/**/*.parquet', hive_partitioning=true, "
        + "union_by_name=true)";
    String ours = "FROM '" + TestData.HIVE + "/**/*.parquet'";
    String[] queries = {
        "SELECT year, month, COUNT(*), SUM(k_int), COUNT(s), COUNT(dec), SUM(dec) {F} GROUP BY year, month "
            + "ORDER BY year, month",
        "SELECT id, s, dec, year FROM (SELECT * {F}) WHERE year = 2021 AND month IN (2, 3) AND id % 10 = 1 "
            + "ORDER BY id",
        "SELECT COUNT(*), MIN(id), MAX(id) {F} WHERE year >= 2022"};
    for (String q : queries) {
      List<List<Object>> expected = DuckDbComparisonTest.duckdb(q.replace("{F}", duck));
      List<List<Object>> actual = DuckDbComparisonTest.quiver(q.replace("{F}", ours), threads, 500);
      assertTrue(!expected.isEmpty());
      assertNull(Rows.diff(expected, actual), q);
    }
  }

  @Test
  void globsListThroughTheObjectStore() throws Exception {
    byte[] t = java.nio.file.Files.readAllBytes(java.nio.file.Path.of(TestData.T));
    byte[] empty = java.nio.file.Files.readAllBytes(java.nio.file.Path.of(TestData.EMPTY));
    dev.quiver.store.memory.InMemoryStore store = dev.quiver.store.ObjectStores.memoryStore("exec-glob-test");
    try {
      for (String key : List.of("data/a.parquet", "data/sub/b.parquet", "data/c.csv", "other/d.parquet")) {
        dev.quiver.store.ObjectStores.await(store.put(key, java.nio.ByteBuffer.wrap(t),
            dev.quiver.store.PutMode.OVERWRITE));
      }
      dev.quiver.store.ObjectStores.await(store.put("data/e.parquet", java.nio.ByteBuffer.wrap(empty),
          dev.quiver.store.PutMode.OVERWRITE));
      // * stays in one folder; ** crosses folders; the csv and the other folder never match
      assertNull(Rows.diff(List.of(List.of(BigDecimal.valueOf(5000))),
          DuckDbComparisonTest.quiver("SELECT COUNT(*) FROM 'memory://exec-glob-test/data/*.parquet'", 2, 4096)));
      assertNull(Rows.diff(List.of(List.of(BigDecimal.valueOf(2), BigDecimal.ONE)),
          DuckDbComparisonTest.quiver("SELECT COUNT(*), COUNT(DISTINCT id) FROM read_parquet("
              + "'memory://exec-glob-test/data/**/*.parquet') WHERE id = 7", 2, 4096)));
    } finally {
      dev.quiver.store.ObjectStores.removeMemoryStore("exec-glob-test");
    }
  }

  @Test
  void partitionFiltersSkipFilesAndStatisticsSkipRowGroups() {
    String hive = explainAnalyze("SELECT COUNT(*) FROM '" + TestData.HIVE + "/**/*.parquet' WHERE year = 2021");
    long read = counter(hive, "read");
    long skipped = counter(hive, "skipped");
    assertTrue(read > 0 && skipped > read, hive);
    // t.parquet: DuckDB writes row groups of 2,048 ids in order (0-2047, 2048-4095, 4096-4999)
    String t = explainAnalyze("SELECT COUNT(*) FROM '" + TestData.T + "' WHERE id < 500");
    assertEquals(1, counter(t, "read"), t);
    assertEquals(2, counter(t, "skipped"), t);
    String none = explainAnalyze("SELECT COUNT(*) FROM '" + TestData.T + "' WHERE id > 100000 OR id < -5");
    assertEquals(3, counter(none, "read"), "OR is not pruned: " + none);
  }

  private static long counter(String plan, String name) {
    Matcher m = Pattern.compile(name + "=(\\d+)").matcher(plan);
    assertTrue(m.find(), plan);
    return Long.parseLong(m.group(1));
  }

  private static String explainAnalyze(String sql) {
    try (LeakCheckedAllocator alloc = new LeakCheckedAllocator()) {
      return Session.create(alloc.get()).withThreads(1).sql(sql).explainAnalyze();
    }
  }

  @Test
  void explainStatementsReturnThePlanAsRows() {
    try (LeakCheckedAllocator alloc = new LeakCheckedAllocator()) {
      Session session = Session.create(alloc.get()).withThreads(2);
      List<String> lines = new ArrayList<>();
      try (QueryResult r = session.execute("EXPLAIN ANALYZE SELECT s, COUNT(*) FROM '" + TestData.T
          + "' WHERE id >= 4000 GROUP BY s ORDER BY s LIMIT 2")) {
        while (r.hasNext()) {
          try (VectorSchemaRoot root = r.next()) {
            VarCharVector v = (VarCharVector) root.getVector(0);
            for (int i = 0; i < root.getRowCount(); i++) {
              lines.add(new String(v.get(i), java.nio.charset.StandardCharsets.UTF_8));
            }
          }
        }
      }
      String plan = String.join("\n", lines);
      assertTrue(lines.get(0).startsWith("Limit 2"), plan);
      assertTrue(plan.contains("TopK") && plan.contains("HashAggregate") && plan.contains("filter=[(id >= 4000)]")
          && plan.contains("Scan"), plan);
      assertTrue(plan.contains("threads=2  [rows in=1000 out=5"), "the filter keeps ids 4000-4999: " + plan);
      assertTrue(plan.contains("skipped=1"), plan);
      String explain = session.sql("SELECT id FROM '" + TestData.T + "' WHERE id = 1").explain();
      assertTrue(explain.startsWith("Project") && !explain.contains("rows in"), explain);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void dataFrameQ6MatchesDuckDb(int threads) throws SQLException {
    List<List<Object>> expected = DuckDbComparisonTest.duckdb(
        dev.quiver.exec.bench.TpchQueries.q6(TestData.LINEITEM));
    List<List<Object>> actual = new ArrayList<>();
    try (LeakCheckedAllocator alloc = new LeakCheckedAllocator()) {
      DataFrame q6 = Session.create(alloc.get()).withThreads(threads).read(TestData.LINEITEM)
          .filter(col("l_shipdate").ge(date("1994-01-01"))
              .and(col("l_shipdate").lt(date("1994-01-01").plus(interval(12, 0, 0))))
              .and(col("l_discount").between(lit(new BigDecimal("0.05")), lit(new BigDecimal("0.07"))))
              .and(col("l_quantity").lt(lit(24))))
          .agg(Exprs.sum(col("l_extendedprice").times(col("l_discount"))).as("revenue"));
      try (QueryResult r = q6.execute()) {
        assertEquals("revenue", r.arrowSchema().getFields().get(0).getName());
        while (r.hasNext()) {
          try (VectorSchemaRoot root = r.next()) {
            Rows.add(root, actual);
          }
        }
      }
    }
    assertNull(Rows.diff(expected, actual));
  }

  @Test
  void dataFrameGroupOrderLimit() throws SQLException {
    List<List<Object>> expected = DuckDbComparisonTest.duckdb("SELECT s, SUM(dec) AS total, COUNT(*) FROM '"
        + TestData.T + "' WHERE s IS NOT NULL GROUP BY s ORDER BY total DESC LIMIT 2");
    List<List<Object>> actual = new ArrayList<>();
    try (LeakCheckedAllocator alloc = new LeakCheckedAllocator();
        QueryResult r = Session.create(alloc.get()).read(TestData.T).filter(col("s").isNotNull())
            .groupBy(col("s")).agg(Exprs.sum(col("dec")).as("total"), Exprs.countStar())
            .orderBy(Exprs.desc(col("total"))).limit(2).execute()) {
      while (r.hasNext()) {
        try (VectorSchemaRoot root = r.next()) {
          Rows.add(root, actual);
        }
      }
    }
    assertNull(Rows.diff(expected, actual));
  }

  @Test
  void memoryLimitFailsWithTheOperatorNamed() {
    try (LeakCheckedAllocator alloc = new LeakCheckedAllocator()) {
      Session small = Session.create(alloc.get()).withThreads(1).withBatchSize(500).withMemoryLimit(400_000);
      MemoryLimitException e = assertThrows(MemoryLimitException.class, () -> {
        try (QueryResult r = small.sql("SELECT * FROM '" + TestData.T + "' ORDER BY u").execute()) {
          while (r.hasNext()) {
            r.next().close();
          }
        }
      });
      assertTrue(e.getMessage().contains("memory limit of 400000 bytes exceeded in operator Sort"), e.getMessage());
      // the same limit is plenty for a streaming aggregate
      try (QueryResult r = small.sql("SELECT COUNT(*) FROM '" + TestData.T + "'").execute()) {
        try (VectorSchemaRoot root = r.next()) {
          assertEquals(5000L, root.getVector(0).getObject(0));
        }
      }
      Session tiny = small.withMemoryLimit(2_000);
      MemoryLimitException scan = assertThrows(MemoryLimitException.class, () -> {
        try (QueryResult r = tiny.sql("SELECT u FROM '" + TestData.T + "'").execute()) {
          while (r.hasNext()) {
            r.next().close();
          }
        }
      });
      assertTrue(scan.getMessage().contains("in operator Scan"), scan.getMessage());
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "SELECT s + 1 FROM '{T}'|operator + does not apply to VARCHAR and INTEGER in (s + 1)",
      "SELECT nope FROM '{T}'|unknown column 'nope'",
      "SELECT a.id FROM '{T}' a JOIN '{T}' b ON a.id = b.id|unsupported: JOIN",
      "SELECT id FROM '{T}' UNION SELECT id FROM '{T}'|unsupported: SetOperationList",
      "SELECT id, COUNT(*) FROM '{T}'|column id must appear in the GROUP BY clause",
      "SELECT id FROM '{T}' WHERE s|filter s has type VARCHAR, not BOOLEAN",
      "SELECT row_number() OVER () FROM '{T}'|unsupported SQL expression",
      "SELECT lower(id) FROM '{T}'|expected VARCHAR but id is BIGINT in lower(id)",
      "SELECT SUM(s) FROM '{T}'|SUM needs a number but its argument is VARCHAR",
      "SELECT id FROM '{T}' WHERE id IN (SELECT id FROM '{T}')|unsupported: IN with a subquery",
      "DELETE FROM x|only SELECT statements are supported",
      "SELEC 1|SQL syntax error",
      "SELECT CAST(dt AS BOOLEAN) FROM '{T}'|cannot cast DATE to BOOLEAN",
      "SELECT id FROM '/nonexistent/quiver/*.parquet'|no files match"})
  void errorsNameTheProblem(String sql, String message) {
    try (LeakCheckedAllocator alloc = new LeakCheckedAllocator()) {
      Session session = Session.create(alloc.get());
      QueryException e = assertThrows(QueryException.class, () -> {
        try (QueryResult r = session.sql(DuckDbComparisonTest.fill(sql)).execute()) {
          while (r.hasNext()) {
            r.next().close();
          }
        }
      });
      assertTrue(e.getMessage().contains(message), e.getMessage());
    }
  }
}
