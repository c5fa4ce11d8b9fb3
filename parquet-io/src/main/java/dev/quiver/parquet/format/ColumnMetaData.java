package dev.quiver.parquet.format;

import java.util.List;

/**
 * The metadata of one column chunk ({@code ColumnMetaData} in parquet.thrift). Offsets are file byte offsets,
 * sizes are bytes; optional fields are null when absent.
 *
 * @param type physical type
 * @param encodings every encoding used in the chunk (values and levels)
 * @param pathInSchema the column's path from the root (root excluded)
 * @param codecId the Thrift compression codec id (see {@link CompressionCodecId})
 * @param numValues values in the chunk, nulls and repeated entries included
 * @param totalUncompressedSize bytes of all pages uncompressed, headers included
 * @param totalCompressedSize bytes of all pages as stored, headers included
 * @param keyValueMetadata column key-value metadata, empty when absent
 * @param dataPageOffset offset of the first data page
 * @param indexPageOffset offset of the index page, or null
 * @param dictionaryPageOffset offset of the dictionary page, or null (0 from some writers means absent)
 * @param statistics chunk statistics, or null
 * @param encodingStats page counts per type and encoding, or null
 * @param bloomFilterOffset offset of the bloom filter, or null
 * @param bloomFilterLength bytes of the bloom filter with its header, or null
 * @param sizeStatistics size statistics, or null
 */
public record ColumnMetaData(
    PhysicalType type,
    List<Encoding> encodings,
    List<String> pathInSchema,
    int codecId,
    long numValues,
    long totalUncompressedSize,
    long totalCompressedSize,
    List<KeyValue> keyValueMetadata,
    long dataPageOffset,
    Long indexPageOffset,
    Long dictionaryPageOffset,
    Statistics statistics,
    List<PageEncodingStats> encodingStats,
    Long bloomFilterOffset,
    Integer bloomFilterLength,
    SizeStatistics sizeStatistics) {}
