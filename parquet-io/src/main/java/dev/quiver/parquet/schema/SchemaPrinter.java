package dev.quiver.parquet.schema;

import dev.quiver.parquet.format.LogicalType;

/** Prints a schema tree in the message-type syntax of parquet-java and the Parquet documentation. */
final class SchemaPrinter {
  private SchemaPrinter() {}

  static String print(SchemaNode.Group root) {
    StringBuilder sb = new StringBuilder("message ").append(root.name()).append(" {\n");
    for (SchemaNode child : root.children()) {
      print(child, "  ", sb);
    }
    return sb.append("}\n").toString();
  }

  private static void print(SchemaNode node, String indent, StringBuilder sb) {
    sb.append(indent).append(node.repetition().name().toLowerCase()).append(' ');
    if (node instanceof SchemaNode.Primitive p) {
      sb.append(p.physicalType().name().toLowerCase());
      if (p.typeLength() > 0) {
        sb.append('(').append(p.typeLength()).append(')');
      }
      sb.append(' ').append(p.name());
      annotation(node, p.scale(), p.precision(), sb);
      if (p.fieldId() != null) {
        sb.append(" = ").append(p.fieldId());
      }
      sb.append(";\n");
    } else {
      SchemaNode.Group g = (SchemaNode.Group) node;
      sb.append("group ").append(g.name());
      annotation(node, null, null, sb);
      if (g.fieldId() != null) {
        sb.append(" = ").append(g.fieldId());
      }
      sb.append(" {\n");
      for (SchemaNode child : g.children()) {
        print(child, indent + "  ", sb);
      }
      sb.append(indent).append("}\n");
    }
  }

  private static void annotation(SchemaNode node, Integer scale, Integer precision, StringBuilder sb) {
    LogicalType lt = node.logicalType();
    if (lt != null) {
      sb.append(" (").append(describe(lt)).append(')');
    } else if (node.convertedType() != null) {
      sb.append(" (").append(node.convertedType().name());
      if (node.convertedType() == dev.quiver.parquet.format.ConvertedType.DECIMAL) {
        sb.append('(').append(precision).append(',').append(scale).append(')');
      }
      sb.append(')');
    }
  }

  /** A logical type as parquet-java prints it, such as {@code TIMESTAMP(MICROS,true)} or {@code DECIMAL(9,2)}. */
  static String describe(LogicalType lt) {
    if (lt instanceof LogicalType.DecimalType d) {
      return "DECIMAL(" + d.precision() + "," + d.scale() + ")";
    } else if (lt instanceof LogicalType.TimeType t) {
      return "TIME(" + t.unit() + "," + t.adjustedToUtc() + ")";
    } else if (lt instanceof LogicalType.TimestampType t) {
      return "TIMESTAMP(" + t.unit() + "," + t.adjustedToUtc() + ")";
    } else if (lt instanceof LogicalType.IntType i) {
      return "INTEGER(" + i.bitWidth() + "," + i.signed() + ")";
    } else if (lt instanceof LogicalType.GeometryType g) {
      return g.crs() == null ? "GEOMETRY" : "GEOMETRY(" + g.crs() + ")";
    } else if (lt instanceof LogicalType.Unrecognized u) {
      return "UNRECOGNIZED(" + u.fieldId() + ")";
    } else if (lt instanceof LogicalType.NullType) {
      return "UNKNOWN";
    }
    // the remaining members carry no parameters: StringType -> STRING, Float16Type -> FLOAT16, ...
    String simple = lt.getClass().getSimpleName();
    return simple.substring(0, simple.length() - "Type".length()).toUpperCase(java.util.Locale.ROOT);
  }
}
