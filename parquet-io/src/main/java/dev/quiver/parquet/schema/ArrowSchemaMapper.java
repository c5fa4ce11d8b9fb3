package dev.quiver.parquet.schema;

import dev.quiver.parquet.UnsupportedParquetException;
import dev.quiver.parquet.format.ConvertedType;
import dev.quiver.parquet.format.LogicalType;
import dev.quiver.parquet.format.PhysicalType;
import dev.quiver.parquet.format.Repetition;
import dev.quiver.parquet.format.TimeUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Maps Parquet columns to Arrow fields, following LogicalTypes.md and the choices of Arrow C++ and arrow-rs:
 *
 * <table>
 *   <caption>Parquet to Arrow</caption>
 *   <tr><th>Parquet</th><th>Arrow</th></tr>
 *   <tr><td>BOOLEAN</td><td>Bool</td></tr>
 *   <tr><td>INT32, INT64; INTEGER(8|16|32|64, signed) / INT_8..INT_64 / UINT_8..UINT_64</td>
 *       <td>Int(bits, signed)</td></tr>
 *   <tr><td>INT96</td><td>Timestamp(NANOSECOND, "UTC") (Impala/Spark timestamps are instants)</td></tr>
 *   <tr><td>FLOAT, DOUBLE; FLOAT16 on FIXED(2)</td><td>FloatingPoint(SINGLE, DOUBLE, HALF)</td></tr>
 *   <tr><td>BYTE_ARRAY; STRING/UTF8, ENUM, JSON</td><td>Binary; Utf8</td></tr>
 *   <tr><td>FIXED_LEN_BYTE_ARRAY(n); UUID</td>
 *       <td>FixedSizeBinary(n); FixedSizeBinary(16) with extension name {@code arrow.uuid}</td></tr>
 *   <tr><td>DECIMAL(p, s) on INT32, INT64, FIXED, BYTE_ARRAY</td><td>Decimal(p, s, 128), or 256 when p &gt; 38</td></tr>
 *   <tr><td>DATE</td><td>Date(DAY)</td></tr>
 *   <tr><td>TIME(MILLIS|MICROS|NANOS)</td><td>Time(unit, 32|64|64)</td></tr>
 *   <tr><td>TIMESTAMP(unit, adjustedToUTC)</td><td>Timestamp(unit, "UTC" when adjusted, else no zone)</td></tr>
 *   <tr><td>INTERVAL on FIXED(12)</td><td>Interval(MONTH_DAY_NANO)</td></tr>
 *   <tr><td>UNKNOWN (always null)</td><td>Null</td></tr>
 * </table>
 *
 * The legacy converted types map like their logical counterparts (TIMESTAMP_MILLIS/MICROS and TIME_* count as
 * adjusted to UTC, as LogicalTypes.md says). An annotation that does not fit its physical type, or that this
 * version does not know, is ignored and the column maps by its physical type. Nullability follows the
 * repetition. A field id, when present, is kept in the field metadata under {@value #FIELD_ID_KEY}.
 */
public final class ArrowSchemaMapper {
  /** Field metadata key of the Parquet field id (the key Arrow C++ uses). */
  public static final String FIELD_ID_KEY = "PARQUET:field_id";
  /** Arrow's extension-name metadata key. */
  public static final String EXTENSION_NAME_KEY = "ARROW:extension:name";
  /** The canonical extension name of UUIDs. */
  public static final String UUID_EXTENSION = "arrow.uuid";

  private ArrowSchemaMapper() {}

  /**
   * The Arrow schema of all top-level fields: nested groups become structs, lists and maps (see
   * {@link NestedShape}).
   *
   * @throws UnsupportedParquetException for a LIST or MAP group of a shape no rule of the spec admits
   */
  public static Schema toArrow(ParquetSchema schema) {
    return toArrow(schema, null);
  }

  /**
   * The Arrow schema of all top-level fields, refined by the Arrow schema the writer stored (see
   * {@link StoredArrowSchema}; null for none).
   *
   * @throws UnsupportedParquetException as {@link #toArrow(ParquetSchema)}
   */
  public static Schema toArrow(ParquetSchema schema, Schema stored) {
    List<Field> fields = new ArrayList<>();
    for (SchemaNode node : schema.root().children()) {
      Field derived = field(schema, node);
      fields.add(StoredArrowSchema.toMemoryFormat(
          StoredArrowSchema.refine(derived, StoredArrowSchema.match(stored, derived))));
    }
    return new Schema(fields);
  }

  /**
   * The Arrow field of one top-level node of {@code schema}.
   *
   * @throws UnsupportedParquetException as {@link #toArrow}
   */
  public static Field field(ParquetSchema schema, SchemaNode node) {
    if (node instanceof SchemaNode.Primitive p && node.repetition() != Repetition.REPEATED) {
      return primitiveField(p);
    }
    return NestedShape.of(schema, node).field();
  }

  /** The Arrow field of a leaf, nullable when the leaf is optional, by the rules in the class comment. */
  public static Field primitiveField(SchemaNode.Primitive p) {
    ArrowType type = arrowType(p);
    Map<String, String> metadata = new HashMap<>();
    if (p.fieldId() != null) {
      metadata.put(FIELD_ID_KEY, Integer.toString(p.fieldId()));
    }
    if (isUuid(p)) {
      metadata.put(EXTENSION_NAME_KEY, UUID_EXTENSION);
    }
    boolean nullable = p.repetition() != Repetition.REQUIRED;
    return new Field(p.name(), new FieldType(nullable, type, null, metadata.isEmpty() ? null : metadata), null);
  }

  private static boolean isUuid(SchemaNode.Primitive p) {
    return p.logicalType() instanceof LogicalType.UuidType && p.physicalType() == PhysicalType.FIXED_LEN_BYTE_ARRAY
        && p.typeLength() == 16;
  }

  /** The Arrow type of a leaf, by the rules in the class comment. */
  public static ArrowType arrowType(SchemaNode.Primitive p) {
    ArrowType annotated = annotatedType(p);
    return annotated != null ? annotated : physicalArrowType(p);
  }

  private static ArrowType physicalArrowType(SchemaNode.Primitive p) {
    return switch (p.physicalType()) {
      case BOOLEAN -> ArrowType.Bool.INSTANCE;
      case INT32 -> new ArrowType.Int(32, true);
      case INT64 -> new ArrowType.Int(64, true);
      case INT96 -> new ArrowType.Timestamp(org.apache.arrow.vector.types.TimeUnit.NANOSECOND, "UTC");
      case FLOAT -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
      case DOUBLE -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
      case BYTE_ARRAY -> ArrowType.Binary.INSTANCE;
      case FIXED_LEN_BYTE_ARRAY -> new ArrowType.FixedSizeBinary(p.typeLength());
    };
  }

  /** The type an annotation gives, or null when there is none or it does not fit the physical type. */
  private static ArrowType annotatedType(SchemaNode.Primitive p) {
    PhysicalType pt = p.physicalType();
    LogicalType lt = p.logicalType();
    if (lt == null && p.convertedType() == ConvertedType.INTERVAL) {
      // INTERVAL has no logical type counterpart (union member 9 is reserved for it)
      return pt == PhysicalType.FIXED_LEN_BYTE_ARRAY && p.typeLength() == 12
          ? new ArrowType.Interval(IntervalUnit.MONTH_DAY_NANO) : null;
    }
    if (lt == null && p.convertedType() != null) {
      lt = fromConverted(p);
    }
    if (lt == null) {
      return null;
    }
    if (lt instanceof LogicalType.StringType || lt instanceof LogicalType.EnumType
        || lt instanceof LogicalType.JsonType) {
      return pt == PhysicalType.BYTE_ARRAY ? ArrowType.Utf8.INSTANCE : null;
    }
    if (lt instanceof LogicalType.BsonType || lt instanceof LogicalType.GeometryType
        || lt instanceof LogicalType.GeographyType) {
      return pt == PhysicalType.BYTE_ARRAY ? ArrowType.Binary.INSTANCE : null;
    }
    if (lt instanceof LogicalType.IntType it) {
      boolean fits = pt == PhysicalType.INT32 ? it.bitWidth() <= 32 : pt == PhysicalType.INT64 && it.bitWidth() == 64;
      return fits ? new ArrowType.Int(it.bitWidth(), it.signed()) : null;
    }
    if (lt instanceof LogicalType.DecimalType d) {
      return decimal(pt, p.typeLength(), d.precision(), d.scale());
    }
    if (lt instanceof LogicalType.DateType) {
      return pt == PhysicalType.INT32 ? new ArrowType.Date(DateUnit.DAY) : null;
    }
    if (lt instanceof LogicalType.TimeType t) {
      return switch (t.unit()) {
        case MILLIS -> pt == PhysicalType.INT32
            ? new ArrowType.Time(org.apache.arrow.vector.types.TimeUnit.MILLISECOND, 32) : null;
        case MICROS -> pt == PhysicalType.INT64
            ? new ArrowType.Time(org.apache.arrow.vector.types.TimeUnit.MICROSECOND, 64) : null;
        case NANOS -> pt == PhysicalType.INT64
            ? new ArrowType.Time(org.apache.arrow.vector.types.TimeUnit.NANOSECOND, 64) : null;
      };
    }
    if (lt instanceof LogicalType.TimestampType t) {
      return pt == PhysicalType.INT64 ? new ArrowType.Timestamp(arrowUnit(t.unit()), t.adjustedToUtc() ? "UTC" : null)
          : null;
    }
    if (lt instanceof LogicalType.Float16Type) {
      return pt == PhysicalType.FIXED_LEN_BYTE_ARRAY && p.typeLength() == 2
          ? new ArrowType.FloatingPoint(FloatingPointPrecision.HALF) : null;
    }
    if (lt instanceof LogicalType.UuidType) {
      return pt == PhysicalType.FIXED_LEN_BYTE_ARRAY && p.typeLength() == 16 ? new ArrowType.FixedSizeBinary(16) : null;
    }
    if (lt instanceof LogicalType.NullType) {
      return ArrowType.Null.INSTANCE;
    }
    return null; // Unrecognized, or a group annotation on a leaf: read as the physical type
  }

  private static ArrowType decimal(PhysicalType pt, int typeLength, int precision, int scale) {
    if (precision <= 0 || scale < 0 || scale > precision) {
      return null;
    }
    int maxPrecision = switch (pt) {
      case INT32 -> 9;
      case INT64 -> 18;
      case FIXED_LEN_BYTE_ARRAY -> maxDecimalDigits(typeLength);
      case BYTE_ARRAY -> 76;
      default -> 0;
    };
    if (precision > maxPrecision || precision > 76) {
      return null;
    }
    return new ArrowType.Decimal(precision, scale, precision <= 38 ? 128 : 256);
  }

  /** The most decimal digits a two's complement integer of {@code bytes} bytes can hold. */
  private static int maxDecimalDigits(int bytes) {
    if (bytes > 32) {
      return 76;
    }
    return (int) Math.floor(Math.log10(Math.pow(2, 8.0 * bytes - 1) - 1));
  }

  private static org.apache.arrow.vector.types.TimeUnit arrowUnit(TimeUnit unit) {
    return switch (unit) {
      case MILLIS -> org.apache.arrow.vector.types.TimeUnit.MILLISECOND;
      case MICROS -> org.apache.arrow.vector.types.TimeUnit.MICROSECOND;
      case NANOS -> org.apache.arrow.vector.types.TimeUnit.NANOSECOND;
    };
  }

  private static LogicalType fromConverted(SchemaNode.Primitive p) {
    ConvertedType ct = p.convertedType();
    return switch (ct) {
      case UTF8 -> new LogicalType.StringType();
      case ENUM -> new LogicalType.EnumType();
      case JSON -> new LogicalType.JsonType();
      case BSON -> new LogicalType.BsonType();
      case DECIMAL -> p.precision() == null ? null
          : new LogicalType.DecimalType(p.scale() == null ? 0 : p.scale(), p.precision());
      case DATE -> new LogicalType.DateType();
      case TIME_MILLIS -> new LogicalType.TimeType(true, TimeUnit.MILLIS);
      case TIME_MICROS -> new LogicalType.TimeType(true, TimeUnit.MICROS);
      case TIMESTAMP_MILLIS -> new LogicalType.TimestampType(true, TimeUnit.MILLIS);
      case TIMESTAMP_MICROS -> new LogicalType.TimestampType(true, TimeUnit.MICROS);
      case UINT_8 -> new LogicalType.IntType(8, false);
      case UINT_16 -> new LogicalType.IntType(16, false);
      case UINT_32 -> new LogicalType.IntType(32, false);
      case UINT_64 -> new LogicalType.IntType(64, false);
      case INT_8 -> new LogicalType.IntType(8, true);
      case INT_16 -> new LogicalType.IntType(16, true);
      case INT_32 -> new LogicalType.IntType(32, true);
      case INT_64 -> new LogicalType.IntType(64, true);
      default -> null; // MAP, MAP_KEY_VALUE, LIST on a leaf; INTERVAL handled by the caller
    };
  }
}
