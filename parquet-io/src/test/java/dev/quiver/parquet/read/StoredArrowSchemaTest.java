package dev.quiver.parquet.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.parquet.testing.LeakCheckedAllocator;
import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.DurationVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
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
 * A stored {@code ARROW:schema} (serialized by Arrow Java's IPC writer, as Arrow writers store it) refines the
 * mapping: the time zone of a timestamp, LargeUtf8 for a string, a Duration for an INT64; a hint that does not
 * decode is ignored.
 */
class StoredArrowSchemaTest {
  private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
      message m {
        optional int64 ts (TIMESTAMP(MICROS,true));
        optional binary s (STRING);
        optional int64 d;
      }
      """);

  @TempDir
  Path dir;

  private Path write(String name, String arrowSchema) throws Exception {
    Path file = dir.resolve(name);
    SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(SCHEMA)
        .withExtraMetaData(Map.of("ARROW:schema", arrowSchema)).build()) {
      for (int i = 0; i < 3; i++) {
        Group g = groups.newGroup();
        g.add("ts", 1_700_000_000_000_000L + i);
        g.add("s", "value " + i);
        g.add("d", 1000L * i);
        writer.write(g);
      }
    }
    return file;
  }

  private static String ipc(Schema schema) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MessageSerializer.serialize(new WriteChannel(Channels.newChannel(out)), schema);
    return Base64.getEncoder().encodeToString(out.toByteArray());
  }

  @Test
  void theStoredSchemaRefinesZonesLargeStringsAndDurations() throws Exception {
    Schema stored = new Schema(List.of(
        new Field("ts", FieldType.nullable(new ArrowType.Timestamp(TimeUnit.MICROSECOND, "Europe/Paris")), null),
        new Field("s", FieldType.nullable(ArrowType.LargeUtf8.INSTANCE), null),
        new Field("d", FieldType.nullable(new ArrowType.Duration(TimeUnit.MILLISECOND)), null)));
    Path file = write("hinted.parquet", ipc(stored));
    try (ParquetFileReader reader = ParquetFileReader.open(file.toString());
         LeakCheckedAllocator allocator = new LeakCheckedAllocator();
         ParquetBatchReader batches = reader.read(allocator.get(), ReadOptions.defaults())) {
      assertEquals(stored, reader.arrowSchema());
      assertEquals(stored, batches.schema());
      try (VectorSchemaRoot root = batches.next()) {
        TimeStampMicroTZVector ts = (TimeStampMicroTZVector) root.getVector("ts");
        LargeVarCharVector s = (LargeVarCharVector) root.getVector("s");
        DurationVector d = (DurationVector) root.getVector("d");
        for (int i = 0; i < 3; i++) {
          assertEquals(1_700_000_000_000_000L + i, ts.get(i));
          assertEquals("value " + i, s.getObject(i).toString());
          assertEquals(java.time.Duration.ofSeconds(i), d.getObject(i));
        }
      }
    }
  }

  private static final MessageType LISTS = MessageTypeParser.parseMessageType("""
      message m {
        optional group v (LIST) { repeated group list { optional int32 element; } }
      }
      """);

  private Path writeLists(String name, int[][] rows, Schema stored) throws Exception {
    Path file = dir.resolve(name);
    SimpleGroupFactory groups = new SimpleGroupFactory(LISTS);
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(LISTS)
        .withExtraMetaData(Map.of("ARROW:schema", ipc(stored))).build()) {
      for (int[] row : rows) {
        Group g = groups.newGroup();
        if (row != null) {
          Group list = g.addGroup("v");
          for (int x : row) {
            Group element = list.addGroup("list");
            if (x >= 0) {
              element.add("element", x);
            }
          }
        }
        writer.write(g);
      }
    }
    return file;
  }

  private static Schema fixedSizeLists(int size) {
    return new Schema(List.of(new Field("v", FieldType.nullable(new ArrowType.FixedSizeList(size)),
        List.of(new Field("element", FieldType.nullable(new ArrowType.Int(32, true)), null)))));
  }

  @Test
  void aStoredFixedSizeListReadsAsOneWithNullListsPadded() throws Exception {
    // -1 stands for a null element
    Path file = writeLists("fsl.parquet", new int[][] {{1, 2, 3}, null, {4, -1, 6}}, fixedSizeLists(3));
    try (ParquetFileReader reader = ParquetFileReader.open(file.toString());
         LeakCheckedAllocator allocator = new LeakCheckedAllocator();
         ParquetBatchReader batches = reader.read(allocator.get(), ReadOptions.defaults())) {
      assertEquals(fixedSizeLists(3), batches.schema());
      try (VectorSchemaRoot root = batches.next()) {
        org.apache.arrow.vector.complex.FixedSizeListVector v =
            (org.apache.arrow.vector.complex.FixedSizeListVector) root.getVector("v");
        assertEquals(java.util.Arrays.asList(1, 2, 3), v.getObject(0));
        assertTrue(v.isNull(1));
        assertEquals(java.util.Arrays.asList(4, null, 6), v.getObject(2));
        assertEquals(9, v.getDataVector().getValueCount(), "a null fixed-size list still holds 3 elements");
      }
    }
  }

  @Test
  void aListOfAnotherSizeThanTheStoredFixedSizeIsCorruption() throws Exception {
    Path file = writeLists("fsl-bad.parquet", new int[][] {{1, 2, 3}, {4, 5}}, fixedSizeLists(3));
    dev.quiver.parquet.ParquetCorruptionException e = org.junit.jupiter.api.Assertions.assertThrows(
        dev.quiver.parquet.ParquetCorruptionException.class, () -> ConformanceTest.readAll(file, 10));
    assertTrue(e.getMessage().contains("list of 2 elements where the stored Arrow schema says FixedSizeList(3)"),
        e.getMessage());
  }

  private static final MessageType CATEGORIES = MessageTypeParser.parseMessageType("""
      message m {
        optional binary s (STRING);
        required int64 n;
      }
      """);

  @Test
  void storedDictionaryTypesReadDictionaryEncoded() throws Exception {
    // s: few distinct strings first (dictionary pages), then many (past the 256-byte dictionary limit: fallback);
    // n: a small set of longs; several row groups; every 7th s null
    int rows = 5000;
    List<String> strings = new java.util.ArrayList<>();
    List<Long> longs = new java.util.ArrayList<>();
    for (int i = 0; i < rows; i++) {
      strings.add(i % 7 == 0 ? null : i < 2500 ? "cat-" + (i % 5) : "unique-" + i);
      longs.add((long) (i % 3) * 1_000_000_007L);
    }
    Schema stored = new Schema(List.of(
        new Field("s", new FieldType(true, ArrowType.Utf8.INSTANCE,
            new org.apache.arrow.vector.types.pojo.DictionaryEncoding(7, false, new ArrowType.Int(8, true))), null),
        new Field("n", new FieldType(false, new ArrowType.Int(64, true),
            new org.apache.arrow.vector.types.pojo.DictionaryEncoding(8, false, new ArrowType.Int(16, true))), null)));
    Path file = dir.resolve("categories.parquet");
    SimpleGroupFactory groups = new SimpleGroupFactory(CATEGORIES);
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(CATEGORIES)
        .withDictionaryEncoding(true).withDictionaryPageSize(256).withPageSize(1024).withRowGroupRowCountLimit(1500)
        .withExtraMetaData(Map.of("ARROW:schema", ipc(stored))).build()) {
      for (int i = 0; i < rows; i++) {
        Group g = groups.newGroup();
        if (strings.get(i) != null) {
          g.add("s", strings.get(i));
        }
        g.add("n", longs.get(i));
        writer.write(g);
      }
    }
    List<String> gotStrings = new java.util.ArrayList<>();
    List<Long> gotLongs = new java.util.ArrayList<>();
    try (ParquetFileReader reader = ParquetFileReader.open(file.toString());
         LeakCheckedAllocator allocator = new LeakCheckedAllocator();
         ParquetBatchReader batches = reader.read(allocator.get(), ReadOptions.defaults().withBatchSize(700))) {
      assertTrue(reader.metadata().rowGroups().size() > 1, "several row groups");
      assertEquals(new org.apache.arrow.vector.types.pojo.DictionaryEncoding(7, false, new ArrowType.Int(32, true)),
          batches.schema().getFields().get(0).getDictionary());
      while (batches.hasNext()) {
        try (VectorSchemaRoot root = batches.next()) {
          assertTrue(root.getVector("s") instanceof org.apache.arrow.vector.IntVector, "indices");
          try (org.apache.arrow.vector.ValueVector s = org.apache.arrow.vector.dictionary.DictionaryEncoder.decode(
                   root.getVector("s"), batches.dictionaries().lookup(7));
               org.apache.arrow.vector.ValueVector n = org.apache.arrow.vector.dictionary.DictionaryEncoder.decode(
                   root.getVector("n"), batches.dictionaries().lookup(8))) {
            for (int i = 0; i < root.getRowCount(); i++) {
              Object v = s.getObject(i);
              gotStrings.add(v == null ? null : v.toString());
              gotLongs.add((Long) n.getObject(i));
            }
          }
        }
      }
    }
    assertEquals(strings, gotStrings);
    assertEquals(longs, gotLongs);
  }

  @Test
  void storedDictionaryTypesOfPlainPagesInternTheirValues() throws Exception {
    // dictionary encoding off: every page PLAIN; the output dictionaries hold each distinct value once (n's three
    // longs take the fixed-width path, s's strings the variable-length one), and equal values share an index
    int rows = 5000;
    Schema stored = new Schema(List.of(
        new Field("s", new FieldType(true, ArrowType.Utf8.INSTANCE,
            new org.apache.arrow.vector.types.pojo.DictionaryEncoding(7, false, new ArrowType.Int(8, true))), null),
        new Field("n", new FieldType(false, new ArrowType.Int(64, true),
            new org.apache.arrow.vector.types.pojo.DictionaryEncoding(8, false, new ArrowType.Int(16, true))), null)));
    Path file = dir.resolve("plain-categories.parquet");
    SimpleGroupFactory groups = new SimpleGroupFactory(CATEGORIES);
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(CATEGORIES)
        .withDictionaryEncoding(false).withPageSize(1024).withRowGroupRowCountLimit(1500)
        .withExtraMetaData(Map.of("ARROW:schema", ipc(stored))).build()) {
      for (int i = 0; i < rows; i++) {
        Group g = groups.newGroup();
        if (i % 7 != 0) {
          g.add("s", "cat-" + (i % 5));
        }
        g.add("n", (long) (i % 3) * 1_000_000_007L);
        writer.write(g);
      }
    }
    List<List<String>> expected = ParquetJavaReference.read(file, List.of("s", "n"));
    int row = 0;
    try (ParquetFileReader reader = ParquetFileReader.open(file.toString());
         LeakCheckedAllocator allocator = new LeakCheckedAllocator();
         ParquetBatchReader batches = reader.read(allocator.get(), ReadOptions.defaults().withBatchSize(100))) {
      assertTrue(reader.metadata().rowGroups().size() > 1, "several row groups");
      while (batches.hasNext()) {
        try (VectorSchemaRoot root = batches.next()) {
          org.apache.arrow.vector.FieldVector s = batches.dictionaries().lookup(7).getVector();
          org.apache.arrow.vector.FieldVector n = batches.dictionaries().lookup(8).getVector();
          assertTrue(s.getValueCount() <= 5, "s dictionary of " + s.getValueCount() + " entries");
          assertTrue(n.getValueCount() <= 3, "n dictionary of " + n.getValueCount() + " entries");
          org.apache.arrow.vector.IntVector si = (org.apache.arrow.vector.IntVector) root.getVector("s");
          org.apache.arrow.vector.IntVector ni = (org.apache.arrow.vector.IntVector) root.getVector("n");
          for (int i = 0; i < root.getRowCount(); i++, row++) {
            assertEquals(row % 7 == 0, si.isNull(i));
            assertEquals(expected.get(0).get(row), si.isNull(i) ? "null" : ArrowCanonical.value(s, si.get(i)),
                "s row " + row);
            assertEquals(expected.get(1).get(row), ArrowCanonical.value(n, ni.get(i)), "n row " + row);
          }
        }
      }
    }
    assertEquals(rows, row);
  }

  @Test
  void aHintThatDoesNotDecodeIsIgnored() throws Exception {
    Path file = write("garbage.parquet", Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5}));
    try (ParquetFileReader reader = ParquetFileReader.open(file.toString())) {
      assertEquals(null, reader.storedArrowSchema());
      Field ts = reader.arrowSchema().getFields().get(0);
      assertEquals(new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"), ts.getType());
      assertTrue(ConformanceTest.readAll(file, 2) == 3);
    }
  }
}
