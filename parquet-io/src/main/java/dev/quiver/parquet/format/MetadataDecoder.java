package dev.quiver.parquet.format;

import static dev.quiver.parquet.format.thrift.CompactReader.BINARY;
import static dev.quiver.parquet.format.thrift.CompactReader.BOOLEAN_TRUE;
import static dev.quiver.parquet.format.thrift.CompactReader.BYTE;
import static dev.quiver.parquet.format.thrift.CompactReader.I16;
import static dev.quiver.parquet.format.thrift.CompactReader.I32;
import static dev.quiver.parquet.format.thrift.CompactReader.I64;
import static dev.quiver.parquet.format.thrift.CompactReader.LIST;
import static dev.quiver.parquet.format.thrift.CompactReader.STRUCT;

import dev.quiver.parquet.format.thrift.CompactReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the structures of parquet.thrift that a footer and a page header carry from the Thrift compact
 * protocol. Field ids follow {@code src/main/thrift/parquet.thrift} of apache/parquet-format; unknown fields are
 * skipped; required fields that are missing are errors. All errors are {@link dev.quiver.parquet.ParquetCorruptionException}
 * from the {@link CompactReader}, with the offset of the fault.
 */
public final class MetadataDecoder {
  private MetadataDecoder() {}

  // Wire types of the fields of each struct, indexed by field id (parquet.thrift); see CompactReader#nextField(byte[]).
  private static final byte[] FILE_META_DATA = {0, I32, LIST, I64, LIST, LIST, BINARY, LIST, STRUCT, BINARY};
  private static final byte[] SCHEMA_ELEMENT = {0, I32, I32, I32, BINARY, I32, I32, I32, I32, I32, STRUCT, I32};
  private static final byte[] DECIMAL_TYPE = {0, I32, I32};
  private static final byte[] TIME_LIKE = {0, BOOLEAN_TRUE, STRUCT};
  private static final byte[] INT_TYPE = {0, BYTE, BOOLEAN_TRUE};
  private static final byte[] VARIANT_TYPE = {0, BYTE};
  private static final byte[] GEO_TYPE = {0, BINARY, I32};
  private static final byte[] ROW_GROUP = {0, LIST, I64, I64, LIST, I64, I64, I16};
  private static final byte[] SORTING_COLUMN = {0, I32, BOOLEAN_TRUE, BOOLEAN_TRUE};
  private static final byte[] COLUMN_CHUNK = {0, BINARY, I64, STRUCT, I64, I32, I64, I32, STRUCT, BINARY};
  private static final byte[] COLUMN_META_DATA = {0, I32, LIST, LIST, I32, I64, I64, I64, LIST, I64, I64, I64, STRUCT, LIST, I64, I32, STRUCT, STRUCT};
  private static final byte[] PAGE_ENCODING_STATS = {0, I32, I32, I32};
  private static final byte[] SIZE_STATISTICS = {0, I64, LIST, LIST};
  private static final byte[] KEY_VALUE = {0, BINARY, BINARY};
  private static final byte[] STATISTICS = {0, BINARY, BINARY, I64, I64, BINARY, BINARY, BOOLEAN_TRUE, BOOLEAN_TRUE, I64};
  private static final byte[] PAGE_HEADER = {0, I32, I32, I32, I32, STRUCT, STRUCT, STRUCT, STRUCT};
  private static final byte[] DATA_PAGE_HEADER = {0, I32, I32, I32, I32, STRUCT};
  private static final byte[] DICTIONARY_PAGE_HEADER = {0, I32, I32, BOOLEAN_TRUE};
  private static final byte[] DATA_PAGE_HEADER_V2 = {0, I32, I32, I32, I32, I32, I32, BOOLEAN_TRUE, STRUCT};

