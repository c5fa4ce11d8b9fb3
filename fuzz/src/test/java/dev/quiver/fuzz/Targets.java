package dev.quiver.fuzz;

import dev.quiver.parquet.ParquetException;
import dev.quiver.parquet.read.ParquetBatchReader;
import dev.quiver.parquet.read.ParquetFileReader;
import dev.quiver.parquet.read.ReadOptions;
import dev.quiver.parquet.testing.LeakCheckedAllocator;
import dev.quiver.store.PutMode;
import dev.quiver.store.memory.InMemoryStore;
import java.nio.ByteBuffer;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * What every fuzz target checks: a Parquet file of arbitrary bytes is opened and read whole, and the only way it
 * may fail is the reader's documented {@link ParquetException} (corruption or an unsupported feature). Anything
 * else escaping (an IndexOutOfBounds, a NullPointerException, an OutOfMemoryError, an Arrow leak, which {@link
 * LeakCheckedAllocator} turns into an AssertionError) is a finding, and Jazzer reports it with the input.
 */
final class Targets {
  /**
   * Rows read at most per input. Valid files can hold billions of rows in a few bytes (an RLE run of nulls), so a
   * cap keeps one input's time bounded without hiding a decoder hang (no page is skipped: a batch still decodes
   * every level and value it covers).
   */
  static final long MAX_ROWS = 1 << 20;

  private Targets() {}

  /**
   * Opens {@code file} from an in-memory store and reads every column's values in batches of {@code batchSize}
   * rows, at most {@link #MAX_ROWS} rows, with page CRCs checked or not.
   *
   * @return true when the file read without error, false when the reader rejected it with a {@link
   *     ParquetException} naming the problem
   * @throws AssertionError when the reader leaked Arrow memory or failed with an empty message
   */
  static boolean readWholeFile(byte[] file, int batchSize, boolean verifyChecksums) {
    InMemoryStore store = new InMemoryStore("fuzz");
    store.put("input.parquet", ByteBuffer.wrap(file), PutMode.OVERWRITE).join();
    try (LeakCheckedAllocator allocator = new LeakCheckedAllocator()) {
      try (ParquetFileReader reader = ParquetFileReader.open(store, "input.parquet")) {
        reader.arrowSchema();
        ReadOptions options = ReadOptions.defaults().withBatchSize(batchSize).withVerifyChecksums(verifyChecksums);
        long rows = 0;
        try (ParquetBatchReader batches = reader.read(allocator.get(), options)) {
          while (rows < MAX_ROWS && batches.hasNext()) {
            try (VectorSchemaRoot batch = batches.next()) {
              rows += batch.getRowCount();
            }
          }
        }
        return true;
      } catch (ParquetException e) {
        if (e.getMessage() == null || e.getMessage().isBlank()) {
          throw new AssertionError("a ParquetException without a message", e);
        }
        return false;
      }
    }
  }
}
