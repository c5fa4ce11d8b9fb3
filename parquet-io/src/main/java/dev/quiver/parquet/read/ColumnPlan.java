package dev.quiver.parquet.read;

import dev.quiver.parquet.format.PhysicalType;
import dev.quiver.parquet.schema.ColumnDescriptor;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * How one flat column turns into its Arrow vector, decided once per file from the column's physical type and its
 * Arrow type: the staging layout and the conversion, if any, from physical values to Arrow values.
 *
 * @param column the column
 * @param field its Arrow field
 * @param shape the staging layout of decoded values
 * @param physicalWidth bytes of one PLAIN physical value (fixed-width physical types)
 * @param outputWidth bytes of one Arrow value (FIXED and BOOLEAN shapes; 1 for BOOLEAN staging)
 * @param fixedConverter physical-to-Arrow conversion for fixed-width physical values, or null for identity
 * @param binaryConverter BYTE_ARRAY-to-fixed conversion (decimals), or null
 */
record ColumnPlan(ColumnDescriptor column, Field field, Shape shape, int physicalWidth, int outputWidth,
    ValueConverters.FixedConverter fixedConverter, ValueConverters.BinaryToFixedConverter binaryConverter) {

  /** The staging layout. */
  enum Shape {
    /** One byte per value, packed into a bit vector at the end. */
    BOOLEAN,
    /** Fixed-width little-endian values. */
    FIXED,
    /** Offsets and bytes. */
    VARIABLE,
    /** No values at all (the Null type). */
    NULL
  }

  static ColumnPlan of(ColumnDescriptor column, Field field) {
    PhysicalType pt = column.leaf().physicalType();
    ArrowType type = field.getType();
    int physicalWidth = pt == PhysicalType.FIXED_LEN_BYTE_ARRAY ? column.leaf().typeLength() : pt.byteWidth();
    if (type instanceof ArrowType.Null) {
      return new ColumnPlan(column, field, Shape.NULL, physicalWidth, 0, null, null);
    }
    if (field.getMetadata().containsKey(ReadOptions.DECIMAL_METADATA_KEY)) {
      return unscaledDecimal(column, field, pt, physicalWidth);
    }
    switch (pt) {
      case BOOLEAN:
        return new ColumnPlan(column, field, Shape.BOOLEAN, 1, 1, null, null);
      case BYTE_ARRAY:
        if (type instanceof ArrowType.Decimal d) {
          int width = d.getBitWidth() / 8;
          return new ColumnPlan(column, field, Shape.FIXED, -1, width, null, ValueConverters.binaryDecimal(width));
        }
        return new ColumnPlan(column, field, Shape.VARIABLE, -1, -1, null, null);
      default:
        break;
    }
    int outputWidth = outputWidth(type, physicalWidth);
    ValueConverters.FixedConverter converter = null;
    if (type instanceof ArrowType.Decimal) {
      converter = pt == PhysicalType.FIXED_LEN_BYTE_ARRAY
          ? ValueConverters.bigEndianDecimal(physicalWidth, outputWidth)
          : ValueConverters.signExtend(physicalWidth, outputWidth);
    } else if (pt == PhysicalType.INT96) {
      converter = ValueConverters.int96ToNanos();
    } else if (type instanceof ArrowType.Interval) {
      converter = ValueConverters.intervalToMonthDayNano();
    } else if (pt == PhysicalType.INT32 && outputWidth < 4) {
      converter = ValueConverters.narrowInt32(outputWidth);
    }
    return new ColumnPlan(column, field, Shape.FIXED, physicalWidth, outputWidth, converter, null);
  }

  /**
   * A decimal of precision at most 18 delivered as unscaled signed 64-bit values ({@link ReadOptions#unscaledDecimals()}):
   * INT64 as is (no converter: the plain INT64 path), INT32 sign-extended, FIXED_LEN_BYTE_ARRAY and BYTE_ARRAY from
   * big-endian two's complement, checked to fit 64 bits.
   */
  private static ColumnPlan unscaledDecimal(ColumnDescriptor column, Field field, PhysicalType pt, int physicalWidth) {
    return switch (pt) {
      case INT64 -> new ColumnPlan(column, field, Shape.FIXED, 8, 8, null, null);
      case INT32 -> new ColumnPlan(column, field, Shape.FIXED, 4, 8, ValueConverters.signExtend(4, 8), null);
      case FIXED_LEN_BYTE_ARRAY -> new ColumnPlan(column, field, Shape.FIXED, physicalWidth, 8,
          ValueConverters.bigEndianDecimal(physicalWidth, 8), null);
      case BYTE_ARRAY -> new ColumnPlan(column, field, Shape.FIXED, -1, 8, null, ValueConverters.binaryDecimal(8));
      default -> throw new IllegalStateException("DECIMAL on " + pt); // the schema mapper rejects it earlier
    };
  }

  private static int outputWidth(ArrowType type, int physicalWidth) {
    if (type instanceof ArrowType.Int i) {
      return i.getBitWidth() / 8;
    }
    if (type instanceof ArrowType.Decimal d) {
      return d.getBitWidth() / 8;
    }
    if (type instanceof ArrowType.Timestamp) {
      return 8;
    }
    if (type instanceof ArrowType.Interval) {
      return 16;
    }
    return physicalWidth; // floats, dates, times, fixed-size binary: the physical layout is Arrow's
  }
}
