package dev.quiver.exec;

import io.trino.tpch.LineItem;
import io.trino.tpch.LineItemGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;

/**
 * Parquet files the tests query, written once per JVM by DuckDB (the engine the results are compared with) into a
 * temporary folder: a mixed-type table {@code t.parquet} (5,000 rows in 5 row groups, nulls, NaN, unicode), an
 * empty file with the same schema, a small TPC-H lineitem (scale factor 0.01 from the Trino generator, 3 row
 * groups), and a Hive-partitioned folder with a column missing from some files.
 */
final class TestData {
  static final Path DIR;
  static final String T;
  static final String EMPTY;
  static final String LINEITEM;
  static final String HIVE;

  static {
    try {
      DIR = Files.createTempDirectory("quiver-exec-test");
      DIR.toFile().deleteOnExit();
      T = DIR.resolve("t.parquet").toString();
      EMPTY = DIR.resolve("empty.parquet").toString();
      LINEITEM = DIR.resolve("lineitem.parquet").toString();
      HIVE = DIR.resolve("hive").toString();
      write();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private TestData() {}

  private static void write() throws IOException, SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t AS SELECT "
          + "i AS id, "
          + "CAST(i % 7 AS INTEGER) AS k_int, "
          + "CASE WHEN i % 11 = 0 THEN NULL ELSE CAST(i % 5 AS INTEGER) END AS n_int, "
          + "CASE WHEN i % 13 = 0 THEN NULL ELSE 'key' || (i % 4) END AS s, "
          + "CASE WHEN i % 23 = 0 THEN NULL ELSE CAST(((i * 37) % 100000) / 100.0 AS DECIMAL(9,2)) END AS dec, "
          + "CASE WHEN i % 17 = 0 THEN 'NaN'::DOUBLE WHEN i % 19 = 0 THEN NULL ELSE (i * 1.5) / 7 END AS d, "
          + "DATE '2020-01-01' + CAST(i % 1000 AS INTEGER) AS dt, "
          + "TIMESTAMP '2020-01-01 00:00:00' + to_seconds(i * 3607) AS ts, "
          + "i % 2 = 0 AS b, "
          + "CASE WHEN i % 3 = 0 THEN NULL ELSE i % 3 = 1 END AS nb, "
          + "CAST(NULL AS INTEGER) AS all_null, "
          + "'Ünïcödé' || i AS u "
          + "FROM range(5000) tbl(i)");
      st.execute("COPY t TO '" + T + "' (FORMAT parquet, ROW_GROUP_SIZE 1000)");
      st.execute("COPY (SELECT * FROM t WHERE false) TO '" + EMPTY + "' (FORMAT parquet)");

      Path csv = DIR.resolve("lineitem.csv");
      try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
        for (LineItem li : new LineItemGenerator(0.01, 1, 1)) {
          w.write(li.getOrderKey() + "|" + li.getPartKey() + "|" + li.getSupplierKey() + "|" + li.getLineNumber()
              + "|" + li.getQuantity() + ".00|" + cents(li.getExtendedPriceInCents()) + "|"
              + cents(li.getDiscountPercent()) + "|" + cents(li.getTaxPercent()) + "|" + li.getReturnFlag() + "|"
              + li.getStatus() + "|" + LocalDate.ofEpochDay(li.getShipDate()) + "|"
              + LocalDate.ofEpochDay(li.getCommitDate()) + "|" + LocalDate.ofEpochDay(li.getReceiptDate()) + "|"
              + li.getShipInstructions() + "|" + li.getShipMode() + "|" + li.getComment() + "\n");
        }
      }
      st.execute("CREATE TABLE lineitem (l_orderkey BIGINT, l_partkey BIGINT, l_suppkey BIGINT, l_linenumber "
          + "INTEGER, l_quantity DECIMAL(15,2), l_extendedprice DECIMAL(15,2), l_discount DECIMAL(15,2), l_tax "
          + "DECIMAL(15,2), l_returnflag VARCHAR, l_linestatus VARCHAR, l_shipdate DATE, l_commitdate DATE, "
          + "l_receiptdate DATE, l_shipinstruct VARCHAR, l_shipmode VARCHAR, l_comment VARCHAR)");
      st.execute("COPY lineitem FROM '" + csv + "' (DELIMITER '|', HEADER false, QUOTE '')");
      st.execute("COPY lineitem TO '" + LINEITEM + "' (FORMAT parquet, ROW_GROUP_SIZE 25000)");

      Files.createDirectories(Path.of(HIVE));
      st.execute("COPY (SELECT id, k_int, s, CAST(EXTRACT(year FROM dt) AS INTEGER) AS year, "
          + "CAST(EXTRACT(month FROM dt) AS INTEGER) AS month FROM t WHERE id < 3000) TO '" + HIVE
          + "' (FORMAT parquet, PARTITION_BY (year, month))");
      // a later file with an extra column and without s: schemas unify, missing columns read as nulls
      Path extra = Path.of(HIVE, "year=2023", "month=1");
      Files.createDirectories(extra);
      st.execute("COPY (SELECT id, k_int, dec FROM t WHERE id >= 3000) TO '" + extra.resolve("extra.parquet")
          + "' (FORMAT parquet)");
    }
  }

  private static String cents(long v) {
    return (v / 100) + "." + String.format("%02d", v % 100);
  }
}
