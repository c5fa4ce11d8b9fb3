package dev.quiver.parquet.schema;

import dev.quiver.parquet.UnsupportedParquetException;
import dev.quiver.parquet.format.ConvertedType;
import dev.quiver.parquet.format.LogicalType;
import dev.quiver.parquet.format.Repetition;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * How a Parquet schema subtree reads as Arrow: structs, lists, maps and leaves, with the definition and
 * repetition levels at which each part is present (the Dremel encoding). One resolver applies the LIST and MAP
 * rules of LogicalTypes.md, backward-compatibility rules included, so the Arrow schema and the record assembly
 * can never disagree:
 *
 * <ul>
 *   <li>a LIST group holds one repeated field; the element is that field's only child (the standard 3-level
 *       form), or the repeated field itself when it is a primitive, a group of several fields, or a group named
 *       {@code array} or {@code <list>_tuple} (the 2-level legacy forms);
 *   <li>a MAP (or MAP_KEY_VALUE) group holds one repeated group of a key and an optional value; one with a key
 *       only reads as a list of keys, as arrow-rs does;
 *   <li>a repeated field outside a LIST or MAP group is a non-null list of required elements;
 *   <li>any other group is a struct.
 * </ul>
 */
public sealed interface NestedShape {
  /** The Arrow field. */
  Field field();

  /**
   * A struct from a non-repeated group.
   *
   * @param presentLevel the definition level at and above which the struct is non-null
   */
  record Struct(Field field, int presentLevel, List<NestedShape> children) implements NestedShape {}

  /**
   * A list (or map, when {@code map}) from a LIST/MAP group or an unannotated repeated field.
   *
   * @param presentLevel the definition level at and above which the list is non-null
   * @param elementLevel the definition level at and above which an element exists (the repeated field's level)
   * @param repetitionLevel the repetition level of the repeated field: an entry with this level adds an element
   *     to the current list, one with a lower level starts a new list
   */
  record ListOf(Field field, int presentLevel, int elementLevel, int repetitionLevel, NestedShape element,
      boolean map) implements NestedShape {}

  /**
   * A leaf column.
   *
   * @param column the leaf column
   * @param presentLevel the definition level at which a value is present (the column's maximum)
   */
  record Leaf(Field field, ColumnDescriptor column, int presentLevel) implements NestedShape {}

  /**
   * Resolves a top-level node of {@code schema}.
   *
   * @throws UnsupportedParquetException for LIST or MAP groups whose structure matches no rule of the spec
   */
  static NestedShape of(ParquetSchema schema, SchemaNode topLevel) {
    return resolve(schema, topLevel, 0, 0, false);
  }

  private static NestedShape resolve(ParquetSchema schema, SchemaNode node, int def, int rep,
      boolean asRequiredElement) {
    boolean repeated = node.repetition() == Repetition.REPEATED;
    int d = def + (node.repetition() == Repetition.REQUIRED ? 0 : 1);
    int r = rep + (repeated ? 1 : 0);
    if (repeated && !asRequiredElement) {
      // an unannotated repeated field: a non-null list of required elements at the repeated field's levels
      NestedShape element = resolve(schema, node, def, rep, true);
      Field field = new Field(node.name(), FieldType.notNullable(ArrowType.List.INSTANCE),
          List.of(element.field()));
      return new ListOf(field, def, d, r, element, false);
    }
    boolean nullable = !asRequiredElement && node.repetition() == Repetition.OPTIONAL;
    if (node instanceof SchemaNode.Primitive p) {
      Field base = ArrowSchemaMapper.primitiveField(p);
      Field field = new Field(p.name(), new FieldType(nullable, base.getType(), null, base.getMetadata()), null);
      return new Leaf(field, columnOf(schema, p), d);
    }
    SchemaNode.Group g = (SchemaNode.Group) node;
    // a repeated field taken as a list element keeps its own annotation: old_list_structure.parquet's
    // "repeated group array (LIST)" is a 2-level list whose elements are lists
    if (isList(g)) {
      return list(schema, g, d, r, nullable);
    }
    if (isMap(g)) {
      return map(schema, g, d, r, nullable);
    }
    List<NestedShape> children = new ArrayList<>(g.children().size());
    List<Field> fields = new ArrayList<>(g.children().size());
    for (SchemaNode child : g.children()) {
      NestedShape c = resolve(schema, child, d, r, false);
      children.add(c);
      fields.add(c.field());
    }
    if (children.isEmpty()) {
      throw new UnsupportedParquetException("group '" + g.name() + "' has no fields");
    }
    Field field = new Field(g.name(), new FieldType(nullable, ArrowType.Struct.INSTANCE, null), fields);
    return new Struct(field, d, children);
  }

  private static NestedShape list(ParquetSchema schema, SchemaNode.Group g, int d, int r, boolean nullable) {
    if (g.children().size() != 1 || g.children().get(0).repetition() != Repetition.REPEATED) {
      throw new UnsupportedParquetException("LIST group '" + g.name() + "' does not hold exactly one repeated field");
    }
    SchemaNode repeated = g.children().get(0);
    int elementLevel = d + 1;
    int repetitionLevel = r + 1;
    NestedShape element;
    if (repeated instanceof SchemaNode.Primitive
        || ((SchemaNode.Group) repeated).children().size() != 1
        || repeated.name().equals("array")
        || repeated.name().equals(g.name() + "_tuple")) {
      element = resolve(schema, repeated, d, r, true); // 2-level: the repeated field is the element
    } else {
      element = resolve(schema, ((SchemaNode.Group) repeated).children().get(0), elementLevel, repetitionLevel,
          false);
    }
    Field field = new Field(g.name(), new FieldType(nullable, ArrowType.List.INSTANCE, null),
        List.of(element.field()));
    return new ListOf(field, d, elementLevel, repetitionLevel, element, false);
  }

