package dev.quiver.parquet.format;

/**
 * Where one data page is ({@code PageLocation} in parquet.thrift, PageIndex.md).
 *
 * @param offset file offset of the page header, bytes
 * @param compressedPageSize the page's stored size with its header, bytes
 * @param firstRowIndex index of the page's first row within the row group
 */
public record PageLocation(long offset, int compressedPageSize, long firstRowIndex) {}
