package dev.quiver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quiver.parquet.testing.ParquetTesting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quiver convert} end to end, in-process: what it writes is read back by DuckDB (JDBC) and compared row by
 * row, value by value, with DuckDB reading the same CSV or JSON-lines input itself with explicit types; Parquet to
 * Parquet is compared through parquet-java; malformed inputs fail with their line and leave nothing behind.
 */
class ConvertCommandTest {
  @TempDir
  Path tmp;

  /** Rows of a DuckDB query, each value as DuckDB's own text for it (null as null), with the column types first. */
  private static List<List<String>> query(String sql) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
         Statement s = c.createStatement()) {
      s.execute("SET TimeZone = 'UTC'");
      try (ResultSet r = s.executeQuery(sql)) {
        ResultSetMetaData m = r.getMetaData();
        List<String> types = new ArrayList<>();
        for (int i = 1; i <= m.getColumnCount(); i++) {
          types.add(m.getColumnName(i) + " " + m.getColumnTypeName(i));
        }
        rows.add(types);
        while (r.next()) {
          List<String> row = new ArrayList<>();
          for (int i = 1; i <= m.getColumnCount(); i++) {
            row.add(r.getString(i));
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }

  private static String sqlPath(Path p) {
    return "'" + p.toAbsolutePath().toString().replace("'", "''") + "'";
  }

  private static void assertSameRows(List<List<String>> expected, List<List<String>> actual) {
    assertEquals(expected.get(0), actual.get(0), "column names and types");
    assertEquals(expected.size(), actual.size(), "row count");
    for (int i = 1; i < expected.size(); i++) {
      assertEquals(expected.get(i), actual.get(i), "row " + i);
    }
  }

  private static void assertConverted(Cli.Result r) {
    assertEquals(0, r.status(), r::toString);
    assertEquals("", r.err(), r::toString);
  }

  private static final String CSV = String.join("\n",
      "flag,n,x,day,at,instant,name,note",
      "true,1,1.5,2024-01-31,2024-01-31 10:00:00,2024-01-31T10:00:00Z,plain,\"with, comma\"",
      "false,-9223372036854775808,-2.25e-3,1999-12-31,2024-02-29T23:59:59.999999,2024-01-31T12:00:00+02:00,"
          + "\u00e9t\u00e9 \uD83D\uDE00,\"two\nlines\"",
      ",,,,,,,",
      "TRUE,9223372036854775807,1e300,0001-01-01,1970-01-01 00:00,1969-12-31T23:59:59.5Z,\u4e2d\u6587,"
          + "\"say \"\"hi\"\"\"",
      "false,0,0,9999-12-31,2000-02-29 12:34:56.5,2000-01-01T00:00:00-05:30,x,\"\"",
      "");

  @Test
  void csvReadsBackInDuckDbAsDuckDbReadsTheCsv() throws Exception {
    Path in = tmp.resolve("in.csv");
    Files.writeString(in, CSV, StandardCharsets.UTF_8);
    for (String[] options : new String[][] {{}, {"--batch-size", "2", "--codec", "zstd", "--page-version", "2",
        "--row-group-size", "3", "--no-dictionary"}}) {
      Path out = tmp.resolve("out-" + options.length + ".parquet");
      List<String> args = new ArrayList<>(List.of("convert", in.toString(), out.toString()));
      args.addAll(List.of(options));
      assertConverted(Cli.run(args.toArray(new String[0])));
      List<List<String>> ours = query("SELECT * FROM read_parquet(" + sqlPath(out) + ")");
      List<List<String>> duckdb = query("SELECT * FROM read_csv(" + sqlPath(in) + ", header = true, auto_detect = false, delim = ',', quote = '\"',"
          + " escape = '\"', columns = {'flag': 'BOOLEAN', 'n': 'BIGINT', 'x': 'DOUBLE', 'day': 'DATE',"
          + " 'at': 'TIMESTAMP', 'instant': 'TIMESTAMPTZ', 'name': 'VARCHAR', 'note': 'VARCHAR'})");
      assertSameRows(duckdb, ours);
      assertEquals(6, ours.size()); // the types and five rows
      assertEquals("two\nlines", ours.get(2).get(7));
      assertEquals("\u00e9t\u00e9 \uD83D\uDE00", ours.get(2).get(6));
    }
  }

  private static final String JSONL = String.join("\n",
      "{\"id\": 1, \"name\": \"\u00e9t\u00e9\", \"score\": 1.5, \"ok\": true, \"day\": \"2024-01-31\","
          + " \"at\": \"2024-01-31 10:00:00\", \"tags\": [\"a\", \"b\"], \"point\": {\"x\": 1, \"y\": [1.5, null]}}",
      "{\"name\": \"\\ud83d\\ude00 \\\"q\\\"\\n\", \"id\": -9223372036854775808, \"score\": 2, \"ok\": false,"
          + " \"tags\": [], \"point\": {\"y\": []}}",
      "",
      "{\"id\": null, \"name\": null, \"score\": null, \"ok\": null, \"day\": null, \"at\": null, \"tags\": null,"
          + " \"point\": null}",
      "{}",
      "{\"tags\": [null, \"\u4e2d\"], \"point\": {\"x\": null, \"y\": null}, \"at\": \"2000-02-29T23:59:59.5\","
          + " \"score\": -1e-3, \"day\": \"0001-01-01\"}",
      "");

  @Test
  void jsonLinesReadBackInDuckDbAsDuckDbReadsThem() throws Exception {
    Path in = tmp.resolve("in.jsonl");
    Files.writeString(in, JSONL, StandardCharsets.UTF_8);
    Path out = tmp.resolve("out.parquet");
    assertConverted(Cli.run("convert", in.toString(), out.toString(), "--batch-size", "2"));
    List<List<String>> ours = query("SELECT * FROM read_parquet(" + sqlPath(out) + ")");
    List<List<String>> duckdb = query("SELECT * FROM read_json(" + sqlPath(in) + ", format = 'newline_delimited',"
        + " columns = {'id': 'BIGINT', 'name': 'VARCHAR', 'score': 'DOUBLE', 'ok': 'BOOLEAN', 'day': 'DATE',"
        + " 'at': 'TIMESTAMP', 'tags': 'VARCHAR[]', 'point': 'STRUCT(x BIGINT, y DOUBLE[])'})");
    assertSameRows(duckdb, ours);
    assertEquals(6, ours.size());
  }

  @Test
  void aSchemaFileGivesTheTypes() throws Exception {
    Path in = tmp.resolve("prices.txt");
    Files.writeString(in, "1|12.50|[1,2]\n2||[]\n3|-0.01|\n", StandardCharsets.UTF_8);
    Path schema = tmp.resolve("schema.json");
    Files.writeString(schema, "{\"fields\": [{\"name\": \"id\", \"type\": \"int32\", \"nullable\": false},"
        + " {\"name\": \"price\", \"type\": \"decimal(9,2)\"},"
        + " {\"name\": \"l\", \"type\": \"list\", \"element\": {\"type\": \"int16\"}}]}");
    Path out = tmp.resolve("prices.parquet");
    assertConverted(Cli.run("convert", in.toString(), out.toString(), "--format", "csv", "--no-header",
        "--delimiter", "|", "--schema", schema.toString()));
    assertSameRows(List.of(List.of("id INTEGER", "price DECIMAL(9,2)", "l SMALLINT[]"),
        List.of("1", "12.50", "[1, 2]"), java.util.Arrays.asList("2", null, "[]"),
        java.util.Arrays.asList("3", "-0.01", null)),
        query("SELECT * FROM read_parquet(" + sqlPath(out) + ")"));
  }

  /** Corpus files parquet-java cannot read (so there is no independent reference), with the reason. */
  private static final Map<String, String> NO_REFERENCE = Map.of(
      "large_string_map.brotli.parquet", "parquet-java has no Brotli codec",
      "non_hadoop_lz4_compressed.parquet", "parquet-java reads LZ4 only in Hadoop's framing",
      "nation.dict-malformed.parquet", "a malformed dictionary page",
      "unknown-logical-type.parquet", "parquet-java rejects the unknown logical type");
  /** Corpus files whose converted copy differs, with why: the differences are the reader's, documented. */
  private static final Map<String, String> KNOWN_DIFFERENCES = Map.of(
      "int96_from_spark.parquet", "INT96 reads as Timestamp(NANOSECOND, UTC), whose 64 bits end in 2262: the year "
          + "9999 value wraps on reading (see ParquetJavaDifferentialTest)");

  /**
   * Every Parquet file of the corpus that parquet-java reads, converted with another codec and small batches, reads
   * back through parquet-java with the same values as the original.
   */
  @TestFactory
  Stream<DynamicTest> parquetToParquetKeepsEveryValue() throws IOException {
    List<Path> files;
    try (Stream<Path> listed = Files.list(ParquetTesting.data())) {
      files = listed.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
    }
    return files.stream().filter(f -> !NO_REFERENCE.containsKey(f.getFileName().toString()))
        .map(in -> DynamicTest.dynamicTest(in.getFileName().toString(), () -> {
          String name = in.getFileName().toString();
          Path out = tmp.resolve("copy-" + name);
          assertConverted(Cli.run("convert", in.toString(), out.toString(), "--codec", "zstd", "--batch-size", "7",
              "--row-group-size", "50"));
          List<ObjectNode> expected = ParquetJavaJsonl.read(in, null);
          List<ObjectNode> actual = ParquetJavaJsonl.read(out, null);
          String d = expected.size() == actual.size() ? null : "row count " + expected.size() + " vs " + actual.size();
          for (int i = 0; d == null && i < expected.size(); i++) {
            d = JsonTrees.difference(expected.get(i), actual.get(i), name + " row " + i);
          }
          if (KNOWN_DIFFERENCES.containsKey(name)) {
            assertTrue(d != null, name + " converts identically now: remove it from KNOWN_DIFFERENCES");
          } else if (d != null) {
            fail(d);
          }
        }));
  }

  @Test
  void aCorruptParquetInputFailsCleanly() throws IOException {
    Path in = ParquetTesting.dataFile("nation.dict-malformed.parquet");
    Path out = tmp.resolve("nation.parquet");
    Cli.Result r = Cli.run("convert", in.toString(), out.toString());
    assertEquals(1, r.status(), r::toString);
    assertEquals(1, r.errLines().size(), r::toString);
    assertTrue(r.err().contains("nation.dict-malformed.parquet"), r::toString);
    assertFalse(Files.exists(out));
    try (Stream<Path> left = Files.list(tmp)) {
      assertEquals(List.of(), left.toList(), "nothing left in OUT's folder");
    }
  }

  /** Runs a conversion expected to fail: status 1, one stderr line containing {@code message}, nothing new at OUT. */
  private void assertFailsLeavingNothing(String input, String fileName, String message, String... options)
      throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("case-" + Math.abs((input + fileName).hashCode())));
    Path keep = dir.resolve("other.parquet");
    Files.writeString(keep, "an unrelated file that must stay");
    Path in = dir.resolve(fileName);
    Files.writeString(in, input, StandardCharsets.UTF_8);
    Path outDir = Files.createDirectories(dir.resolve("out"));
    Files.writeString(outDir.resolve("neighbour.parquet"), "another file in OUT's folder");
    Path out = outDir.resolve("result.parquet");
    List<String> args = new ArrayList<>(List.of("convert", in.toString(), out.toString()));
    args.addAll(List.of(options));
    Cli.Result r = Cli.run(args.toArray(new String[0]));
    assertEquals(1, r.status(), r::toString);
    assertEquals(1, r.errLines().size(), r::toString);
    assertTrue(r.err().startsWith("quiver: "), r::toString);
    assertTrue(r.err().contains(fileName), r::toString);
    assertTrue(r.err().contains(message), r::toString);
    assertFalse(Files.exists(out), "OUT exists after a failure");
    try (Stream<Path> files = Files.list(outDir)) {
      assertEquals(List.of(outDir.resolve("neighbour.parquet")), files.toList(), "OUT's folder holds only its own files");
    }
    assertEquals("an unrelated file that must stay", Files.readString(keep));
  }

  @Test
  void malformedInputsFailWithTheirLineAndLeaveNoFile() throws IOException {
    StringBuilder many = new StringBuilder("a,b\n");
    for (int i = 0; i < 5000; i++) {
      many.append(i).append(",x\n");
    }
    many.append("12z,x\n");
    // a bad number in a typed column, far past the sample and the first batches
    assertFailsLeavingNothing(many.toString(), "numbers.csv", "line 5002, column 'a': '12z' is not an int64",
        "--batch-size", "1000", "--row-group-size", "100", "--sample-rows", "100");
    assertFailsLeavingNothing("a,b\n1,2\n3,4,5\n", "fields.csv", "line 3: expected 2 fields, found 3");
    assertFailsLeavingNothing("{\"a\": 1}\n{\"a\": 2}\n{\"a\": 3\n{\"a\": 4}\n", "broken.jsonl", "malformed JSON");
    assertFailsLeavingNothing("{\"a\": 1}\n{\"a\": 2}\n{\"a\": \"three\"}\n", "typed.jsonl",
        "line 3, column 'a': 'three' is not an int64", "--sample-rows", "2");
    assertFailsLeavingNothing("", "empty.csv", "no records");
  }

  @Test
  void inAndOutThroughAnObjectStore() throws Exception {
    dev.quiver.store.ObjectStore store = dev.quiver.store.ObjectStores.memoryStore("convert-test");
    try {
      dev.quiver.store.ObjectStores.await(store.put("in/data.csv",
          java.nio.ByteBuffer.wrap(CSV.getBytes(StandardCharsets.UTF_8)), dev.quiver.store.PutMode.OVERWRITE));
      assertConverted(Cli.run("convert", "memory://convert-test/in/data.csv", "memory://convert-test/out/data.parquet"));
      java.nio.ByteBuffer written = dev.quiver.store.ObjectStores.await(store.get("out/data.parquet"));
      byte[] bytes = new byte[written.remaining()];
      written.get(bytes);
      Path copy = tmp.resolve("from-store.parquet");
      Files.write(copy, bytes);
      Path in = tmp.resolve("same.csv");
      Files.writeString(in, CSV, StandardCharsets.UTF_8);
      Path local = tmp.resolve("local.parquet");
      assertConverted(Cli.run("convert", in.toString(), local.toString()));
      assertSameRows(query("SELECT * FROM read_parquet(" + sqlPath(local) + ")"),
          query("SELECT * FROM read_parquet(" + sqlPath(copy) + ")"));
      // a failure through the store leaves no object either
      dev.quiver.store.ObjectStores.await(store.put("in/bad.csv",
          java.nio.ByteBuffer.wrap("a\n1\n2\nx\n".getBytes(StandardCharsets.UTF_8)),
          dev.quiver.store.PutMode.OVERWRITE));
      Cli.Result r = Cli.run("convert", "memory://convert-test/in/bad.csv", "memory://convert-test/out/bad.parquet",
          "--sample-rows", "1");
      assertEquals(1, r.status(), r::toString);
      assertTrue(r.err().contains("line 4, column 'a'"), r::toString);
      assertEquals(List.of("out/data.parquet"),
          dev.quiver.store.ObjectStores.await(store.list("out/")).stream().map(m -> m.key()).toList());
    } finally {
      dev.quiver.store.ObjectStores.removeMemoryStore("convert-test");
    }
  }

  @Test
  void usageErrors() throws IOException {
    Path in = tmp.resolve("data.txt");
    Files.writeString(in, "a\n1\n");
    Cli.Result r = Cli.run("convert", in.toString(), tmp.resolve("o.parquet").toString());
    assertEquals(2, r.status(), r::toString);
    assertTrue(r.err().contains("--format"), r::toString);
    Cli.Result codec = Cli.run("convert", in.toString(), tmp.resolve("o.parquet").toString(), "--format", "csv",
        "--codec", "nope");
    assertEquals(2, codec.status(), codec::toString);
    assertFalse(Files.exists(tmp.resolve("o.parquet")));
    for (String size : List.of("0", "16777217")) {
      Cli.Result batch = Cli.run("convert", in.toString(), tmp.resolve("o.parquet").toString(), "--format", "csv",
          "--batch-size", size);
      assertEquals(2, batch.status(), batch::toString);
      assertTrue(batch.err().contains("--batch-size must be between 1 and 16777216"), batch::toString);
    }
    Path badSchema = tmp.resolve("bad-schema.json");
    Files.writeString(badSchema, "{\"fields\": [{\"name\": \"a\", \"type\": \"integer\"}]}");
    Cli.Result schemaError = Cli.run("convert", in.toString(), tmp.resolve("o.parquet").toString(), "--format", "csv",
        "--schema", badSchema.toString());
    assertEquals(1, schemaError.status(), schemaError::toString);
    assertEquals(1, schemaError.errLines().size(), schemaError::toString);
    assertTrue(schemaError.err().startsWith("quiver: " + badSchema + ": field 'a' has unknown type \"integer\""),
        schemaError::toString);
    Cli.Result noSchema = Cli.run("convert", in.toString(), tmp.resolve("o.parquet").toString(), "--format", "csv",
        "--schema", tmp.resolve("nowhere.json").toString());
    assertEquals(List.of("quiver: " + tmp.resolve("nowhere.json") + ": no such schema file"), noSchema.errLines());
    Path parquet = ParquetTesting.dataFile("alltypes_plain.parquet");
    Cli.Result schemaForParquet = Cli.run("convert", parquet.toString(), tmp.resolve("o.parquet").toString(),
        "--schema", in.toString());
    assertEquals(2, schemaForParquet.status(), schemaForParquet::toString);
    assertFalse(Files.exists(tmp.resolve("o.parquet")));
    Cli.Result missing = Cli.run("convert", tmp.resolve("missing.csv").toString(), tmp.resolve("o.parquet").toString());
    assertEquals(1, missing.status(), missing::toString);
    assertEquals(List.of("quiver: " + tmp.resolve("missing.csv") + ": no such file"), missing.errLines());
  }
}
