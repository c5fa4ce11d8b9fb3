package dev.quiver.parquet.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quiver.parquet.testing.LeakCheckedAllocator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ParquetBatchReader#skipRows}: rows skipped at once, within pages, across page and row group boundaries,
 * after a started batch, past the end; the rows read next are the ones parquet-java wrote there.
 */
class SkipRowsTest {
  @TempDir
  static Path dir;
  private static Path file;
  private static final int ROWS = 1000;

  @BeforeAll
  static void write() throws Exception {
    MessageType schema = MessageTypeParser.parseMessageType("message m { required int64 id; optional binary s (UTF8); "
        + "optional int32 n; optional group l (LIST) { repeated group list { optional int32 element; } } }");
    file = dir.resolve("skip.parquet");
    SimpleGroupFactory groups = new SimpleGroupFactory(schema);
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema)
        .withRowGroupRowCountLimit(100).withPageRowCountLimit(30).build()) {
      for (long i = 0; i < ROWS; i++) {
        Group g = groups.newGroup().append("id", i);
        if (i % 7 != 0) {
          g.append("s", "v" + (i % 13));
        }
        if (i % 5 != 0) {
          g.append("n", (int) i * 3);
        }
        Group list = g.addGroup("l");
        for (int k = 0; k < i % 3; k++) {
          list.addGroup("list").append("element", (int) (i + k));
        }
        writer.write(g);
      }
    }
  }

  /** The ids of the rows read from here to the end, checking each row's other columns against what was written. */
  private static List<Long> rest(ParquetBatchReader batches) {
    List<Long> ids = new ArrayList<>();
    while (batches.hasNext()) {
      try (VectorSchemaRoot root = batches.next()) {
        for (int r = 0; r < root.getRowCount(); r++) {
          long id = (Long) root.getVector("id").getObject(r);
          Object s = root.getVector("s").getObject(r);
          assertEquals(id % 7 == 0 ? null : "v" + (id % 13), s == null ? null : s.toString(), "s at id " + id);
          assertEquals(id % 5 == 0 ? null : (int) id * 3, root.getVector("n").getObject(r), "n at id " + id);
          List<?> list = (List<?>) root.getVector("l").getObject(r);
          assertEquals(id % 3, list.size(), "list at id " + id);
          for (int k = 0; k < list.size(); k++) {
            assertEquals((int) (id + k), list.get(k), "list element at id " + id);
          }
          ids.add(id);
        }
      }
    }
    return ids;
  }

  private static List<Long> range(long from, long to) {
    List<Long> ids = new ArrayList<>();
    for (long i = from; i < to; i++) {
      ids.add(i);
    }
    return ids;
  }

  @Test
  void skipsWithinPagesAndAcrossPagesAndRowGroups() throws Exception {
    try (ParquetFileReader reader = ParquetFileReader.open(file.toString());
         LeakCheckedAllocator allocator = new LeakCheckedAllocator()) {
      for (long skip : new long[] {0, 1, 29, 30, 31, 99, 100, 101, 250, 999, 1000, 1200}) {
        for (int batch : new int[] {7, 64, 100}) {
          try (ParquetBatchReader batches = reader.read(allocator.get(), ReadOptions.defaults().withBatchSize(batch))) {
            assertEquals(Math.min(skip, ROWS), batches.skipRows(skip), "skip " + skip);
            assertEquals(range(Math.min(skip, ROWS), ROWS), rest(batches), "skip " + skip + " batch " + batch);
          }
        }
      }
    }
  }

  @Test
  void skipsAfterAStartedBatchAndBetweenBatches() throws Exception {
    try (ParquetFileReader reader = ParquetFileReader.open(file.toString());
         LeakCheckedAllocator allocator = new LeakCheckedAllocator();
         ParquetBatchReader batches = reader.read(allocator.get(), ReadOptions.defaults().withBatchSize(40)
             .withRowGroups(List.of(7, 2)))) {
      assertEquals(40, batches.startBatch()); // rows 200..239 of row group 2, left unread
      assertEquals(45, batches.skipRows(45)); // to row 285
      try (VectorSchemaRoot root = batches.next()) {
        assertEquals(15, root.getRowCount()); // the rest of row group 2
        assertEquals(285L, root.getVector("id").getObject(0));
      }
      assertEquals(33, batches.skipRows(33)); // into row group 7
      assertEquals(range(733, 800), rest(batches));
      assertEquals(0, batches.skipRows(5));
      assertFalse(batches.hasNext());
      assertThrows(IllegalArgumentException.class, () -> batches.skipRows(-1));
    }
  }
}
