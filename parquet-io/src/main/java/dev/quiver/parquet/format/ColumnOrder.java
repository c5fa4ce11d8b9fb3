package dev.quiver.parquet.format;

/** The order used by a column's min/max statistics ({@code ColumnOrder} union in parquet.thrift). */
public enum ColumnOrder {
  TYPE_DEFINED, IEEE_754_TOTAL_ORDER, INT96_TIMESTAMP_ORDER,
  /** A union member this version does not know: the column's statistics must then be ignored. */
  UNKNOWN
}
