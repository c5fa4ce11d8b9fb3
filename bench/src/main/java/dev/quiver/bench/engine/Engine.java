package dev.quiver.bench.engine;

import dev.quiver.bench.checksum.Digest;
import dev.quiver.bench.data.DatasetFile;
import java.util.List;

/**
 * One way of reading a Parquet file. An engine may hold resources (a DuckDB connection, a thread pool) between
 * scans: close it when done.
 */
public interface Engine extends AutoCloseable {
  /** A short name for tables: {@code quiver}, {@code duckdb-1t}. */
  String name();

  /**
   * Reads {@code columns} of {@code file} (top-level names; null for all), folding every decoded value.
   *
   * @return the digest of what was read
   * @throws UnsupportedByEngineException when the engine cannot read this file (a feature it lacks)
   * @throws Exception when reading fails otherwise
   */
  Digest scan(DatasetFile file, List<String> columns) throws Exception;

  /** Releases what the engine holds; the default holds nothing. */
  @Override
  default void close() throws Exception {}
}
