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
