package dev.quiver.parquet.format;

import dev.quiver.parquet.format.thrift.CompactReader;
import dev.quiver.parquet.format.thrift.CompactWriter;
import java.util.List;

/**
 * Encodes the metadata records of this package with the Thrift compact protocol, field ids as in parquet.thrift:
 * the inverse of {@link MetadataDecoder}, plus the page index structures ({@link ColumnIndex}, {@link OffsetIndex},
 * PageIndex.md) and {@link BloomFilterHeader} (BloomFilter.md). Optional fields that are null (or, for lists,
 * empty where the spec makes them optional) are left out. {@link ColumnOrder} entries are written as
 * {@code TYPE_ORDER} (the only order Quiver writes).
 *
 * <p>Each method appends one struct to the given writer. Errors: {@link NullPointerException} when a field the
 * spec requires is null.
 */
public final class MetadataEncoder {
  private static final int BOOL = CompactReader.BOOLEAN_TRUE;
  private static final int I32 = CompactReader.I32;
  private static final int I64 = CompactReader.I64;
  private static final int BINARY = CompactReader.BINARY;
  private static final int STRUCT = CompactReader.STRUCT;

  private MetadataEncoder() {}

  /** Appends {@code FileMetaData}. */
  public static void fileMetaData(CompactWriter w, FileMetaData m) {
    w.structBegin();
    w.i32Field(1, m.version());
    w.listField(2, STRUCT, m.schema().size());
    for (SchemaElement e : m.schema()) {
      schemaElement(w, e);
    }
    w.i64Field(3, m.numRows());
    w.listField(4, STRUCT, m.rowGroups().size());
    for (RowGroup g : m.rowGroups()) {
      rowGroup(w, g);
    }
    if (!m.keyValueMetadata().isEmpty()) {
      w.listField(5, STRUCT, m.keyValueMetadata().size());
      for (KeyValue kv : m.keyValueMetadata()) {
        w.structBegin();
        w.stringField(1, kv.key());
        if (kv.value() != null) {
          w.stringField(2, kv.value());
        }
        w.structEnd();
      }
    }
    if (m.createdBy() != null) {
      w.stringField(6, m.createdBy());
    }
    if (!m.columnOrders().isEmpty()) {
      w.listField(7, STRUCT, m.columnOrders().size());
      for (ColumnOrder order : m.columnOrders()) {
        if (order != ColumnOrder.TYPE_DEFINED) {
          throw new IllegalArgumentException("only TYPE_DEFINED column orders are written, not " + order);
        }
        w.structBegin();
        w.structFieldBegin(1);
        w.structEnd();
        w.structEnd();
      }
    }
    w.structEnd();
  }

  /** Appends {@code SchemaElement}. */
  public static void schemaElement(CompactWriter w, SchemaElement e) {
    w.structBegin();
    if (e.type() != null) {
      w.i32Field(1, e.type().ordinal());
    }
    if (e.typeLength() != null) {
      w.i32Field(2, e.typeLength());
    }
    if (e.repetition() != null) {
      w.i32Field(3, e.repetition().ordinal());
    }
    w.stringField(4, e.name());
    if (e.numChildren() != null) {
      w.i32Field(5, e.numChildren());
    }
    if (e.convertedType() != null) {
      w.i32Field(6, e.convertedType().ordinal());
    }
    if (e.scale() != null) {
      w.i32Field(7, e.scale());
    }
    if (e.precision() != null) {
      w.i32Field(8, e.precision());
    }
    if (e.fieldId() != null) {
      w.i32Field(9, e.fieldId());
    }
    if (e.logicalType() != null) {
      w.structFieldBegin(10);
      logicalType(w, e.logicalType());
      w.structEnd();
    }
    w.structEnd();
  }

