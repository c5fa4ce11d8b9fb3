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
 * Stages floating-point values as {@code double}s and writes them into a Float8 (or, narrowed, Float4) vector. Takes
 * JSON numbers, and text in the double forms of {@link TextValues} ({@code NaN} and infinities included).
 */
final class DoubleColumn extends ColumnBuilder {
  private final boolean single;
  private final TextValues parse = new TextValues();
  private double[] values = new double[512];

  DoubleColumn(Field field, String path, boolean single) {
    super(field, path);
    this.single = single;
  }

  private void append(double value) {
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
    if (!parse.parseDouble(text)) {
      throw notA(text, single ? "a float32" : "a float64");
    }
    append(parse.doubleValue);
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
    } else if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
      append(parser.getDoubleValue());
    } else if (token == JsonToken.VALUE_STRING) {
      appendText(parser.getText());
    } else {
      throw unexpected(token, "a number");
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
    ByteBuffer data = target.getDataBuffer().nioBuffer(0, rows * (single ? 4 : 8)).order(ByteOrder.LITTLE_ENDIAN);
    if (single) {
      for (int i = 0; i < rows; i++) {
        data.putFloat(i << 2, (float) values[i]);
      }
    } else {
      data.asDoubleBuffer().put(values, 0, rows);
    }
    writeValidity(target.getValidityBuffer(), rows);
    target.setValueCount(rows);
    reset();
  }
}
