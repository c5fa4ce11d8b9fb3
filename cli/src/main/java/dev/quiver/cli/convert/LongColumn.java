package dev.quiver.cli.convert;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Stages integers, dates and timestamps as {@code long}s and writes them into a fixed-width Arrow vector of 1, 2, 4
 * or 8 bytes per value (Int8/16/32/64, DateDay, Timestamp). What text and JSON values mean is the job of the
 * {@link Kind}: integers take JSON integers or integer text in range; dates and timestamps take text in the forms of
 * {@link TextValues}.
 */
final class LongColumn extends ColumnBuilder {
  /** What the longs are. */
  enum Kind {
    /** A signed integer of {@code width} bytes. */
    INTEGER,
    /** Days since the epoch (Arrow DateDay, 4 bytes). */
    DATE,
    /** Microseconds since the epoch, local (no zone). */
    TIMESTAMP,
    /** Microseconds since the epoch, UTC. */
    TIMESTAMP_UTC
  }

  private final Kind kind;
  private final int width;
  private final long min;
  private final long max;
  private final String typeName;
  private final TextValues parse = new TextValues();
  private long[] values = new long[512];

  LongColumn(Field field, String path, Kind kind, int width, String typeName) {
    super(field, path);
    this.kind = kind;
    this.width = width;
    this.typeName = typeName;
    this.min = width == 8 ? Long.MIN_VALUE : -(1L << (width * 8 - 1));
    this.max = width == 8 ? Long.MAX_VALUE : (1L << (width * 8 - 1)) - 1;
  }

  private void append(long value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, grown(values.length, size));
    }
    setValid(true);
    values[size++] = value;
  }

  @Override
  void appendNull() {
    if (size == values.length) {
      values = Arrays.copyOf(values, grown(values.length, size));
    }
    setValid(false);
    values[size++] = 0;
  }

  @Override
  void appendText(String text) {
    switch (kind) {
      case INTEGER:
        if (!parse.parseLong(text)) {
          throw notA(text, "an " + typeName);
        }
        appendInteger(parse.longValue, text);
        return;
      case DATE:
        if (!parse.parseDate(text)) {
          throw notA(text, "a date (YYYY-MM-DD)");
        }
        append(parse.dateValue);
        return;
      default:
        if (!parse.parseTimestamp(text)) {
          if (parse.parseDate(text)) { // a date is its midnight (inference widens dates to timestamps)
            append(parse.dateValue * 86_400_000_000L);
            return;
          }
          throw notA(text, "a timestamp (YYYY-MM-DD HH:MM:SS[.ffffff][zone])");
        }
        if (kind == Kind.TIMESTAMP && parse.hadZone) {
          throw notA(text, "a timestamp without a zone (the column's type is timestamp; timestamp_utc takes zones)");
        }
        append(parse.longValue);
    }
  }

  private void appendInteger(long value, String text) {
    if (value < min || value > max) {
      throw notA(text, "an " + typeName + " (out of range)");
    }
    append(value);
  }

  @Override
  void appendTexts(String[][] records, int column, int count, CsvErrorRow error) {
    int row = 0;
    try {
      for (; row < count; row++) {
        String text = records[row][column];
        if (text.isEmpty()) {
          appendNull();
        } else {
          appendText(text);
        }
      }
    } catch (ConvertException e) {
      error.row = row;
      throw e;
    }
  }

  @Override
  void appendJson(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      appendNull();
    } else if (token == JsonToken.VALUE_STRING) {
      appendText(parser.getText());
    } else if (kind == Kind.INTEGER && token == JsonToken.VALUE_NUMBER_INT) {
      JsonParser.NumberType type = parser.getNumberType();
      if (type == JsonParser.NumberType.BIG_INTEGER) {
        throw notA(parser.getText(), "an " + typeName + " (out of range)");
      }
      long value = parser.getLongValue();
      if (value < min || value > max) {
        throw notA(parser.getText(), "an " + typeName + " (out of range)");
      }
      append(value);
    } else {
      throw unexpected(token, kind == Kind.INTEGER ? "an integer" : "a string holding a " + typeName);
    }
  }

  @Override
  long bufferedBytes() {
    return (long) size * 8;
  }

  @Override
  void fill(FieldVector vector) {
    BaseFixedWidthVector target = (BaseFixedWidthVector) vector;
    int rows = size;
    target.setInitialCapacity(Math.max(rows, 1));
    target.allocateNew();
    ByteBuffer data = target.getDataBuffer().nioBuffer(0, rows * width).order(ByteOrder.LITTLE_ENDIAN);
    switch (width) {
      case 8:
        data.asLongBuffer().put(values, 0, rows);
        break;
      case 4:
        for (int i = 0; i < rows; i++) {
          data.putInt(i << 2, (int) values[i]);
        }
        break;
      case 2:
        for (int i = 0; i < rows; i++) {
          data.putShort(i << 1, (short) values[i]);
        }
        break;
      default:
        for (int i = 0; i < rows; i++) {
          data.put(i, (byte) values[i]);
        }
    }
    writeValidity(target.getValidityBuffer(), rows);
    target.setValueCount(rows);
    reset();
  }
}
