package dev.quiver.parquet.format;

import java.util.List;

/**
 * The column index of one column chunk ({@code ColumnIndex} in parquet.thrift, PageIndex.md): per data page whether
 * it holds only nulls and its min/max (PLAIN, no length prefix; empty for null pages), in the column's sort order.
 *
 * @param nullPages per page, true when every value is null
 * @param minValues per page, a lower bound (possibly truncated)
 * @param maxValues per page, an upper bound (possibly truncated)
 * @param boundaryOrder whether mins and maxes are both ascending or both descending across the pages
 * @param nullCounts per page null counts, or null when absent
 * @param repetitionLevelHistograms per page histograms concatenated, or null
 * @param definitionLevelHistograms per page histograms concatenated, or null
 * @param nanCounts per page NaN counts (field 8, for FLOAT, DOUBLE and FLOAT16 columns), or null when absent
 */
public record ColumnIndex(List<Boolean> nullPages, List<byte[]> minValues, List<byte[]> maxValues,
    BoundaryOrder boundaryOrder, long[] nullCounts, long[] repetitionLevelHistograms,
    long[] definitionLevelHistograms, long[] nanCounts) {

  /** A column index without NaN counts (non-floating-point columns, or a writer that did not count them). */
  public ColumnIndex(List<Boolean> nullPages, List<byte[]> minValues, List<byte[]> maxValues,
      BoundaryOrder boundaryOrder, long[] nullCounts, long[] repetitionLevelHistograms,
      long[] definitionLevelHistograms) {
    this(nullPages, minValues, maxValues, boundaryOrder, nullCounts, repetitionLevelHistograms,
        definitionLevelHistograms, null);
  }
}
