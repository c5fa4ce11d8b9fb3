package dev.quiver.parquet.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.parquet.read.ParquetFileReader;
import dev.quiver.parquet.testing.LeakCheckedAllocator;
import dev.quiver.store.memory.InMemoryStore;
import java.util.List;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/**
 * The Arrow schema stored under {@code ARROW:schema} lets the reader restore what Parquet types alone cannot say:
 * time zones, large string/binary, durations, fixed-size lists and dictionary encoding; without it the reader
 * falls back to the plain Parquet mapping.
 */
class StoredArrowSchemaWriteTest {
  static final DictionaryEncoding ENCODING = new DictionaryEncoding(3L, false, new ArrowType.Int(32, true));

  static Schema schema() {
    return new Schema(List.of(
        new Field("ts", FieldType.nullable(new ArrowType.Timestamp(TimeUnit.MICROSECOND, "Asia/Tokyo")), null),
        new Field("ls", FieldType.nullable(ArrowType.LargeUtf8.INSTANCE), null),
        new Field("lb", FieldType.nullable(ArrowType.LargeBinary.INSTANCE), null),
        new Field("dur", FieldType.nullable(new ArrowType.Duration(TimeUnit.NANOSECOND)), null),
        new Field("fsl", FieldType.nullable(new ArrowType.FixedSizeList(3)),
            List.of(new Field("e", FieldType.nullable(new ArrowType.Int(16, true)), null))),
        new Field("dict", new FieldType(true, new ArrowType.Int(32, true), ENCODING), null)));
  }

  private static Schema writeAndReadSchema(boolean store) {
    try (LeakCheckedAllocator a = new LeakCheckedAllocator(); InMemoryStore s = new InMemoryStore("s");
        VarCharVector values = new VarCharVector("values", a.get());
        VectorSchemaRoot root = VectorSchemaRoot.create(schema(), a.get())) {
      values.allocateNew();
      values.setSafe(0, "x".getBytes());
      values.setValueCount(1);
      DictionaryProvider.MapDictionaryProvider provider = new DictionaryProvider.MapDictionaryProvider();
      provider.put(new Dictionary(values, ENCODING));
      root.allocateNew();
      ((IntVector) root.getVector("dict")).setSafe(0, 0);
      root.setRowCount(1);
      try (ParquetWriter w = ParquetWriter.open(s, "f", schema(), WriterProperties.builder()
          .storeArrowSchema(store).build())) {
        w.write(root, provider);
      }
      try (ParquetFileReader r = ParquetFileReader.open(s, "f")) {
        return r.arrowSchema();
      }
    }
  }

  @Test
  void readerRestoresTheStoredTypes() {
    Schema read = writeAndReadSchema(true);
    assertEquals(new ArrowType.Timestamp(TimeUnit.MICROSECOND, "Asia/Tokyo"), read.findField("ts").getType());
    assertEquals(ArrowType.LargeUtf8.INSTANCE, read.findField("ls").getType());
    assertEquals(ArrowType.LargeBinary.INSTANCE, read.findField("lb").getType());
    assertEquals(new ArrowType.Duration(TimeUnit.NANOSECOND), read.findField("dur").getType());
    assertEquals(new ArrowType.FixedSizeList(3), read.findField("fsl").getType());
    assertEquals(3L, read.findField("dict").getDictionary().getId());
  }

  @Test
  void dictionaryEncodedLeavesInsideListsAreWrittenAsTheirValues(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) throws Exception {
    Field element = new Field("e", new FieldType(true, new ArrowType.Int(32, true), ENCODING), null);
    Schema schema = new Schema(List.of(new Field("l", FieldType.nullable(ArrowType.List.INSTANCE),
        List.of(element))));
    try (LeakCheckedAllocator a = new LeakCheckedAllocator();
        dev.quiver.store.local.LocalFileSystem fs = new dev.quiver.store.local.LocalFileSystem(dir);
        VarCharVector values = new VarCharVector("values", a.get());
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, a.get())) {
      values.allocateNew();
      values.setSafe(0, "x".getBytes());
      values.setSafe(1, "yz".getBytes());
      values.setValueCount(2);
      DictionaryProvider.MapDictionaryProvider provider = new DictionaryProvider.MapDictionaryProvider();
      provider.put(new Dictionary(values, ENCODING));
      org.apache.arrow.vector.complex.ListVector list =
          (org.apache.arrow.vector.complex.ListVector) root.getVector("l");
      IntVector indices = (IntVector) list.getDataVector();
      list.allocateNew();
      int start = list.startNewValue(0);
      indices.setSafe(start, 1);
      indices.setNull(start + 1);
      indices.setSafe(start + 2, 0);
      list.endValue(0, 3);
      list.setNull(1);
      list.startNewValue(2);
      list.endValue(2, 0);
      root.setRowCount(3);
      try (ParquetWriter w = ParquetWriter.open(fs, "l.parquet", schema, WriterProperties.defaults())) {
        w.write(root, provider);
      }
    }
    assertEquals(List.of(List.of("[797a,null,78]", "null", "[]")),
        dev.quiver.parquet.read.ParquetJavaRecords.read(dir.resolve("l.parquet"), List.of("l")));
  }

  @Test
  void withoutTheStoredSchemaTheParquetMappingApplies() {
    Schema read = writeAndReadSchema(false);
    assertEquals(new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"), read.findField("ts").getType());
    assertEquals(ArrowType.Utf8.INSTANCE, read.findField("ls").getType());
    assertEquals(new ArrowType.Int(64, true), read.findField("dur").getType());
    assertEquals(ArrowType.List.INSTANCE, read.findField("fsl").getType());
    assertEquals(ArrowType.Utf8.INSTANCE, read.findField("dict").getType());
  }
}
