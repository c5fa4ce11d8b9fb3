package dev.quiver.cli.convert;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.quiver.columnar.Bitmaps;
import java.io.IOException;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Stages the values of one column (or nested field) of a batch in heap arrays, then moves them into an Arrow vector
 * in bulk ({@link #fill}): one allocation and one copy per buffer, no per-element {@code ArrowBuf} calls. One builder
 * per field of the target schema, nested builders for struct and list children; see {@link #forField}.
 *
 * <p>Values arrive as CSV field text ({@link #appendTexts}, a whole batch of a column at once), as the text of a JSON
 * string ({@link #appendText}) or as JSON tokens ({@link #appendJson}). A value that does not fit the field's type
 * raises {@link ConvertException} naming the column; the record reader adds the line. Not thread-safe.
 */
abstract class ColumnBuilder {
  /** The target field. */
  final Field field;
  /** The column path used in error messages. */
  final String path;
  /** Values staged so far (entries of this field, nulls included). */
  int size;
  /** The validity bitmap of the staged entries. */
  byte[] validity = new byte[64];

  ColumnBuilder(Field field, String path) {
    this.field = field;
    this.path = path;
  }

  /** Appends a null entry. */
  abstract void appendNull();

  /**
   * Appends the value written as {@code text} (never empty: empty CSV fields are nulls and never reach here).
   *
   * @throws ConvertException when the text is not a value of the field's type
   */
  abstract void appendText(String text);

  /**
   * Appends the JSON value whose first token is {@code parser}'s current token (null, a scalar, or the start of an
   * object or array, which is consumed to its end).
   *
   * @throws ConvertException when the value does not fit the field's type
   * @throws IOException from the parser, malformed JSON included
   */
  abstract void appendJson(JsonParser parser) throws IOException;

  /**
   * Appends column {@code column} of {@code count} CSV records: an empty field is a null, anything else goes to
   * {@link #appendText}. Subclasses override it with the same loop so that the call inside is monomorphic.
   *
   * @throws ConvertException for the first bad value, with {@link CsvErrorRow#row} set to its record index
   */
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

  /** Bytes held in staging arrays for the current batch (to end batches early when values are large). */
  abstract long bufferedBytes();

  /** Moves the staged entries into {@code vector} (a vector of {@link #field}, empty) and clears this builder. */
  abstract void fill(FieldVector vector);

  /** Clears the staged entries (as {@link #fill} does), keeping the arrays for the next batch. */
  void reset() {
    size = 0;
  }

  /** Marks entry {@code size} valid or null in {@link #validity}, growing it; does not advance {@link #size}. */
  final void setValid(boolean valid) {
    if ((size >>> 3) >= validity.length) {
      validity = Arrays.copyOf(validity, validity.length * 2);
    }
    Bitmaps.set(validity, size, valid);
  }

  /** Copies the validity of the first {@code rows} entries into {@code buffer} (allocated by the vector). */
  final void writeValidity(ArrowBuf buffer, int rows) {
    buffer.setBytes(0, validity, 0, (rows + 7) >>> 3);
  }

  /** A {@link ConvertException} for {@code text} not being a {@code what}. */
  final ConvertException notA(String text, String what) {
    return ConvertException.inColumn(path, quote(text) + " is not " + what);
  }

  /** A {@link ConvertException} for a JSON token that does not fit. */
  final ConvertException unexpected(JsonToken token, String what) {
    return ConvertException.inColumn(path, "expected " + what + ", found " + describe(token));
  }

  /** The text shown for a bad value: quoted, at most 40 characters. */
  static String quote(String text) {
    String shown = text.length() > 40 ? text.substring(0, 37) + "..." : text;
    return "'" + shown.replace("\n", "\\n").replace("\r", "\\r") + "'";
  }

  static String describe(JsonToken token) {
    if (token == null) {
      return "the end of the input";
    }
    switch (token) {
      case START_OBJECT:
        return "an object";
      case START_ARRAY:
        return "an array";
      case VALUE_STRING:
        return "a string";
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return "a number";
      case VALUE_TRUE:
      case VALUE_FALSE:
        return "a boolean";
      case VALUE_NULL:
        return "null";
      default:
        return token.asString() == null ? token.name() : token.asString();
    }
  }

  /** The capacity to grow an array of {@code length} to, to hold index {@code needed}. */
  static int grown(int length, int needed) {
    long capacity = Math.max(16L, length);
    while (capacity <= needed) {
      capacity *= 2;
    }
    if (capacity > Integer.MAX_VALUE - 16) {
      throw ConvertException.inColumn(null, "a batch holds too many values; lower --batch-size");
    }
    return (int) capacity;
  }

  /**
   * A builder for {@code field} and its children, named {@code path} in errors.
   *
   * @param skipUnknown whether JSON members missing from a struct's fields are skipped (else an error)
   * @throws IllegalArgumentException for an Arrow type {@code quiver convert} does not write (see {@link SchemaFile})
   */
  static ColumnBuilder forField(Field field, String path, boolean skipUnknown) {
    return ColumnBuilders.forField(field, path, skipUnknown);
  }

  /** Where in a batch a CSV column failed: the record index, set by {@link #appendTexts}. */
  static final class CsvErrorRow {
    int row = -1;
  }
}
