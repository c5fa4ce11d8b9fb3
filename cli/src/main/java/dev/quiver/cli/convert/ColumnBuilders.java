package dev.quiver.cli.convert;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/** Chooses the {@link ColumnBuilder} for an Arrow field: the types {@link SchemaFile} names, and nothing else. */
final class ColumnBuilders {
  private ColumnBuilders() {}

  static ColumnBuilder forField(Field field, String path, boolean skipUnknown) {
    ArrowType type = field.getType();
    if (type instanceof ArrowType.Bool) {
      return new BooleanColumn(field, path);
    }
    if (type instanceof ArrowType.Int) {
      ArrowType.Int t = (ArrowType.Int) type;
      if (t.getIsSigned()) {
        return new LongColumn(field, path, LongColumn.Kind.INTEGER, t.getBitWidth() / 8, "int" + t.getBitWidth());
      }
    } else if (type instanceof ArrowType.FloatingPoint) {
      FloatingPointPrecision p = ((ArrowType.FloatingPoint) type).getPrecision();
      if (p != FloatingPointPrecision.HALF) {
        return new DoubleColumn(field, path, p == FloatingPointPrecision.SINGLE);
      }
    } else if (type instanceof ArrowType.Decimal) {
      if (((ArrowType.Decimal) type).getBitWidth() == 128) {
        return new DecimalColumn(field, path);
      }
    } else if (type instanceof ArrowType.Date) {
      if (((ArrowType.Date) type).getUnit() == org.apache.arrow.vector.types.DateUnit.DAY) {
        return new LongColumn(field, path, LongColumn.Kind.DATE, 4, "date");
      }
    } else if (type instanceof ArrowType.Timestamp) {
      ArrowType.Timestamp t = (ArrowType.Timestamp) type;
      if (t.getUnit() == TimeUnit.MICROSECOND && (t.getTimezone() == null || t.getTimezone().equals("UTC"))) {
        boolean utc = t.getTimezone() != null;
        return new LongColumn(field, path, utc ? LongColumn.Kind.TIMESTAMP_UTC : LongColumn.Kind.TIMESTAMP, 8,
            utc ? "timestamp_utc" : "timestamp");
      }
    } else if (type instanceof ArrowType.Utf8) {
      return new StringColumn(field, path);
    } else if (type instanceof ArrowType.Struct) {
      List<ColumnBuilder> children = new ArrayList<>();
      for (Field child : field.getChildren()) {
        children.add(forField(child, path + "." + child.getName(), skipUnknown));
      }
      return new StructColumn(field, path, children, skipUnknown);
    } else if (type instanceof ArrowType.List) {
      return new ListColumn(field, path, forField(field.getChildren().get(0), path + "[]", skipUnknown));
    }
    throw new IllegalArgumentException("column '" + path + "': quiver convert does not write " + type);
  }
}
