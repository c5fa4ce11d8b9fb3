package dev.quiver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quiver.parquet.testing.ParquetTesting;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line end to end, in-process: errors and exit statuses, {@code --limit}, {@code --columns}, the CSV
 * and table formats, {@code schema} and {@code meta}. Expected values come from parquet-java reading the same file
 * ({@link ParquetJavaJsonl}, its footer API) or are written by hand.
 */
class QuiverCliTest {
  @TempDir
  Path tmp;

  private static Path data(String name) {
    return ParquetTesting.dataFile(name);
  }

  /** The one stderr line of a failed run: status 1, nothing on stdout, the line naming {@code file}. */
  private static void assertFailsCleanly(Cli.Result r, Path file) {
    assertEquals(1, r.status(), r::toString);
    assertEquals("", r.out(), r::toString);
    assertEquals(1, r.errLines().size(), r::toString);
    assertTrue(r.err().startsWith("quiver: "), r::toString);
    assertTrue(r.err().contains(file.getFileName().toString()), r::toString);
  }

  @Test
  void garbageIsNotParquet() throws IOException {
    Path garbage = tmp.resolve("garbage.parquet");
    Files.write(garbage, "this is not a Parquet file, just some text\n".repeat(10).getBytes(StandardCharsets.UTF_8));
    Cli.Result r = Cli.run("cat", garbage.toString());
    assertFailsCleanly(r, garbage);
    assertTrue(r.err().contains("Corrupt Parquet file"), r::toString);
  }

  @Test
  void aTruncatedFileFailsCleanly() throws IOException {
    byte[] whole = Files.readAllBytes(data("alltypes_plain.parquet"));
    for (int keep : new int[] {whole.length / 2, whole.length - 1, whole.length - 9, 3}) {
      Path cut = tmp.resolve("cut-" + keep + ".parquet");
      Files.write(cut, Arrays.copyOf(whole, keep));
      for (String command : List.of("cat", "schema", "meta")) {
        assertFailsCleanly(Cli.run(command, cut.toString()), cut);
      }
    }
  }

  @Test
  void aMissingFileFailsCleanly() {
    Path missing = tmp.resolve("no-such-file.parquet");
    Cli.Result r = Cli.run("cat", missing.toString());
    assertFailsCleanly(r, missing);
    assertTrue(r.err().contains("NOT_FOUND"), r::toString);
  }

  @Test
  void verboseAddsTheStackTraceBeforeOrAfterTheSubcommand() throws IOException {
    Path garbage = tmp.resolve("garbage.parquet");
    Files.write(garbage, new byte[100]);
    for (String[] args : List.of(new String[] {"--verbose", "cat", garbage.toString()},
        new String[] {"cat", "--verbose", garbage.toString()})) {
      Cli.Result r = Cli.run(args);
      assertEquals(1, r.status(), r::toString);
      assertEquals("", r.out());
      List<String> lines = r.errLines();
      assertTrue(lines.get(0).startsWith("quiver: ") && lines.get(0).contains("garbage.parquet"), r::toString);
      assertTrue(lines.get(1).startsWith("dev.quiver.parquet.ParquetCorruptionException"), r::toString);
      assertTrue(lines.stream().anyMatch(l -> l.startsWith("\tat dev.quiver.")), r::toString);
    }
  }

  @Test
  void usageErrorsExitWithTwo() {
    Path file = data("alltypes_plain.parquet");
    for (String[] args : List.of(new String[0], new String[] {"cat"}, new String[] {"frobnicate", file.toString()},
        new String[] {"cat", file.toString(), "--format", "xml"},
        new String[] {"cat", file.toString(), "--limit", "-1"},
        new String[] {"cat", file.toString(), "--batch-size", "0"},
        new String[] {"cat", file.toString(), "--no-such-option"})) {
      Cli.Result r = Cli.run(args);
      assertEquals(2, r.status(), () -> String.join(" ", args) + "\n" + r);
      assertEquals("", r.out());
      assertTrue(!r.err().isBlank(), r::toString); // picocli's message, with the usage or a suggestion
    }
  }

