package dev.quiver.parquet.write;

import dev.quiver.parquet.UnsupportedParquetException;
import dev.quiver.parquet.format.ConvertedType;
import dev.quiver.parquet.format.LogicalType;
import dev.quiver.parquet.format.PhysicalType;
import dev.quiver.parquet.format.Repetition;
import dev.quiver.parquet.format.SchemaElement;
import dev.quiver.parquet.format.TimeUnit;
import dev.quiver.parquet.schema.ArrowSchemaMapper;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Maps an Arrow schema to a Parquet schema, the inverse of {@link ArrowSchemaMapper} (LogicalTypes.md; the choices of
 * Arrow C++ and parquet-java):
 *
 * <table>
 *   <caption>Arrow to Parquet</caption>
 *   <tr><th>Arrow</th><th>Parquet</th></tr>
 *   <tr><td>Bool</td><td>BOOLEAN</td></tr>
 *   <tr><td>Int(8|16|32, signed)</td><td>INT32 INTEGER(bits, signed)</td></tr>
 *   <tr><td>Int(64, signed)</td><td>INT64 INTEGER(64, signed)</td></tr>
 *   <tr><td>FloatingPoint HALF, SINGLE, DOUBLE</td><td>FIXED_LEN_BYTE_ARRAY(2) FLOAT16, FLOAT, DOUBLE</td></tr>
 *   <tr><td>Decimal(p, s)</td><td>DECIMAL(p, s) on INT32 for p &le; 9, INT64 for p &le; 18, otherwise
 *       FIXED_LEN_BYTE_ARRAY of the fewest bytes that hold p digits</td></tr>
 *   <tr><td>Utf8, LargeUtf8; Binary, LargeBinary</td><td>BYTE_ARRAY STRING; BYTE_ARRAY</td></tr>
 *   <tr><td>FixedSizeBinary(n)</td><td>FIXED_LEN_BYTE_ARRAY(n), UUID when n = 16 and the field carries the
 *       {@code arrow.uuid} extension name</td></tr>
 *   <tr><td>Date(DAY)</td><td>INT32 DATE</td></tr>
 *   <tr><td>Time(MILLISECOND, 32), Time(MICRO|NANO, 64)</td><td>INT32 TIME(MILLIS), INT64 TIME(MICROS|NANOS),
 *       adjusted to UTC</td></tr>
 *   <tr><td>Timestamp(unit, tz)</td><td>INT64 TIMESTAMP(unit, adjusted when tz is set); SECOND as MILLIS</td></tr>
 *   <tr><td>Duration</td><td>INT64 (the unit survives in {@code ARROW:schema})</td></tr>
 *   <tr><td>Interval(MONTH_DAY_NANO)</td><td>FIXED_LEN_BYTE_ARRAY(12) INTERVAL (nanoseconds must be whole
 *       milliseconds; months and days must not be negative)</td></tr>
 *   <tr><td>Null</td><td>optional INT32 UNKNOWN</td></tr>
 *   <tr><td>Struct</td><td>group</td></tr>
 *   <tr><td>List, LargeList, FixedSizeList</td><td>{@code group (LIST) { repeated group list { element } }}</td></tr>
 *   <tr><td>Map</td><td>{@code group (MAP) { repeated group key_value { required key; value } }}</td></tr>
 *   <tr><td>dictionary-encoded</td><td>the value type (its values are written)</td></tr>
 * </table>
 *
 * Non-nullable fields are REQUIRED, nullable ones OPTIONAL. A {@code PARQUET:field_id} field metadata entry
 * becomes the field id. Other Arrow types (unions, views, list views, other intervals, Date(MILLISECOND)) raise
 * {@link UnsupportedParquetException}, as does a struct without fields.
 */
final class WriteSchema {
  final List<SchemaElement> elements = new ArrayList<>();
  final List<LeafColumn> leaves = new ArrayList<>();
  final List<WriteNode> nodes = new ArrayList<>();
  /** The schema in IPC message form (dictionary fields typed by their values), for {@code ARROW:schema}. */
  final Schema messageSchema;

  private final DictionaryProvider dictionaries;

  WriteSchema(Schema schema, DictionaryProvider dictionaries) {
    this.dictionaries = dictionaries;
    elements.add(new SchemaElement(null, null, null, "schema", schema.getFields().size(), null, null, null, null,
        null));
    List<Field> message = new ArrayList<>();
    for (Field f : schema.getFields()) {
      nodes.add(convert(f, f.getName(), new ArrayList<>(), 0, 0, false));
      message.add(messageField(f));
    }
    this.messageSchema = new Schema(message, schema.getCustomMetadata());
  }

