package dev.quiver.bench.write;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * How the parquet-java write engines see an Arrow batch: the Parquet schema of a flat Arrow schema (the same
 * physical and logical types Quiver's writer picks: INT32, INT64, DOUBLE, INT32 DATE, INT64 DECIMAL(p &le; 18, s),
 * BYTE_ARRAY STRING; nullable fields OPTIONAL), and per-type readers of one value straight from the vectors' buffers.
 */
final class ArrowColumns {
  /** Value kinds, one per supported Arrow vector class. */
  static final int INT32 = 0;
  static final int INT64 = 1;
  static final int DOUBLE = 2;
  static final int DECIMAL64 = 3;
  static final int STRING = 4;

  private ArrowColumns() {}

  /**
   * The Parquet schema for a flat Arrow schema.
   *
   * @throws IllegalArgumentException for a nested field or a type outside the list above
   */
  static MessageType parquetSchema(Schema schema) {
    Types.MessageTypeBuilder b = Types.buildMessage();
    for (Field f : schema.getFields()) {
      Type.Repetition rep = f.isNullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
      ArrowType t = f.getType();
      if (t instanceof ArrowType.Int i && i.getIsSigned() && i.getBitWidth() == 32) {
        b.primitive(PrimitiveTypeName.INT32, rep).named(f.getName());
      } else if (t instanceof ArrowType.Int i && i.getIsSigned() && i.getBitWidth() == 64) {
        b.primitive(PrimitiveTypeName.INT64, rep).named(f.getName());
      } else if (t instanceof ArrowType.FloatingPoint) {
        b.primitive(PrimitiveTypeName.DOUBLE, rep).named(f.getName());
      } else if (t instanceof ArrowType.Date) {
        b.primitive(PrimitiveTypeName.INT32, rep).as(LogicalTypeAnnotation.dateType()).named(f.getName());
      } else if (t instanceof ArrowType.Decimal d && d.getPrecision() <= 18 && d.getBitWidth() == 128) {
        b.primitive(PrimitiveTypeName.INT64, rep)
            .as(LogicalTypeAnnotation.decimalType(d.getScale(), d.getPrecision())).named(f.getName());
      } else if (t instanceof ArrowType.Utf8) {
        b.primitive(PrimitiveTypeName.BINARY, rep).as(LogicalTypeAnnotation.stringType()).named(f.getName());
      } else {
        throw new IllegalArgumentException("write benchmark: unsupported field " + f);
      }
    }
    return b.named("schema");
  }

  /** The value kind of each vector of a batch. */
  static int[] kinds(List<FieldVector> vectors) {
    int[] kinds = new int[vectors.size()];
    for (int c = 0; c < kinds.length; c++) {
      FieldVector v = vectors.get(c);
      if (v instanceof IntVector || v instanceof DateDayVector) {
        kinds[c] = INT32;
      } else if (v instanceof BigIntVector) {
        kinds[c] = INT64;
      } else if (v instanceof Float8Vector) {
        kinds[c] = DOUBLE;
      } else if (v instanceof DecimalVector) {
        kinds[c] = DECIMAL64;
      } else if (v instanceof VarCharVector) {
        kinds[c] = STRING;
      } else {
        throw new IllegalArgumentException("write benchmark: unsupported vector " + v.getClass().getSimpleName());
      }
    }
    return kinds;
  }

  /** The data buffers of the vectors (values of fixed-width vectors, bytes of variable-width ones). */
  static ArrowBuf[] data(List<FieldVector> vectors) {
    ArrowBuf[] out = new ArrowBuf[vectors.size()];
    for (int c = 0; c < out.length; c++) {
      out[c] = vectors.get(c).getDataBuffer();
    }
    return out;
  }

  /** The offsets buffers of variable-width vectors, null for the others. */
  static ArrowBuf[] offsets(List<FieldVector> vectors) {
    ArrowBuf[] out = new ArrowBuf[vectors.size()];
    for (int c = 0; c < out.length; c++) {
      if (vectors.get(c) instanceof BaseVariableWidthVector v) {
        out[c] = v.getOffsetBuffer();
      } else if (!(vectors.get(c) instanceof BaseFixedWidthVector)) {
        throw new IllegalArgumentException("write benchmark: unsupported vector " + vectors.get(c).getClass());
      }
    }
    return out;
  }

  /** The fields' names. */
  static List<String> names(Schema schema) {
    List<String> names = new ArrayList<>();
    for (Field f : schema.getFields()) {
      names.add(f.getName());
    }
    return names;
  }

  /**
   * A reusable view of one string value: the bytes copied into a scratch array that grows as needed, wrapped as a
   * reused {@link Binary} (parquet-java copies the bytes it keeps, such as dictionary keys).
   */
  static final class StringReader {
    private byte[] scratch = new byte[64];

    Binary read(ArrowBuf data, ArrowBuf offsets, int row) {
      int start = offsets.getInt((long) row * 4);
      int length = offsets.getInt((long) row * 4 + 4) - start;
      if (length > scratch.length) {
        scratch = new byte[Math.max(length, scratch.length * 2)];
      }
      data.getBytes(start, scratch, 0, length);
      return Binary.fromReusedByteArray(scratch, 0, length);
    }
  }
}