  /**
   * The corrupt files of parquet-testing's {@code bad_data/}: whatever the reader makes of each (it rejects most,
   * reads one whose oddity is legal), the command never
   * ends in a stack trace or a second line: status 0 with nothing on stderr, or status 1 with one line naming the
   * file.
   */
  @Test
  void badDataFilesNeverGiveMoreThanOneLine() throws IOException {
    List<Path> files;
    try (java.util.stream.Stream<Path> list = Files.list(ParquetTesting.badData())) {
      files = list.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
    }
    assertTrue(files.size() >= 8, "bad_data files: " + files);
    for (Path file : files) {
      for (String command : List.of("cat", "meta", "schema")) {
        Cli.Result r = Cli.run(command, file.toString());
        if (r.status() == 0) {
          assertEquals("", r.err(), r::toString);
        } else {
          assertEquals(1, r.status(), r::toString);
          assertEquals(1, r.errLines().size(), r::toString);
          assertTrue(r.err().startsWith("quiver: ") && r.err().contains(file.getFileName().toString()), r::toString);
        }
      }
    }
  }

  @Test
  void anUnknownColumnFailsNamingIt() {
    Path file = data("alltypes_plain.parquet");
    Cli.Result r = Cli.run("cat", file.toString(), "--columns", "id,nope");
    assertFailsCleanly(r, file);
    assertTrue(r.err().contains("'nope'"), r::toString);
  }

  @Test
  void limitPrintsTheFirstRows() throws IOException {
    Path file = data("alltypes_tiny_pages.parquet");
    List<ObjectNode> expected = ParquetJavaJsonl.read(file, null);
    for (int limit : new int[] {0, 1, 5, 1000}) {
      Cli.Result r = Cli.run("cat", file.toString(), "--limit", Integer.toString(limit), "--batch-size", "7");
      assertEquals(0, r.status(), r::toString);
      assertRows(expected.subList(0, limit), JsonTrees.parseLines(r.out()));
    }
    Cli.Result all = Cli.run("cat", file.toString(), "--limit", "1000000");
    assertRows(expected, JsonTrees.parseLines(all.out()));
  }

  /**
   * {@code --limit} stops reading: with the last row group's bytes destroyed, {@code --limit 5} still succeeds,
   * while reading everything prints the good row groups and then fails naming the bad one.
   */
  @Test
  void limitStopsReadingEarly() throws IOException {
    Path file = tmp.resolve("trips-damaged.parquet");
    Files.copy(ExampleFileTest.committedExample(), file);
    ParquetMetadata footer;
    try (org.apache.parquet.hadoop.ParquetFileReader reader =
             org.apache.parquet.hadoop.ParquetFileReader.open(new LocalInputFile(file))) {
      footer = reader.getFooter();
    }
    List<BlockMetaData> groups = footer.getBlocks();
    assertTrue(groups.size() > 2, "the example has several row groups");
    BlockMetaData last = groups.get(groups.size() - 1);
    long start = Long.MAX_VALUE;
    long end = 0;
    for (ColumnChunkMetaData c : last.getColumns()) {
      start = Math.min(start, c.getStartingPos());
      end = Math.max(end, c.getStartingPos() + c.getTotalSize());
    }
    List<ObjectNode> expected = ParquetJavaJsonl.read(file, null); // before the damage
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      byte[] junk = new byte[(int) (end - start)];
      Arrays.fill(junk, (byte) 0xFF);
      raf.seek(start);
      raf.write(junk);
    }

    Cli.Result limited = Cli.run("cat", file.toString(), "--limit", "5");
    assertEquals(0, limited.status(), limited::toString);
    assertRows(expected.subList(0, 5), JsonTrees.parseLines(limited.out()));

