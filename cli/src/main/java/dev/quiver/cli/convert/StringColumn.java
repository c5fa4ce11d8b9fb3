package dev.quiver.cli.convert;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.quiver.columnar.VectorFiller;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Stages UTF-8 strings (values and offsets in heap arrays) for a Utf8 vector. Any text is a string. From JSON, a
 * string is its text, a number or boolean is its JSON literal ({@code 1.50}, {@code true}), and an object or array
 * is its compact JSON text.
 */
final class StringColumn extends ColumnBuilder {
  private static final JsonFactory JSON = new JsonFactory();

  private byte[] data = new byte[1 << 14];
  private int[] offsets = new int[513];

  StringColumn(Field field, String path) {
    super(field, path);
  }

  private void ensureRow() {
    if (size + 1 >= offsets.length) {
      offsets = Arrays.copyOf(offsets, grown(offsets.length, size + 1));
    }
  }

  private int ensureBytes(int more) {
    int end = offsets[size];
    long needed = (long) end + more;
    if (needed > Integer.MAX_VALUE - 16) {
      throw ConvertException.inColumn(path, "a batch holds more than 2 GiB of strings; lower --batch-size");
    }
    if (needed > data.length) {
      data = Arrays.copyOf(data, grown(data.length, (int) needed));
    }
    return end;
  }

  @Override
  void appendNull() {
    ensureRow();
    setValid(false);
    offsets[size + 1] = offsets[size];
    size++;
  }

  @Override
  void appendText(String text) {
    ensureRow();
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    int end = ensureBytes(bytes.length);
    System.arraycopy(bytes, 0, data, end, bytes.length);
    setValid(true);
    offsets[size + 1] = end + bytes.length;
    size++;
  }

  /** Appends {@code chars[from, from+length)} encoded as UTF-8 (an unpaired surrogate becomes {@code ?}). */
  private void appendChars(char[] chars, int from, int length) {
    ensureRow();
    int at = ensureBytes(length * 3);
    int end = from + length;
    for (int i = from; i < end; i++) {
      char c = chars[i];
      if (c < 0x80) {
        data[at++] = (byte) c;
      } else if (c < 0x800) {
        data[at++] = (byte) (0xC0 | (c >> 6));
        data[at++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(chars[i + 1])) {
        int cp = Character.toCodePoint(c, chars[++i]);
        data[at++] = (byte) (0xF0 | (cp >> 18));
        data[at++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        data[at++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        data[at++] = (byte) (0x80 | (cp & 0x3F));
      } else if (Character.isSurrogate(c)) {
        data[at++] = '?';
      } else {
        data[at++] = (byte) (0xE0 | (c >> 12));
        data[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        data[at++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    setValid(true);
    offsets[size + 1] = at;
    size++;
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
    } else if (token == JsonToken.VALUE_STRING || token.isScalarValue()) {
      appendChars(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
    } else if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
      StringWriter text = new StringWriter();
      try (JsonGenerator generator = JSON.createGenerator(text)) {
        generator.copyCurrentStructure(parser);
      }
      appendText(text.toString());
    } else {
      throw unexpected(token, "a value");
    }
  }

  @Override
  long bufferedBytes() {
    return offsets[size] + 4L * size;
  }

  @Override
  void fill(FieldVector vector) {
    VectorFiller.fillVariableWidth((BaseVariableWidthVector) vector, offsets, data, validity, size);
    reset();
  }
}
