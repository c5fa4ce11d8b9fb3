package dev.quiver.parquet.schema;

import dev.quiver.parquet.ParquetCorruptionException;
import dev.quiver.parquet.format.PhysicalType;
import dev.quiver.parquet.format.Repetition;
import dev.quiver.parquet.format.SchemaElement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A Parquet schema: the tree rebuilt from the footer's depth-first list of {@link SchemaElement}s, and its leaf
 * columns with their levels.
 *
 * <p>Rebuilding checks what a corrupt footer could break: every group's child count fits in the elements that
 * remain, the tree uses every element exactly once, nesting stays under {@value #MAX_DEPTH} levels, every leaf has
 * a physical type and every FIXED_LEN_BYTE_ARRAY a positive length.
 */
public final class ParquetSchema {
  /** The deepest nesting accepted. */
  public static final int MAX_DEPTH = 128;

  private final SchemaNode.Group root;
  private final List<ColumnDescriptor> columns;

  private ParquetSchema(SchemaNode.Group root, List<ColumnDescriptor> columns) {
    this.root = root;
    this.columns = columns;
  }

  /**
   * Rebuilds the tree from the footer's element list.
   *
   * @throws ParquetCorruptionException when the list does not form one well-formed tree
   */
  public static ParquetSchema fromElements(List<SchemaElement> elements) {
    if (elements.isEmpty()) {
      throw new ParquetCorruptionException("empty schema (no root element)");
    }
    int[] next = {1};
    SchemaElement rootElement = elements.get(0);
    int rootChildren = rootElement.numChildren() == null ? 0 : rootElement.numChildren();
    if (rootElement.type() != null && elements.size() > 1) {
      throw new ParquetCorruptionException("schema root is a primitive but more elements follow");
    }
    List<SchemaNode> children = readChildren(elements, next, rootChildren, 1);
    if (next[0] != elements.size()) {
      throw new ParquetCorruptionException("schema has " + elements.size() + " elements but its tree uses "
          + next[0]);
    }
    SchemaNode.Group root = new SchemaNode.Group(rootElement.name(), Repetition.REQUIRED,
        rootElement.logicalType(), rootElement.convertedType(), rootElement.fieldId(), children);
    List<ColumnDescriptor> columns = new ArrayList<>();
    for (SchemaNode child : children) {
      collect(child, new ArrayList<>(), 0, 0, columns);
    }
    return new ParquetSchema(root, Collections.unmodifiableList(columns));
  }

  private static List<SchemaNode> readChildren(List<SchemaElement> elements, int[] next, int count, int depth) {
    if (count < 0 || count > elements.size() - next[0]) {
      throw new ParquetCorruptionException("schema group claims " + count + " children but only "
          + (elements.size() - next[0]) + " elements remain");
    }
    if (depth > MAX_DEPTH) {
      throw new ParquetCorruptionException("schema nested deeper than " + MAX_DEPTH + " levels");
    }
    List<SchemaNode> nodes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      if (next[0] >= elements.size()) {
        // the count was checked on entry, but the nested groups of earlier children used elements since
        throw new ParquetCorruptionException("schema group claims " + count + " children but the element list "
            + "ends after " + i);
      }
      SchemaElement e = elements.get(next[0]++);
      Repetition repetition = e.repetition() == null ? Repetition.OPTIONAL : e.repetition();
      if (e.type() == null || e.numChildren() != null && e.numChildren() > 0) {
        int n = e.numChildren() == null ? 0 : e.numChildren();
        if (e.type() == null && e.numChildren() == null) {
          throw new ParquetCorruptionException("schema element '" + e.name() + "' has neither a type nor children");
        }
        nodes.add(new SchemaNode.Group(e.name(), repetition, e.logicalType(), e.convertedType(), e.fieldId(),
            Collections.unmodifiableList(readChildren(elements, next, n, depth + 1))));
      } else {
        int typeLength = 0;
        if (e.type() == PhysicalType.FIXED_LEN_BYTE_ARRAY) {
          if (e.typeLength() == null || e.typeLength() <= 0) {
            throw new ParquetCorruptionException("FIXED_LEN_BYTE_ARRAY column '" + e.name()
                + "' without a positive type_length");
          }
          typeLength = e.typeLength();
        }
        nodes.add(new SchemaNode.Primitive(e.name(), repetition, e.type(), typeLength, e.logicalType(),
            e.convertedType(), e.scale(), e.precision(), e.fieldId()));
      }
    }
    return nodes;
  }

  private static void collect(SchemaNode node, List<String> path, int def, int rep, List<ColumnDescriptor> out) {
    path.add(node.name());
    int d = def + (node.repetition() == Repetition.REQUIRED ? 0 : 1);
    int r = rep + (node.repetition() == Repetition.REPEATED ? 1 : 0);
    if (node instanceof SchemaNode.Primitive p) {
      out.add(new ColumnDescriptor(out.size(), List.copyOf(path), p, d, r));
    } else {
      for (SchemaNode child : ((SchemaNode.Group) node).children()) {
        collect(child, path, d, r, out);
      }
    }
    path.remove(path.size() - 1);
  }

  /** The root group (the message). */
  public SchemaNode.Group root() {
    return root;
  }

  /** The leaf columns in schema order. */
  public List<ColumnDescriptor> columns() {
    return columns;
  }

  /** The schema in the textual form parquet-java prints ({@code message m { required int32 a; ... }}). */
  @Override
  public String toString() {
    return SchemaPrinter.print(root);
  }
}
