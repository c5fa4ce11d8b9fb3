package dev.quiver.cli.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quiver.parquet.testing.LeakCheckedAllocator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.Text;
import org.junit.jupiter.api.Test;

/**
 * JSON lines into Arrow batches: the inferred schema, and every value against Jackson's own tree of the same line
 * (converted to what Arrow's {@code getObject} gives for the inferred type), for several batch sizes.
 */
class JsonLinesSourceTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static final String ROWS = String.join("\n",
      "{\"id\": 1, \"name\": \"\u00e9t\u00e9\", \"score\": 1.5, \"ok\": true, \"day\": \"2024-01-31\","
          + " \"at\": \"2024-01-31 10:00:00\", \"utc\": \"2024-01-31T10:00:00Z\","
          + " \"tags\": [\"a\", \"b\"], \"point\": {\"x\": 1, \"y\": [1.5, null]}, \"mixed\": 1,"
          + " \"deep\": [[{\"k\": \"v\"}]]}",
      "",
      "{\"name\": \"\\ud83d\\ude00 \\\"q\\\"\\n\", \"id\": -9223372036854775808, \"score\": 2, \"ok\": false,"
          + " \"tags\": [], \"point\": {\"y\": []}, \"mixed\": \"text\", \"deep\": [[], null, [null]]}",
      "{\"id\": null, \"name\": null, \"score\": null, \"ok\": null, \"day\": null, \"at\": null, \"utc\": null,"
          + " \"tags\": null, \"point\": null, \"mixed\": {\"a\": [1, 2]}, \"deep\": null}",
      "{}",
      "{\"tags\": [null, \"\u4e2d\"], \"point\": {\"x\": null, \"y\": null}, \"mixed\": [true],"
          + " \"at\": \"2000-02-29T23:59:59.5\", \"utc\": \"2000-01-01T05:00:00+05:00\", \"score\": -1e-3}",
      "");

  private static InputStream text(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  private static List<List<Object>> rows(String jsonl, Schema schema, boolean skipUnknown, int batchSize)
      throws IOException {
    List<List<Object>> rows = new ArrayList<>();
    try (LeakCheckedAllocator allocator = new LeakCheckedAllocator();
         JsonLinesSource source = new JsonLinesSource(text(jsonl), schema, skipUnknown, allocator.get(), batchSize)) {
      VectorSchemaRoot next;
      while ((next = source.next()) != null) {
        try (VectorSchemaRoot batch = next) {
          for (int r = 0; r < batch.getRowCount(); r++) {
            List<Object> row = new ArrayList<>();
            for (FieldVector v : batch.getFieldVectors()) {
              row.add(normalize(v.getObject(r)));
            }
            rows.add(row);
          }
        }
      }
    }
    return rows;
  }

  /** Arrow's nested getObject values with Text turned into String. */
  private static Object normalize(Object o) {
    if (o instanceof Text) {
      return o.toString();
    }
    if (o instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>();
      m.forEach((k, v) -> copy.put(k.toString(), normalize(v)));
      return copy;
    }
    if (o instanceof List<?> l) {
      List<Object> copy = new ArrayList<>();
      l.forEach(v -> copy.add(normalize(v)));
      return copy;
    }
    return o;
  }

  /** What Arrow's getObject gives for {@code node} read as {@code field}: computed from Jackson's tree. */
  private static Object expected(JsonNode node, Field field) {
    if (node == null || node.isNull()) {
      return null;
    }
    ArrowType type = field.getType();
    String name = SchemaFile.typeName(type);
    switch (name) {
      case "int64":
        return node.longValue();
      case "float64":
        return node.doubleValue();
      case "boolean":
        return node.booleanValue();
      case "date":
        return (int) LocalDate.parse(node.textValue()).toEpochDay();
      case "timestamp":
        return LocalDateTime.parse(node.textValue().replace(' ', 'T'));
      case "timestamp_utc":
        return ChronoUnit.MICROS.between(OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
            OffsetDateTime.parse(node.textValue()));
      case "string":
        return node.isTextual() ? node.textValue() : node.toString();
      case "struct": {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Field child : field.getChildren()) {
          Object v = expected(node.get(child.getName()), child);
          if (v != null) {
            m.put(child.getName(), v); // Arrow's struct getObject leaves null fields out
          }
        }
        return m;
      }
      case "list": {
        List<Object> l = new ArrayList<>();
        node.forEach(e -> l.add(expected(e, field.getChildren().get(0))));
        return l;
      }
      default:
        throw new AssertionError(name);
    }
  }

  @Test
  void infersNestedTypesAndReadsEveryValue() throws IOException {
    Schema schema = JsonLinesSource.infer(text(ROWS), 100);
    assertEquals(String.join("\n",
        "id int64", "name string", "score float64", "ok boolean", "day date", "at timestamp", "utc timestamp_utc",
        "tags list<string>", "point struct<x int64, y list<float64>>", "mixed string",
        "deep list<list<struct<k string>>>"), describe(schema));
    List<JsonNode> lines = new ArrayList<>();
    for (String line : ROWS.split("\n")) {
      if (!line.isBlank()) {
        lines.add(MAPPER.readTree(line));
      }
    }
    for (int batchSize : new int[] {1, 2, 3, 64}) {
      List<List<Object>> rows = rows(ROWS, schema, false, batchSize);
      assertEquals(lines.size(), rows.size());
      for (int r = 0; r < rows.size(); r++) {
        List<Object> want = new ArrayList<>();
        for (Field f : schema.getFields()) {
          want.add(expected(lines.get(r).get(f.getName()), f));
        }
        assertEquals(want, rows.get(r), "row " + r + " at batch size " + batchSize);
      }
    }
    // spot checks written by hand, so that the expectation above is not only a mirror
    List<List<Object>> rows = rows(ROWS, schema, false, 10);
    assertEquals("\uD83D\uDE00 \"q\"\n", rows.get(1).get(1));
    assertEquals("{\"a\":[1,2]}", rows.get(2).get(9));
    assertEquals("[true]", rows.get(4).get(9));
    assertEquals(List.of(List.of(Map.of("k", "v"))), rows.get(0).get(10));
  }

  private static String describe(Schema schema) {
    List<String> lines = new ArrayList<>();
    for (Field f : schema.getFields()) {
      lines.add(f.getName() + " " + describeType(f));
    }
    return String.join("\n", lines);
  }

  private static String describeType(Field f) {
    String name = SchemaFile.typeName(f.getType());
    if (name.equals("list")) {
      return "list<" + describeType(f.getChildren().get(0)) + ">";
    }
    if (name.equals("struct")) {
      List<String> parts = new ArrayList<>();
      f.getChildren().forEach(c -> parts.add(c.getName() + " " + describeType(c)));
      return "struct<" + String.join(", ", parts) + ">";
    }
    return name;
  }

  @Test
  void aGivenSchemaSkipsUnknownMembersAndTakesDecimals() throws IOException {
    Schema schema = SchemaFile.parse("{\"fields\":[{\"name\":\"price\",\"type\":\"decimal(6,2)\"},"
        + "{\"name\":\"n\",\"type\":\"int32\"},{\"name\":\"f\",\"type\":\"float32\"}]}");
    List<List<Object>> rows = rows("{\"price\": 12.5, \"other\": {\"a\": [1]}, \"n\": 7, \"f\": 0.25}\n"
        + "{\"price\": \"-0.01\", \"n\": \"8\"}\n", schema, true, 10);
    assertEquals(List.of(new BigDecimal("12.50"), 7, 0.25f), rows.get(0));
    assertEquals(new BigDecimal("-0.01"), rows.get(1).get(0));
    assertEquals(8, rows.get(1).get(1));
  }

  /** Decimal JSON numbers and strings with huge exponents are malformed rows naming their line, found at once. */
  @Test
  void hugeDecimalExponentsAreMalformedRows() throws IOException {
    Schema dec = SchemaFile.parse("{\"fields\":[{\"name\":\"a\",\"type\":\"decimal(5,2)\"}]}");
    assertEquals("line 2, column 'a': '1e400000000' is not a decimal(5,2) (more than 3 digits before the point)",
        error("{\"a\": 1.5}\n{\"a\": 1e400000000}\n", dec).getMessage());
    assertEquals("line 1, column 'a': '1e-400000000' is not a decimal(5,2) (more than 2 digits after the point)",
        error("{\"a\": 1e-400000000}\n", dec).getMessage());
    assertEquals("line 1, column 'a': '1E+400000000' is not a decimal(5,2) (more than 3 digits before the point)",
        error("{\"a\": \"1E+400000000\"}\n", dec).getMessage());
    assertEquals(List.of(List.of(new BigDecimal("0.00")), List.of(new BigDecimal("1.20"))),
        rows("{\"a\": 0e-400000000}\n{\"a\": 1.200000}\n", dec, false, 10));
  }

  private static ConvertException error(String jsonl, Schema schema) {
    return assertThrows(ConvertException.class, () -> rows(jsonl, schema, false, 2));
  }

  @Test
  void malformedRowsNameTheirLine() throws IOException {
    Schema schema = JsonLinesSource.infer(text("{\"a\": 1, \"s\": {\"b\": [1]}}\n"), 10);
    assertEquals("line 3, column 'a': expected an integer, found a number",
        error("{\"a\": 1}\n{\"a\": 2}\n{\"a\": 2.5}\n", schema).getMessage());
    assertEquals("line 2, column 'a': 'x' is not an int64",
        error("{\"a\": 1}\n{\"a\": \"x\"}\n", schema).getMessage());
    assertEquals("line 4, column 's.b[]': expected an integer, found a boolean",
        error("{}\n{}\n{}\n{\"s\": {\"b\": [1, true]}}\n", schema).getMessage());
    ConvertException unknown = error("{\"a\": 1}\n\n{\"zz\": 1}\n", schema);
    assertEquals(3, unknown.line());
    assertEquals("zz", unknown.column());
    ConvertException twice = error("{\"a\": 1, \"a\": 2}\n", schema);
    assertTrue(twice.getMessage().startsWith("line 1, column 'a': the field appears twice"), twice.getMessage());
    ConvertException invalid = error("{\"a\": 1}\n{\"a\": 2,\n", schema);
    assertTrue(invalid.getMessage().startsWith("line 2: malformed JSON") || invalid.getMessage().startsWith(
        "line 3: malformed JSON"), invalid.getMessage());
    ConvertException broken = error("{\"a\": 1}\n{\"a\": 2]\n{\"a\": 3}\n", schema);
    assertTrue(broken.getMessage().startsWith("line 2: malformed JSON"), broken.getMessage());
    assertEquals("line 2: expected a JSON object (JSON lines: one object per line), found an array", error("{}\n[1]\n", schema).getMessage());
    assertEquals("line 1, column 'a': '99999999999999999999' is not an int64 (out of range)",
        error("{\"a\": 99999999999999999999}\n", schema).getMessage());
    ConvertException inSample = assertThrows(ConvertException.class,
        () -> JsonLinesSource.infer(text("{\"a\": 1}\n{\"a\": tru}\n"), 10));
    assertEquals(2, inSample.line(), inSample.getMessage());
  }
}
