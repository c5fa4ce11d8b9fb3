package dev.quiver.bench.data;

/** Which library writes a dataset file, and how (page version, encodings). */
public enum Writer {
  /** DuckDB's {@code COPY ... (FORMAT parquet)}: data pages v1, dictionary then PLAIN. */
  DUCKDB("duckdb"),
  /** parquet-java, data pages v1, dictionary then PLAIN ({@code PARQUET_1_0}). */
  PARQUET_JAVA_V1("pj-v1"),
  /** parquet-java, data pages v2 with the v1 encodings (dictionary then PLAIN). */
  PARQUET_JAVA_V2("pj-v2"),
  /** parquet-java {@code PARQUET_2_0} as is: data pages v2, dictionary then DELTA_* fallback encodings. */
  PARQUET_JAVA_V2_DELTA("pj-v2delta");

  private final String label;

  Writer(String label) {
    this.label = label;
  }

  /** The short name used in file names and tables. */
  public String label() {
    return label;
  }
}
