package dev.quiver.parquet.format;

/**
 * One column chunk of a row group ({@code ColumnChunk} in parquet.thrift).
 *
 * @param filePath an external file holding the data (summary files only); null when in this file
 * @param fileOffset deprecated; not used for reading
 * @param metaData the chunk metadata; null only in encrypted files
 * @param offsetIndexOffset file offset of the offset index, or null
 * @param offsetIndexLength its length in bytes, or null
 * @param columnIndexOffset file offset of the column index, or null
 * @param columnIndexLength its length in bytes, or null
 * @param encrypted whether the chunk carries crypto metadata or encrypted column metadata
 */
public record ColumnChunk(
    String filePath,
    long fileOffset,
    ColumnMetaData metaData,
    Long offsetIndexOffset,
    Integer offsetIndexLength,
    Long columnIndexOffset,
    Integer columnIndexLength,
    boolean encrypted) {}