    Cli.Result whole = Cli.run("cat", file.toString());
    assertEquals(1, whole.status(), whole::toString);
    assertEquals(1, whole.errLines().size(), whole::toString);
    assertTrue(whole.err().contains("trips-damaged.parquet") && whole.err().contains("row group "
        + (groups.size() - 1)), whole::toString);
    long good = expected.size() - last.getRowCount();
    assertRows(expected.subList(0, (int) good), JsonTrees.parseLines(whole.out()));
  }

  @Test
  void columnsFollowTheOrderOfTheOption() throws IOException {
    Path file = data("alltypes_plain.parquet");
    List<String> columns = List.of("string_col", "id", "timestamp_col");
    Cli.Result r = Cli.run("cat", file.toString(), "--columns", String.join(",", columns));
    assertEquals(0, r.status(), r::toString);
    List<JsonNode> actual = JsonTrees.parseLines(r.out());
    assertRows(ParquetJavaJsonl.read(file, columns), actual);
    List<String> keys = new ArrayList<>();
    actual.get(0).fieldNames().forEachRemaining(keys::add);
    assertEquals(columns, keys);
  }

  @Test
  void csvHasAHeaderAndTheValuesOfEachRow() throws IOException {
    Path file = data("alltypes_plain.parquet");
    List<ObjectNode> expected = ParquetJavaJsonl.read(file, null);
    Cli.Result r = Cli.run("cat", file.toString(), "--format", "csv");
    assertEquals(0, r.status(), r::toString);
    List<CSVRecord> records = CSVFormat.DEFAULT.parse(new StringReader(r.out())).getRecords();
    assertEquals(expected.size() + 1, records.size());
    assertEquals(keys(expected.get(0)), records.get(0).toList());
    for (int i = 0; i < expected.size(); i++) {
      assertCells(expected.get(i), records.get(i + 1).toList(), "", "row " + i);
    }
  }

  @Test
  void csvRendersNullsAsEmptyCells() throws IOException {
    Path file = data("int32_with_null_pages.parquet");
    List<ObjectNode> expected = ParquetJavaJsonl.read(file, null);
    Cli.Result r = Cli.run("cat", file.toString(), "--format", "CSV");
    assertEquals(0, r.status(), r::toString);
    List<CSVRecord> records = CSVFormat.DEFAULT.parse(new StringReader(r.out())).getRecords();
    assertEquals(expected.size() + 1, records.size());
    assertTrue(expected.stream().anyMatch(row -> row.elements().next().isNull()), "the file has nulls");
    for (int i = 0; i < expected.size(); i++) {
      assertCells(expected.get(i), records.get(i + 1).toList(), "", "row " + i);
    }
  }

  @Test
  void tableAlignsTheValuesOfEachRow() throws IOException {
    Path file = data("alltypes_plain.parquet");
    List<ObjectNode> expected = ParquetJavaJsonl.read(file, null);
    Cli.Result r = Cli.run("cat", file.toString(), "--format", "table", "--limit", "6");
    assertEquals(0, r.status(), r::toString);
    List<String> lines = r.outLines();
    assertEquals(1 + 1 + 6 + 1, lines.size(), r::toString);
    assertEquals(keys(expected.get(0)), cells(lines.get(0)));
    assertTrue(lines.get(1).matches("-+(\\+-+)+"), lines.get(1));
    for (int i = 0; i < 6; i++) {
      assertCells(expected.get(i), cells(lines.get(i + 2)), "NULL", "row " + i);
      assertEquals(separators(lines.get(0)), separators(lines.get(i + 2)), "aligned columns");
    }
    assertEquals("(6 rows)", lines.get(8));
  }

  @Test
  void schemaPrintsTheParquetThenTheArrowSchema() {
    Cli.Result r = Cli.run("schema", data("alltypes_plain.parquet").toString());
    assertEquals(0, r.status(), r::toString);
    List<String> lines = r.outLines();
    assertEquals("message schema {", lines.get(0));
    assertEquals("  optional int32 id;", lines.get(1));
    assertEquals("  optional int96 timestamp_col;", lines.get(11));
    assertEquals("}", lines.get(12));
    assertEquals("", lines.get(13));
    assertEquals("Arrow schema:", lines.get(14));
    assertEquals(List.of("  id: Int(32, true)", "  bool_col: Bool", "  tinyint_col: Int(32, true)",
        "  smallint_col: Int(32, true)", "  int_col: Int(32, true)", "  bigint_col: Int(64, true)",
        "  float_col: FloatingPoint(SINGLE)", "  double_col: FloatingPoint(DOUBLE)", "  date_string_col: Binary",
        "  string_col: Binary", "  timestamp_col: Timestamp(NANOSECOND, UTC)"), lines.subList(15, lines.size()));
  }

  /**
   * Nested columns map to Arrow by LogicalTypes.md: the expected lines are written by hand from the Parquet schema
   * (a 3-level LIST is a List of its element, a MAP a Map of a non-null key_value struct of a non-null key and the
   * value, an optional field nullable, a required one not null).
   */
  @Test
  void schemaOfANestedFilePrintsItsArrowSchema() {
    Cli.Result r = Cli.run("schema", data("nested_lists.snappy.parquet").toString());
    assertEquals(0, r.status(), r::toString);
    assertEquals("", r.err());
    List<String> lines = r.outLines();
    assertEquals("message spark_schema {", lines.get(0));
    int arrow = lines.indexOf("Arrow schema:");
    assertEquals("  required int32 b;", lines.get(arrow - 3));
    assertEquals(List.of("  a: List<element: List<element: List<element: Utf8>>>", "  b: Int(32, true) not null"),
        lines.subList(arrow + 1, lines.size()));

    Cli.Result maps = Cli.run("schema", data("nested_maps.snappy.parquet").toString());
    assertEquals(0, maps.status(), maps::toString);
    List<String> mapLines = maps.outLines();
    assertEquals(List.of("Arrow schema:", "  a: Map(false)<key_value: Struct<key: Utf8 not null, value: "
            + "Map(false)<key_value: Struct<key: Int(32, true) not null, value: Bool not null> not null>> not null>",
        "  b: Int(32, true) not null", "  c: FloatingPoint(DOUBLE) not null"),
        mapLines.subList(mapLines.indexOf("Arrow schema:"), mapLines.size()));
  }

  /**
   * A LIST group that matches no rule of LogicalTypes.md (two plain fields, no repeated one), written by
   * parquet-java: {@code schema} still prints the Parquet schema, and says why there is no Arrow schema.
   */
  @Test
  void schemaOfAnUnmappableGroupSaysTheArrowSchemaIsUnavailable() throws IOException {
    Path file = tmp.resolve("bad-list.parquet");
    MessageType schema = MessageTypeParser.parseMessageType(
        "message m { required int32 id; optional group bad (LIST) { required int32 x; required int32 y; } }");
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
        .withConf(new Configuration(false)).withType(schema).build()) {
      writer.write(new SimpleGroupFactory(schema).newGroup().append("id", 1));
    }
    Cli.Result r = Cli.run("schema", file.toString());
    assertEquals(0, r.status(), r::toString);
    assertEquals("", r.err());
    List<String> lines = r.outLines();
    assertEquals("message m {", lines.get(0));
    assertTrue(lines.get(lines.size() - 1).startsWith("Arrow schema: unavailable: "), r::toString);
    assertTrue(lines.get(lines.size() - 1).contains("'bad'"), r::toString);
  }

  @Test
  void metaMatchesTheFooterParquetJavaReads() throws IOException {
    Path file = data("alltypes_tiny_pages.parquet");
    ParquetMetadata footer;
    try (org.apache.parquet.hadoop.ParquetFileReader reader =
             org.apache.parquet.hadoop.ParquetFileReader.open(new LocalInputFile(file))) {
      footer = reader.getFooter();
    }
    Cli.Result r = Cli.run("meta", file.toString());
    assertEquals(0, r.status(), r::toString);
    Iterator<String> lines = r.outLines().iterator();
    assertEquals("file: " + file, lines.next());
    assertEquals("size: " + Files.size(file) + " bytes", lines.next());
    assertEquals("created_by: " + footer.getFileMetaData().getCreatedBy(), lines.next());
    assertEquals("version: 1", lines.next());
    long rows = footer.getBlocks().stream().mapToLong(BlockMetaData::getRowCount).sum();
    assertEquals("rows: " + rows, lines.next());
    assertEquals("row groups: " + footer.getBlocks().size(), lines.next());
    for (int g = 0; g < footer.getBlocks().size(); g++) {
      BlockMetaData block = footer.getBlocks().get(g);
      assertEquals("", lines.next());
      assertEquals("row group " + g + ": " + block.getRowCount() + " rows, " + block.getTotalByteSize()
          + " bytes uncompressed, " + block.getCompressedSize() + " bytes compressed", lines.next());
      for (ColumnChunkMetaData c : block.getColumns()) {
        assertEquals("  column " + c.getPath().toDotString(), lines.next());
        assertEquals("    type: " + c.getPrimitiveType().getPrimitiveTypeName().name().replace("BINARY",
            "BYTE_ARRAY"), lines.next());
        assertEquals("    codec: " + c.getCodec().name(), lines.next());
        String encodings = lines.next();
        for (org.apache.parquet.column.Encoding e : c.getEncodings()) {
          assertTrue(encodings.contains(e.name()), encodings + " lacks " + e);
        }
        assertEquals("    values: " + c.getValueCount(), lines.next());
        assertEquals("    size: " + c.getTotalSize() + " bytes compressed, " + c.getTotalUncompressedSize()
            + " bytes uncompressed", lines.next());
        org.apache.parquet.column.statistics.Statistics<?> s = c.getStatistics();
        String stats = lines.next();
        assertTrue(stats.startsWith("    statistics: nulls " + s.getNumNulls()), stats);
        if (s.hasNonNullValue() && c.getPrimitiveType().getPrimitiveTypeName()
            == org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT32) {
          assertTrue(stats.endsWith(", min " + s.genericGetMin() + ", max " + s.genericGetMax()), stats);
        }
        if (c.getDictionaryPageOffset() > 0) {
          assertEquals("    dictionary page offset: " + c.getDictionaryPageOffset(), lines.next());
        }
        assertEquals("    data page offset: " + c.getFirstDataPageOffset(), lines.next());
      }
    }
  }

  @Test
  void metaCutsLongKeyValueMetadata() throws IOException {
    Path file = data("float16_nonzeros_and_nans.parquet");
    String arrowSchema;
    try (org.apache.parquet.hadoop.ParquetFileReader reader =
             org.apache.parquet.hadoop.ParquetFileReader.open(new LocalInputFile(file))) {
      arrowSchema = reader.getFooter().getFileMetaData().getKeyValueMetaData().get("ARROW:schema");
    }
    Cli.Result r = Cli.run("meta", file.toString());
    assertEquals(0, r.status(), r::toString);
    String line = r.outLines().stream().filter(l -> l.startsWith("  ARROW:schema: ")).findFirst().orElseThrow();
    assertEquals("  ARROW:schema: " + arrowSchema.substring(0, 79) + "… (" + arrowSchema.length() + " chars)", line);
  }

  @Test
  void metaDecodesFloat16Statistics() throws IOException {
    Path file = data("float16_nonzeros_and_nans.parquet");
    org.apache.parquet.column.statistics.Statistics<?> s;
    try (org.apache.parquet.hadoop.ParquetFileReader reader =
             org.apache.parquet.hadoop.ParquetFileReader.open(new LocalInputFile(file))) {
      s = reader.getFooter().getBlocks().get(0).getColumns().get(0).getStatistics();
    }
    byte[] min = s.getMinBytes();
    byte[] max = s.getMaxBytes();
    String expected = "    statistics: nulls " + s.getNumNulls()
        + ", min " + ParquetJavaJsonl.halfToFloat((min[0] & 0xFF) | (min[1] & 0xFF) << 8)
        + ", max " + ParquetJavaJsonl.halfToFloat((max[0] & 0xFF) | (max[1] & 0xFF) << 8);
    Cli.Result r = Cli.run("meta", file.toString());
    assertEquals(0, r.status(), r::toString);
    assertTrue(r.outLines().contains(expected), () -> expected + "\n" + r);
  }

  private static void assertRows(List<ObjectNode> expected, List<JsonNode> actual) {
    assertEquals(expected.size(), actual.size(), "row count");
    for (int i = 0; i < expected.size(); i++) {
      assertNull(JsonTrees.difference(expected.get(i), actual.get(i), "row " + i));
    }
  }

  private static List<String> keys(ObjectNode row) {
    List<String> keys = new ArrayList<>();
    row.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  /** Where a table line's column separators are. */
  private static List<Integer> separators(String line) {
    List<Integer> at = new ArrayList<>();
    for (int i = line.indexOf(" | "); i >= 0; i = line.indexOf(" | ", i + 1)) {
      at.add(i);
    }
    return at;
  }

  /** A table line's cells, trimmed. */
  private static List<String> cells(String line) {
    return Arrays.stream(line.split(" \\| ", -1)).map(String::strip).toList();
  }

  /**
   * Each text cell against the JSON value the contract gives: strings without quotes, integers exactly, floating
   * point as the same double, {@code nullText} for null.
   */
  private static void assertCells(ObjectNode expected, List<String> cells, String nullText, String where) {
    List<String> keys = keys(expected);
    assertEquals(keys.size(), cells.size(), where);
    for (int c = 0; c < keys.size(); c++) {
      JsonNode e = expected.get(keys.get(c));
      String cell = cells.get(c);
      String at = where + " column " + keys.get(c);
      if (e.isNull()) {
        assertEquals(nullText, cell, at);
      } else if (e.isIntegralNumber()) {
        assertEquals(e.bigIntegerValue().toString(), cell, at);
      } else if (e.isNumber()) {
        assertEquals(Double.doubleToLongBits(e.doubleValue()), Double.doubleToLongBits(Double.parseDouble(cell)), at);
      } else if (e.isBoolean()) {
        assertEquals(Boolean.toString(e.booleanValue()), cell, at);
      } else {
        assertEquals(e.textValue(), cell, at);
      }
    }
  }

  @Test
  void catDecodesDictionaryEncodedColumns() throws Exception {
    // a stored ARROW:schema asking for dictionary<int8, utf8> makes the reader hand out indices and dictionaries;
    // cat prints the values
    MessageType schema = MessageTypeParser.parseMessageType(
        "message m { optional binary s (STRING); required int32 i; }");
    org.apache.arrow.vector.types.pojo.Schema stored = new org.apache.arrow.vector.types.pojo.Schema(List.of(
        new org.apache.arrow.vector.types.pojo.Field("s", new org.apache.arrow.vector.types.pojo.FieldType(true,
            org.apache.arrow.vector.types.pojo.ArrowType.Utf8.INSTANCE,
            new org.apache.arrow.vector.types.pojo.DictionaryEncoding(0, false,
                new org.apache.arrow.vector.types.pojo.ArrowType.Int(8, true))), null),
        new org.apache.arrow.vector.types.pojo.Field("i", org.apache.arrow.vector.types.pojo.FieldType.notNullable(
            new org.apache.arrow.vector.types.pojo.ArrowType.Int(32, true)), null)));
    java.io.ByteArrayOutputStream ipc = new java.io.ByteArrayOutputStream();
    org.apache.arrow.vector.ipc.message.MessageSerializer.serialize(
        new org.apache.arrow.vector.ipc.WriteChannel(java.nio.channels.Channels.newChannel(ipc)), stored);
    Path file = tmp.resolve("dictionary.parquet");
    SimpleGroupFactory groups = new SimpleGroupFactory(schema);
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema)
        .withExtraMetaData(java.util.Map.of("ARROW:schema",
            java.util.Base64.getEncoder().encodeToString(ipc.toByteArray()))).build()) {
      String[] values = {"red", null, "green", "red"};
      for (int i = 0; i < values.length; i++) {
        Group g = groups.newGroup();
        if (values[i] != null) {
          g.add("s", values[i]);
        }
        g.add("i", i);
        writer.write(g);
      }
    }
    Cli.Result r = Cli.run("cat", file.toString());
    assertEquals(0, r.status(), r::toString);
    assertEquals(List.of("{\"s\":\"red\",\"i\":0}", "{\"s\":null,\"i\":1}", "{\"s\":\"green\",\"i\":2}",
        "{\"s\":\"red\",\"i\":3}"), r.outLines());
  }
}
