package dev.quiver.parquet.write;

import java.util.List;

/**
 * The shape of one Arrow field as the shredder walks it, with the definition and repetition levels of each part
 * (the Dremel encoding; the inverse of {@link dev.quiver.parquet.schema.NestedShape}).
 */
sealed interface WriteNode {
  /** Whether a null here is allowed (and costs a definition level). */
  boolean nullable();

  /** The definition level at which this node is non-null. */
  int level();

  /** A leaf column; {@code dictionaryId} is the Arrow dictionary id of a dictionary-encoded leaf, or null. */
  record Leaf(boolean nullable, int level, int leafIndex, Long dictionaryId) implements WriteNode {}

  /** A struct: children share its rows. */
  record Struct(boolean nullable, int level, List<WriteNode> children) implements WriteNode {}

  /**
   * A list, large list, fixed-size list or map: a LIST (MAP) group, a repeated group whose entries exist at
   * {@code level() + 1}, and the element (for maps, the key-value struct).
   *
   * @param repetitionLevel the repetition level of an element after the first in its list
   * @param kind which vector layout holds the offsets
   */
  record ListOf(boolean nullable, int level, int repetitionLevel, Kind kind, WriteNode element)
      implements WriteNode {}

  /** The list vector layouts. */
  enum Kind { LIST, LARGE_LIST, FIXED_SIZE_LIST }
}
