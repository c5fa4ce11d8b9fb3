package dev.quiver.bench.engine;

import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/** Schema helpers shared by the parquet-java engines: projection and canonical leaf names. */
final class ParquetJavaSchemas {
  private ParquetJavaSchemas() {}

  /** The file schema restricted to the top-level fields {@code columns} (null: all), in that order. */
  static MessageType project(MessageType schema, List<String> columns) {
    if (columns == null) {
      return schema;
    }
    List<Type> fields = new ArrayList<>();
    for (String c : columns) {
      fields.add(schema.getType(c));
    }
    return new MessageType(schema.getName(), fields);
  }

  /** Whether {@code t} is a group annotated LIST in the standard three-level layout. */
  static boolean isList(Type t) {
    return !t.isPrimitive() && t.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation;
  }

  /**
   * The canonical name of the leaf at {@code path}: struct fields joined by dots, a LIST level written {@code []}
   * after its field's name (its {@code list} and {@code element} levels dropped), as {@code ArrowDigester} names
   * leaves.
   */
  static String canonicalName(MessageType schema, String[] path) {
    StringBuilder sb = new StringBuilder();
    GroupType cur = schema;
    int i = 0;
    while (i < path.length) {
      Type t = cur.getType(path[i]);
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '.') {
        sb.append('.');
      }
      sb.append(path[i]);
      if (isList(t)) {
        sb.append("[]");
        Type repeated = t.asGroupType().getType(0);
        Type element = repeated.asGroupType().getType(0);
        i += 3;
        if (element.isPrimitive()) {
          break;
        }
        cur = element.asGroupType();
      } else if (!t.isPrimitive()) {
        cur = t.asGroupType();
        i++;
      } else {
        i++;
      }
    }
    return sb.toString();
  }
}