  private static NestedShape map(ParquetSchema schema, SchemaNode.Group g, int d, int r, boolean nullable) {
    if (g.children().size() != 1 || g.children().get(0).repetition() != Repetition.REPEATED
        || !(g.children().get(0) instanceof SchemaNode.Group keyValue)
        || keyValue.children().isEmpty() || keyValue.children().size() > 2) {
      throw new UnsupportedParquetException("MAP group '" + g.name()
          + "' does not hold one repeated group of a key and a value");
    }
    int elementLevel = d + 1;
    int repetitionLevel = r + 1;
    if (keyValue.children().size() == 1) {
      NestedShape key = resolve(schema, keyValue.children().get(0), elementLevel, repetitionLevel, false);
      Field field = new Field(g.name(), new FieldType(nullable, ArrowType.List.INSTANCE, null),
          List.of(key.field()));
      return new ListOf(field, d, elementLevel, repetitionLevel, key, false);
    }
    NestedShape key = resolve(schema, keyValue.children().get(0), elementLevel, repetitionLevel, false);
    NestedShape value = resolve(schema, keyValue.children().get(1), elementLevel, repetitionLevel, false);
    // Arrow requires map keys to be non-null; a writer that marked them optional (Presto) still never writes nulls
    Field keyField = new Field(key.field().getName(), new FieldType(false, key.field().getType(), null,
        key.field().getMetadata()), key.field().getChildren());
    NestedShape keyShape = withField(key, keyField);
    Field entries = new Field(keyValue.name(), FieldType.notNullable(ArrowType.Struct.INSTANCE),
        List.of(keyField, value.field()));
    NestedShape entry = new Struct(entries, elementLevel, List.of(keyShape, value));
    Field field = new Field(g.name(), new FieldType(nullable, new ArrowType.Map(false), null), List.of(entries));
    return new ListOf(field, d, elementLevel, repetitionLevel, entry, true);
  }

  /**
   * The same shape with the fields of {@code field} (same structure, refined types, such as by
   * {@link StoredArrowSchema#refine}) in place of its own, at every level.
   */
  static NestedShape withFields(NestedShape shape, Field field) {
    if (shape instanceof Leaf l) {
      return new Leaf(field, l.column(), l.presentLevel());
    } else if (shape instanceof Struct s) {
      List<NestedShape> children = new ArrayList<>();
      for (int i = 0; i < s.children().size(); i++) {
        children.add(withFields(s.children().get(i), field.getChildren().get(i)));
      }
      return new Struct(field, s.presentLevel(), children);
    }
    ListOf l = (ListOf) shape;
    return new ListOf(field, l.presentLevel(), l.elementLevel(), l.repetitionLevel(),
        withFields(l.element(), field.getChildren().get(0)), l.map());
  }

  /**
   * Resolves a top-level node and refines its Arrow types by the writer's stored Arrow field, if any (see
   * {@link StoredArrowSchema}).
   */
  static NestedShape of(ParquetSchema schema, SchemaNode topLevel, Field stored) {
    NestedShape shape = of(schema, topLevel);
    Field refined = StoredArrowSchema.refine(shape.field(), stored);
    return refined == shape.field() ? shape : withFields(shape, refined);
  }

  private static NestedShape withField(NestedShape shape, Field field) {
    if (shape instanceof Leaf l) {
      return new Leaf(field, l.column(), l.presentLevel());
    } else if (shape instanceof Struct s) {
      return new Struct(field, s.presentLevel(), s.children());
    }
    ListOf l = (ListOf) shape;
    return new ListOf(field, l.presentLevel(), l.elementLevel(), l.repetitionLevel(), l.element(), l.map());
  }

  private static boolean isList(SchemaNode.Group g) {
    return g.logicalType() instanceof LogicalType.ListType
        || g.logicalType() == null && g.convertedType() == ConvertedType.LIST;
  }

  private static boolean isMap(SchemaNode.Group g) {
    return g.logicalType() instanceof LogicalType.MapType
        || g.logicalType() == null
            && (g.convertedType() == ConvertedType.MAP || g.convertedType() == ConvertedType.MAP_KEY_VALUE);
  }

  private static ColumnDescriptor columnOf(ParquetSchema schema, SchemaNode.Primitive p) {
    for (ColumnDescriptor c : schema.columns()) {
      if (c.leaf() == p) {
        return c;
      }
    }
    throw new IllegalStateException("leaf " + p.name() + " not in the schema's columns");
  }

  /** The leaves under {@code shape}, in schema order. */
  static List<Leaf> leaves(NestedShape shape) {
    List<Leaf> out = new ArrayList<>();
    collect(shape, out);
    return out;
  }

  private static void collect(NestedShape shape, List<Leaf> out) {
    if (shape instanceof Leaf l) {
      out.add(l);
    } else if (shape instanceof Struct s) {
      for (NestedShape c : s.children()) {
        collect(c, out);
      }
    } else {
      collect(((ListOf) shape).element(), out);
    }
  }
}