  /** Reads a {@code FileMetaData} struct from the reader's current position. */
  public static FileMetaData fileMetaData(CompactReader r) {
    Integer version = null;
    List<SchemaElement> schema = null;
    Long numRows = null;
    List<RowGroup> rowGroups = null;
    List<KeyValue> kv = List.of();
    String createdBy = null;
    List<ColumnOrder> orders = List.of();
    boolean encryption = false;
    r.beginStruct();
    while (r.nextField(FILE_META_DATA)) {
      switch (r.fieldId()) {
        case 1 -> version = r.i32Field();
        case 2 -> {
          int n = r.listField(STRUCT);
          schema = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            schema.add(schemaElement(r));
          }
        }
        case 3 -> numRows = r.i64Field();
        case 4 -> {
          int n = r.listField(STRUCT);
          rowGroups = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            rowGroups.add(rowGroup(r));
          }
        }
        case 5 -> kv = keyValues(r);
        case 6 -> createdBy = r.stringField();
        case 7 -> {
          int n = r.listField(STRUCT);
          orders = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            orders.add(columnOrder(r));
          }
        }
        case 8 -> {
          encryption = true;
          r.skipField();
        }
        default -> r.skipField();
      }
    }
    if (version == null || schema == null || numRows == null || rowGroups == null) {
      throw r.corrupt("FileMetaData lacks a required field (version, schema, num_rows or row_groups)");
    }
    return new FileMetaData(version, schema, numRows, rowGroups, kv, createdBy, orders, encryption);
  }

  private static SchemaElement schemaElement(CompactReader r) {
    PhysicalType type = null;
    Integer typeLength = null;
    Repetition repetition = null;
    String name = null;
    Integer numChildren = null;
    ConvertedType converted = null;
    Integer scale = null;
    Integer precision = null;
    Integer fieldId = null;
    LogicalType logical = null;
    r.beginStruct();
    while (r.nextField(SCHEMA_ELEMENT)) {
      switch (r.fieldId()) {
        case 1 -> {
          int id = r.i32Field();
          type = PhysicalType.fromId(id);
          if (type == null) {
            throw r.corrupt("unknown physical type id " + id);
          }
        }
        case 2 -> typeLength = r.i32Field();
        case 3 -> repetition = Repetition.fromId(r.i32Field());
        case 4 -> name = r.stringField();
        case 5 -> numChildren = r.i32Field();
        case 6 -> converted = ConvertedType.fromId(r.i32Field());
        case 7 -> scale = r.i32Field();
        case 8 -> precision = r.i32Field();
        case 9 -> fieldId = r.i32Field();
        case 10 -> {
          r.structField();
          logical = logicalType(r);
        }
        default -> r.skipField();
      }
    }
    if (name == null) {
      throw r.corrupt("SchemaElement without a name");
    }
    return new SchemaElement(type, typeLength, repetition, name, numChildren, converted, scale, precision, fieldId,
        logical);
  }

  /** Reads the body of a LogicalType union whose struct has been entered. */
  private static LogicalType logicalType(CompactReader r) {
    LogicalType result = null;
    while (r.nextField()) {
      int id = r.fieldId();
      if (r.fieldType() != STRUCT) {
        r.skipField();
        continue;
      }
      r.structField();
      result = switch (id) {
        case 1 -> emptyStruct(r, new LogicalType.StringType());
        case 2 -> emptyStruct(r, new LogicalType.MapType());
        case 3 -> emptyStruct(r, new LogicalType.ListType());
        case 4 -> emptyStruct(r, new LogicalType.EnumType());
        case 5 -> decimalType(r);
        case 6 -> emptyStruct(r, new LogicalType.DateType());
        case 7 -> {
          boolean[] adjusted = {false};
          TimeUnit unit = timeLike(r, adjusted);
          yield new LogicalType.TimeType(adjusted[0], unit);
        }
        case 8 -> {
          boolean[] adjusted = {false};
          TimeUnit unit = timeLike(r, adjusted);
          yield new LogicalType.TimestampType(adjusted[0], unit);
        }
        case 10 -> intType(r);
        case 11 -> emptyStruct(r, new LogicalType.NullType());
        case 12 -> emptyStruct(r, new LogicalType.JsonType());
        case 13 -> emptyStruct(r, new LogicalType.BsonType());
        case 14 -> emptyStruct(r, new LogicalType.UuidType());
        case 15 -> emptyStruct(r, new LogicalType.Float16Type());
        case 16 -> variantType(r);
        case 17 -> {
          String crs = null;
          while (r.nextField(GEO_TYPE)) {
            if (r.fieldId() == 1) {
              crs = r.stringField();
            } else {
              r.skipField();
            }
          }
          yield new LogicalType.GeometryType(crs);
        }
        case 18 -> {
          String crs = null;
          int algorithm = -1;
          while (r.nextField(GEO_TYPE)) {
            switch (r.fieldId()) {
              case 1 -> crs = r.stringField();
              case 2 -> algorithm = r.i32Field();
              default -> r.skipField();
            }
          }
          yield new LogicalType.GeographyType(crs, algorithm);
        }
        case 19 -> emptyStruct(r, new LogicalType.VectorType());
        default -> emptyStruct(r, new LogicalType.Unrecognized(id));
      };
    }
    return result;
  }

  private static LogicalType emptyStruct(CompactReader r, LogicalType value) {
    while (r.nextField()) {
      r.skipField();
    }
    return value;
  }

  private static LogicalType decimalType(CompactReader r) {
    Integer scale = null;
    Integer precision = null;
    while (r.nextField(DECIMAL_TYPE)) {
      switch (r.fieldId()) {
        case 1 -> scale = r.i32Field();
        case 2 -> precision = r.i32Field();
        default -> r.skipField();
      }
    }
    if (scale == null || precision == null) {
      throw r.corrupt("DecimalType without scale or precision");
    }
    return new LogicalType.DecimalType(scale, precision);
  }

  private static TimeUnit timeLike(CompactReader r, boolean[] adjusted) {
    TimeUnit unit = null;
    while (r.nextField(TIME_LIKE)) {
      switch (r.fieldId()) {
        case 1 -> adjusted[0] = r.boolField();
        case 2 -> {
          r.structField();
          while (r.nextField()) {
            TimeUnit u = switch (r.fieldId()) {
              case 1 -> TimeUnit.MILLIS;
              case 2 -> TimeUnit.MICROS;
              case 3 -> TimeUnit.NANOS;
              default -> null;
            };
            if (u != null) {
              unit = u;
            }
            r.skipField();
          }
        }
        default -> r.skipField();
      }
    }
    if (unit == null) {
      throw r.corrupt("TIME or TIMESTAMP logical type without a known unit");
    }
    return unit;
  }

  private static LogicalType intType(CompactReader r) {
    int bitWidth = -1;
    boolean signed = true;
    while (r.nextField(INT_TYPE)) {
      switch (r.fieldId()) {
        case 1 -> bitWidth = r.i32Field();
        case 2 -> signed = r.boolField();
        default -> r.skipField();
      }
    }
    if (bitWidth != 8 && bitWidth != 16 && bitWidth != 32 && bitWidth != 64) {
      throw r.corrupt("IntType with bit width " + bitWidth + " (must be 8, 16, 32 or 64)");
    }
    return new LogicalType.IntType(bitWidth, signed);
  }

  private static LogicalType variantType(CompactReader r) {
    int version = -1;
    while (r.nextField(VARIANT_TYPE)) {
      if (r.fieldId() == 1) {
        version = r.i32Field();
      } else {
        r.skipField();
      }
    }
    return new LogicalType.VariantType(version);
  }

  private static RowGroup rowGroup(CompactReader r) {
    List<ColumnChunk> columns = null;
    Long totalByteSize = null;
    Long numRows = null;
    List<SortingColumn> sorting = List.of();
    Long fileOffset = null;
    Long totalCompressed = null;
    Integer ordinal = null;
    r.beginStruct();
    while (r.nextField(ROW_GROUP)) {
      switch (r.fieldId()) {
        case 1 -> {
          int n = r.listField(STRUCT);
          columns = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            columns.add(columnChunk(r));
          }
        }
        case 2 -> totalByteSize = r.i64Field();
        case 3 -> numRows = r.i64Field();
        case 4 -> {
          int n = r.listField(STRUCT);
          sorting = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            sorting.add(sortingColumn(r));
          }
        }
        case 5 -> fileOffset = r.i64Field();
        case 6 -> totalCompressed = r.i64Field();
        case 7 -> ordinal = (int) r.i16Field();
        default -> r.skipField();
      }
    }
    if (columns == null || totalByteSize == null || numRows == null) {
      throw r.corrupt("RowGroup lacks a required field (columns, total_byte_size or num_rows)");
    }
    return new RowGroup(columns, totalByteSize, numRows, sorting, fileOffset, totalCompressed, ordinal);
  }

  private static SortingColumn sortingColumn(CompactReader r) {
    int index = -1;
    boolean descending = false;
    boolean nullsFirst = false;
    r.beginStruct();
    while (r.nextField(SORTING_COLUMN)) {
      switch (r.fieldId()) {
        case 1 -> index = r.i32Field();
        case 2 -> descending = r.boolField();
        case 3 -> nullsFirst = r.boolField();
        default -> r.skipField();
      }
    }
    return new SortingColumn(index, descending, nullsFirst);
  }

  private static ColumnChunk columnChunk(CompactReader r) {
    String filePath = null;
    long fileOffset = 0;
    ColumnMetaData meta = null;
    Long oiOffset = null;
    Integer oiLength = null;
    Long ciOffset = null;
    Integer ciLength = null;
    boolean encrypted = false;
    r.beginStruct();
    while (r.nextField(COLUMN_CHUNK)) {
      switch (r.fieldId()) {
        case 1 -> filePath = r.stringField();
        case 2 -> fileOffset = r.i64Field();
        case 3 -> meta = columnMetaData(r);
        case 4 -> oiOffset = r.i64Field();
        case 5 -> oiLength = r.i32Field();
        case 6 -> ciOffset = r.i64Field();
        case 7 -> ciLength = r.i32Field();
        case 8, 9 -> {
          encrypted = true;
          r.skipField();
        }
        default -> r.skipField();
      }
    }
    return new ColumnChunk(filePath, fileOffset, meta, oiOffset, oiLength, ciOffset, ciLength, encrypted);
  }

  private static ColumnMetaData columnMetaData(CompactReader r) {
    r.structField();
    PhysicalType type = null;
    List<Encoding> encodings = null;
    List<String> path = null;
    Integer codec = null;
    Long numValues = null;
    Long uncompressed = null;
    Long compressed = null;
    List<KeyValue> kv = List.of();
    Long dataPageOffset = null;
    Long indexPageOffset = null;
    Long dictionaryPageOffset = null;
    Statistics stats = null;
    List<PageEncodingStats> encodingStats = null;
    Long bloomOffset = null;
    Integer bloomLength = null;
    SizeStatistics sizeStats = null;
    while (r.nextField(COLUMN_META_DATA)) {
      switch (r.fieldId()) {
        case 1 -> {
          int id = r.i32Field();
          type = PhysicalType.fromId(id);
          if (type == null) {
            throw r.corrupt("unknown physical type id " + id + " in column metadata");
          }
        }
        case 2 -> {
          int n = r.listField(I32);
          encodings = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            encodings.add(Encoding.fromId(r.readI32()));
          }
        }
        case 3 -> {
          int n = r.listField(BINARY);
          path = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            path.add(r.readString());
          }
        }
        case 4 -> codec = r.i32Field();
        case 5 -> numValues = r.i64Field();
        case 6 -> uncompressed = r.i64Field();
        case 7 -> compressed = r.i64Field();
        case 8 -> kv = keyValues(r);
        case 9 -> dataPageOffset = r.i64Field();
        case 10 -> indexPageOffset = r.i64Field();
        case 11 -> dictionaryPageOffset = r.i64Field();
        case 12 -> {
          r.structField();
          stats = statisticsBody(r);
        }
        case 13 -> {
          int n = r.listField(STRUCT);
          encodingStats = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            encodingStats.add(pageEncodingStats(r));
          }
        }
        case 14 -> bloomOffset = r.i64Field();
        case 15 -> bloomLength = r.i32Field();
        case 16 -> sizeStats = sizeStatistics(r);
        default -> r.skipField();
      }
    }
    if (type == null || encodings == null || path == null || codec == null || numValues == null
        || uncompressed == null || compressed == null || dataPageOffset == null) {
      throw r.corrupt("ColumnMetaData lacks a required field");
    }
    return new ColumnMetaData(type, encodings, path, codec, numValues, uncompressed, compressed, kv, dataPageOffset,
        indexPageOffset, dictionaryPageOffset, stats, encodingStats, bloomOffset, bloomLength, sizeStats);
  }

  private static PageEncodingStats pageEncodingStats(CompactReader r) {
    PageType pageType = null;
    Encoding encoding = Encoding.UNKNOWN;
    int count = 0;
    r.beginStruct();
    while (r.nextField(PAGE_ENCODING_STATS)) {
      switch (r.fieldId()) {
        case 1 -> pageType = PageType.fromId(r.i32Field());
        case 2 -> encoding = Encoding.fromId(r.i32Field());
        case 3 -> count = r.i32Field();
        default -> r.skipField();
      }
    }
    return new PageEncodingStats(pageType, encoding, count);
  }

  private static SizeStatistics sizeStatistics(CompactReader r) {
    r.structField();
    Long unencoded = null;
    long[] rep = null;
    long[] def = null;
    while (r.nextField(SIZE_STATISTICS)) {
      switch (r.fieldId()) {
        case 1 -> unencoded = r.i64Field();
        case 2 -> rep = longList(r);
        case 3 -> def = longList(r);
        default -> r.skipField();
      }
    }
    return new SizeStatistics(unencoded, rep, def);
  }

  private static long[] longList(CompactReader r) {
    int n = r.listField(I64);
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = r.readI64();
    }
    return out;
  }

  private static ColumnOrder columnOrder(CompactReader r) {
    ColumnOrder order = ColumnOrder.UNKNOWN;
    r.beginStruct();
    while (r.nextField()) {
      ColumnOrder o = switch (r.fieldId()) {
        case 1 -> ColumnOrder.TYPE_DEFINED;
        case 2 -> ColumnOrder.IEEE_754_TOTAL_ORDER;
        case 3 -> ColumnOrder.INT96_TIMESTAMP_ORDER;
        default -> ColumnOrder.UNKNOWN;
      };
      order = o;
      r.skipField();
    }
    return order;
  }

  private static List<KeyValue> keyValues(CompactReader r) {
    int n = r.listField(STRUCT);
    List<KeyValue> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String key = null;
      String value = null;
      r.beginStruct();
      while (r.nextField(KEY_VALUE)) {
        switch (r.fieldId()) {
          case 1 -> key = r.stringField();
          case 2 -> value = r.stringField();
          default -> r.skipField();
        }
      }
      if (key == null) {
        throw r.corrupt("KeyValue without a key");
      }
      out.add(new KeyValue(key, value));
    }
    return out;
  }

  /** Reads the fields of a Statistics struct that has been entered. */
  private static Statistics statisticsBody(CompactReader r) {
    byte[] max = null;
    byte[] min = null;
    Long nullCount = null;
    Long distinct = null;
    byte[] maxValue = null;
    byte[] minValue = null;
    Boolean maxExact = null;
    Boolean minExact = null;
    Long nanCount = null;
    while (r.nextField(STATISTICS)) {
      switch (r.fieldId()) {
        case 1 -> max = r.binaryField();
        case 2 -> min = r.binaryField();
        case 3 -> nullCount = r.i64Field();
        case 4 -> distinct = r.i64Field();
        case 5 -> maxValue = r.binaryField();
        case 6 -> minValue = r.binaryField();
        case 7 -> maxExact = r.boolField();
        case 8 -> minExact = r.boolField();
        case 9 -> nanCount = r.i64Field();
        default -> r.skipField();
      }
    }
    return new Statistics(max, min, nullCount, distinct, maxValue, minValue, maxExact, minExact, nanCount);
  }

  /** Reads a {@code PageHeader} struct from the reader's current position. */
  public static PageHeader pageHeader(CompactReader r) {
    Integer typeId = null;
    Integer uncompressed = null;
    Integer compressed = null;
    Integer crc = null;
    DataPageHeader v1 = null;
    DictionaryPageHeader dict = null;
    DataPageHeaderV2 v2 = null;
    r.beginStruct();
    while (r.nextField(PAGE_HEADER)) {
      switch (r.fieldId()) {
        case 1 -> typeId = r.i32Field();
        case 2 -> uncompressed = r.i32Field();
        case 3 -> compressed = r.i32Field();
        case 4 -> crc = r.i32Field();
        case 5 -> v1 = dataPageHeader(r);
        case 7 -> dict = dictionaryPageHeader(r);
        case 8 -> v2 = dataPageHeaderV2(r);
        default -> r.skipField();
      }
    }
    if (typeId == null || uncompressed == null || compressed == null) {
      throw r.corrupt("PageHeader lacks type, uncompressed_page_size or compressed_page_size");
    }
    if (uncompressed < 0 || compressed < 0) {
      throw r.corrupt("negative page size (uncompressed " + uncompressed + ", compressed " + compressed + ")");
    }
    PageType type = PageType.fromId(typeId);
    if (type == PageType.DATA_PAGE && v1 == null || type == PageType.DATA_PAGE_V2 && v2 == null
        || type == PageType.DICTIONARY_PAGE && dict == null) {
      throw r.corrupt(type + " page header without its " + type + " header struct");
    }
    return new PageHeader(type, uncompressed, compressed, crc, v1, dict, v2);
  }

  private static DataPageHeader dataPageHeader(CompactReader r) {
    r.structField();
    Integer numValues = null;
    Encoding encoding = null;
    Encoding defEncoding = Encoding.RLE;
    Encoding repEncoding = Encoding.RLE;
    Statistics stats = null;
    while (r.nextField(DATA_PAGE_HEADER)) {
      switch (r.fieldId()) {
        case 1 -> numValues = r.i32Field();
        case 2 -> encoding = Encoding.fromId(r.i32Field());
        case 3 -> defEncoding = Encoding.fromId(r.i32Field());
        case 4 -> repEncoding = Encoding.fromId(r.i32Field());
        case 5 -> {
          r.structField();
          stats = statisticsBody(r);
        }
        default -> r.skipField();
      }
    }
    if (numValues == null || encoding == null) {
      throw r.corrupt("DataPageHeader lacks num_values or encoding");
    }
    if (numValues < 0) {
      throw r.corrupt("negative num_values " + numValues + " in data page header");
    }
    return new DataPageHeader(numValues, encoding, defEncoding, repEncoding, stats);
  }

  private static DictionaryPageHeader dictionaryPageHeader(CompactReader r) {
    r.structField();
    Integer numValues = null;
    Encoding encoding = Encoding.PLAIN;
    boolean sorted = false;
    while (r.nextField(DICTIONARY_PAGE_HEADER)) {
      switch (r.fieldId()) {
        case 1 -> numValues = r.i32Field();
        case 2 -> encoding = Encoding.fromId(r.i32Field());
        case 3 -> sorted = r.boolField();
        default -> r.skipField();
      }
    }
    if (numValues == null || numValues < 0) {
      throw r.corrupt("DictionaryPageHeader with missing or negative num_values");
    }
    return new DictionaryPageHeader(numValues, encoding, sorted);
  }

  private static DataPageHeaderV2 dataPageHeaderV2(CompactReader r) {
    r.structField();
    Integer numValues = null;
    Integer numNulls = null;
    Integer numRows = null;
    Encoding encoding = null;
    Integer defLength = null;
    Integer repLength = null;
    boolean compressed = true;
    Statistics stats = null;
    while (r.nextField(DATA_PAGE_HEADER_V2)) {
      switch (r.fieldId()) {
        case 1 -> numValues = r.i32Field();
        case 2 -> numNulls = r.i32Field();
        case 3 -> numRows = r.i32Field();
        case 4 -> encoding = Encoding.fromId(r.i32Field());
        case 5 -> defLength = r.i32Field();
        case 6 -> repLength = r.i32Field();
        case 7 -> compressed = r.boolField();
        case 8 -> {
          r.structField();
          stats = statisticsBody(r);
        }
        default -> r.skipField();
      }
    }
    if (numValues == null || numNulls == null || numRows == null || encoding == null || defLength == null
        || repLength == null) {
      throw r.corrupt("DataPageHeaderV2 lacks a required field");
    }
    if (numValues < 0 || numNulls < 0 || numNulls > numValues || numRows < 0 || defLength < 0 || repLength < 0) {
      throw r.corrupt("DataPageHeaderV2 with inconsistent counts (values " + numValues + ", nulls " + numNulls
          + ", rows " + numRows + ", level bytes " + repLength + "+" + defLength + ")");
    }
    return new DataPageHeaderV2(numValues, numNulls, numRows, encoding, defLength, repLength, compressed, stats);
  }
}
