package dev.quiver.parquet.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.parquet.testing.LeakCheckedAllocator;
import dev.quiver.store.ByteRange;
import dev.quiver.store.ObjectMetadata;
import dev.quiver.store.ObjectStore;
import dev.quiver.store.ObjectStoreException;
import dev.quiver.store.PutMode;
import dev.quiver.store.local.LocalFileSystem;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/**
 * The batch reader's projection and state rules: a column projected twice is rejected up front (it used to share
 * one reader's buffers and fail as corrupt), and a row group that fails to open leaves the reader spent rather than
 * silently skipped on the next call.
 */
class ReaderStateTest {
  @Test
  void aColumnProjectedTwiceIsRejectedNamingIt() {
    Path file = SelectiveBatchesTest.written().get(0);
    try (LeakCheckedAllocator a = new LeakCheckedAllocator();
        ParquetFileReader reader = ParquetFileReader.open(file.toString())) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> reader.read(a.get(), ReadOptions.defaults().withColumns(List.of("s", "id", "s"))));
      assertTrue(e.getMessage().contains("'s'"), e.getMessage());
      // each once still reads, and "s" matches parquet-java
      SelectiveBatchesTest.Expected expected = SelectiveBatchesTest.expected(file, file);
      List<String> want = expected.values().get(expected.columns().indexOf("s"));
      try (ParquetBatchReader batches = reader.read(a.get(), ReadOptions.defaults().withBatchSize(500)
          .withColumns(List.of("s", "id")))) {
        int row = 0;
        while (batches.hasNext()) {
          try (VectorSchemaRoot root = batches.next()) {
            for (int i = 0; i < root.getRowCount(); i++, row++) {
              assertEquals(want.get(row), ArrowCanonical.value(root.getVector(0), i), "row " + row);
            }
          }
        }
        assertEquals(want.size(), row);
      }
    }
  }
}
