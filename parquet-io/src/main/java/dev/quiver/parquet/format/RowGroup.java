package dev.quiver.parquet.format;

import java.util.List;

/**
 * One row group ({@code RowGroup} in parquet.thrift).
 *
 * @param columns one chunk per leaf column, in schema order
 * @param totalByteSize uncompressed bytes of all column data
 * @param numRows rows in the group
 * @param sortingColumns the declared sort order, empty when absent
 * @param fileOffset offset of the first page, or null
 * @param totalCompressedSize compressed bytes of all column data, or null
 * @param ordinal the row group's ordinal, or null
 */
public record RowGroup(
    List<ColumnChunk> columns,
    long totalByteSize,
    long numRows,
    List<SortingColumn> sortingColumns,
    Long fileOffset,
    Long totalCompressedSize,
    Integer ordinal) {}
