package dev.quiver.parquet.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.parquet.UnsupportedParquetException;
import dev.quiver.parquet.format.RowGroup;
import dev.quiver.parquet.read.ParquetFileReader;
import dev.quiver.parquet.testing.LeakCheckedAllocator;
import dev.quiver.store.local.LocalFileSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.UnionMode;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Visibility (nothing until close), abort and failure clean-up, errors, row group sizing and flat memory. */
class WriterLifecycleTest {
  static final Schema SCHEMA = new Schema(List.of(
      new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
      new Field("name", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));

  static void fill(VectorSchemaRoot root, long base, int rows) {
    BigIntVector id = (BigIntVector) root.getVector("id");
    VarCharVector name = (VarCharVector) root.getVector("name");
    root.allocateNew();
    for (int i = 0; i < rows; i++) {
      id.setSafe(i, base + i);
      if (i % 7 == 0) {
        name.setNull(i);
      } else {
        name.setSafe(i, ("name-" + ((base + i) % 5000)).getBytes());
      }
    }
    root.setRowCount(rows);
  }

  static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }

  @Test
  void nothingVisibleUntilCloseAndAbortLeavesNothing(@TempDir Path dir) throws Exception {
    try (LeakCheckedAllocator a = new LeakCheckedAllocator(); LocalFileSystem fs = new LocalFileSystem(dir);
        VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, a.get())) {
      fill(root, 0, 100);
      ParquetWriter w = ParquetWriter.open(fs, "a.parquet", SCHEMA, WriterProperties.defaults());
      w.write(root);
      assertFalse(Files.exists(dir.resolve("a.parquet")));
      w.close();
      assertTrue(Files.exists(dir.resolve("a.parquet")));
      assertEquals(Files.size(dir.resolve("a.parquet")), w.bytesWritten());
      assertEquals(100, w.rowsWritten());

      ParquetWriter aborted = ParquetWriter.open(fs, "b.parquet", SCHEMA, WriterProperties.defaults());
      aborted.write(root);
      aborted.abort();
      aborted.close();
      assertThrows(IllegalStateException.class, () -> aborted.write(root));
      assertEquals(List.of(dir.resolve("a.parquet")), files(dir));
    }
  }

  @Test
  void footerCarriesCreatedByKeyValuesAndSortingColumns(@TempDir Path dir) throws Exception {
    try (LeakCheckedAllocator a = new LeakCheckedAllocator(); LocalFileSystem fs = new LocalFileSystem(dir);
        VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, a.get())) {
      fill(root, 0, 50);
      try (ParquetWriter w = ParquetWriter.open(fs, "kv.parquet", SCHEMA, WriterProperties.builder()
          .createdBy("quiver-test version 9.9.9").keyValueMetadata(java.util.Map.of("owner", "team-a"))
          .sortingColumns(List.of(new dev.quiver.parquet.format.SortingColumn(0, false, true))).build())) {
        w.write(root);
      }
    }
    try (org.apache.parquet.hadoop.ParquetFileReader r = org.apache.parquet.hadoop.ParquetFileReader.open(
        new org.apache.parquet.io.LocalInputFile(dir.resolve("kv.parquet")))) {
      var meta = r.getFooter().getFileMetaData();
      assertEquals("quiver-test version 9.9.9", meta.getCreatedBy());
      assertEquals("team-a", meta.getKeyValueMetaData().get("owner"));
      assertTrue(meta.getKeyValueMetaData().containsKey("ARROW:schema"));
    }
    try (ParquetFileReader r = ParquetFileReader.open(dir.resolve("kv.parquet").toString())) {
      assertEquals(List.of(new dev.quiver.parquet.format.SortingColumn(0, false, true)),
          r.metadata().rowGroups().get(0).sortingColumns());
    }
  }

  @Test
  void compressionLevelsChangeTheOutputAndReadBackInParquetJava(@TempDir Path dir) throws Exception {
    long[] sizes = new long[2];
    int[] levels = {1, 19};
    try (LeakCheckedAllocator a = new LeakCheckedAllocator(); LocalFileSystem fs = new LocalFileSystem(dir);
        VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, a.get())) {
      fill(root, 0, 50_000);
      for (int i = 0; i < levels.length; i++) {
        WriterProperties p = WriterProperties.builder().codec(dev.quiver.codec.CodecName.ZSTD)
            .compressionLevel(levels[i]).dictionary(false).build();
        try (ParquetWriter w = ParquetWriter.open(fs, "z" + levels[i] + ".parquet", SCHEMA, p)) {
          w.write(root);
        }
        sizes[i] = Files.size(dir.resolve("z" + levels[i] + ".parquet"));
        long rows = 0;
        long idSum = 0;
        try (org.apache.parquet.hadoop.ParquetFileReader r = org.apache.parquet.hadoop.ParquetFileReader.open(
            new org.apache.parquet.io.LocalInputFile(dir.resolve("z" + levels[i] + ".parquet")))) {
          org.apache.parquet.column.page.PageReadStore store;
          var id = r.getFooter().getFileMetaData().getSchema().getColumns().get(0);
          while ((store = r.readNextRowGroup()) != null) {
            var columns = new org.apache.parquet.column.impl.ColumnReadStoreImpl(store,
                new org.apache.parquet.example.data.simple.convert.GroupRecordConverter(
                    r.getFooter().getFileMetaData().getSchema()).getRootConverter(),
                r.getFooter().getFileMetaData().getSchema(), "test");
            var reader = columns.getColumnReader(id);
            for (long k = 0; k < store.getRowCount(); k++) {
              idSum += reader.getLong();
              reader.consume();
              rows++;
            }
          }
        }
        assertEquals(50_000, rows);
        assertEquals(49_999L * 50_000 / 2, idSum);
      }
    }
    assertTrue(sizes[1] < sizes[0], "level 19 " + sizes[1] + " bytes vs level 1 " + sizes[0]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> WriterProperties.builder().codec(dev.quiver.codec.CodecName.SNAPPY).compressionLevel(3).build());
    assertTrue(e.getMessage().contains("SNAPPY has no compression levels"), e.getMessage());
  }

  @Test
  void propertiesNamingNoColumnOrAnUnsuitableEncodingFailAtOpen(@TempDir Path dir) throws Exception {
    try (LocalFileSystem fs = new LocalFileSystem(dir)) {
      IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> ParquetWriter.open(fs,
          "u.parquet", SCHEMA, WriterProperties.builder().column("nosuch", ColumnProperties.inherit()
              .withDictionary(false)).build()));
      assertTrue(unknown.getMessage().contains("'nosuch'") && unknown.getMessage().contains("[id, name]"),
          unknown.getMessage());
      IllegalArgumentException bloom = assertThrows(IllegalArgumentException.class, () -> ParquetWriter.open(fs,
          "b.parquet", SCHEMA, WriterProperties.builder().bloomFilter("nam", 100, 0.01).build()));
      assertTrue(bloom.getMessage().contains("'nam'"), bloom.getMessage());
      IllegalArgumentException encoding = assertThrows(IllegalArgumentException.class, () -> ParquetWriter.open(fs,
          "e.parquet", SCHEMA, WriterProperties.builder().column("id", ColumnProperties.inherit()
              .withEncoding(dev.quiver.parquet.format.Encoding.DELTA_LENGTH_BYTE_ARRAY)).build()));
      assertEquals("encoding DELTA_LENGTH_BYTE_ARRAY does not suit column 'id' of physical type INT64",
          encoding.getMessage());
      // a file-wide encoding still falls back to PLAIN where it does not suit (the strings here)
      ParquetWriter.open(fs, "ok.parquet", SCHEMA, WriterProperties.builder()
          .encoding(dev.quiver.parquet.format.Encoding.DELTA_BINARY_PACKED).build()).close();
      assertEquals(List.of(dir.resolve("ok.parquet")), files(dir));
    }
  }

  @Test
  void zeroRowFileWithADictionaryFieldTakesTheDictionariesAtOpen(@TempDir Path dir) throws Exception {
    org.apache.arrow.vector.types.pojo.DictionaryEncoding enc =
        new org.apache.arrow.vector.types.pojo.DictionaryEncoding(5L, false, new ArrowType.Int(16, true));
    Schema schema = new Schema(List.of(new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
        new Field("tag", new FieldType(true, new ArrowType.Int(16, true), enc), null)));
    try (LeakCheckedAllocator a = new LeakCheckedAllocator(); LocalFileSystem fs = new LocalFileSystem(dir);
        VarCharVector values = new VarCharVector("tag", a.get());
        org.apache.arrow.vector.dictionary.DictionaryProvider.MapDictionaryProvider provider =
            new org.apache.arrow.vector.dictionary.DictionaryProvider.MapDictionaryProvider()) {
      values.allocateNew();
      values.setValueCount(0);
      provider.put(new org.apache.arrow.vector.dictionary.Dictionary(values, enc));
      ParquetWriter.open(fs, "z.parquet", schema, WriterProperties.defaults(), provider).close();
      // without the dictionaries and without a batch, close names the way out and leaves nothing
      ParquetWriter w = ParquetWriter.open(fs, "none.parquet", schema, WriterProperties.defaults());
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, w::close);
      assertTrue(e.getMessage().contains("ParquetWriter.open"), e.getMessage());
      assertEquals(List.of(dir.resolve("z.parquet")), files(dir));
    }
    try (org.apache.parquet.hadoop.ParquetFileReader r = org.apache.parquet.hadoop.ParquetFileReader.open(
        new org.apache.parquet.io.LocalInputFile(dir.resolve("z.parquet")))) {
      assertEquals(0, r.getRecordCount());
      var tag = r.getFooter().getFileMetaData().getSchema().getType("tag");
      assertEquals(org.apache.parquet.schema.LogicalTypeAnnotation.stringType(), tag.getLogicalTypeAnnotation());
    }
    try (ParquetFileReader r = ParquetFileReader.open(dir.resolve("z.parquet").toString())) {
      Field tag = r.storedArrowSchema().getFields().get(1); // IPC form: typed by the dictionary's values
      assertEquals(enc, tag.getDictionary());
      assertEquals(ArrowType.Utf8.INSTANCE, tag.getType());
      assertEquals(5L, r.arrowSchema().getFields().get(1).getDictionary().getId());
    }
  }

  @Test
  void failedWriteDiscardsOnClose(@TempDir Path dir) throws Exception {
    try (LeakCheckedAllocator a = new LeakCheckedAllocator(); LocalFileSystem fs = new LocalFileSystem(dir);
        VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, a.get())) {
      fill(root, 0, 10);
      ((BigIntVector) root.getVector("id")).setNull(3); // a null in a non-nullable field
      ParquetWriter w = ParquetWriter.open(fs, "c.parquet", SCHEMA, WriterProperties.defaults());
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.write(root));
      assertTrue(e.getMessage().contains("'id'"), e.getMessage());
      assertThrows(IllegalStateException.class, () -> w.write(root));
      w.close();
      assertEquals(List.of(), files(dir));
    }
  }

  @Test
  void badSchemasAndBatchesAreRejected(@TempDir Path dir) throws Exception {
    try (LeakCheckedAllocator a = new LeakCheckedAllocator(); LocalFileSystem fs = new LocalFileSystem(dir)) {
      Schema union = new Schema(List.of(new Field("u", FieldType.nullable(new ArrowType.Union(UnionMode.Sparse,
          new int[] {0})), List.of(new Field("i", FieldType.nullable(new ArrowType.Int(32, true)), null)))));
      assertThrows(UnsupportedParquetException.class,
          () -> ParquetWriter.open(fs, "u.parquet", union, WriterProperties.defaults()));
      Schema emptyStruct = new Schema(List.of(new Field("s", FieldType.nullable(ArrowType.Struct.INSTANCE),
          List.of())));
      assertThrows(UnsupportedParquetException.class,
          () -> ParquetWriter.open(fs, "s.parquet", emptyStruct, WriterProperties.defaults()));
      assertThrows(IllegalArgumentException.class, () -> ParquetWriter.open(fs, "x.parquet", SCHEMA,
          WriterProperties.builder().sortingColumns(List.of(new dev.quiver.parquet.format.SortingColumn(5, false,
              false))).build()));
      assertEquals(List.of(), files(dir));
      Schema other = new Schema(List.of(new Field("id", FieldType.notNullable(new ArrowType.Int(32, true)), null)));
      try (VectorSchemaRoot root = VectorSchemaRoot.create(other, a.get())) {
        ((IntVector) root.getVector("id")).allocateNew(1);
        root.setRowCount(0);
        ParquetWriter w = ParquetWriter.open(fs, "m.parquet", SCHEMA, WriterProperties.defaults());
        assertThrows(IllegalArgumentException.class, () -> w.write(root));
        w.close();
      }
      assertEquals(List.of(), files(dir));
    }
  }

  @Test
  void rowGroupsCloseByRowsAndBytes(@TempDir Path dir) throws Exception {
    try (LeakCheckedAllocator a = new LeakCheckedAllocator(); LocalFileSystem fs = new LocalFileSystem(dir);
        VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, a.get())) {
      try (ParquetWriter w = ParquetWriter.open(fs, "rows.parquet", SCHEMA,
          WriterProperties.builder().rowGroupRows(300).build())) {
        fill(root, 0, 1000);
        w.write(root);
      }
      try (ParquetFileReader r = ParquetFileReader.open(fs, "rows.parquet")) {
        assertEquals(List.of(300L, 300L, 300L, 100L), r.metadata().rowGroups().stream().map(RowGroup::numRows)
            .toList());
      }
      long limit = 32 * 1024;
      try (ParquetWriter w = ParquetWriter.open(fs, "bytes.parquet", SCHEMA,
          WriterProperties.builder().rowGroupBytes(limit).dictionary(false)
              .codec(dev.quiver.codec.CodecName.UNCOMPRESSED).build())) {
        for (int b = 0; b < 20; b++) {
          fill(root, b * 500L, 500);
          w.write(root);
        }
      }
      try (ParquetFileReader r = ParquetFileReader.open(fs, "bytes.parquet")) {
        List<RowGroup> groups = r.metadata().rowGroups();
        assertTrue(groups.size() > 3, groups.size() + " row groups");
        for (RowGroup g : groups) {
          // closed after the batch that passed the limit: at most one 500-row batch (< 16 KiB here) over it
          assertTrue(g.totalCompressedSize() < limit + 16 * 1024, g.totalCompressedSize() + " bytes");
        }
        assertEquals(10_000, groups.stream().mapToLong(RowGroup::numRows).sum());
      }
    }
  }

  @Test
  void manySmallRowGroupsRunInFlatMemory(@TempDir Path dir) throws Exception {
    // the batches come from a capped allocator; the writer's buffered pages must not grow with the row groups
    try (BufferAllocator capped = new RootAllocator(2L << 20); LocalFileSystem fs = new LocalFileSystem(dir);
        VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, capped)) {
      long early = 0;
      long late = 0;
      try (ParquetWriter w = ParquetWriter.open(fs, "many.parquet", SCHEMA,
          WriterProperties.builder().rowGroupRows(2000).build())) {
        for (int b = 0; b < 400; b++) {
          fill(root, b * 1000L, 1000);
          w.write(root);
          if (b < 20) {
            early = Math.max(early, w.bufferedBytes());
          } else {
            late = Math.max(late, w.bufferedBytes());
          }
        }
        assertTrue(early > 0);
        assertTrue(late <= early * 3 / 2, "buffered " + late + " bytes late vs " + early + " early");
      }
      try (ParquetFileReader r = ParquetFileReader.open(fs, "many.parquet")) {
        assertEquals(200, r.metadata().rowGroups().size());
        assertEquals(400_000, r.metadata().numRows());
      }
    }
  }
}
