package dev.quiver.bench.query;

/**
 * TPC-H Q1 and Q6 over one lineitem Parquet file, in the standard text (TPC-H 3.0.1, substitution parameters at
 * their validation values: Q1 DELTA = 90; Q6 DATE = 1994-01-01, DISCOUNT = 0.06, QUANTITY = 24), with DATE
 * literals and INTERVAL arithmetic as written in the spec; both Quiver and DuckDB run this text unchanged. The table
 * is the quoted file path.
 */
public final class TpchQueries {
  private TpchQueries() {}

  /** The query names. */
  public static final java.util.List<String> NAMES = java.util.List.of("Q1", "Q6");

  /** The SQL text of query {@code name} ({@code Q1} or {@code Q6}) over {@code file}. */
  public static String sql(String name, String file) {
    return switch (name) {
      case "Q1" -> q1(file);
      case "Q6" -> q6(file);
      default -> throw new IllegalArgumentException("no query " + name);
    };
  }

  /** Q1, the pricing summary report. */
  public static String q1(String file) {
    return "SELECT l_returnflag, l_linestatus, sum(l_quantity) AS sum_qty, sum(l_extendedprice) AS sum_base_price, "
        + "sum(l_extendedprice * (1 - l_discount)) AS sum_disc_price, "
        + "sum(l_extendedprice * (1 - l_discount) * (1 + l_tax)) AS sum_charge, avg(l_quantity) AS avg_qty, "
        + "avg(l_extendedprice) AS avg_price, avg(l_discount) AS avg_disc, count(*) AS count_order "
        + "FROM " + quote(file) + " WHERE l_shipdate <= DATE '1998-12-01' - INTERVAL '90' DAY "
        + "GROUP BY l_returnflag, l_linestatus ORDER BY l_returnflag, l_linestatus";
  }

  /** Q6, the forecasting revenue change query. */
  public static String q6(String file) {
    return "SELECT sum(l_extendedprice * l_discount) AS revenue FROM " + quote(file) + " "
        + "WHERE l_shipdate >= DATE '1994-01-01' AND l_shipdate < DATE '1994-01-01' + INTERVAL '1' YEAR "
        + "AND l_discount BETWEEN 0.06 - 0.01 AND 0.06 + 0.01 AND l_quantity < 24";
  }

  private static String quote(String file) {
    return "'" + file.replace("'", "''") + "'";
  }
}
