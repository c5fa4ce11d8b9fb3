package dev.quiver.bench.data;

/**
 * The flat column types of the generated tables, each with its Java value class in a row, its DuckDB SQL type and
 * its Parquet type as parquet-java writes it. TPC-H types follow DuckDB's mapping (DECIMAL(15,2), DATE, VARCHAR).
 */
public enum ColumnType {
  /** {@link Integer}; DuckDB INTEGER; Parquet INT32. */
  INT32("INTEGER"),
  /** {@link Long}; DuckDB BIGINT; Parquet INT64. */
  INT64("BIGINT"),
  /** {@link Long} unscaled hundredths; DuckDB DECIMAL(15,2); Parquet INT64 DECIMAL(15,2). */
  DECIMAL_15_2("DECIMAL(15,2)"),
  /** {@link Integer} days since 1970-01-01; DuckDB DATE; Parquet INT32 DATE. */
  DATE("DATE"),
  /** {@link Double}; DuckDB DOUBLE; Parquet DOUBLE. */
  DOUBLE("DOUBLE"),
  /** {@link String}; DuckDB VARCHAR; Parquet BYTE_ARRAY STRING. */
  VARCHAR("VARCHAR");

  private final String sql;

  ColumnType(String sql) {
    this.sql = sql;
  }

  /** The DuckDB SQL type name. */
  public String sql() {
    return sql;
  }
}
