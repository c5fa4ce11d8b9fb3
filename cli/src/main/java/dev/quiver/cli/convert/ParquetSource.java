package dev.quiver.cli.convert;

import dev.quiver.parquet.read.ParquetBatchReader;
import dev.quiver.parquet.read.ParquetFileReader;
import dev.quiver.parquet.read.ReadOptions;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A Parquet input as Arrow batches, read by Quiver's reader: the schema is the file's (its stored Arrow schema when
 * it has one), dictionary-encoded columns come with their dictionaries.
 */
public final class ParquetSource implements RecordSource {
  private final ParquetFileReader file;
  private final ParquetBatchReader batches;
  private long rowsRead;

  /**
   * Opens {@code location} (a path or URL, as {@link ParquetFileReader#open(String)} takes it).
   *
   * @param batchSize rows per batch, at least 1
   * @throws dev.quiver.parquet.ParquetException when the file is not Parquet, corrupt or unsupported
   * @throws dev.quiver.store.ObjectStoreException when it cannot be read
   */
  public ParquetSource(String location, BufferAllocator allocator, int batchSize) {
    this.file = ParquetFileReader.open(location);
    try {
      this.batches = file.read(allocator, ReadOptions.defaults().withBatchSize(batchSize));
    } catch (RuntimeException e) {
      file.close();
      throw e;
    }
  }

  /** Rows returned so far. */
  public long rowsRead() {
    return rowsRead;
  }

  /** Rows in the file, from its footer. */
  public long totalRows() {
    return file.metadata().numRows();
  }

  @Override
  public Schema schema() {
    return batches.schema();
  }

  @Override
  public VectorSchemaRoot next() {
    while (batches.hasNext()) {
      VectorSchemaRoot batch = batches.next();
      if (batch.getRowCount() > 0) {
        rowsRead += batch.getRowCount();
        return batch;
      }
      batch.close();
    }
    return null;
  }

  @Override
  public DictionaryProvider dictionaries() {
    return batches.dictionaries();
  }

  @Override
  public void close() {
    try {
      batches.close();
    } finally {
      file.close();
    }
  }
}
