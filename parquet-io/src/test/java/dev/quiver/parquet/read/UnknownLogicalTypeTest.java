package dev.quiver.parquet.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.quiver.parquet.format.LogicalType;
import dev.quiver.parquet.schema.SchemaNode;
import dev.quiver.parquet.testing.LeakCheckedAllocator;
import dev.quiver.parquet.testing.ParquetTesting;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.Test;

/**
 * {@code unknown-logical-type.parquet}: a column annotated with a LogicalType union member no reader knows (id
 * 2555). The spec asks old readers to read such a column as its physical type, as arrow-rs's
 * {@code test_read_unknown_logical_type} checks. parquet-java fails on the file, so the expected values are the
 * strings stored in it (readable with {@code strings(1)}), not another reader's output.
 */
class UnknownLogicalTypeTest {
  @Test
  void readsTheUnknownColumnAsItsPhysicalType() {
    try (ParquetFileReader reader =
             ParquetFileReader.open(ParquetTesting.dataFile("unknown-logical-type.parquet").toString());
         LeakCheckedAllocator allocator = new LeakCheckedAllocator();
         ParquetBatchReader batches = reader.read(allocator.get(), ReadOptions.defaults())) {
      List<SchemaNode> columns = reader.schema().root().children();
      assertInstanceOf(LogicalType.StringType.class, columns.get(0).logicalType());
      assertEquals(new LogicalType.Unrecognized(2555), columns.get(1).logicalType());
      assertEquals(ArrowType.Utf8.INSTANCE, batches.schema().getFields().get(0).getType());
      assertEquals(ArrowType.Binary.INSTANCE, batches.schema().getFields().get(1).getType());
      try (VectorSchemaRoot root = batches.next()) {
        assertEquals(3, root.getRowCount());
        for (int i = 0; i < 3; i++) {
          assertEquals("known string " + (i + 1), ((VarCharVector) root.getVector(0)).getObject(i).toString());
          assertEquals("unknown string " + (i + 1),
              new String(((VarBinaryVector) root.getVector(1)).get(i), StandardCharsets.UTF_8));
        }
      }
      assertEquals(false, batches.hasNext());
    }
  }
}
