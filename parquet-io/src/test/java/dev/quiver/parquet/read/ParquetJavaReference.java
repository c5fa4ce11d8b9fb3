package dev.quiver.parquet.read;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;

/**
 * The independent reference: parquet-java's low-level column API ({@code ColumnReadStoreImpl} / {@code ColumnReader})
 * reads each flat column of a file, and every value is rendered to a canonical string from the Parquet physical
 * type and annotation. {@link ArrowCanonical} renders Quiver's Arrow vectors to the same canonical strings, so the
 * two can be compared value for value.
 *
 * <p>Canonical forms: integers in decimal (unsigned ones unsigned, narrow ones narrowed), decimals as plain
 * {@link BigDecimal} strings, floats and doubles as their raw IEEE bits in hex (so NaN payloads and -0.0 count),
 * FLOAT16 as the raw 16 bits in hex, binaries as hex, INT96 as nanoseconds since the epoch, INTERVAL as
 * {@code months,days,nanos}, nulls as {@code null}.
 */
final class ParquetJavaReference {
  private static final HexFormat HEX = HexFormat.of();

  private ParquetJavaReference() {}

  /** Canonical values of the named top-level columns, one list per column, rows in file order. */
  static List<List<String>> read(Path file, List<String> columns) throws IOException {
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      out.add(new ArrayList<>());
    }
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
      PageReadStore rowGroup;
      while ((rowGroup = reader.readNextRowGroup()) != null) {
        ColumnReadStoreImpl store = new ColumnReadStoreImpl(rowGroup,
            new GroupRecordConverter(schema).getRootConverter(), schema, createdBy);
        for (int c = 0; c < columns.size(); c++) {
          ColumnDescriptor descriptor = schema.getColumnDescription(new String[] {columns.get(c)});
          ColumnReader column = store.getColumnReader(descriptor);
          long rows = rowGroup.getRowCount();
          for (long r = 0; r < rows; r++) {
            if (column.getCurrentDefinitionLevel() < descriptor.getMaxDefinitionLevel()) {
              out.get(c).add("null");
            } else {
              out.get(c).add(render(column, descriptor.getPrimitiveType()));
            }
            column.consume();
          }
        }
      }
    }
    return out;
  }

  /** One value as parquet-java's APIs hand it out: the getter matching the physical type is called once. */
  interface Scalar {
    boolean getBoolean();

    int getInteger();

    long getLong();

    float getFloat();

    double getDouble();

    org.apache.parquet.io.api.Binary getBinary();
  }

  /** The current value of a column reader as a {@link Scalar}. */
  private static Scalar of(ColumnReader c) {
    return new Scalar() {
      public boolean getBoolean() {
        return c.getBoolean();
      }

      public int getInteger() {
        return c.getInteger();
      }

      public long getLong() {
        return c.getLong();
      }

      public float getFloat() {
        return c.getFloat();
      }

      public double getDouble() {
        return c.getDouble();
      }

      public org.apache.parquet.io.api.Binary getBinary() {
        return c.getBinary();
      }
    };
  }

  private static String render(ColumnReader column, PrimitiveType type) {
    return render(of(column), type);
  }

  /** The canonical string of one value of {@code type} (see the class comment). */
  static String render(Scalar value, PrimitiveType type) {
    LogicalTypeAnnotation annotation = type.getLogicalTypeAnnotation();
    if (annotation instanceof LogicalTypeAnnotation.UnknownLogicalTypeAnnotation) {
      return "null"; // UNKNOWN: always null, read as Arrow's Null type
    }
    switch (type.getPrimitiveTypeName()) {
      case BOOLEAN:
        return Boolean.toString(value.getBoolean());
      case INT32: {
        int v = value.getInteger();
        if (annotation instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
          return BigDecimal.valueOf(v, d.getScale()).toPlainString();
        }
        if (annotation instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i) {
          if (i.isSigned()) {
            return Long.toString(i.getBitWidth() == 8 ? (byte) v : i.getBitWidth() == 16 ? (short) v : v);
          }
          return Long.toString(i.getBitWidth() == 8 ? v & 0xFF : i.getBitWidth() == 16 ? v & 0xFFFF
              : Integer.toUnsignedLong(v));
        }
        return Integer.toString(v);
      }
      case INT64: {
        long v = value.getLong();
        if (annotation instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
          return BigDecimal.valueOf(v, d.getScale()).toPlainString();
        }
        if (annotation instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && !i.isSigned()) {
          return Long.toUnsignedString(v);
        }
        return Long.toString(v);
      }
      case INT96: {
        ByteBuffer b = value.getBinary().toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long nanosOfDay = b.getLong(b.position());
        long julianDay = b.getInt(b.position() + 8);
        return Long.toString((julianDay - 2_440_588L) * 86_400_000_000_000L + nanosOfDay);
      }
      case FLOAT:
        return "f" + Integer.toHexString(Float.floatToRawIntBits(value.getFloat()));
      case DOUBLE:
        return "d" + Long.toHexString(Double.doubleToRawLongBits(value.getDouble()));
      case BINARY:
      case FIXED_LEN_BYTE_ARRAY: {
        byte[] bytes = value.getBinary().getBytes();
        if (annotation instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
          return new BigDecimal(bytes.length == 0 ? BigInteger.ZERO : new BigInteger(bytes), d.getScale())
              .toPlainString();
        }
        if (annotation instanceof LogicalTypeAnnotation.Float16LogicalTypeAnnotation) {
          return "h" + Integer.toHexString(((bytes[1] & 0xFF) << 8) | (bytes[0] & 0xFF));
        }
        if (annotation instanceof LogicalTypeAnnotation.IntervalLogicalTypeAnnotation) {
          ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
          return b.getInt(0) + "," + b.getInt(4) + "," + Integer.toUnsignedLong(b.getInt(8)) * 1_000_000L;
        }
        return HEX.formatHex(bytes);
      }
      default:
        throw new IllegalArgumentException("unhandled type " + type);
    }
  }
}
