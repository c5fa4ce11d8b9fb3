package dev.quiver.parquet.write;

/**
 * Which min/max statistics a column chunk gets (parquet.thrift {@code Statistics}, PageIndex.md).
 *
 * <ul>
 *   <li>{@link #NONE}: no statistics at all (no {@code null_count} either), no column index;
 *   <li>{@link #CHUNK}: chunk statistics in {@code ColumnMetaData}, none in page headers, no column index;
 *   <li>{@link #PAGE}: chunk statistics plus the column index (per-page min/max/null counts) after the row
 *       groups. Page headers carry no statistics, as the spec prefers once a column index exists.
 * </ul>
 *
 * The offset index is written for every column chunk whatever the level: it costs little and lets readers seek.
 */
public enum StatisticsLevel {
  /** No statistics. */
  NONE,
  /** Column chunk statistics only. */
  CHUNK,
  /** Column chunk statistics and a column index per column chunk. */
  PAGE
}
