package dev.quiver.cli.convert;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one JSON object into the builders of a struct's fields (or of a row's columns): each member goes to the
 * builder of the field with its name, fields the object lacks get a null. A member the schema does not have is an
 * error, or skipped when {@code skipUnknown}; a member given twice is an error. Fields are looked up by the position
 * the previous object had them at first, so objects with the usual key order cost no hash lookups.
 */
final class ObjectFields {
  private final ColumnBuilder[] builders;
  private final String[] names;
  private final Map<String, Integer> index = new HashMap<>();
  private final String path;
  private final boolean skipUnknown;
  private final long[] seenAt;
  private long objects;

  /**
   * @param builders the fields' builders, in schema order
   * @param path the struct's column path in errors, or null for the top-level row
   * @param skipUnknown whether members missing from the schema are skipped (else they are an error)
   */
  ObjectFields(List<ColumnBuilder> builders, String path, boolean skipUnknown) {
    this.builders = builders.toArray(new ColumnBuilder[0]);
    this.names = new String[this.builders.length];
    for (int i = 0; i < names.length; i++) {
      names[i] = this.builders[i].field.getName();
      index.putIfAbsent(names[i], i);
    }
    this.path = path;
    this.skipUnknown = skipUnknown;
    this.seenAt = new long[names.length];
  }

  /**
   * Reads the object whose {@code START_OBJECT} is the parser's current token, up to its {@code END_OBJECT}.
   *
   * @throws ConvertException for an unknown (unless skipped) or repeated member, or a value that does not fit
   * @throws IOException from the parser
   */
  void read(JsonParser parser) throws IOException {
    long object = ++objects;
    int expected = 0;
    int filled = 0;
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      int field;
      if (expected < names.length && names[expected].equals(name)) {
        field = expected;
      } else {
        Integer found = index.get(name);
        if (found == null) {
          if (!skipUnknown) {
            throw ConvertException.inColumn(path == null ? name : path + "." + name,
                "the field is not in the schema (inferred from the first rows: give --schema, or a larger"
                    + " --sample-rows)");
          }
          parser.nextToken();
          parser.skipChildren();
          continue;
        }
        field = found;
      }
      if (seenAt[field] == object) {
        throw ConvertException.inColumn(path == null ? name : path + "." + name, "the field appears twice in one object");
      }
      seenAt[field] = object;
      parser.nextToken();
      builders[field].appendJson(parser);
      filled++;
      expected = field + 1;
    }
    if (token != JsonToken.END_OBJECT) {
      throw ConvertException.inColumn(path, "malformed JSON object: found " + ColumnBuilder.describe(token));
    }
    if (filled < builders.length) {
      for (int i = 0; i < builders.length; i++) {
        if (seenAt[i] != object) {
          builders[i].appendNull();
        }
      }
    }
  }

  /** Appends a null to every field (for a null struct, whose children still need an entry). */
  void appendNulls() {
    for (ColumnBuilder builder : builders) {
      builder.appendNull();
    }
  }
}