  /** Whether any field at any depth is dictionary-encoded (its value type then needs a provider). */
  static boolean hasDictionary(List<Field> fields) {
    for (Field f : fields) {
      if (f.getDictionary() != null || hasDictionary(f.getChildren())) {
        return true;
      }
    }
    return false;
  }

  private Field messageField(Field f) {
    List<Field> children = new ArrayList<>();
    for (Field c : f.getChildren()) {
      children.add(messageField(c));
    }
    ArrowType type = f.getDictionary() != null ? valueField(f).getType() : f.getType();
    return new Field(f.getName(), new FieldType(f.isNullable(), type, f.getDictionary(), f.getMetadata()), children);
  }

  private Field valueField(Field f) {
    DictionaryEncoding enc = f.getDictionary();
    Dictionary dict = dictionaries == null ? null : dictionaries.lookup(enc.getId());
    if (dict == null) {
      throw new IllegalArgumentException("no dictionary with id " + enc.getId() + " for field '" + f.getName()
          + "': pass a DictionaryProvider that has it (to write, or to ParquetWriter.open when no batch may come)");
    }
    FieldVector v = dict.getVector();
    return v.getField();
  }

  private WriteNode convert(Field f, String name, List<String> parentPath, int def, int rep, boolean forceRequired) {
    boolean nullable = f.isNullable() && !forceRequired;
    int level = def + (nullable ? 1 : 0);
    Repetition repetition = nullable ? Repetition.OPTIONAL : Repetition.REQUIRED;
    List<String> path = new ArrayList<>(parentPath);
    path.add(name);
    Integer fieldId = fieldId(f);
    ArrowType type = f.getDictionary() != null ? valueField(f).getType() : f.getType();
    if (f.getDictionary() != null && !f.getChildren().isEmpty()) {
      throw new UnsupportedParquetException("dictionary-encoded nested field '" + name + "' is not supported");
    }
    if (type instanceof ArrowType.Struct) {
      if (f.getChildren().isEmpty()) {
        throw new UnsupportedParquetException("struct '" + name + "' has no fields; Parquet groups need one");
      }
      elements.add(group(name, repetition, f.getChildren().size(), null, null, fieldId));
      List<WriteNode> children = new ArrayList<>();
      for (Field c : f.getChildren()) {
        children.add(convert(c, c.getName(), path, level, rep, false));
      }
      return new WriteNode.Struct(nullable, level, children);
    }
    if (type instanceof ArrowType.Map) {
      Field entries = f.getChildren().get(0);
      elements.add(group(name, repetition, 1, ConvertedType.MAP, new LogicalType.MapType(), fieldId));
      elements.add(group("key_value", Repetition.REPEATED, 2, null, null, null));
      List<String> kvPath = new ArrayList<>(path);
      kvPath.add("key_value");
      Field key = entries.getChildren().get(0);
      Field value = entries.getChildren().get(1);
      WriteNode keyNode = convert(key, "key", kvPath, level + 1, rep + 1, true);
      WriteNode valueNode = convert(value, "value", kvPath, level + 1, rep + 1, false);
      WriteNode entry = new WriteNode.Struct(false, level + 1, List.of(keyNode, valueNode));
      return new WriteNode.ListOf(nullable, level, rep + 1, WriteNode.Kind.LIST, entry);
    }
    WriteNode.Kind listKind = type instanceof ArrowType.List ? WriteNode.Kind.LIST
        : type instanceof ArrowType.LargeList ? WriteNode.Kind.LARGE_LIST
        : type instanceof ArrowType.FixedSizeList ? WriteNode.Kind.FIXED_SIZE_LIST : null;
    if (listKind != null) {
      elements.add(group(name, repetition, 1, ConvertedType.LIST, new LogicalType.ListType(), fieldId));
      elements.add(group("list", Repetition.REPEATED, 1, null, null, null));
      List<String> listPath = new ArrayList<>(path);
      listPath.add("list");
      WriteNode element = convert(f.getChildren().get(0), "element", listPath, level + 1, rep + 1, false);
      return new WriteNode.ListOf(nullable, level, rep + 1, listKind, element);
    }
    if (!f.getChildren().isEmpty()) {
      throw new UnsupportedParquetException("Arrow type " + type + " of field '" + name + "' cannot be written");
    }
    return leaf(f, type, name, path, nullable, level, rep, fieldId);
  }

