package dev.quiver.parquet.read;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.OriginalType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * The independent reference for nested fields: parquet-java's record API assembles each row into a {@link Group}
 * (its own record assembly, not ours), and this class renders each top-level field to a canonical string, applying
 * the LIST and MAP rules of LogicalTypes.md to the raw groups. {@link ArrowCanonical} renders Quiver's vectors to
 * the same strings: lists {@code [a,b]}, structs {@code {name:value,...}}, maps {@code {key=>value,...}}, scalars
 * as in {@link ParquetJavaReference}.
 */
public final class ParquetJavaRecords {
  private ParquetJavaRecords() {}

  /** Canonical values of the named top-level fields, one list per field. */
  public static List<List<String>> read(Path file, List<String> fields) throws IOException {
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      out.add(new ArrayList<>());
    }
    ParquetReader.Builder<Group> builder = new ParquetReader.Builder<Group>(new LocalInputFile(file)) {
      @Override
      protected ReadSupport<Group> getReadSupport() {
        return new GroupReadSupport();
      }
    };
    try (ParquetReader<Group> reader = builder.build()) {
      Group row;
      while ((row = reader.read()) != null) {
        GroupType type = row.getType();
        for (int f = 0; f < fields.size(); f++) {
          int index = type.getFieldIndex(fields.get(f));
          out.get(f).add(field(row, index));
        }
      }
    }
    return out;
  }

  /** A field of a group as a value: repeated fields become lists, absent optional ones null. */
  private static String field(Group g, int index) {
    Type t = g.getType().getType(index);
    int count = g.getFieldRepetitionCount(index);
    if (t.isRepetition(Type.Repetition.REPEATED)) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < count; i++) {
        sb.append(i > 0 ? "," : "").append(occurrence(g, index, i));
      }
      return sb.append(']').toString();
    }
    return count == 0 ? "null" : occurrence(g, index, 0);
  }

  private static String occurrence(Group g, int index, int i) {
    Type t = g.getType().getType(index);
    if (t.isPrimitive()) {
      return primitive(g, index, i, t.asPrimitiveType());
    }
    Group value = g.getGroup(index, i);
    GroupType gt = t.asGroupType();
    LogicalTypeAnnotation a = gt.getLogicalTypeAnnotation();
    OriginalType o = gt.getOriginalType();
    if (a instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation || o == OriginalType.LIST) {
      return list(value, gt);
    }
    if (a instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation || o == OriginalType.MAP
        || o == OriginalType.MAP_KEY_VALUE) {
      return map(value);
    }
    return struct(value);
  }

  private static String struct(Group g) {
    StringBuilder sb = new StringBuilder("{");
    for (int f = 0; f < g.getType().getFieldCount(); f++) {
      sb.append(f > 0 ? "," : "").append(g.getType().getFieldName(f)).append(':').append(field(g, f));
    }
    return sb.append('}').toString();
  }

  private static String list(Group listGroup, GroupType listType) {
    Type repeated = listType.getType(0);
    int count = listGroup.getFieldRepetitionCount(0);
    boolean twoLevel = repeated.isPrimitive() || repeated.asGroupType().getFieldCount() != 1
        || repeated.getName().equals("array") || repeated.getName().equals(listType.getName() + "_tuple");
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < count; i++) {
      sb.append(i > 0 ? "," : "");
      if (twoLevel) {
        sb.append(occurrence(listGroup, 0, i)); // the repeated field is the element, with its own annotation
      } else {
        sb.append(field(listGroup.getGroup(0, i), 0));
      }
    }
    return sb.append(']').toString();
  }

  private static String map(Group mapGroup) {
    int count = mapGroup.getFieldRepetitionCount(0);
    StringBuilder sb = new StringBuilder();
    boolean keysOnly = count > 0 && mapGroup.getGroup(0, 0).getType().getFieldCount() == 1
        || count == 0 && mapGroup.getType().getType(0).asGroupType().getFieldCount() == 1;
    sb.append(keysOnly ? "[" : "{");
    for (int i = 0; i < count; i++) {
      Group kv = mapGroup.getGroup(0, i);
      sb.append(i > 0 ? "," : "").append(field(kv, 0));
      if (!keysOnly) {
        sb.append("=>").append(field(kv, 1));
      }
    }
    return sb.append(keysOnly ? "]" : "}").toString();
  }

  private static String primitive(Group g, int index, int i, PrimitiveType type) {
    return ParquetJavaReference.render(new ParquetJavaReference.Scalar() {
      public boolean getBoolean() {
        return g.getBoolean(index, i);
      }

      public int getInteger() {
        return g.getInteger(index, i);
      }

      public long getLong() {
        return g.getLong(index, i);
      }

      public float getFloat() {
        return g.getFloat(index, i);
      }

      public double getDouble() {
        return g.getDouble(index, i);
      }

      public org.apache.parquet.io.api.Binary getBinary() {
        return type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT96 ? g.getInt96(index, i)
            : g.getBinary(index, i);
      }
    }, type);
  }
}
