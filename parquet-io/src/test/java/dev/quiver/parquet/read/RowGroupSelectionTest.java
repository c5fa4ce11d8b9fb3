package dev.quiver.parquet.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quiver.parquet.testing.LeakCheckedAllocator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a selection of row groups: their rows only, in file order; a row group that does not exist is refused. */
class RowGroupSelectionTest {
  @TempDir
  Path dir;

  @Test
  void readsTheSelectedRowGroupsInFileOrder() throws Exception {
    MessageType schema = MessageTypeParser.parseMessageType("message m { required int64 id; }");
    Path file = dir.resolve("groups.parquet");
    SimpleGroupFactory groups = new SimpleGroupFactory(schema);
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema)
        .withRowGroupRowCountLimit(100).build()) {
      for (long i = 0; i < 1000; i++) {
        writer.write(groups.newGroup().append("id", i));
      }
    }
    List<Long> ids = new ArrayList<>();
    try (ParquetFileReader reader = ParquetFileReader.open(file.toString());
         LeakCheckedAllocator allocator = new LeakCheckedAllocator();
         ParquetBatchReader batches = reader.read(allocator.get(),
             ReadOptions.defaults().withBatchSize(64).withRowGroups(List.of(7, 2)))) {
      assertEquals(10, reader.metadata().rowGroups().size());
      while (batches.hasNext()) {
        try (VectorSchemaRoot root = batches.next()) {
          BigIntVector v = (BigIntVector) root.getVector(0);
          for (int i = 0; i < root.getRowCount(); i++) {
            ids.add(v.get(i));
          }
        }
      }
      assertThrows(IllegalArgumentException.class,
          () -> reader.read(allocator.get(), ReadOptions.defaults().withRowGroups(List.of(10))));
    }
    List<Long> expected = new ArrayList<>();
    for (long i = 200; i < 300; i++) {
      expected.add(i);
    }
    for (long i = 700; i < 800; i++) {
      expected.add(i);
    }
    assertEquals(expected, ids);
  }
}
