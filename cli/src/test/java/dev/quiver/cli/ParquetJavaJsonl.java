package dev.quiver.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import org.apache.parquet.schema.GroupType;
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
 * prints floats that way).
 *
 * <p>Nested values are rendered from the raw groups parquet-java assembles, with the rules of LogicalTypes.md
 * applied here, independently of Quiver's schema mapping: a LIST group is an array whose element is the repeated
 * field's only child (3-level), or the repeated field itself when it is a primitive, a group of several fields, or
 * a group named {@code array} or {@code <list>_tuple} (2-level); a MAP or MAP_KEY_VALUE group is an array of
 * {@code {"key":k,"value":v}} (value null when absent), or an array of the keys when its key_value group has a
 * key only; any other group is an object of its fields in schema order; a repeated field outside a LIST or MAP
 * group is an array of its occurrences; an absent optional field is null.
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
   * @throws IllegalStateException for a LIST or MAP group that matches no rule of LogicalTypes.md
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
      row.set(fields.get(i).getName(), field(group, i, fields.get(i)));
    }
    return row;
  }

  /**
   * Field {@code index} (of type {@code type}) of {@code parent}: an array of its occurrences when it is repeated
   * (an unannotated repeated field), else null when absent, else its value.
   */
  private static JsonNode field(Group parent, int index, Type type) {
    int count = parent.getFieldRepetitionCount(index);
    if (type.isRepetition(Type.Repetition.REPEATED)) {
      ArrayNode array = NODES.arrayNode();
      for (int k = 0; k < count; k++) {
        array.add(occurrence(parent, index, type, k));
      }
      return array;
    }
    if (count > 1) {
      throw new IllegalStateException("non-repeated field " + type.getName() + " occurs " + count + " times");
    }
    return count == 0 ? NODES.nullNode() : occurrence(parent, index, type, 0);
  }

  /** Occurrence {@code k} of field {@code index} of {@code parent}, as one value (never as a list of them). */
  private static JsonNode occurrence(Group parent, int index, Type type, int k) {
    if (type.isPrimitive()) {
      return value(parent, index, k, type.asPrimitiveType());
    }
    GroupType group = type.asGroupType();
    Group g = parent.getGroup(index, k);
    LogicalTypeAnnotation logical = group.getLogicalTypeAnnotation();
    if (logical instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
      return list(g, group);
    }
    if (logical instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
        || logical instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation) {
      return map(g, group);
    }
    ObjectNode struct = NODES.objectNode();
    for (int i = 0; i < group.getFieldCount(); i++) {
      struct.set(group.getFieldName(i), field(g, i, group.getType(i)));
    }
    return struct;
  }

  /** A LIST group's value: its elements by the 3-level rule or one of the 2-level backward-compatibility rules. */
  private static JsonNode list(Group g, GroupType type) {
    if (type.getFieldCount() != 1 || !type.getType(0).isRepetition(Type.Repetition.REPEATED)) {
      throw new IllegalStateException("LIST group " + type.getName() + " does not hold one repeated field");
    }
    Type repeated = type.getType(0);
    boolean twoLevel = repeated.isPrimitive()
        || repeated.asGroupType().getFieldCount() > 1
        || repeated.getName().equals("array")
        || repeated.getName().equals(type.getName() + "_tuple");
    ArrayNode array = NODES.arrayNode();
    for (int k = 0, n = g.getFieldRepetitionCount(0); k < n; k++) {
      if (twoLevel) {
        array.add(occurrence(g, 0, repeated, k)); // the repeated field is the element, required
      } else {
        GroupType wrapper = repeated.asGroupType();
        array.add(field(g.getGroup(0, k), 0, wrapper.getType(0)));
      }
    }
    return array;
  }

  /** A MAP group's value: {@code {"key":k,"value":v}} per entry, or the keys alone when there is no value field. */
  private static JsonNode map(Group g, GroupType type) {
    if (type.getFieldCount() != 1 || !type.getType(0).isRepetition(Type.Repetition.REPEATED)
        || type.getType(0).isPrimitive() || type.getType(0).asGroupType().getFieldCount() > 2) {
      throw new IllegalStateException("MAP group " + type.getName() + " does not hold one repeated key_value group");
    }
    GroupType keyValue = type.getType(0).asGroupType();
    ArrayNode array = NODES.arrayNode();
    for (int k = 0, n = g.getFieldRepetitionCount(0); k < n; k++) {
      Group entry = g.getGroup(0, k);
      JsonNode key = field(entry, 0, keyValue.getType(0));
      if (keyValue.getFieldCount() == 1) {
        array.add(key);
      } else {
        ObjectNode pair = NODES.objectNode();
        pair.set("key", key);
        pair.set("value", field(entry, 1, keyValue.getType(1)));
        array.add(pair);
      }
    }
    return array;
  }

  private static JsonNode value(Group g, int field, int k, PrimitiveType type) {
    LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
    if (logical instanceof LogicalTypeAnnotation.UnknownLogicalTypeAnnotation) {
      return NODES.nullNode();
    }
    switch (type.getPrimitiveTypeName()) {
      case BOOLEAN:
        return NODES.booleanNode(g.getBoolean(field, k));
      case INT32: {
        int v = g.getInteger(field, k);
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
        long v = g.getLong(field, k);
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
        ByteBuffer b = g.getInt96(field, k).toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long nanosOfDay = b.getLong(b.position());
        long julianDay = Integer.toUnsignedLong(b.getInt(b.position() + 8));
        Instant instant = Instant.ofEpochSecond((julianDay - JULIAN_EPOCH_DAY) * 86_400L).plusNanos(nanosOfDay);
        return NODES.textNode(instant.toString());
      }
      case FLOAT:
        return floating(g.getFloat(field, k));
      case DOUBLE: {
        double d = g.getDouble(field, k);
        return Double.isFinite(d) ? NODES.numberNode(d) : NODES.textNode(Double.toString(d));
      }
      case BINARY:
      case FIXED_LEN_BYTE_ARRAY:
        return bytes(g.getBinary(field, k), type, logical);
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
