package dev.quiver.bench.engine;

import dev.quiver.bench.checksum.Digest;
import dev.quiver.bench.data.DatasetFile;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DuckDB (JDBC, in-process): the checksum computed in SQL, one aggregate per column over
 * {@code read_parquet(file)}, which forces every value to be decoded. The per-value hash is DuckDB's own
 * {@code hash()}, applied to each column's canonical form (integers widened to BIGINT, dates as days since
 * 1970-01-01, decimals of up to 18 digits as DECIMAL(18, s)) so that it equals {@link
 * dev.quiver.bench.checksum.Hashes}. Threads: {@code SET threads = 1}, or DuckDB's default (all cores).
 * Nested columns (lists, structs) fold, per leaf, the hashes of its non-null values, as
 * {@link dev.quiver.bench.checksum.ArrowDigester} does, with {@code list_transform}/{@code list_sum} over each row's
 * lists.
 */
public final class DuckDbEngine implements Engine {
  private static final Pattern DECIMAL = Pattern.compile("DECIMAL\\((\\d+),\\s*(\\d+)\\)");

  private final int threads;
  private final Connection connection;
  private final Map<Path, Map<String, String>> types = new HashMap<>();

  /**
   * @param threads the DuckDB thread count, or 0 for DuckDB's default
   * @throws SQLException when DuckDB cannot start
   */
  public DuckDbEngine(int threads) throws SQLException {
    this.threads = threads;
    this.connection = DriverManager.getConnection("jdbc:duckdb:");
    if (threads > 0) {
      try (Statement st = connection.createStatement()) {
        st.execute("SET threads = " + threads);
      }
    }
  }

  @Override
  public String name() {
    return threads > 0 ? "duckdb-" + threads + "t" : "duckdb-" + Runtime.getRuntime().availableProcessors() + "t";
  }

  @Override
  public Digest scan(DatasetFile file, List<String> columns) throws Exception {
    Map<String, String> columnTypes = columnTypes(file.path());
    List<String> names = columns != null ? columns : new ArrayList<>(columnTypes.keySet());
    StringBuilder sql = new StringBuilder("SELECT count(*)");
    List<String> leafNames = new ArrayList<>();
    for (String name : names) {
      String type = columnTypes.get(name);
      if (type == null) {
        throw new IllegalArgumentException("no column " + name + " in " + file.path());
      }
      if (DuckDbTypes.isNested(type)) {
        Map<String, String> leaves = new LinkedHashMap<>();
        DuckDbTypes.leafSums(quote(name), type, name, 0, leaves);
        for (Map.Entry<String, String> leaf : leaves.entrySet()) {
          leafNames.add(leaf.getKey());
          sql.append(", sum(").append(leaf.getValue()).append(')');
        }
      } else {
        leafNames.add(name);
        sql.append(", sum(").append(hashExpression(quote(name), type)).append(')');
      }
    }
    sql.append(" FROM read_parquet('").append(file.path().toString().replace("'", "''")).append("')");
    Digest digest = new Digest();
    try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql.toString())) {
      rs.next();
      digest.rows(rs.getLong(1));
      for (int i = 0; i < leafNames.size(); i++) {
        String s = rs.getString(i + 2);
        digest.add(leafNames.get(i), s == null ? 0 : new BigInteger(s).longValue());
      }
    }
    return digest;
  }

  /**
   * The SQL expression hashing one value of column {@code col} of DuckDB type {@code type} as
   * {@link dev.quiver.bench.checksum.Hashes} does.
   *
   * @throws UnsupportedByEngineException for nested and other types without a canonical form here
   */
  static String hashExpression(String col, String type) throws UnsupportedByEngineException {
    switch (type) {
      case "BIGINT", "DOUBLE", "FLOAT", "VARCHAR", "BLOB":
        return "hash(" + col + ")";
      case "INTEGER", "SMALLINT", "TINYINT", "BOOLEAN", "UTINYINT", "USMALLINT", "UINTEGER":
        return "hash(CAST(" + col + " AS BIGINT))";
      case "DATE":
        return "hash(CAST(" + col + " - DATE '1970-01-01' AS BIGINT))";
      default:
        break;
    }
    Matcher m = DECIMAL.matcher(type);
    if (m.matches() && Integer.parseInt(m.group(1)) <= 18) {
      return "hash(CAST(" + col + " AS DECIMAL(18, " + m.group(2) + ")))";
    }
    throw new UnsupportedByEngineException("no canonical checksum in SQL for " + type, null);
  }

  static String quote(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  private Map<String, String> columnTypes(Path file) throws SQLException {
    Map<String, String> cached = types.get(file);
    if (cached != null) {
      return cached;
    }
    Map<String, String> out = new LinkedHashMap<>();
    try (Statement st = connection.createStatement();
         ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM read_parquet('"
             + file.toString().replace("'", "''") + "')")) {
      while (rs.next()) {
        out.put(rs.getString("column_name"), rs.getString("column_type"));
      }
    }
    types.put(file, out);
    return out;
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
