package dev.quiver.exec.dataset;

import dev.quiver.exec.types.DataType;
import dev.quiver.parquet.format.FileMetaData;
import dev.quiver.parquet.read.ParquetFileReader;
import dev.quiver.store.ObjectStore;
import java.util.List;
import java.util.Map;

/**
 * One Parquet file of a {@link Dataset}, with its footer already read.
 *
 * @param store the store holding it (owned by the dataset)
 * @param key its key in the store
 * @param location its full location, for messages
 * @param metadata its footer
 * @param columnNames the names of its top-level columns the engine can compute with
 * @param columnTypes their engine types
 * @param leafIndex for each of those columns, the index of its leaf column chunk in each row group
 * @param prunable for each of those columns, whether its footer statistics order values as the engine does
 *     (signed integers, decimals, dates, strings), so row groups may be skipped by them
 * @param partitionValues Hive partition values from its folder names ({@code year=2024/} gives year → "2024")
 * @param reader the file opened with its footer decoded once, when the dataset was opened: scans create their batch
 *     readers from it (it is immutable and thread-safe, and does not own {@code store}), so no scan re-reads or
 *     re-decodes the footer
 */
public record DataFile(ObjectStore store, String key, String location, FileMetaData metadata,
    List<String> columnNames, List<DataType> columnTypes, List<Integer> leafIndex, List<Boolean> prunable,
    Map<String, String> partitionValues, ParquetFileReader reader) {

  /** Index of {@code name} (case-insensitive) among the file's columns, or -1. */
  public int columnIndex(String name) {
    for (int i = 0; i < columnNames.size(); i++) {
      if (columnNames.get(i).equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }
}
