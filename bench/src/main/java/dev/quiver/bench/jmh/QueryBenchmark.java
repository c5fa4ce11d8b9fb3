package dev.quiver.bench.jmh;

import dev.quiver.bench.data.Codec;
import dev.quiver.bench.data.DatasetFile;
import dev.quiver.bench.data.Datasets;
import dev.quiver.bench.data.Writer;
import dev.quiver.bench.query.DuckDbQueryEngine;
import dev.quiver.bench.query.QueryEngine;
import dev.quiver.bench.query.QuiverQueryEngine;
import dev.quiver.bench.query.TpchQueries;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * TPC-H {@code query} (Q1 or Q6, {@link TpchQueries}) over the DuckDB-written SNAPPY lineitem file at scale factor
 * {@code sf} from the dataset cache, by {@code engine} ({@code quiver}: Quiver's engine; {@code duckdb}: DuckDB
 * JDBC) with {@code threads} threads. Score: milliseconds per query, SQL text to last result row read.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.nio=ALL-UNNAMED")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class QueryBenchmark {
  /** The query: {@code Q1} or {@code Q6}. */
  @Param({"Q1", "Q6"})
  public String query;

  /** The engine: {@code quiver} or {@code duckdb}. */
  @Param({"quiver", "duckdb"})
  public String engine;

  /** The engine's thread count. */
  @Param({"1", "2"})
  public int threads;

  /** The TPC-H scale factor. */
  @Param({"1"})
  public double sf;

  /** Where datasets are cached; null: the default. */
  public java.nio.file.Path dataFolder;

  DatasetFile file;
  QueryEngine runner;
  String sql;

  /**
   * Generates (once) the file and starts the engine.
   *
   * @throws java.sql.SQLException when DuckDB cannot start
   */
  @Setup
  public void setup() throws java.sql.SQLException {
    Datasets datasets = new Datasets(dataFolder != null ? dataFolder : BenchData.folder(), sf);
    file = datasets.ensureFlat(datasets.lineitem(), List.of(new Datasets.Variant(Writer.DUCKDB, Codec.SNAPPY)),
        System.err).get(0);
    runner = switch (engine) {
      case "quiver" -> new QuiverQueryEngine(threads);
      case "duckdb" -> new DuckDbQueryEngine(threads);
      default -> throw new IllegalArgumentException("no query engine " + engine);
    };
    sql = TpchQueries.sql(query, file.path().toString());
  }

  /**
   * Stops the engine.
   *
   * @throws Exception when it cannot close (Quiver: a leak)
   */
  @TearDown
  public void tearDown() throws Exception {
    runner.close();
  }

  /**
   * Runs the query once.
   *
   * @return the result rows
   * @throws Exception when the engine fails
   */
  @Benchmark
  public List<List<Object>> run() throws Exception {
    return runner.run(sql);
  }
}
