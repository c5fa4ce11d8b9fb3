package dev.quiver.parquet.schema;

import java.util.List;

/**
 * A leaf column of a schema with what reading it needs: its path, its leaf node and its maximum definition and
 * repetition levels (the Dremel encoding: each optional or repeated ancestor, the leaf included, adds one
 * definition level; each repeated one adds one repetition level).
 *
 * @param index the column's ordinal among the leaves (the index of its chunk in every row group)
 * @param path the names from the root's child down to the leaf
 * @param leaf the leaf node
 * @param maxDefinitionLevel 0 for a required top-level column
 * @param maxRepetitionLevel 0 outside lists
 */
public record ColumnDescriptor(int index, List<String> path, SchemaNode.Primitive leaf, int maxDefinitionLevel,
    int maxRepetitionLevel) {

  /** The path joined with dots, as messages and the command line name columns. */
  public String dottedPath() {
    return String.join(".", path);
  }

  /** True for a top-level primitive column: the reader's flat fast path. */
  public boolean isFlat() {
    return path.size() == 1 && maxRepetitionLevel == 0;
  }
}
