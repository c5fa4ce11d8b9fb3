package dev.quiver.parquet.write;

import dev.quiver.store.ObjectStore;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes Arrow batches to one Parquet file. Skeleton: the signatures are final, the bodies come next.
 */
public final class ParquetWriter implements AutoCloseable {

  private ParquetWriter() {}

  /** Writes to {@code key} in {@code store}; nothing visible until {@link #close()} succeeds. */
  public static ParquetWriter open(ObjectStore store, String key, Schema schema, WriterProperties properties) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Writes to {@code pathOrUrl} as {@code ObjectStores.resolve} takes it (plain path, file://, s3://, memory://). */
  public static ParquetWriter open(String pathOrUrl, Schema schema, WriterProperties properties) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Appends the rows of {@code batch} (any row count, 0 included). */
  public void write(VectorSchemaRoot batch) {
    write(batch, null);
  }

  /** Appends the rows of {@code batch} whose dictionary-encoded fields find their dictionaries in {@code dictionaries}. */
  public void write(VectorSchemaRoot batch, DictionaryProvider dictionaries) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Rows written so far. */
  public long rowsWritten() {
    return 0;
  }

  /** Bytes of the file so far. */
  public long bytesWritten() {
    return 0;
  }

  /** Discards everything: nothing appears at the destination. */
  public void abort() {
    throw new UnsupportedOperationException("not yet");
  }

  /** Writes the footer and makes the file visible; after a failed write or abort, discards instead. */
  @Override
  public void close() {
    throw new UnsupportedOperationException("not yet");
  }
}
