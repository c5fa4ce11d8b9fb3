package dev.quiver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quiver.parquet.ParquetCorruptionException;
import dev.quiver.parquet.UnsupportedParquetException;
import dev.quiver.parquet.read.ParquetBatchReader;
import dev.quiver.parquet.read.ParquetFileReader;
import dev.quiver.parquet.read.ReadOptions;
import dev.quiver.parquet.schema.ArrowSchemaMapper;
import dev.quiver.parquet.schema.SchemaNode;
import dev.quiver.parquet.testing.LeakCheckedAllocator;
import dev.quiver.parquet.testing.ParquetTesting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Differential test of {@code quiver cat --format jsonl} against parquet-java: for every {@code .parquet} file of
 * the parquet-testing {@code data/} folder (subfolders included), the command's output, parsed, must equal
 * {@link ParquetJavaJsonl}'s independent rendering row for row and value for value ({@link JsonTrees} says what
 * equal means), on every column Quiver's reader can read.
 *
 * <p>Which columns: the top-level columns the reader maps, nested ones included, each read once through the reader API to see whether it reports {@link UnsupportedParquetException} (an encoding or
 * codec not read yet), which leaves that column out. The exceptions, each listed below with its reason, are
 * checked too, so that a list entry that no longer holds fails the test and gets removed:
 * <ul>
 *   <li>{@link #QUIVER_CANNOT_READ}: files with columns Quiver refuses, which must still be refused;</li>
 *   <li>{@link #KNOWN_DIFFERENCES}: columns that must still differ;</li>
 *   <li>{@link #BOTH_REJECT}: files that both readers refuse (the command must exit 1 with one line);</li>
 *   <li>{@link #REFERENCE_CANNOT_READ}: files parquet-java fails on, which Quiver must still print, compared
 *       with a file of the same rows when the corpus has one.</li>
 * </ul>
 * Any other failure fails the test.
 */
class ParquetJavaDifferentialTest {
  /** Files that must stay readable and identical: the basics of the format. */
  private static final Set<String> MUST_RENDER = Set.of(
      "alltypes_plain.parquet",
      "alltypes_dictionary.parquet",
      "alltypes_plain.snappy.parquet",
      "alltypes_tiny_pages.parquet",
      "datapage_v1-snappy-compressed-checksum.parquet",
      "rle_boolean_encoding.parquet",
      "fixed_length_decimal.parquet",
      "byte_array_decimal.parquet",
      "int32_decimal.parquet",
      "int64_decimal.parquet",
      "float16_nonzeros_and_nans.parquet",
      "lz4_raw_compressed.parquet",
      "hadoop_lz4_compressed.parquet",
      "concatenated_gzip_members.parquet");

  /** Columns that render differently from parquet-java, by file, with the reason. */
  private static final Map<String, Map<String, String>> KNOWN_DIFFERENCES = Map.of(
      "int96_from_spark.parquet", Map.of("a",
          "INT96 reads as Timestamp(NANOSECOND, UTC), whose 64 bits end in 2262: 9999-12-31T03:00:00Z prints as "
              + "1816-03-29T08:56:08.066277376Z (wrapped), as in Arrow C++ and arrow-rs"));

  /**
   * Files of data/ some of whose columns Quiver's reader refuses with {@link UnsupportedParquetException}, with a
   * fragment that each refusal's message must hold. Any other refusal fails the test, and so does a listed file
   * that reads now.
   */
  private static final Map<String, String> QUIVER_CANNOT_READ = Map.of(
      // one 1 GiB string value (README.md, "Large string map"), in a single page; parquet-java has no Brotli codec
      "large_string_map.brotli.parquet", "pages over 1 GiB are not supported");

  /** Files of data/ that both readers refuse, with the reason. */
  private static final Map<String, String> BOTH_REJECT = Map.of(
      "nation.dict-malformed.parquet", "a dictionary page whose header claims more bytes than its column chunk has");

  /**
   * A file parquet-java cannot read: why, and a file of the corpus that holds the same rows and that parquet-java
   * reads, or null when there is none (then Quiver must just print the file).
   */
  record Unreadable(String reason, String sameRowsAs) {}

  /** Files parquet-java cannot read. */
  private static final Map<String, Unreadable> REFERENCE_CANNOT_READ = Map.of(
      "unknown-logical-type.parquet", new Unreadable("parquet-java 1.16 throws NullPointerException on an unknown "
          + "LogicalType union member, where the spec asks readers to fall back to the physical type", null),
      // Arrow C++'s reader tests check both LZ4 files against the same expected columns
      "non_hadoop_lz4_compressed.parquet", new Unreadable("parquet-java 1.16 reads the LZ4 codec only in Hadoop's "
          + "framing and fails on raw LZ4 blocks (ArrayIndexOutOfBoundsException)", "hadoop_lz4_compressed.parquet"));

  /** What Quiver's reader makes of one file's top-level columns. */
  record Readability(List<String> all, List<String> readable, Map<String, String> skipped) {}

  static List<Path> corpus() {
    try (Stream<Path> files = Files.walk(ParquetTesting.data())) {
      return files.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".parquet"))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String name(Path file) {
    return ParquetTesting.data().relativize(file).toString().replace('\\', '/');
  }

  /** Reads each top-level column of {@code file} on its own to sort the readable from the unsupported. */
  static Readability readability(Path file) {
    List<String> all = new ArrayList<>();
    List<String> readable = new ArrayList<>();
    Map<String, String> skipped = new LinkedHashMap<>();
    try (ParquetFileReader reader = ParquetFileReader.open(file.toString())) {
      for (SchemaNode node : reader.schema().root().children()) {
        all.add(node.name());
        try {
          ArrowSchemaMapper.field(reader.schema(), node);
          try (LeakCheckedAllocator allocator = new LeakCheckedAllocator();
               ParquetBatchReader batches = reader.read(allocator.get(),
                   ReadOptions.defaults().withColumns(List.of(node.name())))) {
            while (batches.hasNext()) {
              batches.next().close();
            }
          }
          readable.add(node.name());
        } catch (UnsupportedParquetException e) {
          skipped.put(node.name(), e.getMessage());
        }
      }
    } catch (UnsupportedParquetException e) {
      skipped.put("*", e.getMessage());
    }
    return new Readability(all, readable, skipped);
  }

  @TestFactory
  Stream<DynamicTest> everyReadableColumnRendersAsParquetJavaRendersIt() {
    return corpus().stream().map(file -> DynamicTest.dynamicTest(name(file), () -> check(file)));
  }

  private static void check(Path file) throws IOException {
    String name = name(file);
    if (BOTH_REJECT.containsKey(name)) {
      checkBothReject(file);
      return;
    }
    Readability r = readability(file);
    String cannotRead = QUIVER_CANNOT_READ.get(name);
    if (cannotRead == null) {
      assertEquals(Map.of(), r.skipped(), name + ": columns Quiver refuses");
    } else {
      assertTrue(!r.skipped().isEmpty(), name + " reads now: remove it from QUIVER_CANNOT_READ");
      for (String message : r.skipped().values()) {
        assertTrue(message.contains(cannotRead), name + ": refused for another reason: " + message);
      }
    }
    Map<String, String> known = KNOWN_DIFFERENCES.getOrDefault(name, Map.of());
    List<String> compared = new ArrayList<>(r.readable());
    compared.removeAll(known.keySet());
    Unreadable unreadable = REFERENCE_CANNOT_READ.get(name);
    if (unreadable != null) {
      assertThrows(Exception.class, () -> ParquetJavaJsonl.read(file, null), "parquet-java reads " + name + " now");
      List<JsonNode> rows = cat(file, compared, r.all());
      if (unreadable.sameRowsAs() == null) {
        report(name, "parquet-java cannot read it; Quiver prints " + rows.size() + " rows");
        return;
      }
    }
    if (!compared.isEmpty()) {
      List<JsonNode> actual = cat(file, compared, r.all());
      Path reference = unreadable == null ? file : file.resolveSibling(unreadable.sameRowsAs());
      List<ObjectNode> expected = ParquetJavaJsonl.read(reference, compared);
      assertEquals(expected.size(), actual.size(), "row count");
      for (int i = 0; i < expected.size(); i++) {
        String d = JsonTrees.difference(expected.get(i), actual.get(i), "row " + i);
        if (d != null) {
          fail(name + ": " + d);
        }
      }
      report(name, "identical" + (reference == file ? "" : " to " + name(reference)) + ", " + expected.size()
          + " rows, " + (compared.equals(r.all()) ? "all columns" : "columns " + compared)
          + (r.skipped().isEmpty() ? "" : "; not read: " + r.skipped().keySet()));
    } else if (!r.skipped().isEmpty()) {
      report(name, "nothing compared: not read " + r.skipped());
    }
    for (Map.Entry<String, String> k : known.entrySet()) {
      List<JsonNode> actual = cat(file, List.of(k.getKey()), r.all());
      List<ObjectNode> expected = ParquetJavaJsonl.read(file, List.of(k.getKey()));
      boolean differs = expected.size() != actual.size();
      for (int i = 0; !differs && i < expected.size(); i++) {
        differs = JsonTrees.difference(expected.get(i), actual.get(i), "") != null;
      }
      assertTrue(differs, name + " column " + k.getKey() + " now renders as parquet-java does: remove it from "
          + "KNOWN_DIFFERENCES");
      report(name, "column " + k.getKey() + " differs as known: " + k.getValue());
    }
  }

  private static void checkBothReject(Path file) {
    ParquetCorruptionException e = assertThrows(ParquetCorruptionException.class, () -> readability(file));
    assertNotNull(e.getMessage());
    assertThrows(Exception.class, () -> ParquetJavaJsonl.read(file, null), "parquet-java reads it now");
    Cli.Result result = Cli.run("cat", file.toString());
    assertEquals(1, result.status(), result::toString);
    assertEquals(1, result.errLines().size(), result::toString);
    assertTrue(result.err().startsWith("quiver: ") && result.err().contains(file.toString()), result.err());
    report(name(file), "both readers reject it; " + result.err().strip());
  }

  /**
   * {@code quiver cat FILE --columns COLUMNS}, which must succeed silently, parsed line by line; without
   * {@code --columns} when they are all the file's columns.
   */
  private static List<JsonNode> cat(Path file, List<String> columns, List<String> all) {
    Cli.Result result = columns.equals(all) ? Cli.run("cat", file.toString())
        : Cli.run("cat", file.toString(), "--columns", String.join(",", columns));
    assertEquals(0, result.status(), result::toString);
    assertEquals("", result.err());
    return JsonTrees.parseLines(result.out());
  }

  private static void report(String file, String outcome) {
    System.out.println("[differential] " + file + ": " + outcome);
  }

  @Test
  void theBasicFilesAreFullyReadable() {
    Set<String> readable = new TreeSet<>();
    for (Path file : corpus()) {
      String name = name(file);
      if (MUST_RENDER.contains(name) && readability(file).skipped().isEmpty()) {
        readable.add(name);
      }
    }
    assertEquals(new TreeSet<>(MUST_RENDER), readable);
  }

  @Test
  void everyListedExceptionNamesAFileOfTheCorpus() {
    Set<String> names = new TreeSet<>();
    corpus().forEach(f -> names.add(name(f)));
    for (Set<String> listed : List.of(KNOWN_DIFFERENCES.keySet(), BOTH_REJECT.keySet(),
        REFERENCE_CANNOT_READ.keySet(), QUIVER_CANNOT_READ.keySet(), MUST_RENDER)) {
      assertTrue(names.containsAll(listed), "not in the corpus: " + listed);
    }
  }

  /**
   * The reference itself renders nested values as the corpus documents them (map_no_value.md,
   * old_list_structure.md; the expected lines are written by hand from those files), so that the differential
   * comparison rests on an independently checked side.
   */
  @Test
  void theReferenceRendersTheDocumentedNestedValues() throws IOException {
    assertSameRows(JsonTrees.parseLines("""
        {"my_map":[{"key":1,"value":null},{"key":2,"value":null},{"key":3,"value":null}],"my_map_no_v":[1,2,3],"my_list":[1,2,3]}
        {"my_map":[{"key":4,"value":null},{"key":5,"value":null},{"key":6,"value":null}],"my_map_no_v":[4,5,6],"my_list":[4,5,6]}
        {"my_map":[{"key":7,"value":null},{"key":8,"value":null},{"key":9,"value":null}],"my_map_no_v":[7,8,9],"my_list":[7,8,9]}
        """), ParquetJavaJsonl.read(ParquetTesting.dataFile("map_no_value.parquet"), null));
    assertSameRows(JsonTrees.parseLines("{\"a\":[[1,2],[3,4]]}"),
        ParquetJavaJsonl.read(ParquetTesting.dataFile("old_list_structure.parquet"), null));
  }

  private static void assertSameRows(List<JsonNode> expected, List<ObjectNode> actual) {
    assertEquals(expected.size(), actual.size(), "row count");
    for (int i = 0; i < expected.size(); i++) {
      String d = JsonTrees.difference(expected.get(i), actual.get(i), "row " + i);
      if (d != null) {
        fail(d);
      }
    }
  }
}
