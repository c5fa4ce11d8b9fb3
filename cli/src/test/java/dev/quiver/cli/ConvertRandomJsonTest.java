package dev.quiver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Random JSON-lines tables with nested structs and lists (up to three levels), nulls and missing members, converted
 * by {@code quiver convert}: the inferred types are the generated ones, and DuckDB reading our Parquet gives, row by
 * row, what DuckDB gives reading the JSON lines itself with those types.
 */
class ConvertRandomJsonTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A random type: a DuckDB type name whose values {@link #value} makes. */
  private static String type(Random r, int depth) {
    int pick = r.nextInt(depth < 3 ? 8 : 6);
    switch (pick) {
      case 0:
        return "BOOLEAN";
      case 1:
        return "BIGINT";
      case 2:
        return "DOUBLE";
      case 3:
        return "DATE";
      case 4:
      case 5:
        return "VARCHAR";
      case 6:
        return type(r, depth + 1) + "[]";
      default: {
        int n = 1 + r.nextInt(3);
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          fields.add("f" + i + " " + type(r, depth + 1));
        }
        return "STRUCT(" + String.join(", ", fields) + ")";
      }
    }
  }

  /** Splits the top-level comma-separated parts of a STRUCT(...) body. */
  private static List<String> structFields(String type) {
    String body = type.substring("STRUCT(".length(), type.length() - 1);
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(body.substring(start, i).trim());
        start = i + 1;
      }
    }
    parts.add(body.substring(start).trim());
    return parts;
  }

  /** A value of {@code type}, or null (returned as Java null: the member is left out, or JSON null). */
  private static JsonNode value(Random r, String type, boolean full) {
    if (!full && r.nextInt(6) == 0) {
      return r.nextBoolean() ? null : NODES.nullNode();
    }
    if (type.endsWith("[]")) {
      String element = type.substring(0, type.length() - 2);
      ArrayNode a = NODES.arrayNode();
      int n = full ? 1 + r.nextInt(3) : r.nextInt(4);
      for (int i = 0; i < n; i++) {
        JsonNode v = value(r, element, full && i == 0);
        a.add(v == null ? NODES.nullNode() : v);
      }
      return a;
    }
    if (type.startsWith("STRUCT(")) {
      ObjectNode o = NODES.objectNode();
      for (String field : structFields(type)) {
        int space = field.indexOf(' ');
        JsonNode v = value(r, field.substring(space + 1), full);
        if (v != null) {
          o.set(field.substring(0, space), v);
        }
      }
      return o;
    }
    switch (type) {
      case "BOOLEAN":
        return NODES.booleanNode(r.nextBoolean());
      case "BIGINT":
        return NODES.numberNode(r.nextInt(3) == 0 ? r.nextLong() : r.nextInt(1000) - 500);
      case "DOUBLE":
        return NODES.numberNode(r.nextBoolean() ? r.nextGaussian() * 1e6 : r.nextInt(1000) / 8.0 + 0.5);
      case "DATE":
        return NODES.textNode(LocalDate.ofEpochDay(r.nextInt(100_000) - 50_000).toString());
      default: {
        StringBuilder s = new StringBuilder("s");
        int n = r.nextInt(8);
        for (int i = 0; i < n; i++) {
          int pick = r.nextInt(6);
          if (pick == 0) {
            s.append("\"\\\n\t");
          } else if (pick == 1) {
            s.appendCodePoint(0x1F300 + r.nextInt(200));
          } else if (pick == 2) {
            s.appendCodePoint(0xA0 + r.nextInt(0x2000));
          } else {
            s.append((char) ('a' + r.nextInt(26)));
          }
        }
        return NODES.textNode(s.toString());
      }
    }
  }

  @Property(tries = 25)
  void duckDbReadsOurParquetAsItReadsTheJsonLines(@ForAll long seed) throws Exception {
    Random r = new Random(seed);
    int columns = 1 + r.nextInt(5);
    List<String> types = new ArrayList<>();
    for (int c = 0; c < columns; c++) {
      types.add(type(r, 1));
    }
    int rows = 1 + r.nextInt(r.nextBoolean() ? 4 : 200);
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < rows; i++) {
      ObjectNode row = NODES.objectNode();
      for (int c = 0; c < columns; c++) {
        JsonNode v = value(r, types.get(c), i == 0); // the first row has every type fully, for inference
        if (v != null) {
          row.set("c" + c, v);
        }
      }
      jsonl.append(MAPPER.writeValueAsString(row)).append('\n');
    }
    Path dir = Files.createTempDirectory("convert-random-json");
    try {
      Path in = dir.resolve("t.jsonl");
      Files.writeString(in, jsonl, StandardCharsets.UTF_8);
      Path out = dir.resolve("t.parquet");
      Cli.Result result = Cli.run("convert", in.toString(), out.toString(), "--batch-size",
          Integer.toString(1 + r.nextInt(64)));
      assertEquals(0, result.status(), () -> result + "\n" + jsonl);
      StringBuilder declared = new StringBuilder();
      List<String> expectedTypes = new ArrayList<>();
      for (int c = 0; c < columns; c++) {
        declared.append(c == 0 ? "" : ", ").append("'c").append(c).append("': '").append(types.get(c)).append("'");
        expectedTypes.add("c" + c + " " + types.get(c));
      }
      List<List<String>> ours = query("SELECT * FROM read_parquet('" + out + "')");
      List<List<String>> theirs = query("SELECT * FROM read_json('" + in + "', format = 'newline_delimited',"
          + " columns = {" + declared + "})");
      assertEquals(expectedTypes, ours.get(0), jsonl::toString);
      assertEquals(theirs, ours, jsonl::toString);
      assertEquals(rows + 1, ours.size());
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }

  private static List<List<String>> query(String sql) throws Exception {
    List<List<String>> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
         Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery(sql)) {
        ResultSetMetaData m = rs.getMetaData();
        List<String> header = new ArrayList<>();
        for (int i = 1; i <= m.getColumnCount(); i++) {
          header.add(m.getColumnName(i) + " " + m.getColumnTypeName(i));
        }
        rows.add(header);
        while (rs.next()) {
          List<String> row = new ArrayList<>();
          for (int i = 1; i <= m.getColumnCount(); i++) {
            row.add(rs.getString(i));
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }
}
