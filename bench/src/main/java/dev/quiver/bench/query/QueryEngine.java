package dev.quiver.bench.query;

import java.util.List;

/** An engine that runs a SQL query over Parquet files and hands back every result row. */
public interface QueryEngine extends AutoCloseable {
  /** The short name in the results: {@code quiver-1t}, {@code duckdb-2t}. */
  String name();

  /**
   * Runs {@code sql} to the last row and returns the rows in the engine's order, each value normalised by
   * {@link ResultRows#normalise}.
   *
   * @throws Exception when the engine fails
   */
  List<List<Object>> run(String sql) throws Exception;
}
