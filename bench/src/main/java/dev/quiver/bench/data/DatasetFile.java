package dev.quiver.bench.data;

import java.nio.file.Path;
import java.util.List;

/**
 * One generated Parquet file.
 *
 * @param table the table's name ({@code lineitem}, {@code strings}, {@code wide}, {@code nested})
 * @param writer who wrote it, and how
 * @param codec its compression codec
 * @param path where it lies
 * @param projection the columns a projected scan reads
 * @param nested whether the file has nested columns (Quiver reports these unsupported for now)
 */
public record DatasetFile(String table, Writer writer, Codec codec, Path path, List<String> projection,
    boolean nested) {
  /** A short label: {@code lineitem/duckdb/snappy}. */
  public String label() {
    return table + "/" + writer.label() + "/" + codec.duckdb();
  }
}
