package dev.quiver.parquet.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.quiver.parquet.read.ArrowCanonical;
import dev.quiver.parquet.read.ParquetBatchReader;
import dev.quiver.parquet.read.ParquetFileReader;
import dev.quiver.parquet.read.ParquetJavaRecords;
import dev.quiver.parquet.read.ReadOptions;
import dev.quiver.parquet.testing.LeakCheckedAllocator;
import dev.quiver.store.local.LocalFileSystem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code LargeList} field written by {@link ParquetWriter} (with its {@code ARROW:schema}) reads back as a
 * {@link LargeListVector}, also a {@code LargeList} inside a {@code List}; the values equal the written ones and
 * parquet-java's record API (an independent record assembly) reads the same rows.
 */
class LargeListRoundTripTest {
  private static final int ROWS = 3_000;

  /** Element fields are named "element", as the writer names them (LogicalTypes.md, LIST). */
  static Schema schema() {
    Field ints = new Field("ll", FieldType.nullable(ArrowType.LargeList.INSTANCE),
        List.of(new Field("element", FieldType.nullable(new ArrowType.Int(64, true)), null)));
    Field inner = new Field("element", FieldType.nullable(ArrowType.LargeList.INSTANCE),
        List.of(new Field("element", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));
    Field outer = new Field("outer", FieldType.nullable(ArrowType.List.INSTANCE), List.of(inner));
    return new Schema(List.of(ints, outer));
  }

  /** Row i: ll null every 7th row, else i % 5 longs (every 3rd element null); outer: i % 3 lists of strings. */
  private static void fill(VectorSchemaRoot root) {
    LargeListVector ll = (LargeListVector) root.getVector("ll");
    BigIntVector longs = (BigIntVector) ll.getDataVector();
    ListVector outer = (ListVector) root.getVector("outer");
    LargeListVector inner = (LargeListVector) outer.getDataVector();
    VarCharVector strings = (VarCharVector) inner.getDataVector();
    ll.allocateNew();
    outer.allocateNew();
    long element = 0;
    int innerSlot = 0;
    long string = 0;
    for (int i = 0; i < ROWS; i++) {
      if (i % 7 == 0) {
        ll.setNull(i);
      } else {
        long start = ll.startNewValue(i);
        int n = i % 5;
        for (int k = 0; k < n; k++) {
          if ((element + k) % 3 == 0) {
            longs.setNull((int) (start + k));
          } else {
            longs.setSafe((int) (start + k), (long) i * 1_000_003L - k);
          }
        }
        element += n;
        ll.endValue(i, n);
      }
      if (i % 11 == 0) {
        outer.setNull(i);
        continue;
      }
      int start = outer.startNewValue(i);
      int lists = i % 3;
      for (int j = 0; j < lists; j++) {
        int slot = start + j;
        if ((i + j) % 4 == 0) {
          inner.setNull(slot);
        } else {
          long first = inner.startNewValue(slot);
          int n = (i + j) % 4;
          for (int k = 0; k < n; k++) {
            strings.setSafe((int) (first + k), ("v" + i + "." + j + "." + k).getBytes(StandardCharsets.UTF_8));
          }
          string += n;
          inner.endValue(slot, n);
        }
        innerSlot++;
      }
      outer.endValue(i, lists);
    }
    strings.setValueCount((int) string);
    inner.setValueCount(innerSlot);
    root.setRowCount(ROWS);
  }

  @Test
  void largeListsReadBackAsLargeListsWithTheWrittenValues(@TempDir Path dir) throws Exception {
    List<List<String>> written = new ArrayList<>(List.of(new ArrayList<>(), new ArrayList<>()));
    List<List<String>> read = new ArrayList<>(List.of(new ArrayList<>(), new ArrayList<>()));
    try (LeakCheckedAllocator a = new LeakCheckedAllocator(); LocalFileSystem fs = new LocalFileSystem(dir);
        VectorSchemaRoot root = VectorSchemaRoot.create(schema(), a.get())) {
      fill(root);
      for (int f = 0; f < 2; f++) {
        for (int i = 0; i < ROWS; i++) {
          written.get(f).add(ArrowCanonical.value(root.getFieldVectors().get(f), i));
        }
      }
      // small pages and row groups, so lists span pages and the reader's batches
      try (ParquetWriter w = ParquetWriter.open(fs, "l.parquet", schema(), WriterProperties.builder()
          .rowGroupRows(1_000).build())) {
        w.write(root);
      }
      try (ParquetFileReader r = ParquetFileReader.open(fs, "l.parquet")) {
        assertEquals(schema(), r.arrowSchema());
        try (ParquetBatchReader batches = r.read(a.get(), ReadOptions.defaults().withBatchSize(700))) {
          while (batches.hasNext()) {
            try (VectorSchemaRoot batch = batches.next()) {
              LargeListVector ll = assertInstanceOf(LargeListVector.class, batch.getVector("ll"));
              ListVector outer = assertInstanceOf(ListVector.class, batch.getVector("outer"));
              assertInstanceOf(LargeListVector.class, outer.getDataVector());
              for (int i = 0; i < batch.getRowCount(); i++) {
                read.get(0).add(ArrowCanonical.value(ll, i));
                read.get(1).add(ArrowCanonical.value(outer, i));
              }
            }
          }
        }
      }
    }
    assertFalse(written.get(0).isEmpty());
    assertEquals(written, read);
    assertEquals(written, ParquetJavaRecords.read(dir.resolve("l.parquet"), List.of("ll", "outer")));
  }
}
