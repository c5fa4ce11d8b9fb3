package dev.quiver.cli.convert;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A JSON-lines input (one JSON object per row, as in jsonlines.org; blank lines are skipped) as Arrow batches,
 * parsed with Jackson's streaming parser straight into the column builders, with no tree per row. Members match
 * columns by name; a missing member or {@code null} is a null; objects are structs and arrays lists, as the schema
 * says. A batch ends after {@code batchSize} rows, or earlier once its staged values pass 64 MiB.
 *
 * <p>Errors name the line where the bad row starts: malformed JSON, a row that is not an object, a value that does
 * not fit its column (with the column's path), a member given twice, and, with an inferred schema, a member the
 * schema lacks (with a schema given by the user such members are skipped).
 */
public final class JsonLinesSource implements RecordSource {
  private static final long MAX_BATCH_BYTES = 64L << 20;

  private final JsonParser parser;
  private final Schema schema;
  private final BufferAllocator allocator;
  private final int batchSize;
  private final List<ColumnBuilder> columns = new ArrayList<>();
  private final ObjectFields row;
  private boolean done;

  /**
   * Reads {@code input} (which this source closes) as rows of {@code schema}.
   *
   * @param skipUnknown whether members the schema lacks are skipped (true for a user's schema) or an error
   * @param batchSize rows per batch, at least 1
   * @throws IllegalArgumentException for a type the converter does not write
   */
  public JsonLinesSource(InputStream input, Schema schema, boolean skipUnknown, BufferAllocator allocator,
      int batchSize) throws IOException {
    this.parser = factory().createParser(input);
    this.schema = schema;
    this.allocator = allocator;
    this.batchSize = batchSize;
    for (Field f : schema.getFields()) {
      columns.add(ColumnBuilder.forField(f, f.getName(), skipUnknown));
    }
    this.row = new ObjectFields(columns, null, skipUnknown);
  }

  private static JsonFactory factory() {
    return new JsonFactory();
  }

  /**
   * The schema of a JSON-lines input inferred from its first {@code sampleRows} rows (see {@link InferredType}):
   * columns in the order their names first appear.
   *
   * @throws ConvertException for malformed JSON or a row that is not an object among the sampled rows, or an input
   *     without rows
   */
  public static Schema infer(InputStream input, int sampleRows) throws IOException {
    Map<String, InferredType> types = new LinkedHashMap<>();
    try (JsonParser parser = factory().createParser(input)) {
      for (int n = 0; n < sampleRows; n++) {
        JsonToken token = nextRow(parser);
        if (token == null) {
          break;
        }
        long line = parser.currentTokenLocation().getLineNr();
        try {
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            types.computeIfAbsent(name, k -> new InferredType()).observeJson(parser);
          }
        } catch (JsonProcessingException e) {
          throw malformed(e, line);
        }
      }
    }
    if (types.isEmpty()) {
      throw ConvertException.atLine(1, null, "the JSON-lines input has no rows with fields", null);
    }
    List<Field> fields = new ArrayList<>();
    types.forEach((name, type) -> fields.add(type.toField(name)));
    return new Schema(fields);
  }

  /** Moves to the next row's START_OBJECT; null at the end. */
  private static JsonToken nextRow(JsonParser parser) throws IOException {
    JsonToken token;
    try {
      token = parser.nextToken();
    } catch (JsonProcessingException e) {
      throw malformed(e, 0);
    }
    if (token != null && token != JsonToken.START_OBJECT) {
      throw ConvertException.atLine(parser.currentTokenLocation().getLineNr(), null,
          "expected a JSON object (JSON lines: one object per line), found " + ColumnBuilder.describe(token), null);
    }
    return token;
  }

  private static ConvertException malformed(JsonProcessingException e, long rowLine) {
    long line = e.getLocation() != null && e.getLocation().getLineNr() > 0 ? e.getLocation().getLineNr() : rowLine;
    return ConvertException.atLine(Math.max(1, line), null, "malformed JSON: " + e.getOriginalMessage(), e);
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public VectorSchemaRoot next() throws IOException {
    if (done) {
      return null;
    }
    int count = 0;
    while (count < batchSize) {
      if (nextRow(parser) == null) {
        done = true;
        break;
      }
      long line = parser.currentTokenLocation().getLineNr();
      try {
        row.read(parser);
      } catch (ConvertException e) {
        throw e.atLine(line);
      } catch (JsonProcessingException e) {
        throw malformed(e, line);
      }
      count++;
      if ((count & 255) == 0 && bufferedBytes() > MAX_BATCH_BYTES) {
        break;
      }
    }
    if (count == 0) {
      return null;
    }
    VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
    try {
      for (int i = 0; i < columns.size(); i++) {
        columns.get(i).fill(root.getVector(i));
      }
      root.setRowCount(count);
    } catch (RuntimeException e) {
      root.close();
      throw e;
    }
    return root;
  }

  private long bufferedBytes() {
    long bytes = 0;
    for (ColumnBuilder c : columns) {
      bytes += c.bufferedBytes();
    }
    return bytes;
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
