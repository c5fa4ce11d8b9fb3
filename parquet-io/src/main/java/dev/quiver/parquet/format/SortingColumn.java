package dev.quiver.parquet.format;

/** A sort order of a row group: the leaf column ordinal, direction and null placement. */
public record SortingColumn(int columnIndex, boolean descending, boolean nullsFirst) {}
