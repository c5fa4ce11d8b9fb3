package dev.quiver.parquet.format;

/** Whether a column index's page min/max values are ordered ({@code BoundaryOrder} in parquet.thrift). */
public enum BoundaryOrder {
  UNORDERED, ASCENDING, DESCENDING
}
