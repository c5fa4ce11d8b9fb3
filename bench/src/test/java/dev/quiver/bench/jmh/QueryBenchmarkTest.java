package dev.quiver.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.quiver.bench.query.ResultRows;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Runs {@link QueryBenchmark} once per query and thread count by Quiver and by DuckDB; the rows must agree. */
class QueryBenchmarkTest {
  @TempDir
  static Path data;

  @ParameterizedTest
  @CsvSource({"Q1,1,4", "Q1,2,4", "Q6,1,1", "Q6,2,1"})
  void quiverAgreesWithDuckDb(String query, int threads, int expectedRows) throws Exception {
    List<List<Object>> duck = once(query, "duckdb", threads);
    List<List<Object>> quiver = once(query, "quiver", threads);
    assertEquals(expectedRows, duck.size(), duck.toString());
    assertNull(ResultRows.difference(duck, quiver), () -> "duckdb " + duck + "\nquiver " + quiver);
  }

  private static List<List<Object>> once(String query, String engine, int threads) throws Exception {
    QueryBenchmark b = new QueryBenchmark();
    b.query = query;
    b.engine = engine;
    b.threads = threads;
    b.sf = 0.0005;
    b.dataFolder = data;
    b.setup();
    try {
      return b.run();
    } finally {
      b.tearDown();
    }
  }
}