  private WriteNode leaf(Field f, ArrowType type, String name, List<String> path, boolean nullable, int level,
      int rep, Integer fieldId) {
    PhysicalType pt;
    int typeLength = 0;
    ConvertedType ct = null;
    LogicalType lt = null;
    Integer scale = null;
    Integer precision = null;
    LeafKind kind;
    SortOrder order;
    boolean utf8 = false;
    if (type instanceof ArrowType.Bool) {
      pt = PhysicalType.BOOLEAN;
      kind = LeafKind.BOOL;
      order = SortOrder.BOOLEAN;
    } else if (type instanceof ArrowType.Int it) {
      int bits = it.getBitWidth();
      boolean signed = it.getIsSigned();
      lt = new LogicalType.IntType(bits, signed);
      ct = intConverted(bits, signed);
      if (bits == 64) {
        pt = PhysicalType.INT64;
        kind = LeafKind.FIXED8;
        order = signed ? SortOrder.INT64_SIGNED : SortOrder.INT64_UNSIGNED;
      } else {
        pt = PhysicalType.INT32;
        kind = bits == 32 ? LeafKind.FIXED4 : bits == 16 ? (signed ? LeafKind.INT16 : LeafKind.UINT16)
            : signed ? LeafKind.INT8 : LeafKind.UINT8;
        order = signed ? SortOrder.INT32_SIGNED : SortOrder.INT32_UNSIGNED;
      }
    } else if (type instanceof ArrowType.FloatingPoint fp) {
      switch (fp.getPrecision()) {
        case HALF -> {
          pt = PhysicalType.FIXED_LEN_BYTE_ARRAY;
          typeLength = 2;
          lt = new LogicalType.Float16Type();
          kind = LeafKind.FIXED_BYTES;
          order = SortOrder.FLOAT16;
        }
        case SINGLE -> {
          pt = PhysicalType.FLOAT;
          kind = LeafKind.FIXED4;
          order = SortOrder.FLOAT;
        }
        default -> {
          pt = PhysicalType.DOUBLE;
          kind = LeafKind.FIXED8;
          order = SortOrder.DOUBLE;
        }
      }
    } else if (type instanceof ArrowType.Decimal d) {
      int p = d.getPrecision();
      scale = d.getScale();
      precision = p;
      lt = new LogicalType.DecimalType(d.getScale(), p);
      ct = ConvertedType.DECIMAL;
      if (p <= 9) {
        pt = PhysicalType.INT32;
        kind = LeafKind.DECIMAL_TO_INT32;
        order = SortOrder.INT32_SIGNED;
      } else if (p <= 18) {
        pt = PhysicalType.INT64;
        kind = LeafKind.DECIMAL_TO_INT64;
        order = SortOrder.INT64_SIGNED;
      } else {
        pt = PhysicalType.FIXED_LEN_BYTE_ARRAY;
        typeLength = decimalBytes(p);
        kind = LeafKind.DECIMAL_TO_FIXED;
        order = SortOrder.BYTES_SIGNED;
      }
    } else if (type instanceof ArrowType.Utf8 || type instanceof ArrowType.LargeUtf8) {
      pt = PhysicalType.BYTE_ARRAY;
      lt = new LogicalType.StringType();
      ct = ConvertedType.UTF8;
      kind = type instanceof ArrowType.Utf8 ? LeafKind.BINARY : LeafKind.LARGE_BINARY;
      order = SortOrder.BYTES_UNSIGNED;
      utf8 = true;
    } else if (type instanceof ArrowType.Binary || type instanceof ArrowType.LargeBinary) {
      pt = PhysicalType.BYTE_ARRAY;
      kind = type instanceof ArrowType.Binary ? LeafKind.BINARY : LeafKind.LARGE_BINARY;
      order = SortOrder.BYTES_UNSIGNED;
    } else if (type instanceof ArrowType.FixedSizeBinary fb) {
      pt = PhysicalType.FIXED_LEN_BYTE_ARRAY;
      typeLength = fb.getByteWidth();
      if (typeLength == 16 && f.getMetadata() != null
          && ArrowSchemaMapper.UUID_EXTENSION.equals(f.getMetadata().get(ArrowSchemaMapper.EXTENSION_NAME_KEY))) {
        lt = new LogicalType.UuidType();
      }
      kind = LeafKind.FIXED_BYTES;
      order = SortOrder.BYTES_UNSIGNED;
    } else if (type instanceof ArrowType.Date dt && dt.getUnit() == org.apache.arrow.vector.types.DateUnit.DAY) {
      pt = PhysicalType.INT32;
      lt = new LogicalType.DateType();
      ct = ConvertedType.DATE;
      kind = LeafKind.FIXED4;
      order = SortOrder.INT32_SIGNED;
    } else if (type instanceof ArrowType.Time t) {
      switch (t.getUnit()) {
        case MILLISECOND -> {
          pt = PhysicalType.INT32;
          lt = new LogicalType.TimeType(true, TimeUnit.MILLIS);
          ct = ConvertedType.TIME_MILLIS;
          kind = LeafKind.FIXED4;
          order = SortOrder.INT32_SIGNED;
        }
        case MICROSECOND, NANOSECOND -> {
          pt = PhysicalType.INT64;
          boolean micros = t.getUnit() == org.apache.arrow.vector.types.TimeUnit.MICROSECOND;
          lt = new LogicalType.TimeType(true, micros ? TimeUnit.MICROS : TimeUnit.NANOS);
          ct = micros ? ConvertedType.TIME_MICROS : null;
          kind = LeafKind.FIXED8;
          order = SortOrder.INT64_SIGNED;
        }
        default -> throw new UnsupportedParquetException("Time(SECOND) of field '" + name + "' cannot be written");
      }
    } else if (type instanceof ArrowType.Timestamp ts) {
      pt = PhysicalType.INT64;
      boolean adjusted = ts.getTimezone() != null;
      TimeUnit unit = switch (ts.getUnit()) {
        case SECOND, MILLISECOND -> TimeUnit.MILLIS;
        case MICROSECOND -> TimeUnit.MICROS;
        case NANOSECOND -> TimeUnit.NANOS;
      };
      lt = new LogicalType.TimestampType(adjusted, unit);
      if (adjusted && unit != TimeUnit.NANOS) {
        ct = unit == TimeUnit.MILLIS ? ConvertedType.TIMESTAMP_MILLIS : ConvertedType.TIMESTAMP_MICROS;
      }
      kind = ts.getUnit() == org.apache.arrow.vector.types.TimeUnit.SECOND ? LeafKind.SECONDS_TO_MILLIS
          : LeafKind.FIXED8;
      order = SortOrder.INT64_SIGNED;
    } else if (type instanceof ArrowType.Duration) {
      pt = PhysicalType.INT64;
      kind = LeafKind.FIXED8;
      order = SortOrder.INT64_SIGNED;
    } else if (type instanceof ArrowType.Interval iv
        && iv.getUnit() == org.apache.arrow.vector.types.IntervalUnit.MONTH_DAY_NANO) {
      pt = PhysicalType.FIXED_LEN_BYTE_ARRAY;
      typeLength = 12;
      ct = ConvertedType.INTERVAL;
      kind = LeafKind.INTERVAL;
      order = SortOrder.NONE;
    } else if (type instanceof ArrowType.Null) {
      pt = PhysicalType.INT32;
      lt = new LogicalType.NullType();
      kind = LeafKind.NULL;
      order = SortOrder.INT32_SIGNED;
      if (!nullable) {
        throw new UnsupportedParquetException("Null-typed field '" + name + "' must be nullable");
      }
    } else {
      throw new UnsupportedParquetException("Arrow type " + type + " of field '" + name + "' cannot be written");
    }
    Repetition repetition = nullable ? Repetition.OPTIONAL : Repetition.REQUIRED;
    elements.add(new SchemaElement(pt, typeLength > 0 ? typeLength : null, repetition, name, null, ct, scale,
        precision, fieldId, lt));
    int index = leaves.size();
    leaves.add(new LeafColumn(index, List.copyOf(path), pt, typeLength, level, rep, kind, order, type, utf8));
    Long dictionaryId = f.getDictionary() != null ? f.getDictionary().getId() : null;
    return new WriteNode.Leaf(nullable, level, index, dictionaryId);
  }

