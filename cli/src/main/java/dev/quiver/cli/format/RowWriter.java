package dev.quiver.cli.format;

import java.io.IOException;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes rows of Arrow batches as text, batch after batch: {@link #start} once, {@link #write} per batch,
 * {@link #finish} once. A writer looks at each column's type once per batch, never per value. It does not close the
 * output it was given. One thread at a time.
 */
public interface RowWriter {
  /**
   * Begins the output (a header, for formats that have one).
   *
   * @param schema the schema every batch will have
   * @throws IOException from the output
   */
  void start(Schema schema) throws IOException;

  /**
   * Writes the first {@code rows} rows of {@code batch}; the batch may be closed once this returns.
   *
   * @param rows at most {@code batch.getRowCount()}
   * @throws IOException from the output
   * @throws IllegalArgumentException when a column's Arrow type has no rendering
   */
  void write(VectorSchemaRoot batch, int rows) throws IOException;

  /**
   * Ends the output and flushes everything written to the underlying output.
   *
   * @throws IOException from the output
   */
  void finish() throws IOException;
}
