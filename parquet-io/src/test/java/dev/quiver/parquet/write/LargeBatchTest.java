package dev.quiver.parquet.write;

import dev.quiver.parquet.read.ParquetJavaRecords;
import dev.quiver.parquet.testing.LeakCheckedAllocator;
import dev.quiver.store.local.LocalFileSystem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One batch of more rows than the writer's 64 Ki-row slice, with nulls at every level of lists, large lists and
 * structs: the later slices copy only their own range of validity bits and offsets, and parquet-java reads back
 * every value.
 */
class LargeBatchTest {
  @Test
  void slicesOfABigNestedBatchReadBackInParquetJava(@TempDir Path dir) throws Exception {
    Field leaf = new Field("e", FieldType.nullable(new ArrowType.Int(32, true)), null);
    Schema schema = new Schema(List.of(
        new Field("id", FieldType.nullable(new ArrowType.Int(64, true)), null),
        new Field("l", FieldType.nullable(ArrowType.List.INSTANCE), List.of(leaf)),
        new Field("st", FieldType.nullable(ArrowType.Struct.INSTANCE), List.of(
            new Field("x", FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
            new Field("ys", FieldType.nullable(ArrowType.LargeList.INSTANCE), List.of(new Field("y",
                FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null)))))));
    List<List<String>> expected = new ArrayList<>();
    try (LeakCheckedAllocator a = new LeakCheckedAllocator(); LocalFileSystem fs = new LocalFileSystem(dir)) {
      RandomBatches gen = new RandomBatches(20261121L);
      gen.nullPercent = 15;
      try (ParquetWriter w = ParquetWriter.open(fs, "big.parquet", schema, WriterProperties.builder()
          .rowGroupRows(100_000).build());
          VectorSchemaRoot root = gen.batch(schema, a.get(), 150_000)) {
        RoundTrip.canonical(root, null, expected);
        w.write(root);
      }
    }
    RoundTrip.assertSameRows(expected, ParquetJavaRecords.read(dir.resolve("big.parquet"),
        List.of("id", "l", "st")), "parquet-java");
  }
}
