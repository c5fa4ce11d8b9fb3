package dev.quiver.parquet.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quiver.parquet.testing.LeakCheckedAllocator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
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
 * Readers opened one after another on one {@link ReadBuffers}: each row group read by its own reader, the
 * projections and batch sizes changing between them (so one leaf position's staging serves columns of other types
 * and widths), gives the values parquet-java wrote; the buffers serve one open reader at a time.
 */
class ReadBuffersTest {
  @TempDir
  static Path dir;
  private static Path file;
  private static final int ROWS = 1000;
  private static final int GROUP_ROWS = 100;

  @BeforeAll
  static void write() throws Exception {
    MessageType schema = MessageTypeParser.parseMessageType("message m { required int64 id; optional binary s (UTF8); "
        + "optional int32 n; required double d; }");
    file = dir.resolve("buffers.parquet");
    SimpleGroupFactory groups = new SimpleGroupFactory(schema);
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema)
        .withRowGroupRowCountLimit(GROUP_ROWS).withPageRowCountLimit(30).build()) {
      for (long i = 0; i < ROWS; i++) {
        Group g = groups.newGroup().append("id", i);
        if (i % 7 != 0) {
          g.append("s", s(i));
        }
        if (i % 5 != 0) {
          g.append("n", (int) (i * 3));
        }
        g.append("d", i / 4.0);
        writer.write(g);
      }
    }
  }

  private static String s(long i) {
    return i % 3 == 0 ? "value-" + i + "-" + "x".repeat((int) (i % 40)) : "k" + (i % 11);
  }

  /** The value parquet-java was given for column {@code name} of row {@code i} (null where none was). */
  private static Object expected(String name, long i) {
    switch (name) {
      case "id":
        return i;
      case "s":
        return i % 7 == 0 ? null : s(i);
      case "n":
        return i % 5 == 0 ? null : (int) (i * 3);
      default:
        return i / 4.0;
    }
  }

  @Test
  void readersInTurnShareTheBuffersAndReadEveryValue() throws Exception {
    List<List<String>> projections = List.of(List.of("s", "id"), List.of("d", "n"), List.of("n", "s", "d"),
        List.of("id"), List.of("s", "d", "n", "id"));
    int[] batchSizes = {7, 64, 100, 1, 33};
    ReadBuffers buffers = new ReadBuffers();
    try (ParquetFileReader reader = ParquetFileReader.open(file.toString());
         LeakCheckedAllocator allocator = new LeakCheckedAllocator()) {
      assertEquals(ROWS / GROUP_ROWS, reader.metadata().rowGroups().size());
      for (int round = 0; round < 2; round++) {
        for (int g = 0; g < ROWS / GROUP_ROWS; g++) {
          List<String> columns = projections.get((g + round) % projections.size());
          int batch = batchSizes[(g + 2 * round) % batchSizes.length];
          long row = (long) g * GROUP_ROWS;
          try (ParquetBatchReader batches = reader.read(allocator.get(), ReadOptions.defaults().withBatchSize(batch)
              .withColumns(columns).withRowGroups(List.of(g)), buffers)) {
            while (batches.hasNext()) {
              try (VectorSchemaRoot root = batches.next()) {
                for (int i = 0; i < root.getRowCount(); i++, row++) {
                  for (int c = 0; c < columns.size(); c++) {
                    FieldVector v = root.getVector(c);
                    Object got = v.getObject(i);
                    if (got instanceof org.apache.arrow.vector.util.Text t) {
                      got = t.toString();
                    }
                    assertEquals(expected(columns.get(c), row), got, columns.get(c) + " at row " + row);
                  }
                }
              }
            }
          }
          assertEquals((long) (g + 1) * GROUP_ROWS, row, "rows of row group " + g);
        }
      }
    }
  }

  /**
   * The arrays column chunks are read into follow the latest row group: with four projected columns, each large in
   * one row group only and read in a slot of its own (unprojected columns lie between them), what stays held is about
   * one row group's chunks, not each slot's largest (review: it held four row groups' worth).
   */
  @Test
  void chunkArraysHoldAboutOneRowGroup() throws Exception {
    int k = 4;
    StringBuilder schemaText = new StringBuilder("message m {");
    for (int i = 0; i < k; i++) {
      schemaText.append(" optional binary c").append(i).append("; optional binary pad").append(i).append(";");
    }
    MessageType schema = MessageTypeParser.parseMessageType(schemaText + " }");
    Path skewed = dir.resolve("skewed.parquet");
    java.util.Random random = new java.util.Random(1);
    SimpleGroupFactory groups = new SimpleGroupFactory(schema);
    int rowsPerGroup = 200;
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(skewed)).withType(schema)
        .withCompressionCodec(org.apache.parquet.hadoop.metadata.CompressionCodecName.UNCOMPRESSED)
        .withDictionaryEncoding(false).withRowGroupRowCountLimit(rowsPerGroup).withPageRowCountLimit(50).build()) {
      for (int g = 0; g < k; g++) {
        for (int r = 0; r < rowsPerGroup; r++) {
          Group row = groups.newGroup();
          for (int i = 0; i < k; i++) {
            byte[] v = new byte[i == g ? 5_000 : 1];
            random.nextBytes(v);
            row.add("c" + i, org.apache.parquet.io.api.Binary.fromConstantByteArray(v));
            byte[] pad = new byte[500];
            random.nextBytes(pad);
            row.add("pad" + i, org.apache.parquet.io.api.Binary.fromConstantByteArray(pad));
          }
          writer.write(row);
        }
      }
    }
    List<String> projection = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      projection.add("c" + i);
    }
    ReadBuffers buffers = new ReadBuffers();
    try (ParquetFileReader reader = ParquetFileReader.open(skewed.toString());
         LeakCheckedAllocator allocator = new LeakCheckedAllocator()) {
      long largest = 0;
      for (dev.quiver.parquet.format.RowGroup rg : reader.metadata().rowGroups()) {
        long bytes = 0;
        for (dev.quiver.parquet.format.ColumnChunk c : rg.columns()) {
          bytes += c.metaData().pathInSchema().get(0).startsWith("c") ? c.metaData().totalCompressedSize() : 0;
        }
        largest = Math.max(largest, bytes);
      }
      assertEquals(k, reader.metadata().rowGroups().size());
      long rows = 0;
      try (ParquetBatchReader batches = reader.read(allocator.get(), ReadOptions.defaults().withColumns(projection),
          buffers)) {
        while (batches.hasNext()) {
          try (VectorSchemaRoot root = batches.next()) {
            int g = (int) (rows / rowsPerGroup);
            for (int i = 0; i < k; i++) {
              assertEquals(i == g ? 5_000 : 1, ((org.apache.arrow.vector.VarBinaryVector) root.getVector(i)).get(0)
                  .length, "c" + i + " in row group " + g);
            }
            rows += root.getRowCount();
          }
        }
      }
      assertEquals(k * rowsPerGroup, rows);
      long held = buffers.chunks.heldBytes();
      org.junit.jupiter.api.Assertions.assertTrue(held <= 2 * largest, "chunk arrays hold " + held
          + " bytes; the largest row group's projected chunks are " + largest);
    }
  }

  @Test
  void oneOpenReaderAtATime() throws Exception {
    ReadBuffers buffers = new ReadBuffers();
    try (ParquetFileReader reader = ParquetFileReader.open(file.toString());
         LeakCheckedAllocator allocator = new LeakCheckedAllocator()) {
      // a reader that could not be made does not hold them
      assertThrows(IllegalArgumentException.class,
          () -> reader.read(allocator.get(), ReadOptions.defaults().withRowGroups(List.of(99)), buffers));
      List<Long> ids = new ArrayList<>();
      try (ParquetBatchReader first = reader.read(allocator.get(), ReadOptions.defaults()
          .withColumns(List.of("id")).withRowGroups(List.of(3)), buffers)) {
        assertThrows(IllegalStateException.class, () -> reader.read(allocator.get(), ReadOptions.defaults(),
            buffers));
        while (first.hasNext()) {
          try (VectorSchemaRoot root = first.next()) {
            for (int i = 0; i < root.getRowCount(); i++) {
              ids.add((Long) root.getVector(0).getObject(i));
            }
          }
        }
      }
      assertEquals(GROUP_ROWS, ids.size());
      assertEquals(300L, ids.get(0));
      try (ParquetBatchReader second = reader.read(allocator.get(), ReadOptions.defaults(), buffers)) {
        int rows = 0;
        while (second.hasNext()) {
          try (VectorSchemaRoot root = second.next()) {
            rows += root.getRowCount();
          }
        }
        assertEquals(ROWS, rows);
      }
      assertThrows(NullPointerException.class, () -> reader.read(allocator.get(), ReadOptions.defaults(), null));
      // closing a reader again, while another holds the buffers, leaves them alone (review: it emptied them)
      ParquetBatchReader a = reader.read(allocator.get(), ReadOptions.defaults(), buffers);
      a.next().close();
      a.close();
      try (ParquetBatchReader b = reader.read(allocator.get(), ReadOptions.defaults(), buffers)) {
        b.next().close();
        int held = buffers.staging.size();
        assertEquals(4, held, "one staging per projected column");
        a.close();
        assertEquals(held, buffers.staging.size());
        assertThrows(IllegalStateException.class, () -> reader.read(allocator.get(), ReadOptions.defaults(), buffers));
      }
    }
  }
}
