package dev.quiver.cli;

import dev.quiver.cli.format.DisplayText;
import dev.quiver.cli.format.TemporalFormat;
import dev.quiver.parquet.format.LogicalType;
import dev.quiver.parquet.format.PhysicalType;
import dev.quiver.parquet.schema.ArrowSchemaMapper;
import dev.quiver.parquet.schema.SchemaNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.util.Float16;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Decodes the min/max values of Parquet statistics (PLAIN-encoded, without the length prefix of BYTE_ARRAY) into
 * text for {@code quiver meta}, by the Arrow type the column reads as, in the renderings of
 * {@link dev.quiver.cli.format.JsonLinesWriter}: integers (signed or unsigned), floating point, decimals, dates,
 * times, timestamps (INT96 included), booleans, UTF-8 strings and UUIDs. Anything else, and any value whose length
 * does not fit its type, is hex ({@code 0x0a1b...}). Long values are cut to {@value #MAX_CHARS} chars.
 */
final class StatisticsValues {
  /** The longest value printed, in chars. */
  static final int MAX_CHARS = 64;

  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final long JULIAN_EPOCH_DAY = 2_440_588L;
  private static final long NANOS_PER_DAY = 86_400_000_000_000L;

  private StatisticsValues() {}

  /** The text of one statistics value of {@code column}, or null when {@code raw} is null. */
  static String decode(byte[] raw, SchemaNode.Primitive column) {
    if (raw == null) {
      return null;
    }
    String text;
    try {
      text = decodeTyped(raw, column);
    } catch (RuntimeException e) {
      text = null; // a value that does not decode is shown as hex below
    }
    if (text == null) {
      text = hex(raw);
    }
    return DisplayText.fit(DisplayText.escape(text), MAX_CHARS);
  }

  private static String decodeTyped(byte[] raw, SchemaNode.Primitive column) {
    PhysicalType pt = column.physicalType();
    ArrowType type = ArrowSchemaMapper.arrowType(column);
    ByteBuffer le = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    int width = pt.byteWidth();
    if (pt == PhysicalType.BOOLEAN) {
      return raw.length == 1 ? Boolean.toString(raw[0] != 0) : null;
    }
    if (width > 0 && raw.length != width) {
      return null;
    }
    if (pt == PhysicalType.FIXED_LEN_BYTE_ARRAY && raw.length != column.typeLength()) {
      return null;
    }
    if (type instanceof ArrowType.Int i) {
      if (pt == PhysicalType.INT32) {
        int v = le.getInt(0);
        return i.getIsSigned() ? Integer.toString(v) : Integer.toUnsignedString(v);
      }
      long v = le.getLong(0);
      return i.getIsSigned() ? Long.toString(v) : Long.toUnsignedString(v);
    }
    if (type instanceof ArrowType.Decimal d) {
      BigInteger unscaled = switch (pt) {
        case INT32 -> BigInteger.valueOf(le.getInt(0));
        case INT64 -> BigInteger.valueOf(le.getLong(0));
        default -> raw.length == 0 ? BigInteger.ZERO : new BigInteger(raw); // big-endian two's complement
      };
      return new BigDecimal(unscaled, d.getScale()).toPlainString();
    }
    if (type instanceof ArrowType.Date) {
      return TemporalFormat.date(le.getInt(0));
    }
    if (type instanceof ArrowType.Time t) {
      return TemporalFormat.time(pt == PhysicalType.INT32 ? le.getInt(0) : le.getLong(0), t.getUnit());
    }
    if (type instanceof ArrowType.Timestamp t) {
      if (pt == PhysicalType.INT96) {
        long nanos = (le.getInt(8) - JULIAN_EPOCH_DAY) * NANOS_PER_DAY + le.getLong(0);
        return TemporalFormat.timestamp(nanos, t.getUnit(), true);
      }
      return TemporalFormat.timestamp(le.getLong(0), t.getUnit(), t.getTimezone() != null);
    }
    if (type instanceof ArrowType.FloatingPoint) {
      return switch (pt) {
        case FLOAT -> Float.toString(le.getFloat(0));
        case DOUBLE -> Double.toString(le.getDouble(0));
        default -> Float.toString(Float16.toFloat(le.getShort(0))); // FLOAT16 on FIXED(2), little-endian
      };
    }
    if (type instanceof ArrowType.Utf8) {
      return new String(raw, StandardCharsets.UTF_8);
    }
    if (type instanceof ArrowType.FixedSizeBinary && raw.length == 16
        && column.logicalType() instanceof LogicalType.UuidType) {
      ByteBuffer be = ByteBuffer.wrap(raw);
      return new java.util.UUID(be.getLong(0), be.getLong(8)).toString();
    }
    return null;
  }

  /** {@code 0x} and lowercase hex digits; the empty value is {@code 0x}. */
  static String hex(byte[] raw) {
    int n = Math.min(raw.length, MAX_CHARS / 2);
    StringBuilder sb = new StringBuilder(2 + 2 * n).append("0x");
    for (int i = 0; i < n; i++) {
      sb.append(HEX[(raw[i] >> 4) & 0xF]).append(HEX[raw[i] & 0xF]);
    }
    if (n < raw.length) {
      sb.append("…");
    }
    return sb.toString();
  }
}
