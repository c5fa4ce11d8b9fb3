package dev.quiver.cli.convert;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Stages a struct: its validity here, its fields in child builders. Takes JSON objects (see {@link ObjectFields});
 * a CSV field for a struct column holds the object as JSON text.
 */
final class StructColumn extends ColumnBuilder {
  private final List<ColumnBuilder> children;
  private final ObjectFields fields;

  StructColumn(Field field, String path, List<ColumnBuilder> children, boolean skipUnknown) {
    super(field, path);
    this.children = children;
    this.fields = new ObjectFields(children, path, skipUnknown);
  }

  @Override
  void appendNull() {
    fields.appendNulls();
    setValid(false);
    size++;
  }

  @Override
  void appendText(String text) {
    JsonText.append(this, text, "a JSON object");
  }

  @Override
  void appendJson(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      appendNull();
    } else if (token == JsonToken.START_OBJECT) {
      fields.read(parser);
      setValid(true);
      size++;
    } else {
      throw unexpected(token, "an object");
    }
  }

  @Override
  long bufferedBytes() {
    long bytes = size / 8;
    for (ColumnBuilder child : children) {
      bytes += child.bufferedBytes();
    }
    return bytes;
  }

  @Override
  void fill(FieldVector vector) {
    StructVector target = (StructVector) vector;
    int rows = size;
    target.setInitialCapacity(Math.max(rows, 1));
    target.allocateNew();
    List<FieldVector> childVectors = target.getChildrenFromFields();
    for (int i = 0; i < children.size(); i++) {
      children.get(i).fill(childVectors.get(i));
    }
    writeValidity(target.getValidityBuffer(), rows);
    target.setValueCount(rows);
    reset();
  }

  @Override
  void reset() {
    super.reset();
    for (ColumnBuilder child : children) {
      child.reset();
    }
  }
}
