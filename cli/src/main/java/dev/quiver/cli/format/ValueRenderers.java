package dev.quiver.cli.format;

import java.util.Map;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.Decimal256Vector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.ExtensionTypeVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntervalDayVector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.IntervalYearVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VariableWidthFieldVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Picks the {@link ValueRenderer} of a vector from its Arrow type: the one place where output formats look at
 * types. Called once per column and batch (and once per child for nested vectors).
 */
public final class ValueRenderers {
  /** Arrow's extension-name field metadata key. */
  static final String EXTENSION_NAME_KEY = "ARROW:extension:name";
  /** The canonical extension name of UUIDs. */
  static final String UUID_EXTENSION = "arrow.uuid";

  private ValueRenderers() {}

  /**
   * The renderer of {@code vector}, bound to it.
   *
   * <p>Types: Null; Bool; Int of 8 to 64 bits, signed or not; FloatingPoint HALF, SINGLE, DOUBLE; Decimal 128 and
   * 256; Utf8, LargeUtf8, Utf8View; Binary, LargeBinary, BinaryView, FixedSizeBinary (a UUID when the field
   * metadata, or an extension type, names {@code arrow.uuid}); Date DAY and MILLISECOND; Time in every unit;
   * Timestamp in every unit, with or without zone; Interval MONTH_DAY_NANO, DAY_TIME, YEAR_MONTH; List, LargeList,
   * FixedSizeList, Struct, Map; extension types by their storage type.
   *
   * @throws IllegalArgumentException for any other type (unions, durations, list views, run-end encoded,
   *     dictionary-encoded vectors), naming the field and type
   */
  public static ValueRenderer of(ValueVector vector) {
    if (vector.getField().getDictionary() != null) {
      throw unsupported(vector.getField());
    }
    switch (vector.getMinorType()) {
      case NULL:
        return new ScalarRenderers.NullValues(vector);
      case BIT:
        return new ScalarRenderers.Booleans((BitVector) vector);
      case TINYINT:
      case SMALLINT:
      case INT:
      case BIGINT:
      case UINT1:
      case UINT2:
      case UINT4:
        return new ScalarRenderers.Integers((BaseIntVector) vector);
      case UINT8:
        return new ScalarRenderers.UnsignedLongs((UInt8Vector) vector);
      case FLOAT2:
        return new ScalarRenderers.HalfFloats((Float2Vector) vector);
      case FLOAT4:
        return new ScalarRenderers.SingleFloats((Float4Vector) vector);
      case FLOAT8:
        return new ScalarRenderers.Doubles((Float8Vector) vector);
      case DECIMAL:
        return new ScalarRenderers.Decimals((DecimalVector) vector);
      case DECIMAL256:
        return new ScalarRenderers.Decimals((Decimal256Vector) vector);
      case VARCHAR:
      case LARGEVARCHAR:
      case VIEWVARCHAR:
        return new ScalarRenderers.Strings((VariableWidthFieldVector) vector);
      case VARBINARY:
      case LARGEVARBINARY:
      case VIEWVARBINARY:
        return new ScalarRenderers.Binaries((VariableWidthFieldVector) vector);
      case FIXEDSIZEBINARY:
        return isUuid(vector.getField())
            ? new ScalarRenderers.Uuids((FixedSizeBinaryVector) vector)
            : new ScalarRenderers.FixedBinaries((FixedSizeBinaryVector) vector);
      case DATEDAY:
        return new ScalarRenderers.Days((DateDayVector) vector);
      case DATEMILLI:
        return new ScalarRenderers.DayMillis((DateMilliVector) vector);
      case TIMESEC:
        TimeSecVector sec = (TimeSecVector) vector;
        return new ScalarRenderers.Times(vector, sec::get, TimeUnit.SECOND);
      case TIMEMILLI:
        TimeMilliVector milli = (TimeMilliVector) vector;
        return new ScalarRenderers.Times(vector, milli::get, TimeUnit.MILLISECOND);
      case TIMEMICRO:
        TimeMicroVector micro = (TimeMicroVector) vector;
        return new ScalarRenderers.Times(vector, micro::get, TimeUnit.MICROSECOND);
      case TIMENANO:
        TimeNanoVector nano = (TimeNanoVector) vector;
        return new ScalarRenderers.Times(vector, nano::get, TimeUnit.NANOSECOND);
      case TIMESTAMPSEC:
      case TIMESTAMPMILLI:
      case TIMESTAMPMICRO:
      case TIMESTAMPNANO:
      case TIMESTAMPSECTZ:
      case TIMESTAMPMILLITZ:
      case TIMESTAMPMICROTZ:
      case TIMESTAMPNANOTZ:
        ArrowType.Timestamp ts = (ArrowType.Timestamp) vector.getField().getType();
        return new ScalarRenderers.Timestamps((TimeStampVector) vector, ts.getUnit(), ts.getTimezone() != null);
      case INTERVALMONTHDAYNANO:
        return new NestedRenderers.MonthDayNanoIntervals((IntervalMonthDayNanoVector) vector);
      case INTERVALDAY:
        return new NestedRenderers.DayTimeIntervals((IntervalDayVector) vector);
      case DURATION:
        return new ScalarRenderers.Durations((org.apache.arrow.vector.DurationVector) vector);
      case INTERVALYEAR:
        return new NestedRenderers.YearMonthIntervals((IntervalYearVector) vector);
      case MAP: // before LIST would matter only for instanceof: a MapVector is a ListVector
        return new NestedRenderers.Maps((MapVector) vector);
      case LIST:
        return new NestedRenderers.Lists((ListVector) vector);
      case LARGELIST:
        return new NestedRenderers.LargeLists((LargeListVector) vector);
      case FIXED_SIZE_LIST:
        return new NestedRenderers.FixedSizeLists((FixedSizeListVector) vector);
      case STRUCT:
        return new NestedRenderers.Structs((StructVector) vector);
      case EXTENSIONTYPE:
        return extension((ExtensionTypeVector<?>) vector);
      default:
        throw unsupported(vector.getField());
    }
  }

  private static ValueRenderer extension(ExtensionTypeVector<?> vector) {
    ArrowType type = vector.getField().getType();
    ValueVector storage = vector.getUnderlyingVector();
    if (type instanceof ArrowType.ExtensionType ext && UUID_EXTENSION.equals(ext.extensionName())
        && storage instanceof FixedSizeBinaryVector fixed && fixed.getByteWidth() == 16) {
      return new ScalarRenderers.Uuids(fixed);
    }
    return of(storage);
  }

  private static boolean isUuid(Field field) {
    Map<String, String> metadata = field.getMetadata();
    return metadata != null && UUID_EXTENSION.equals(metadata.get(EXTENSION_NAME_KEY))
        && ((ArrowType.FixedSizeBinary) field.getType()).getByteWidth() == 16;
  }

  private static IllegalArgumentException unsupported(Field field) {
    return new IllegalArgumentException("column '" + field.getName() + "' has Arrow type " + field.getType()
        + (field.getDictionary() != null ? " (dictionary-encoded)" : "") + ", which the output formats do not render");
  }
}
