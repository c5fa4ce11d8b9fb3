package dev.quiver.cli.convert;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Stages a list: validity and offsets here, the elements in the element builder. Takes JSON arrays; a CSV field for
 * a list column holds the array as JSON text.
 */
final class ListColumn extends ColumnBuilder {
  private final ColumnBuilder element;
  private int[] offsets = new int[513];

  ListColumn(Field field, String path, ColumnBuilder element) {
    super(field, path);
    this.element = element;
  }

  private void ensureRow() {
    if (size + 1 >= offsets.length) {
      offsets = Arrays.copyOf(offsets, grown(offsets.length, size + 1));
    }
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
    JsonText.append(this, text, "a JSON array");
  }

  @Override
  void appendJson(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      appendNull();
      return;
    }
    if (token != JsonToken.START_ARRAY) {
      throw unexpected(token, "an array");
    }
    ensureRow();
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (token == null) {
        throw unexpected(null, "the end of an array");
      }
      element.appendJson(parser);
    }
    setValid(true);
    offsets[size + 1] = element.size;
    size++;
  }

  @Override
  long bufferedBytes() {
    return 4L * size + element.bufferedBytes();
  }

  @Override
  void fill(FieldVector vector) {
    ListVector target = (ListVector) vector;
    int rows = size;
    target.setInitialCapacity(Math.max(rows, 1));
    target.allocateNew();
    target.getOffsetBuffer().nioBuffer(0, (rows + 1) * 4).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer()
        .put(offsets, 0, rows + 1);
    writeValidity(target.getValidityBuffer(), rows);
    element.fill(target.getDataVector());
    target.setLastSet(rows - 1);
    target.setValueCount(rows);
    reset();
  }

  @Override
  void reset() {
    super.reset();
    element.reset();
  }
}
