package dev.quiver.parquet.schema;

import dev.quiver.parquet.format.ConvertedType;
import dev.quiver.parquet.format.LogicalType;
import dev.quiver.parquet.format.PhysicalType;
import dev.quiver.parquet.format.Repetition;
import java.util.List;

/** A node of a Parquet schema tree: a {@link Group} with children or a {@link Primitive} leaf (a column). */
public sealed interface SchemaNode {
  /** The field name. */
  String name();

  /** The repetition; the root's is REQUIRED. */
  Repetition repetition();

  /** The logical type annotation, or null. */
  LogicalType logicalType();

  /** The legacy converted type annotation, or null. */
  ConvertedType convertedType();

  /** The writer's field id, or null. */
  Integer fieldId();

  /** A group node. @param children in schema order, never empty except for an empty root */
  record Group(String name, Repetition repetition, LogicalType logicalType, ConvertedType convertedType,
      Integer fieldId, List<SchemaNode> children) implements SchemaNode {}

  /**
   * A leaf.
   *
   * @param typeLength byte width of FIXED_LEN_BYTE_ARRAY values, 0 otherwise
   * @param scale legacy decimal scale from the SchemaElement, or null
   * @param precision legacy decimal precision from the SchemaElement, or null
   */
  record Primitive(String name, Repetition repetition, PhysicalType physicalType, int typeLength,
      LogicalType logicalType, ConvertedType convertedType, Integer scale, Integer precision, Integer fieldId)
      implements SchemaNode {}
}
