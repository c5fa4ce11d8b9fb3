package dev.quiver.bench.data;

import java.util.HashMap;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Writes rows of a flat {@link Table} ({@code Object[]}, strings already turned into {@link Binary}) through
 * parquet-java's record consumer, without building a {@code Group} per row.
 */
final class RowWriteSupport extends WriteSupport<Object[]> {
  private final List<Column> columns;
  private final MessageType schema;
  private RecordConsumer consumer;

  RowWriteSupport(List<Column> columns) {
    this.columns = columns;
    this.schema = schema(columns);
  }

  /** The Parquet schema parquet-java writes for {@code columns}: nullable ones OPTIONAL, others REQUIRED. */
  static MessageType schema(List<Column> columns) {
    Types.MessageTypeBuilder b = Types.buildMessage();
    for (Column c : columns) {
      Type.Repetition rep = c.nullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
      switch (c.type()) {
        case INT32 -> b.primitive(PrimitiveTypeName.INT32, rep).named(c.name());
        case INT64 -> b.primitive(PrimitiveTypeName.INT64, rep).named(c.name());
        case DECIMAL_15_2 -> b.primitive(PrimitiveTypeName.INT64, rep)
            .as(LogicalTypeAnnotation.decimalType(2, 15)).named(c.name());
        case DATE -> b.primitive(PrimitiveTypeName.INT32, rep).as(LogicalTypeAnnotation.dateType()).named(c.name());
        case DOUBLE -> b.primitive(PrimitiveTypeName.DOUBLE, rep).named(c.name());
        case VARCHAR -> b.primitive(PrimitiveTypeName.BINARY, rep).as(LogicalTypeAnnotation.stringType())
            .named(c.name());
        default -> throw new IllegalArgumentException(c.type().name());
      }
    }
    return b.named("schema");
  }

  @Override
  public WriteContext init(Configuration configuration) {
    return new WriteContext(schema, new HashMap<>());
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.consumer = recordConsumer;
  }

  @Override
  public void write(Object[] row) {
    consumer.startMessage();
    for (int i = 0; i < row.length; i++) {
      Object v = row[i];
      if (v == null) {
        continue;
      }
      Column c = columns.get(i);
      consumer.startField(c.name(), i);
      switch (c.type()) {
        case INT32, DATE -> consumer.addInteger((Integer) v);
        case INT64, DECIMAL_15_2 -> consumer.addLong((Long) v);
        case DOUBLE -> consumer.addDouble((Double) v);
        case VARCHAR -> consumer.addBinary((Binary) v);
        default -> throw new IllegalArgumentException(c.type().name());
      }
      consumer.endField(c.name(), i);
    }
    consumer.endMessage();
  }
}
