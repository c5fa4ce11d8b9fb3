package dev.quiver.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * An independent rendering of a Parquet file by the {@code cat --format jsonl} contract of DESIGN.md: parquet-java
 * reads the rows (its record assembly over {@link Group}s, through {@link LocalInputFile}, no Hadoop paths), and
 * this class turns each value into a Jackson tree from the Parquet schema's own annotations, with java.time for
 * calendars. It shares no code with Quiver's reader or writers.
 *
 * <p>Numbers are built as a JSON parser would build them from the contract's text: integers as big integers,
 * DOUBLE as its double, FLOAT and FLOAT16 as the double that {@link Float#toString(float)} parses to (the contract
 * prints floats that way). Only top-level primitive columns are rendered; a group column is refused, so that a
 * test meeting one must be extended rather than pass by accident.
 */
final class ParquetJavaJsonl {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final long JULIAN_EPOCH_DAY = 2_440_588L;

  private ParquetJavaJsonl() {}

  /**
   * The rows of {@code file}, one JSON object each, keys the {@code columns} in that order (all top-level columns
   * when null).
   *
   * @throws IOException when parquet-java cannot read the file
   * @throws UnsupportedOperationException for a group column
   */
  static List<ObjectNode> read(Path file, List<String> columns) throws IOException {
    List<ObjectNode> rows = new ArrayList<>();
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      List<Type> fields = new ArrayList<>();
      if (columns == null) {
        fields.addAll(schema.getFields());
      } else {
        for (String c : columns) {
          fields.add(schema.getType(c));
        }
      }
      for (Type f : fields) {
        if (!f.isPrimitive() || f.isRepetition(Type.Repetition.REPEATED)) {
          throw new UnsupportedOperationException("column " + f.getName() + " is nested: extend ParquetJavaJsonl");
        }
      }
      MessageType projection = new MessageType(schema.getName(), fields);
      reader.setRequestedSchema(projection);
      MessageColumnIO io = new ColumnIOFactory().getColumnIO(projection, schema);
      PageReadStore pages;
      while ((pages = reader.readNextRowGroup()) != null) {
        RecordReader<Group> records = io.getRecordReader(pages, new GroupRecordConverter(projection));
        for (long i = 0; i < pages.getRowCount(); i++) {
          rows.add(row(records.read(), fields));
        }
      }
    }
    return rows;
  }

  private static ObjectNode row(Group group, List<Type> fields) {
    ObjectNode row = NODES.objectNode();
    for (int i = 0; i < fields.size(); i++) {
      PrimitiveType type = fields.get(i).asPrimitiveType();
      JsonNode value = group.getFieldRepetitionCount(i) == 0 ? NODES.nullNode() : value(group, i, type);
      row.set(type.getName(), value);
    }
    return row;
  }

  private static JsonNode value(Group g, int field, PrimitiveType type) {
    LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
    if (logical instanceof LogicalTypeAnnotation.UnknownLogicalTypeAnnotation) {
      return NODES.nullNode();
    }
    switch (type.getPrimitiveTypeName()) {
      case BOOLEAN:
        return NODES.booleanNode(g.getBoolean(field, 0));
      case INT32: {
        int v = g.getInteger(field, 0);
        if (logical instanceof IntLogicalTypeAnnotation i && !i.isSigned()) {
          return integer(BigInteger.valueOf(Integer.toUnsignedLong(v)));
        }
        if (logical instanceof DecimalLogicalTypeAnnotation d) {
          return NODES.textNode(BigDecimal.valueOf(v, d.getScale()).toPlainString());
        }
        if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
          return NODES.textNode(LocalDate.ofEpochDay(v).toString());
        }
        if (logical instanceof TimeLogicalTypeAnnotation t) {
          return NODES.textNode(time(v, t.getUnit()));
        }
        return integer(BigInteger.valueOf(v));
      }
      case INT64: {
        long v = g.getLong(field, 0);
        if (logical instanceof IntLogicalTypeAnnotation i && !i.isSigned()) {
          return integer(new BigInteger(Long.toUnsignedString(v)));
        }
        if (logical instanceof DecimalLogicalTypeAnnotation d) {
          return NODES.textNode(BigDecimal.valueOf(v, d.getScale()).toPlainString());
        }
        if (logical instanceof TimeLogicalTypeAnnotation t) {
          return NODES.textNode(time(v, t.getUnit()));
        }
        if (logical instanceof TimestampLogicalTypeAnnotation t) {
          return NODES.textNode(timestamp(v, t.getUnit(), t.isAdjustedToUTC()));
        }
        return integer(BigInteger.valueOf(v));
      }
      case INT96: {
        ByteBuffer b = g.getInt96(field, 0).toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long nanosOfDay = b.getLong(b.position());
        long julianDay = Integer.toUnsignedLong(b.getInt(b.position() + 8));
        Instant instant = Instant.ofEpochSecond((julianDay - JULIAN_EPOCH_DAY) * 86_400L).plusNanos(nanosOfDay);
        return NODES.textNode(instant.toString());
      }
      case FLOAT:
        return floating(g.getFloat(field, 0));
      case DOUBLE: {
        double d = g.getDouble(field, 0);
        return Double.isFinite(d) ? NODES.numberNode(d) : NODES.textNode(Double.toString(d));
      }
      case BINARY:
      case FIXED_LEN_BYTE_ARRAY:
        return bytes(g.getBinary(field, 0), type, logical);
      default:
        throw new IllegalStateException("unknown physical type " + type);
    }
  }

  private static JsonNode bytes(Binary binary, PrimitiveType type, LogicalTypeAnnotation logical) {
    byte[] bytes = binary.getBytes();
    if (logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
        || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
        || logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
      return NODES.textNode(binary.toStringUsingUTF8());
    }
    if (logical instanceof DecimalLogicalTypeAnnotation d) {
      BigInteger unscaled = bytes.length == 0 ? BigInteger.ZERO : new BigInteger(bytes);
      return NODES.textNode(new BigDecimal(unscaled, d.getScale()).toPlainString());
    }
    if (logical instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation && bytes.length == 16) {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      return NODES.textNode(new UUID(b.getLong(), b.getLong()).toString());
    }
    if (logical instanceof LogicalTypeAnnotation.Float16LogicalTypeAnnotation && bytes.length == 2) {
      return floating(halfToFloat((bytes[0] & 0xFF) | (bytes[1] & 0xFF) << 8));
    }
    if (logical instanceof LogicalTypeAnnotation.IntervalLogicalTypeAnnotation && bytes.length == 12) {
      ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
      ObjectNode interval = NODES.objectNode();
      interval.set("months", integer(BigInteger.valueOf(Integer.toUnsignedLong(b.getInt(0)))));
      interval.set("days", integer(BigInteger.valueOf(Integer.toUnsignedLong(b.getInt(4)))));
      interval.set("millis", integer(BigInteger.valueOf(Integer.toUnsignedLong(b.getInt(8)))));
      return interval;
    }
    return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
  }

  private static JsonNode integer(BigInteger v) {
    return NODES.numberNode(v);
  }

  /** A float as the contract prints it, parsed back as a JSON reader would: a double, or a string if not finite. */
  private static JsonNode floating(float f) {
    return Float.isFinite(f) ? NODES.numberNode(Double.parseDouble(Float.toString(f)))
        : NODES.textNode(Float.toString(f));
  }

  /** IEEE 754 binary16 to float, written out from the standard's definition. */
  static float halfToFloat(int bits) {
    int sign = (bits >> 15) & 1;
    int exponent = (bits >> 10) & 0x1F;
    int fraction = bits & 0x3FF;
    double magnitude;
    if (exponent == 0) {
      magnitude = Math.scalb((double) fraction, -24); // subnormal: fraction * 2^-14 / 2^10
    } else if (exponent == 31) {
      magnitude = fraction == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
    } else {
      magnitude = Math.scalb(1024.0 + fraction, exponent - 25); // (1 + fraction/2^10) * 2^(exponent-15)
    }
    return (float) (sign == 1 ? -magnitude : magnitude);
  }

  private static long nanosPer(LogicalTypeAnnotation.TimeUnit unit) {
    return switch (unit) {
      case MILLIS -> 1_000_000L;
      case MICROS -> 1_000L;
      case NANOS -> 1L;
    };
  }

  /** java.time's text of a time of day, with the zero seconds it omits put back. */
  private static String time(long value, LogicalTypeAnnotation.TimeUnit unit) {
    String text = LocalTime.ofNanoOfDay(value * nanosPer(unit)).toString();
    return text.length() == 5 ? text + ":00" : text;
  }

  /** {@link Instant#toString()}, without its {@code Z} for a local timestamp. */
  private static String timestamp(long value, LogicalTypeAnnotation.TimeUnit unit, boolean utc) {
    long perSecond = 1_000_000_000L / nanosPer(unit);
    Instant instant = Instant.ofEpochSecond(Math.floorDiv(value, perSecond),
        Math.floorMod(value, perSecond) * nanosPer(unit));
    String text = instant.toString();
    return utc ? text : text.substring(0, text.length() - 1);
  }
}