  /** Writes the one member of the {@code LogicalType} union (the enclosing struct is open). */
  private static void logicalType(CompactWriter w, LogicalType t) {
    if (t instanceof LogicalType.StringType) {
      empty(w, 1);
    } else if (t instanceof LogicalType.MapType) {
      empty(w, 2);
    } else if (t instanceof LogicalType.ListType) {
      empty(w, 3);
    } else if (t instanceof LogicalType.EnumType) {
      empty(w, 4);
    } else if (t instanceof LogicalType.DecimalType d) {
      w.structFieldBegin(5);
      w.i32Field(1, d.scale());
      w.i32Field(2, d.precision());
      w.structEnd();
    } else if (t instanceof LogicalType.DateType) {
      empty(w, 6);
    } else if (t instanceof LogicalType.TimeType tt) {
      timeLike(w, 7, tt.adjustedToUtc(), tt.unit());
    } else if (t instanceof LogicalType.TimestampType ts) {
      timeLike(w, 8, ts.adjustedToUtc(), ts.unit());
    } else if (t instanceof LogicalType.IntType it) {
      w.structFieldBegin(10);
      w.byteField(1, it.bitWidth());
      w.boolField(2, it.signed());
      w.structEnd();
    } else if (t instanceof LogicalType.NullType) {
      empty(w, 11);
    } else if (t instanceof LogicalType.JsonType) {
      empty(w, 12);
    } else if (t instanceof LogicalType.BsonType) {
      empty(w, 13);
    } else if (t instanceof LogicalType.UuidType) {
      empty(w, 14);
    } else if (t instanceof LogicalType.Float16Type) {
      empty(w, 15);
    } else {
      throw new IllegalArgumentException("logical type " + t + " is not written by Quiver");
    }
  }

  private static void timeLike(CompactWriter w, int id, boolean adjusted, TimeUnit unit) {
    w.structFieldBegin(id);
    w.boolField(1, adjusted);
    w.structFieldBegin(2);
    empty(w, unit.ordinal() + 1);
    w.structEnd();
    w.structEnd();
  }

  private static void empty(CompactWriter w, int id) {
    w.structFieldBegin(id);
    w.structEnd();
  }

  /** Appends {@code RowGroup}. */
  public static void rowGroup(CompactWriter w, RowGroup g) {
    w.structBegin();
    w.listField(1, STRUCT, g.columns().size());
    for (ColumnChunk c : g.columns()) {
      columnChunk(w, c);
    }
    w.i64Field(2, g.totalByteSize());
    w.i64Field(3, g.numRows());
    if (!g.sortingColumns().isEmpty()) {
      w.listField(4, STRUCT, g.sortingColumns().size());
      for (SortingColumn s : g.sortingColumns()) {
        w.structBegin();
        w.i32Field(1, s.columnIndex());
        w.boolField(2, s.descending());
        w.boolField(3, s.nullsFirst());
        w.structEnd();
      }
    }
    if (g.fileOffset() != null) {
      w.i64Field(5, g.fileOffset());
    }
    if (g.totalCompressedSize() != null) {
      w.i64Field(6, g.totalCompressedSize());
    }
    if (g.ordinal() != null) {
      w.i16Field(7, g.ordinal());
    }
    w.structEnd();
  }

  /** Appends {@code ColumnChunk}. */
  public static void columnChunk(CompactWriter w, ColumnChunk c) {
    w.structBegin();
    if (c.filePath() != null) {
      w.stringField(1, c.filePath());
    }
    w.i64Field(2, c.fileOffset());
    if (c.metaData() != null) {
      w.structFieldBegin(3);
      columnMetaDataBody(w, c.metaData());
      w.structEnd();
    }
    if (c.offsetIndexOffset() != null) {
      w.i64Field(4, c.offsetIndexOffset());
      w.i32Field(5, c.offsetIndexLength());
    }
    if (c.columnIndexOffset() != null) {
      w.i64Field(6, c.columnIndexOffset());
      w.i32Field(7, c.columnIndexLength());
    }
    w.structEnd();
  }

