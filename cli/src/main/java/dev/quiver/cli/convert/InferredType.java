package dev.quiver.cli.convert;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * The type of one column (or nested field) as inferred from sample values, widened as values arrive. The order:
 * nothing seen but nulls, then the narrowest type every value fits. Scalars: {@code boolean}, {@code int64},
 * {@code float64} (an int64 column that meets a fraction widens to it), {@code date}, {@code timestamp} (a date
 * column that meets a timestamp widens to it), {@code timestamp_utc} (timestamps that all carry a zone), and
 * {@code string}, which is what any other mix becomes. From JSON, objects are structs (fields in first-seen order,
 * merged across rows) and arrays are lists (elements merged); JSON strings are only ever dates, timestamps or
 * strings, never numbers or booleans. A column that held only nulls becomes {@code string}. Every inferred field is
 * nullable. Deeper than {@link #MAX_DEPTH} levels, values are kept as JSON text in a string.
 */
final class InferredType {
  /** Nesting levels inferred as structs/lists; deeper values become strings. */
  static final int MAX_DEPTH = 32;

  /** The lattice of types, narrowest first. */
  enum Kind { NULL, BOOLEAN, INT64, FLOAT64, DATE, TIMESTAMP, TIMESTAMP_UTC, STRING, STRUCT, LIST }

  private Kind kind = Kind.NULL;
  private Map<String, InferredType> fields;
  private InferredType element;
  private final int depth;
  private final TextValues parse;

  InferredType() {
    this(0, new TextValues());
  }

  private InferredType(int depth, TextValues parse) {
    this.depth = depth;
    this.parse = parse;
  }

  Kind kind() {
    return kind;
  }

  /** Widens to the kind of a CSV field's text (empty text is a null and changes nothing). */
  void observeText(String text) {
    if (text.isEmpty() || kind == Kind.STRING) {
      return;
    }
    widen(sniff(text, true));
  }

  /** The narrowest scalar kind {@code text} has; numbers and booleans only when {@code scalars}. */
  private Kind sniff(String text, boolean scalars) {
    if (scalars) {
      if (TextValues.isBoolean(text)) {
        return Kind.BOOLEAN;
      }
      if (parse.parseLong(text)) {
        return Kind.INT64;
      }
      if (parse.parseDouble(text)) {
        return Kind.FLOAT64;
      }
    }
    char first = text.charAt(0);
    if (first >= '0' && first <= '9') {
      if (parse.parseDate(text)) {
        return Kind.DATE;
      }
      if (parse.parseTimestamp(text)) {
        return parse.hadZone ? Kind.TIMESTAMP_UTC : Kind.TIMESTAMP;
      }
    }
    return Kind.STRING;
  }

  private void widen(Kind seen) {
    kind = merge(kind, seen);
  }

  /** The narrowest kind both {@code a} and {@code b} values fit (scalars; structs and lists are merged apart). */
  static Kind merge(Kind a, Kind b) {
    if (a == b) {
      return a;
    }
    if (a == Kind.NULL) {
      return b;
    }
    if (b == Kind.NULL) {
      return a;
    }
    if (isPair(a, b, Kind.INT64, Kind.FLOAT64)) {
      return Kind.FLOAT64;
    }
    if (isPair(a, b, Kind.DATE, Kind.TIMESTAMP)) {
      return Kind.TIMESTAMP;
    }
    return Kind.STRING;
  }

  private static boolean isPair(Kind a, Kind b, Kind x, Kind y) {
    return (a == x && b == y) || (a == y && b == x);
  }

  /**
   * Widens to the JSON value whose first token is the parser's current token, consuming it to its end.
   *
   * @throws IOException from the parser, malformed JSON included
   */
  void observeJson(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == null || token == JsonToken.VALUE_NULL) {
      return;
    }
    if (kind == Kind.STRING) {
      parser.skipChildren();
      return;
    }
    switch (token) {
      case VALUE_TRUE:
      case VALUE_FALSE:
        widen(Kind.BOOLEAN);
        return;
      case VALUE_NUMBER_INT:
        widen(parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? Kind.FLOAT64 : Kind.INT64);
        return;
      case VALUE_NUMBER_FLOAT:
        widen(Kind.FLOAT64);
        return;
      case VALUE_STRING:
        String text = parser.getText();
        widen(text.isEmpty() ? Kind.STRING : sniff(text, false));
        return;
      case START_OBJECT:
        if (depth >= MAX_DEPTH || (kind != Kind.NULL && kind != Kind.STRUCT)) {
          kind = Kind.STRING;
          parser.skipChildren();
          return;
        }
        kind = Kind.STRUCT;
        if (fields == null) {
          fields = new LinkedHashMap<>();
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          fields.computeIfAbsent(name, n -> new InferredType(depth + 1, parse)).observeJson(parser);
        }
        return;
      case START_ARRAY:
        if (depth >= MAX_DEPTH || (kind != Kind.NULL && kind != Kind.LIST)) {
          kind = Kind.STRING;
          parser.skipChildren();
          return;
        }
        kind = Kind.LIST;
        if (element == null) {
          element = new InferredType(depth + 1, parse);
        }
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          element.observeJson(parser);
        }
        return;
      default:
        kind = Kind.STRING;
        parser.skipChildren();
    }
  }

  /** The nullable Arrow field for this type, named {@code name}. */
  Field toField(String name) {
    switch (kind) {
      case STRUCT:
        List<Field> children = new ArrayList<>();
        for (Map.Entry<String, InferredType> e : fields.entrySet()) {
          children.add(e.getValue().toField(e.getKey()));
        }
        if (children.isEmpty()) { // only {} seen: nothing to store but the JSON text
          return Field.nullable(name, ArrowType.Utf8.INSTANCE);
        }
        return new Field(name, FieldType.nullable(ArrowType.Struct.INSTANCE), children);
      case LIST:
        return new Field(name, FieldType.nullable(ArrowType.List.INSTANCE), List.of(element.toField("element")));
      case BOOLEAN:
        return Field.nullable(name, ArrowType.Bool.INSTANCE);
      case INT64:
        return Field.nullable(name, new ArrowType.Int(64, true));
      case FLOAT64:
        return Field.nullable(name, new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE));
      case DATE:
        return Field.nullable(name, new ArrowType.Date(DateUnit.DAY));
      case TIMESTAMP:
        return Field.nullable(name, new ArrowType.Timestamp(TimeUnit.MICROSECOND, null));
      case TIMESTAMP_UTC:
        return Field.nullable(name, new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"));
      default:
        return Field.nullable(name, ArrowType.Utf8.INSTANCE);
    }
  }
}
