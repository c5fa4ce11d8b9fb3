package dev.quiver.bench.query;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** DuckDB (JDBC, in-process) with {@code SET threads = n}: the result set read to its last row. */
public final class DuckDbQueryEngine implements QueryEngine {
  private final int threads;
  private final Connection connection;

  /**
   * @param threads DuckDB's thread count, at least 1
   * @throws SQLException when DuckDB cannot start
   */
  public DuckDbQueryEngine(int threads) throws SQLException {
    this.threads = threads;
    this.connection = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement st = connection.createStatement()) {
      st.execute("SET threads = " + threads);
    }
  }

  @Override
  public String name() {
    return "duckdb-" + threads + "t";
  }

  @Override
  public List<List<Object>> run(String sql) throws SQLException {
    try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      return ResultRows.of(rs);
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