  /** Appends {@code ColumnMetaData} as a top-level struct. */
  public static void columnMetaData(CompactWriter w, ColumnMetaData m) {
    w.structBegin();
    columnMetaDataBody(w, m);
    w.structEnd();
  }

  private static void columnMetaDataBody(CompactWriter w, ColumnMetaData m) {
    w.i32Field(1, m.type().ordinal());
    w.listField(2, I32, m.encodings().size());
    for (Encoding e : m.encodings()) {
      w.writeI32(e.id());
    }
    w.listField(3, BINARY, m.pathInSchema().size());
    for (String s : m.pathInSchema()) {
      w.writeString(s);
    }
    w.i32Field(4, m.codecId());
    w.i64Field(5, m.numValues());
    w.i64Field(6, m.totalUncompressedSize());
    w.i64Field(7, m.totalCompressedSize());
    if (m.keyValueMetadata() != null && !m.keyValueMetadata().isEmpty()) {
      w.listField(8, STRUCT, m.keyValueMetadata().size());
      for (KeyValue kv : m.keyValueMetadata()) {
        w.structBegin();
        w.stringField(1, kv.key());
        if (kv.value() != null) {
          w.stringField(2, kv.value());
        }
        w.structEnd();
      }
    }
    w.i64Field(9, m.dataPageOffset());
    if (m.indexPageOffset() != null) {
      w.i64Field(10, m.indexPageOffset());
    }
    if (m.dictionaryPageOffset() != null) {
      w.i64Field(11, m.dictionaryPageOffset());
    }
    if (m.statistics() != null) {
      w.structFieldBegin(12);
      statisticsBody(w, m.statistics());
      w.structEnd();
    }
    if (m.encodingStats() != null && !m.encodingStats().isEmpty()) {
      w.listField(13, STRUCT, m.encodingStats().size());
      for (PageEncodingStats s : m.encodingStats()) {
        w.structBegin();
        w.i32Field(1, s.pageType().ordinal());
        w.i32Field(2, s.encoding().id());
        w.i32Field(3, s.count());
        w.structEnd();
      }
    }
    if (m.bloomFilterOffset() != null) {
      w.i64Field(14, m.bloomFilterOffset());
    }
    if (m.bloomFilterLength() != null) {
      w.i32Field(15, m.bloomFilterLength());
    }
    if (m.sizeStatistics() != null) {
      SizeStatistics s = m.sizeStatistics();
      w.structFieldBegin(16);
      if (s.unencodedByteArrayDataBytes() != null) {
        w.i64Field(1, s.unencodedByteArrayDataBytes());
      }
      longList(w, 2, s.repetitionLevelHistogram());
      longList(w, 3, s.definitionLevelHistogram());
      w.structEnd();
    }
  }

  /** Appends {@code Statistics}. */
  public static void statistics(CompactWriter w, Statistics s) {
    w.structBegin();
    statisticsBody(w, s);
    w.structEnd();
  }

  private static void statisticsBody(CompactWriter w, Statistics s) {
    if (s.max() != null) {
      w.binaryField(1, s.max());
    }
    if (s.min() != null) {
      w.binaryField(2, s.min());
    }
    if (s.nullCount() != null) {
      w.i64Field(3, s.nullCount());
    }
    if (s.distinctCount() != null) {
      w.i64Field(4, s.distinctCount());
    }
    if (s.maxValue() != null) {
      w.binaryField(5, s.maxValue());
    }
    if (s.minValue() != null) {
      w.binaryField(6, s.minValue());
    }
    if (s.maxValueExact() != null) {
      w.boolField(7, s.maxValueExact());
    }
    if (s.minValueExact() != null) {
      w.boolField(8, s.minValueExact());
    }
    if (s.nanCount() != null) {
      w.i64Field(9, s.nanCount());
    }
  }

