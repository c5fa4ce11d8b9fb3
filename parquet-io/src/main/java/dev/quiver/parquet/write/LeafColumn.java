package dev.quiver.parquet.write;

import dev.quiver.parquet.format.PhysicalType;
import java.util.List;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * One leaf column as the writer sees it.
 *
 * @param index ordinal among the leaves (chunk index in every row group)
 * @param path names from the root's child down to the leaf
 * @param physicalType the Parquet physical type
 * @param typeLength bytes per value for FIXED_LEN_BYTE_ARRAY, 0 otherwise
 * @param maxDefinitionLevel the definition level of a present value
 * @param maxRepetitionLevel 0 outside lists
 * @param kind how Arrow values convert to physical values
 * @param order the statistics sort order
 * @param valueType the Arrow type of the values (the dictionary's value type for dictionary-encoded fields)
 * @param utf8 whether values are UTF-8 text (min/max truncation keeps whole characters)
 */
record LeafColumn(int index, List<String> path, PhysicalType physicalType, int typeLength, int maxDefinitionLevel,
    int maxRepetitionLevel, LeafKind kind, SortOrder order, ArrowType valueType, boolean utf8) {

  /** The path joined with dots, as {@link WriterProperties} names columns. */
  String dottedPath() {
    return String.join(".", path);
  }
}
