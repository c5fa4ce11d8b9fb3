package dev.quiver.bench.data;

import io.trino.tpch.LineItem;
import io.trino.tpch.LineItemGenerator;
import java.util.Iterator;
import java.util.List;

/**
 * TPC-H {@code lineitem} from {@code io.trino.tpch} (a Java port of dbgen: the same rows as dbgen at the same scale
 * factor; 6,001,215 at SF1), in DuckDB's types: keys BIGINT (l_linenumber INTEGER), prices DECIMAL(15,2), dates
 * DATE, flags and text VARCHAR. No nulls.
 */
public final class LineitemTable implements Table {
  private static final List<Column> COLUMNS = List.of(
      new Column("l_orderkey", ColumnType.INT64, false),
      new Column("l_partkey", ColumnType.INT64, false),
      new Column("l_suppkey", ColumnType.INT64, false),
      new Column("l_linenumber", ColumnType.INT32, false),
      new Column("l_quantity", ColumnType.DECIMAL_15_2, false),
      new Column("l_extendedprice", ColumnType.DECIMAL_15_2, false),
      new Column("l_discount", ColumnType.DECIMAL_15_2, false),
      new Column("l_tax", ColumnType.DECIMAL_15_2, false),
      new Column("l_returnflag", ColumnType.VARCHAR, false),
      new Column("l_linestatus", ColumnType.VARCHAR, false),
      new Column("l_shipdate", ColumnType.DATE, false),
      new Column("l_commitdate", ColumnType.DATE, false),
      new Column("l_receiptdate", ColumnType.DATE, false),
      new Column("l_shipinstruct", ColumnType.VARCHAR, false),
      new Column("l_shipmode", ColumnType.VARCHAR, false),
      new Column("l_comment", ColumnType.VARCHAR, false));

  /** The columns TPC-H Q1 and Q6 read (Q6's are a subset of Q1's). */
  public static final List<String> Q1_Q6_COLUMNS = List.of("l_returnflag", "l_linestatus", "l_quantity",
      "l_extendedprice", "l_discount", "l_tax", "l_shipdate");

  private final double scaleFactor;
  private long rowCount = -1;

  /** @param scaleFactor the TPC-H scale factor, > 0 (1 = 6,001,215 rows) */
  public LineitemTable(double scaleFactor) {
    if (!(scaleFactor > 0)) {
      throw new IllegalArgumentException("scale factor must be positive: " + scaleFactor);
    }
    this.scaleFactor = scaleFactor;
  }

  @Override
  public String name() {
    return "lineitem";
  }

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public synchronized long rowCount() {
    if (rowCount < 0) {
      long n = 0;
      for (LineItem ignored : new LineItemGenerator(scaleFactor, 1, 1)) {
        n++;
      }
      rowCount = n;
    }
    return rowCount;
  }

  @Override
  public Iterator<Object[]> rows() {
    Iterator<LineItem> items = new LineItemGenerator(scaleFactor, 1, 1).iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return items.hasNext();
      }

      @Override
      public Object[] next() {
        LineItem li = items.next();
        return new Object[] {
            li.getOrderKey(), li.getPartKey(), li.getSupplierKey(), li.getLineNumber(),
            li.getQuantity() * 100, li.getExtendedPriceInCents(), li.getDiscountPercent(), li.getTaxPercent(),
            li.getReturnFlag(), li.getStatus(), li.getShipDate(), li.getCommitDate(), li.getReceiptDate(),
            li.getShipInstructions(), li.getShipMode(), li.getComment()};
      }
    };
  }

  @Override
  public List<String> projection() {
    return Q1_Q6_COLUMNS;
  }
}