  /** Appends {@code PageHeader}. */
  public static void pageHeader(CompactWriter w, PageHeader h) {
    w.structBegin();
    w.i32Field(1, h.type().ordinal());
    w.i32Field(2, h.uncompressedPageSize());
    w.i32Field(3, h.compressedPageSize());
    if (h.crc() != null) {
      w.i32Field(4, h.crc());
    }
    if (h.dataPageHeader() != null) {
      DataPageHeader d = h.dataPageHeader();
      w.structFieldBegin(5);
      w.i32Field(1, d.numValues());
      w.i32Field(2, d.encoding().id());
      w.i32Field(3, d.definitionLevelEncoding().id());
      w.i32Field(4, d.repetitionLevelEncoding().id());
      if (d.statistics() != null) {
        w.structFieldBegin(5);
        statisticsBody(w, d.statistics());
        w.structEnd();
      }
      w.structEnd();
    }
    if (h.dictionaryPageHeader() != null) {
      DictionaryPageHeader d = h.dictionaryPageHeader();
      w.structFieldBegin(7);
      w.i32Field(1, d.numValues());
      w.i32Field(2, d.encoding().id());
      w.boolField(3, d.sorted());
      w.structEnd();
    }
    if (h.dataPageHeaderV2() != null) {
      DataPageHeaderV2 d = h.dataPageHeaderV2();
      w.structFieldBegin(8);
      w.i32Field(1, d.numValues());
      w.i32Field(2, d.numNulls());
      w.i32Field(3, d.numRows());
      w.i32Field(4, d.encoding().id());
      w.i32Field(5, d.definitionLevelsByteLength());
      w.i32Field(6, d.repetitionLevelsByteLength());
      w.boolField(7, d.compressed());
      if (d.statistics() != null) {
        w.structFieldBegin(8);
        statisticsBody(w, d.statistics());
        w.structEnd();
      }
      w.structEnd();
    }
    w.structEnd();
  }

  /** Appends {@code ColumnIndex}. */
  public static void columnIndex(CompactWriter w, ColumnIndex c) {
    w.structBegin();
    w.listField(1, BOOL, c.nullPages().size());
    for (Boolean b : c.nullPages()) {
      w.writeBool(b);
    }
    binaryList(w, 2, c.minValues());
    binaryList(w, 3, c.maxValues());
    w.i32Field(4, c.boundaryOrder().ordinal());
    longList(w, 5, c.nullCounts());
    longList(w, 6, c.repetitionLevelHistograms());
    longList(w, 7, c.definitionLevelHistograms());
    longList(w, 8, c.nanCounts());
    w.structEnd();
  }

  /** Appends {@code OffsetIndex}. */
  public static void offsetIndex(CompactWriter w, OffsetIndex o) {
    w.structBegin();
    w.listField(1, STRUCT, o.pageLocations().size());
    for (PageLocation p : o.pageLocations()) {
      w.structBegin();
      w.i64Field(1, p.offset());
      w.i32Field(2, p.compressedPageSize());
      w.i64Field(3, p.firstRowIndex());
      w.structEnd();
    }
    longList(w, 2, o.unencodedByteArrayDataBytes());
    w.structEnd();
  }

  /** Appends {@code BloomFilterHeader} for a split-block, xxHash64, uncompressed filter. */
  public static void bloomFilterHeader(CompactWriter w, BloomFilterHeader h) {
    w.structBegin();
    w.i32Field(1, h.numBytes());
    w.structFieldBegin(2);
    empty(w, 1);
    w.structEnd();
    w.structFieldBegin(3);
    empty(w, 1);
    w.structEnd();
    w.structFieldBegin(4);
    empty(w, 1);
    w.structEnd();
    w.structEnd();
  }

  private static void binaryList(CompactWriter w, int id, List<byte[]> values) {
    w.listField(id, BINARY, values.size());
    for (byte[] v : values) {
      w.writeBinary(v, 0, v.length);
    }
  }

  private static void longList(CompactWriter w, int id, long[] values) {
    if (values == null) {
      return;
    }
    w.listField(id, I64, values.length);
    for (long v : values) {
      w.writeI64(v);
    }
  }
}
