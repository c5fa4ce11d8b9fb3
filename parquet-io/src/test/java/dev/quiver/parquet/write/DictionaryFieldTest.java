package dev.quiver.parquet.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.parquet.read.ParquetJavaRecords;
import dev.quiver.parquet.testing.LeakCheckedAllocator;
import dev.quiver.store.local.LocalFileSystem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dictionary-encoded fields written as their values: unsigned 8-bit indices above 127, and indices pointing at null
 * dictionary entries (a null value; an error in a non-nullable field), read back by parquet-java against Arrow's own
 * {@code DictionaryEncoder.decode}.
 */
class DictionaryFieldTest {
  private static final DictionaryEncoding U8 = new DictionaryEncoding(1L, false, new ArrowType.Int(8, false));
  private static final DictionaryEncoding I16 = new DictionaryEncoding(2L, false, new ArrowType.Int(16, true));

  private static VarCharVector dictionary(LeakCheckedAllocator a) {
    VarCharVector v = new VarCharVector("values", a.get());
    v.allocateNew();
    for (int i = 0; i < 250; i++) {
      if (i % 50 == 5) {
        v.setNull(i);
      } else {
        v.setSafe(i, ("w" + i).getBytes(StandardCharsets.UTF_8));
      }
    }
    v.setValueCount(250);
    return v;
  }

  @Test
  void nullDictionaryEntriesAreNullsAndUnsignedIndicesReadWhole(@TempDir Path dir) throws Exception {
    Schema schema = new Schema(List.of(new Field("tag", new FieldType(true, new ArrowType.Int(8, false), U8), null)));
    List<List<String>> expected = new ArrayList<>();
    try (LeakCheckedAllocator a = new LeakCheckedAllocator(); LocalFileSystem fs = new LocalFileSystem(dir);
        VarCharVector values = dictionary(a); VectorSchemaRoot root = VectorSchemaRoot.create(schema, a.get())) {
      DictionaryProvider.MapDictionaryProvider provider = new DictionaryProvider.MapDictionaryProvider();
      provider.put(new Dictionary(values, U8));
      UInt1Vector tag = (UInt1Vector) root.getVector("tag");
      tag.allocateNew(1000);
      for (int i = 0; i < 1000; i++) {
        if (i % 11 == 0) {
          tag.setNull(i);
        } else {
          tag.set(i, (i * 7) % 250); // 128..249 have the top bit set
        }
      }
      root.setRowCount(1000);
      RoundTrip.canonical(root, provider, expected);
      try (ParquetWriter w = ParquetWriter.open(fs, "d.parquet", schema, WriterProperties.defaults())) {
        w.write(root, provider);
      }
    }
    assertTrue(expected.get(0).stream().filter("null"::equals).count() > 1000 / 11, "null entries reached");
    RoundTrip.assertSameRows(expected, ParquetJavaRecords.read(dir.resolve("d.parquet"), List.of("tag")),
        "parquet-java");
  }

  @Test
  void aNonNullableFieldPointingAtANullEntryIsRejected(@TempDir Path dir) throws Exception {
    Schema schema = new Schema(List.of(new Field("req", new FieldType(false, new ArrowType.Int(16, true), I16),
        null)));
    try (LeakCheckedAllocator a = new LeakCheckedAllocator(); LocalFileSystem fs = new LocalFileSystem(dir);
        VarCharVector values = dictionary(a); VectorSchemaRoot root = VectorSchemaRoot.create(schema, a.get())) {
      DictionaryProvider.MapDictionaryProvider provider = new DictionaryProvider.MapDictionaryProvider();
      provider.put(new Dictionary(values, I16));
      SmallIntVector req = (SmallIntVector) root.getVector("req");
      req.allocateNew(3);
      req.set(0, 1);
      req.set(1, 55);
      req.set(2, 2);
      root.setRowCount(3);
      ParquetWriter w = ParquetWriter.open(fs, "r.parquet", schema, WriterProperties.defaults());
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.write(root, provider));
      assertTrue(e.getMessage().contains("'req'") && e.getMessage().contains("null dictionary entry"),
          e.getMessage());
      w.close();
      assertEquals(List.of(), WriterLifecycleTest.files(dir));
    }
  }
}
