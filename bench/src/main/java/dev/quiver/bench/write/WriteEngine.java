package dev.quiver.bench.write;

import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** A Parquet writer under test: writes Arrow batches held in memory to one local file, single-threaded. */
public interface WriteEngine {
  /** The short name printed in the results ({@code quiver}, {@code pj-column}, {@code pj-record}). */
  String name();

  /**
   * Writes every row of {@code batches} (each of {@code schema}, flat columns only) to a new file at {@code out},
   * replacing any file there, in the layout of {@code settings}.
   *
   * @throws Exception when the writer fails
   */
  void write(Schema schema, List<VectorSchemaRoot> batches, Path out, WriteSettings settings) throws Exception;
}