  private static SchemaElement group(String name, Repetition repetition, int children, ConvertedType ct,
      LogicalType lt, Integer fieldId) {
    return new SchemaElement(null, null, repetition, name, children, ct, null, null, fieldId, lt);
  }

  private static Integer fieldId(Field f) {
    if (f.getMetadata() == null) {
      return null;
    }
    String id = f.getMetadata().get(ArrowSchemaMapper.FIELD_ID_KEY);
    if (id == null) {
      return null;
    }
    try {
      return Integer.parseInt(id.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("field '" + f.getName() + "' has a non-integer "
          + ArrowSchemaMapper.FIELD_ID_KEY + ": " + id);
    }
  }

  private static ConvertedType intConverted(int bits, boolean signed) {
    return switch (bits) {
      case 8 -> signed ? ConvertedType.INT_8 : ConvertedType.UINT_8;
      case 16 -> signed ? ConvertedType.INT_16 : ConvertedType.UINT_16;
      case 32 -> signed ? ConvertedType.INT_32 : ConvertedType.UINT_32;
      default -> signed ? ConvertedType.INT_64 : ConvertedType.UINT_64;
    };
  }

  /** The fewest bytes of a two's complement integer holding every {@code precision}-digit number. */
  static int decimalBytes(int precision) {
    for (int bytes = 1; bytes < 32; bytes++) {
      if (Math.floor(Math.log10(Math.pow(2, 8.0 * bytes - 1) - 1)) >= precision) {
        return bytes;
      }
    }
    return 32;
  }
}
