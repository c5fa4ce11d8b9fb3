/**
 * Writes Arrow batches as Parquet files.
 *
 * <p>{@link dev.quiver.parquet.write.ParquetWriter} takes {@code VectorSchemaRoot} batches; per leaf column a
 * column writer turns validity and list offsets into definition and repetition levels (Dremel shredding, the
 * inverse of {@link dev.quiver.parquet.schema.NestedShape}), encodes values (dictionary first, falling back to the
 * column's encoding), cuts pages (v1 or v2), compresses them through {@code dev.quiver.codec}, and keeps one row
 * group of encoded pages in memory; the footer (with the column and offset indexes and bloom filters before it)
 * is written on close, and only then does the object appear ({@code ObjectStore.startUpload}).
 *
 * <p>Spec sections implemented (apache/parquet-format): parquet.thrift (FileMetaData, RowGroup, ColumnChunk,
 * ColumnMetaData, PageHeader, Statistics, SizeStatistics, ColumnIndex, OffsetIndex, BloomFilterHeader, the
 * column orders), Encodings.md (PLAIN, RLE/bit-packed hybrid, RLE_DICTIONARY, DELTA_BINARY_PACKED,
 * DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY, BYTE_STREAM_SPLIT), LogicalTypes.md (annotations and the LIST/MAP
 * three-level structures), PageIndex.md, BloomFilter.md (split-block filters, xxHash64 with seed 0), and the
 * {@code ARROW:schema} convention of Arrow C++ and arrow-rs.
 */
package dev.quiver.parquet.write;
