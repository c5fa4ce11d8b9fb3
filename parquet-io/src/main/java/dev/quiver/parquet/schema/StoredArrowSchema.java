package dev.quiver.parquet.schema;

import dev.quiver.parquet.format.KeyValue;
import java.io.ByteArrayInputStream;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The Arrow schema a writer stored under the {@code ARROW:schema} key (base64 of an Arrow IPC schema message, as
 * Arrow C++, pyarrow and arrow-rs write it), used to refine the mapping of Parquet types where Parquet alone cannot
 * say what the writer had:
 *
 * <ul>
 *   <li>{@code Utf8}/{@code Binary} stored as {@code LargeUtf8}/{@code LargeBinary} read as the large types;
 *   <li>a timestamp stored with a time zone keeps that zone (Parquet only says "adjusted to UTC");
 *   <li>an {@code INT64} stored as a {@code Duration} reads as that duration;
 *   <li>a list stored as a {@code FixedSizeList} reads as one (every non-null list must then have that size);
 *   <li>a list stored as a {@code LargeList} reads as one (64-bit offsets);
 *   <li>a leaf stored dictionary-encoded reads dictionary-encoded: its vector holds signed 32-bit indices into a
 *       dictionary the batch reader provides, built from the column chunk's dictionary page (indices are taken
 *       from dictionary pages as they are) and extended with the values of any pages that fell back to another
 *       encoding.
 * </ul>
 *
 * Refinements apply only where the stored field agrees with the Parquet mapping in name, shape and unit; anything
 * else keeps the Parquet mapping. A stored schema that
 * does not decode is ignored: it is a hint, and the Parquet schema alone describes the data.
 */
public final class StoredArrowSchema {
  /** The key-value metadata key. */
  public static final String KEY = "ARROW:schema";

  private StoredArrowSchema() {}

  /** The stored schema of a file's key-value metadata, or null when there is none or it does not decode. */
  public static Schema find(List<KeyValue> keyValueMetadata) {
    for (KeyValue kv : keyValueMetadata) {
      if (KEY.equals(kv.key()) && kv.value() != null) {
        try {
          byte[] bytes = Base64.getDecoder().decode(kv.value().strip());
          Schema schema = MessageSerializer.deserializeSchema(
              new ReadChannel(Channels.newChannel(new ByteArrayInputStream(bytes))));
          return allNamed(schema.getFields()) ? schema : null; // a field without a name matches nothing: ignored
        } catch (RuntimeException | java.io.IOException e) {
          return null; // a hint that does not decode is ignored
        }
      }
    }
    return null;
  }

  /** True when every field, at any depth, has a name (flatbuffers let a stored schema leave it out). */
  private static boolean allNamed(List<Field> fields) {
    for (Field f : fields) {
      if (f.getName() == null || !allNamed(f.getChildren())) {
        return false;
      }
    }
    return true;
  }

  /**
   * A field in Arrow Java's in-memory form: a dictionary-encoded field (at any depth) typed by its index type, as
   * vectors are created from it; the value type belongs to the dictionary. Fields as {@link #refine} returns them
   * carry the value type instead, which is what decoding needs.
   */
  public static Field toMemoryFormat(Field field) {
    DictionaryEncoding dictionary = field.getDictionary();
    List<Field> children = field.getChildren();
    List<Field> converted = children;
    if (!children.isEmpty()) {
      converted = new ArrayList<>(children.size());
      boolean changed = false;
      for (Field child : children) {
        Field c = toMemoryFormat(child);
        changed |= c != child;
        converted.add(c);
      }
      if (!changed) {
        converted = children;
      }
    }
    if (dictionary == null && converted == children) {
      return field;
    }
    ArrowType type = dictionary == null ? field.getType() : dictionary.getIndexType();
    return new Field(field.getName(), new FieldType(field.isNullable(), type, dictionary, field.getMetadata()),
        converted);
  }

  /** The top-level field of {@code stored} named like {@code derived}, or null. */
  public static Field match(Schema stored, Field derived) {
    return match(stored, derived.getName());
  }

  /** The top-level field of {@code stored} named {@code name}, or null (also when {@code stored} is null). */
  public static Field match(Schema stored, String name) {
    if (stored == null) {
      return null;
    }
    for (Field f : stored.getFields()) {
      if (f.getName().equals(name)) {
        return f;
      }
    }
    return null;
  }

  /** {@code derived} refined by {@code stored} (which may be null), by the rules of the class comment. */
  public static Field refine(Field derived, Field stored) {
    if (stored == null || !stored.getName().equals(derived.getName())) {
      return derived;
    }
    ArrowType d = derived.getType();
    ArrowType s = stored.getType(); // for a dictionary-encoded field, the type of its values
    ArrowType refined = d;
    if (s != null) {
      if (d instanceof ArrowType.Utf8 && s instanceof ArrowType.LargeUtf8
          || d instanceof ArrowType.Binary && s instanceof ArrowType.LargeBinary) {
        refined = s;
      } else if (d instanceof ArrowType.Timestamp dt && s instanceof ArrowType.Timestamp st
          && dt.getUnit() == st.getUnit() && dt.getTimezone() != null && st.getTimezone() != null) {
        refined = st;
      } else if (d instanceof ArrowType.Int di && di.getBitWidth() == 64 && di.getIsSigned()
          && s instanceof ArrowType.Duration) {
        refined = s;
      } else if (d instanceof ArrowType.List
          && (s instanceof ArrowType.FixedSizeList || s instanceof ArrowType.LargeList)) {
        refined = s;
      }
    }
    List<Field> children = derived.getChildren();
    if (!children.isEmpty() && stored.getChildren().size() == children.size()) {
      List<Field> refinedChildren = new ArrayList<>(children.size());
      for (int i = 0; i < children.size(); i++) {
        Field child = children.get(i);
        Field storedChild = stored.getChildren().get(i);
        boolean positional = d instanceof ArrowType.List || d instanceof ArrowType.Map
            || d instanceof ArrowType.FixedSizeList;
        refinedChildren.add(positional
            ? refine(child, new Field(child.getName(), storedChild.getFieldType(), storedChild.getChildren()))
            : refine(child, storedChild));
      }
      children = refinedChildren;
    }
    DictionaryEncoding dictionary = null;
    if (stored.getDictionary() != null && children.isEmpty() && refined.equals(s)
        && !(refined instanceof ArrowType.Bool) && !(refined instanceof ArrowType.Null)) {
      // indices always as signed 32-bit: a stored narrower index type may not hold a Parquet dictionary's size
      DictionaryEncoding stored0 = stored.getDictionary();
      dictionary = new DictionaryEncoding(stored0.getId(), stored0.isOrdered(), new ArrowType.Int(32, true));
    }
    if (refined == d && children == derived.getChildren() && dictionary == null) {
      return derived;
    }
    return new Field(derived.getName(), new FieldType(derived.isNullable(), refined, dictionary,
        derived.getMetadata()), children);
  }
}
