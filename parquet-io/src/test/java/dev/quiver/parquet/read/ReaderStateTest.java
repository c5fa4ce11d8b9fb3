package dev.quiver.parquet.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.parquet.UnsupportedParquetException;
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
import org.apache.arrow.vector.FieldVector;
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

/**
 * The batch reader's projection, state and size rules: a column projected twice is rejected up front (it used to
 * share one reader's buffers and fail as corrupt); a row group that fails to open leaves the reader spent rather
 * than silently skipped on the next call; a batch whose values cannot fit one array is a clear error, not an int
 * overflow.
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

  @Test
  void nullNamesInOptionsAreNullPointerExceptionsAsDocumented() {
    List<String> withNull = java.util.Arrays.asList("s", null);
    assertThrows(NullPointerException.class, () -> ReadOptions.defaults().withDictionaryColumns(withNull));
    assertThrows(NullPointerException.class, () -> ReadOptions.defaults().withColumns(withNull));
  }

  @Test
  void aRowGroupThatFailsToOpenSpendsTheReader() {
    Path file = SelectiveBatchesTest.written().get(0);
    try (LocalFileSystem local = new LocalFileSystem(file.getParent());
        FailingRanges store = new FailingRanges(local, 3);
        LeakCheckedAllocator a = new LeakCheckedAllocator();
        ParquetFileReader reader = ParquetFileReader.open(store, file.getFileName().toString())) {
      assertTrue(reader.metadata().rowGroups().size() >= 3, "the file needs three row groups");
      try (ParquetBatchReader batches = reader.read(a.get(), ReadOptions.defaults().withColumns(List.of("id")))) {
        long rows = 0;
        ObjectStoreException failure = null;
        try {
          while (batches.hasNext()) {
            try (VectorSchemaRoot root = batches.next()) {
              rows += root.getRowCount();
            }
          }
        } catch (ObjectStoreException e) {
          failure = e;
        }
        assertTrue(failure != null, "the second row group's fetch fails");
        assertEquals(reader.metadata().rowGroups().get(0).numRows(), rows);
        // spent: no silent move to the third row group
        assertFalse(batches.hasNext());
        assertEquals(0, batches.startBatch());
        assertEquals(3, store.calls.get()); // the footer, the first row group, the failed second
      }
    }
  }

  @Test
  void aBatchOfValuesTooWideForOneArrayIsAClearError(@TempDir Path dir) throws Exception {
    // 3000 null values of a 1,000,000-byte FIXED_LEN_BYTE_ARRAY: a batch of all of them would need 3e9 bytes of
    // staging, past what an array holds (the int product overflowed); smaller batches read
    MessageType schema = MessageTypeParser.parseMessageType(
        "message m { optional fixed_len_byte_array(1000000) big; required int32 n; }");
    Path file = dir.resolve("wide.parquet");
    SimpleGroupFactory groups = new SimpleGroupFactory(schema);
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema)
        .build()) {
      for (int r = 0; r < 3000; r++) {
        writer.write(groups.newGroup().append("n", r));
      }
    }
    List<String> expected = ParquetJavaReference.read(file, List.of("big")).get(0);
    try (LeakCheckedAllocator a = new LeakCheckedAllocator();
        ParquetFileReader reader = ParquetFileReader.open(file.toString())) {
      try (ParquetBatchReader batches = reader.read(a.get(), ReadOptions.defaults().withBatchSize(3000))) {
        UnsupportedParquetException e = assertThrows(UnsupportedParquetException.class, batches::next);
        assertTrue(e.getMessage().contains("3000 values of 1000000 bytes") && e.getMessage().contains("batchSize"),
            e.getMessage());
        assertFalse(batches.hasNext(), "spent");
      }
      try (ParquetBatchReader batches = reader.read(a.get(), ReadOptions.defaults().withBatchSize(3000))) {
        assertEquals(3000, batches.startBatch());
        int[] all = new int[3000];
        for (int i = 0; i < all.length; i++) {
          all[i] = i;
        }
        try (FieldVector v = batches.schema().getFields().get(0).createVector(a.get())) {
          UnsupportedParquetException e = assertThrows(UnsupportedParquetException.class,
              () -> batches.readColumn(0, v, all, all.length));
          assertTrue(e.getMessage().contains("3000 values of 1000000 bytes"), e.getMessage());
        }
      }
      try (ParquetBatchReader batches = reader.read(a.get(), ReadOptions.defaults().withBatchSize(10)
          .withColumns(List.of("big")))) {
        int row = 0;
        while (batches.hasNext()) {
          try (VectorSchemaRoot root = batches.next()) {
            for (int i = 0; i < root.getRowCount(); i++, row++) {
              assertEquals(expected.get(row), ArrowCanonical.value(root.getVector(0), i), "row " + row);
            }
          }
        }
        assertEquals(3000, row);
      }
    }
  }

  /** A store whose {@code getRanges} fails on its {@code failOn}-th call (1-based); the rest go to {@code inner}. */
  private static final class FailingRanges implements ObjectStore {
    private final ObjectStore inner;
    private final int failOn;
    final AtomicInteger calls = new AtomicInteger();

    FailingRanges(ObjectStore inner, int failOn) {
      this.inner = inner;
      this.failOn = failOn;
    }

    @Override
    public CompletableFuture<List<ByteBuffer>> getRanges(String key, List<ByteRange> ranges) {
      if (calls.incrementAndGet() == failOn) {
        return CompletableFuture.failedFuture(new ObjectStoreException(ObjectStoreException.Kind.IO_ERROR, key,
            "injected failure"));
      }
      return inner.getRanges(key, ranges);
    }

    @Override
    public CompletableFuture<ObjectMetadata> head(String key) {
      return inner.head(key);
    }

    @Override
    public CompletableFuture<ByteBuffer> get(String key) {
      return inner.get(key);
    }

    @Override
    public CompletableFuture<ByteBuffer> get(String key, ByteRange range) {
      return inner.get(key, range);
    }

    @Override
    public CompletableFuture<ObjectMetadata> put(String key, ByteBuffer data, PutMode mode) {
      return inner.put(key, data, mode);
    }

    @Override
    public CompletableFuture<List<ObjectMetadata>> list(String prefix) {
      return inner.list(prefix);
    }

    @Override
    public CompletableFuture<Void> delete(String key) {
      return inner.delete(key);
    }

    @Override
    public String describe() {
      return "failing " + inner.describe();
    }

    @Override
    public void close() {
    }
  }
}
