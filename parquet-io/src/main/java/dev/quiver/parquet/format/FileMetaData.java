package dev.quiver.parquet.format;

import java.util.List;

/**
 * The file footer ({@code FileMetaData} in parquet.thrift).
 *
 * @param version format version (1 or 2; readers treat them alike)
 * @param schema the schema flattened depth-first, root first
 * @param numRows rows in the file
 * @param rowGroups the row groups in file order
 * @param keyValueMetadata file key-value metadata (such as {@code ARROW:schema}), empty when absent
 * @param createdBy the writing application, or null
 * @param columnOrders one order per leaf column, empty when absent
 * @param encryptionAlgorithm true when the footer names an encryption algorithm (a plaintext-footer encrypted file)
 */
public record FileMetaData(
    int version,
    List<SchemaElement> schema,
    long numRows,
    List<RowGroup> rowGroups,
    List<KeyValue> keyValueMetadata,
    String createdBy,
    List<ColumnOrder> columnOrders,
    boolean encryptionAlgorithm) {}
