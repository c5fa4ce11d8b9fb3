package dev.quiver.cli.convert;

import java.io.IOException;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The rows of an input (CSV, JSON lines or Parquet) as Arrow batches of one schema, read in order, in bounded
 * memory: at most one batch of rows is staged at a time.
 */
public interface RecordSource extends AutoCloseable {
  /** The schema of every batch. */
  Schema schema();

  /**
   * The next batch, owned (and to be closed) by the caller, or null at the end of the input. Batches have at least
   * one row.
   *
   * @throws ConvertException for a malformed row, naming its line (and column)
   * @throws IOException when the input cannot be read
   */
  VectorSchemaRoot next() throws IOException;

  /** The dictionaries of dictionary-encoded columns of the last batch, or null when there are none. */
  default DictionaryProvider dictionaries() {
    return null;
  }

  /** Closes the input. */
  @Override
  void close() throws IOException;
}
