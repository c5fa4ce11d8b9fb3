package dev.quiver.parquet.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.parquet.testing.LeakCheckedAllocator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dictionary output ({@link ReadOptions#withDictionaryColumns}) of column chunks whose pages are not (all)
 * dictionary-encoded: the values of such pages are interned, so within a row group equal values get one index and
 * the dictionary holds each distinct value read once (in a selective read, only the selected values are added);
 * a dictionary that did not grow is handed out again, not copied. Values checked against parquet-java.
 */
class DictionaryInterningTest {
  private static final MessageType SCHEMA = MessageTypeParser.parseMessageType(
      "message m { optional binary s (STRING); required int32 n; }");

  @TempDir
  Path dir;

  /** Writes {@code rows} rows whose {@code s} draws from {@code distinct} strings (one in ten null). */
  private Path write(String name, boolean dictionary, int rows, int distinct, long rowGroupBytes) throws IOException {
    Path file = dir.resolve(name);
    SplittableRandom random = new SplittableRandom(rows * 31L + distinct);
    SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
        .withType(SCHEMA).withWriterVersion(WriterVersion.PARQUET_1_0).withDictionaryEncoding(dictionary)
        .withDictionaryPageSize(256).withPageSize(1024).withRowGroupSize(rowGroupBytes).build()) {
      for (int r = 0; r < rows; r++) {
        Group g = groups.newGroup();
        if (random.nextInt(10) > 0) {
          // skewed: the first few values are common (they make the dictionary page), the rest follow later
          int v = random.nextInt(4) == 0 ? random.nextInt(distinct) : random.nextInt(Math.min(8, distinct));
          g.add("s", "value-" + v);
        }
        g.add("n", r);
        writer.write(g);
      }
    }
    return file;
  }

  @Test
  void plainPagesAreInternedWholeBatches() throws Exception {
    Path file = write("plain.parquet", false, 6000, 8, 1 << 20);
    assertTrue(read(file, 100, false) > 5000);
  }

  @Test
  void plainPagesAreInternedSelectiveReads() throws Exception {
    Path file = write("plain-selective.parquet", false, 6000, 8, 1 << 20);
    assertTrue(read(file, 100, true) > 500);
  }

  @Test
  void fallbackPagesAfterADictionaryPage() throws Exception {
    // 300 distinct values overflow the 256-byte dictionary page: later pages fall back to PLAIN, repeating values
    // of the dictionary page and their own; small row groups give several chunks, each with its own dictionary
    Path file = write("fallback.parquet", true, 20_000, 300, 16 * 1024);
    try (ParquetFileReader reader = ParquetFileReader.open(file.toString())) {
      assertTrue(reader.metadata().rowGroups().size() > 1, "several row groups");
    }
    for (int batch : new int[] {64, 1000}) {
      assertTrue(read(file, batch, false) > 15_000);
      assertTrue(read(file, batch, true) > 1_500);
    }
  }

  /**
   * Reads column {@code s} dictionary-encoded in batches of {@code batchSize} rows (whole, or only every tenth row
   * and a few random ones when {@code selective}) and checks, per row group: the decoded values equal
   * parquet-java's; one index per distinct value and one value per index; the dictionary has exactly the distinct
   * values read so far, plus the file's dictionary page (whose entries parquet-java writes distinct); a batch that
   * adds nothing hands out the same dictionary. Returns the values checked.
   */
  private static long read(Path file, int batchSize, boolean selective) throws Exception {
    List<String> expected = ParquetJavaReference.read(file, List.of("s")).get(0);
    long checked = 0;
    try (LeakCheckedAllocator a = new LeakCheckedAllocator();
        ParquetFileReader reader = ParquetFileReader.open(file.toString());
        ParquetBatchReader batches = reader.read(a.get(), ReadOptions.defaults().withBatchSize(batchSize)
            .withColumns(List.of("s")).withDictionaryColumns(Set.of("s")))) {
      Field field = batches.schema().getFields().get(0);
      assertNotNull(field.getDictionary());
      long id = field.getDictionary().getId();
      List<Long> groupRows = reader.metadata().rowGroups().stream().map(g -> g.numRows()).toList();
      SplittableRandom random = new SplittableRandom(batchSize);
      int group = 0;
      long rowInGroup = 0;
      long row = 0;
      Map<String, Integer> indexOf = new HashMap<>();
      Map<Integer, String> valueOf = new HashMap<>();
      Set<String> dictionaryPage = null;
      Dictionary previous = null;
      int previousSize = -1;
      while (true) {
        int[] rows;
        FieldVector out;
        AutoCloseable owner;
        int rowsInBatch;
        if (selective) {
          rowsInBatch = batches.startBatch();
          if (rowsInBatch == 0) {
            break;
          }
          int[] picked = new int[rowsInBatch];
          int count = 0;
          for (int r = 0; r < rowsInBatch; r++) {
            if ((row + r) % 10 == 0 || random.nextInt(50) == 0) {
              picked[count++] = r;
            }
          }
          rows = java.util.Arrays.copyOf(picked, count);
          out = field.createVector(a.get());
          owner = out;
          batches.readColumn(0, out, rows, count);
        } else {
          if (!batches.hasNext()) {
            break;
          }
          VectorSchemaRoot root = batches.next();
          rowsInBatch = root.getRowCount();
          rows = new int[rowsInBatch];
          for (int r = 0; r < rowsInBatch; r++) {
            rows[r] = r;
          }
          out = root.getVector(0);
          owner = root;
        }
        try (AutoCloseable closing = owner) {
          FieldVector indices = out;
          if (rowInGroup == 0) {
            // a new row group: a new column chunk and dictionary
            indexOf.clear();
            valueOf.clear();
            dictionaryPage = null;
            previous = null;
          }
          Dictionary dictionary = batches.dictionaries().lookup(id);
          FieldVector values = dictionary.getVector();
          if (dictionaryPage == null) {
            dictionaryPage = new HashSet<>();
            // entries present before any value was read came from the dictionary page
            if (values.getValueCount() > 0 && rowInGroup == 0) {
              for (int i = 0; i < values.getValueCount(); i++) {
                dictionaryPage.add(ArrowCanonical.value(values, i));
              }
            }
          }
          IntVector ints = (IntVector) indices;
          assertEquals(rows.length, ints.getValueCount());
          for (int i = 0; i < rows.length; i++) {
            String want = expected.get((int) (row + rows[i]));
            if (ints.isNull(i)) {
              assertEquals(want, ArrowCanonical.value(ints, i), file + " row " + (row + rows[i]));
              continue;
            }
            int index = ints.get(i);
            String got = ArrowCanonical.value(values, index);
            assertEquals(want, got, file + " row " + (row + rows[i]));
            Integer known = indexOf.putIfAbsent(got, index);
            assertEquals(known == null ? index : known, index, "one index per value: " + got);
            String other = valueOf.putIfAbsent(index, got);
            assertEquals(other == null ? got : other, got, "one value per index: " + index);
            checked++;
          }
          // the dictionary holds the values read, each once, plus any dictionary page entries not read yet
          Set<String> entries = new HashSet<>();
          for (int i = 0; i < values.getValueCount(); i++) {
            assertTrue(entries.add(ArrowCanonical.value(values, i)), "entry " + i + " repeats a value");
          }
          Set<String> allowed = new HashSet<>(dictionaryPage);
          allowed.addAll(indexOf.keySet());
          assertEquals(allowed, entries, file + " dictionary at row " + row);
          if (previous != null && values.getValueCount() == previousSize) {
            assertSame(previous, dictionary, "a dictionary that did not grow is handed out again");
          }
          previous = dictionary;
          previousSize = values.getValueCount();
        }
        row += rowsInBatch;
        rowInGroup += rowsInBatch;
        if (rowInGroup == groupRows.get(group)) {
          group++;
          rowInGroup = 0;
        }
      }
      assertEquals(expected.size(), row);
    }
    return checked;
  }
}
