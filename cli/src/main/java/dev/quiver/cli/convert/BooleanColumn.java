package dev.quiver.cli.convert;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.quiver.columnar.VectorFiller;
import java.io.IOException;
import java.util.Arrays;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

/** Stages booleans, one byte each, and packs them into a Bit vector. Takes JSON booleans and {@code true}/{@code false} text. */
final class BooleanColumn extends ColumnBuilder {
  private byte[] values = new byte[512];
  private byte[] scratch = new byte[64];

  BooleanColumn(Field field, String path) {
    super(field, path);
  }

  private void append(boolean value, boolean valid) {
    if (size == values.length) {
      values = Arrays.copyOf(values, grown(values.length, size));
    }
    setValid(valid);
    values[size++] = (byte) (value ? 1 : 0);
  }

  @Override
  void appendNull() {
    append(false, false);
  }

  @Override
  void appendText(String text) {
    if (!TextValues.isBoolean(text)) {
      throw notA(text, "a boolean (true or false)");
    }
    append(TextValues.booleanValue(text), true);
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
    } else if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
      append(token == JsonToken.VALUE_TRUE, true);
    } else if (token == JsonToken.VALUE_STRING) {
      appendText(parser.getText());
    } else {
      throw unexpected(token, "a boolean");
    }
  }

  @Override
  long bufferedBytes() {
    return size;
  }

  @Override
  void fill(FieldVector vector) {
    int rows = size;
    if (scratch.length < (rows + 7) >>> 3) {
      scratch = new byte[(rows + 7) >>> 3];
    }
    VectorFiller.fillBits((BitVector) vector, values, validity, rows, scratch);
    reset();
  }
}
