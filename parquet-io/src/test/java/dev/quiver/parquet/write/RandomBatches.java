package dev.quiver.parquet.write;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.Decimal256Vector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.DurationVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.LargeVarBinaryVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Random Arrow schemas (every type the writer takes, nesting up to a depth) and random batches for them, from a
 * seed, so that property tests shrink and replay.
 */
final class RandomBatches {
  private final Random r;
  /** Chance in percent of a null where one is allowed; 100 makes all-null columns. */
  int nullPercent = 20;
  int maxListLength = 4;
  private int names;

  RandomBatches(long seed) {
    r = new Random(seed);
  }

  /** The leaf types of the generator. */
  static List<ArrowType> leafTypes() {
    List<ArrowType> t = new ArrayList<>();
    t.add(ArrowType.Bool.INSTANCE);
    for (int bits : new int[] {8, 16, 32, 64}) {
      t.add(new ArrowType.Int(bits, true));
      t.add(new ArrowType.Int(bits, false));
    }
    t.add(new ArrowType.FloatingPoint(FloatingPointPrecision.HALF));
    t.add(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE));
    t.add(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE));
    t.add(new ArrowType.Decimal(7, 2, 128));
    t.add(new ArrowType.Decimal(18, 4, 128));
    t.add(new ArrowType.Decimal(38, 10, 128));
    t.add(new ArrowType.Decimal(50, 5, 256));
    t.add(new ArrowType.Decimal(10, 2, 256));
    t.add(new ArrowType.Decimal(5, 1, 256));
    t.add(ArrowType.Utf8.INSTANCE);
    t.add(ArrowType.LargeUtf8.INSTANCE);
    t.add(ArrowType.Binary.INSTANCE);
    t.add(ArrowType.LargeBinary.INSTANCE);
    t.add(new ArrowType.FixedSizeBinary(5));
    t.add(new ArrowType.Date(DateUnit.DAY));
    t.add(new ArrowType.Time(TimeUnit.MILLISECOND, 32));
    t.add(new ArrowType.Time(TimeUnit.MICROSECOND, 64));
    t.add(new ArrowType.Time(TimeUnit.NANOSECOND, 64));
    t.add(new ArrowType.Timestamp(TimeUnit.MILLISECOND, null));
    t.add(new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"));
    t.add(new ArrowType.Timestamp(TimeUnit.NANOSECOND, "Europe/Paris"));
    t.add(new ArrowType.Duration(TimeUnit.MICROSECOND));
    t.add(new ArrowType.Interval(IntervalUnit.MONTH_DAY_NANO));
    t.add(ArrowType.Null.INSTANCE);
    return t;
  }

  /** A random field; {@code depth} levels of nesting may still be added. */
  Field field(int depth) {
    String name = "f" + names++;
    int pick = depth > 0 ? r.nextInt(10) : 9;
    boolean nullable = r.nextInt(4) != 0;
    switch (pick) {
      case 0 -> {
        List<Field> children = new ArrayList<>();
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
          children.add(field(depth - 1));
        }
        return new Field(name, new FieldType(nullable, ArrowType.Struct.INSTANCE, null), children);
      }
      case 1 -> {
        return new Field(name, new FieldType(nullable, ArrowType.List.INSTANCE, null), List.of(field(depth - 1)));
      }
      case 2 -> {
        return new Field(name, new FieldType(nullable, ArrowType.LargeList.INSTANCE, null),
            List.of(field(depth - 1)));
      }
      case 3 -> {
        return new Field(name, new FieldType(nullable, new ArrowType.FixedSizeList(1 + r.nextInt(3)), null),
            List.of(field(depth - 1)));
      }
      case 4 -> {
        Field key = new Field("key", FieldType.notNullable(r.nextBoolean() ? ArrowType.Utf8.INSTANCE
            : new ArrowType.Int(32, true)), null);
        Field value = field(depth - 1);
        Field entries = new Field("entries", FieldType.notNullable(ArrowType.Struct.INSTANCE),
            List.of(key, new Field("value", value.getFieldType(), value.getChildren())));
        return new Field(name, new FieldType(nullable, new ArrowType.Map(false), null), List.of(entries));
      }
      default -> {
        List<ArrowType> types = leafTypes();
        ArrowType t = types.get(r.nextInt(types.size()));
        return new Field(name, new FieldType(nullable || t instanceof ArrowType.Null, t, null), null);
      }
    }
  }

  /** A schema of {@code fields} random fields nested up to {@code depth}. */
  Schema schema(int fields, int depth) {
    List<Field> list = new ArrayList<>();
    for (int i = 0; i < fields; i++) {
      list.add(field(depth));
    }
    return new Schema(list);
  }

  /** A batch of {@code rows} random rows. */
  VectorSchemaRoot batch(Schema schema, BufferAllocator allocator, int rows) {
    VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
    try {
      root.allocateNew();
      for (FieldVector v : root.getFieldVectors()) {
        for (int i = 0; i < rows; i++) {
          fill(v, i);
        }
      }
      root.setRowCount(rows);
      return root;
    } catch (RuntimeException e) {
      root.close();
      throw e;
    }
  }

  private boolean nullHere(FieldVector v) {
    return v.getField().isNullable() && r.nextInt(100) < nullPercent;
  }

  private void fill(FieldVector v, int i) {
    if (v instanceof NullVector) {
      return;
    }
    if (nullHere(v)) {
      if (v instanceof StructVector s) {
        s.setNull(i);
      } else if (v instanceof ListVector l) {
        l.setNull(i);
      } else if (v instanceof LargeListVector l) {
        l.setNull(i);
      } else if (v instanceof FixedSizeListVector l) {
        l.setNull(i);
      } else {
        setNull(v, i);
      }
      return;
    }
    if (v instanceof MapVector m) {
      int start = m.startNewValue(i);
      int len = r.nextInt(maxListLength + 1);
      StructVector entries = (StructVector) m.getDataVector();
      for (int j = 0; j < len; j++) {
        entries.setIndexDefined(start + j);
        FieldVector key = (FieldVector) entries.getChildByOrdinal(0);
        // distinct keys in one map
        if (key instanceof VarCharVector k) {
          k.setSafe(start + j, ("k" + j + "_" + r.nextInt(1000)).getBytes(StandardCharsets.UTF_8));
        } else {
          ((IntVector) key).setSafe(start + j, j * 1000 + r.nextInt(1000));
        }
        fill((FieldVector) entries.getChildByOrdinal(1), start + j);
      }
      m.endValue(i, len);
    } else if (v instanceof ListVector l) {
      int start = l.startNewValue(i);
      int len = r.nextInt(maxListLength + 1);
      for (int j = 0; j < len; j++) {
        fill(l.getDataVector(), start + j);
      }
      l.endValue(i, len);
    } else if (v instanceof LargeListVector l) {
      long start = l.startNewValue(i);
      int len = r.nextInt(maxListLength + 1);
      for (int j = 0; j < len; j++) {
        fill(l.getDataVector(), (int) (start + j));
      }
      l.endValue(i, len);
    } else if (v instanceof FixedSizeListVector l) {
      l.setNotNull(i);
      int size = l.getListSize();
      for (int j = 0; j < size; j++) {
        fill(l.getDataVector(), i * size + j);
      }
    } else if (v instanceof StructVector s) {
      s.setIndexDefined(i);
      for (int c = 0; c < s.size(); c++) {
        fill((FieldVector) s.getChildByOrdinal(c), i);
      }
    } else {
      primitive(v, i);
    }
  }

  private void setNull(FieldVector v, int i) {
    if (v instanceof org.apache.arrow.vector.BaseFixedWidthVector f) {
      f.setNull(i);
    } else if (v instanceof org.apache.arrow.vector.BaseVariableWidthVector b) {
      b.setNull(i);
    } else if (v instanceof org.apache.arrow.vector.BaseLargeVariableWidthVector b) {
      b.setNull(i);
    } else {
      throw new IllegalStateException("cannot set null in " + v);
    }
  }

  private long small() {
    // skewed so that dictionaries and RLE runs get exercised
    return r.nextInt(3) == 0 ? r.nextInt(5) : r.nextLong();
  }

  private byte[] bytes() {
    int len = r.nextInt(3) == 0 ? r.nextInt(3) : r.nextInt(r.nextInt(8) == 0 ? 100 : 12);
    byte[] b = new byte[len];
    r.nextBytes(b);
    return b;
  }

  private String text() {
    int len = r.nextInt(r.nextInt(8) == 0 ? 90 : 10);
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < len; k++) {
      int c = r.nextInt(10);
      sb.appendCodePoint(c < 6 ? 'a' + r.nextInt(6) : c < 8 ? 0xE9 + r.nextInt(3) : c < 9 ? 0x4E2D : 0x1F600);
    }
    return sb.toString();
  }

  private void primitive(FieldVector v, int i) {
    long x = small();
    if (v instanceof BitVector b) {
      b.setSafe(i, r.nextBoolean() ? 1 : 0);
    } else if (v instanceof TinyIntVector t) {
      t.setSafe(i, (byte) x);
    } else if (v instanceof SmallIntVector t) {
      t.setSafe(i, (short) x);
    } else if (v instanceof IntVector t) {
      t.setSafe(i, (int) x);
    } else if (v instanceof BigIntVector t) {
      t.setSafe(i, x);
    } else if (v instanceof UInt1Vector t) {
      t.setSafe(i, (byte) x);
    } else if (v instanceof UInt2Vector t) {
      t.setSafe(i, (char) x);
    } else if (v instanceof UInt4Vector t) {
      t.setSafe(i, (int) x);
    } else if (v instanceof UInt8Vector t) {
      t.setSafe(i, x);
    } else if (v instanceof Float2Vector f) {
      short[] special = {0x7E00, (short) 0x8000, 0, 0x7C00, (short) 0xFC00, 0x3C00};
      f.setSafe(i, r.nextInt(4) == 0 ? special[r.nextInt(special.length)] : (short) x);
    } else if (v instanceof Float4Vector f) {
      float[] special = {Float.NaN, -0.0f, 0.0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1.5f};
      f.setSafe(i, r.nextInt(4) == 0 ? special[r.nextInt(special.length)] : (float) r.nextGaussian() * 1000);
    } else if (v instanceof Float8Vector f) {
      double[] special = {Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 2.5};
      f.setSafe(i, r.nextInt(4) == 0 ? special[r.nextInt(special.length)] : r.nextGaussian() * 1e6);
    } else if (v instanceof DecimalVector d) {
      ArrowType.Decimal t = (ArrowType.Decimal) d.getField().getType();
      d.setSafe(i, decimal(t.getPrecision(), t.getScale()));
    } else if (v instanceof Decimal256Vector d) {
      ArrowType.Decimal t = (ArrowType.Decimal) d.getField().getType();
      d.setSafe(i, decimal(t.getPrecision(), t.getScale()));
    } else if (v instanceof VarCharVector s) {
      s.setSafe(i, text().getBytes(StandardCharsets.UTF_8));
    } else if (v instanceof LargeVarCharVector s) {
      s.setSafe(i, text().getBytes(StandardCharsets.UTF_8));
    } else if (v instanceof VarBinaryVector s) {
      s.setSafe(i, bytes());
    } else if (v instanceof LargeVarBinaryVector s) {
      s.setSafe(i, bytes());
    } else if (v instanceof FixedSizeBinaryVector s) {
      byte[] b = new byte[s.getByteWidth()];
      if (r.nextBoolean()) {
        r.nextBytes(b);
      } else {
        b[0] = (byte) r.nextInt(3);
      }
      s.setSafe(i, b);
    } else if (v instanceof DateDayVector d) {
      d.setSafe(i, (int) (x % 3_000_000));
    } else if (v instanceof TimeMilliVector t) {
      t.setSafe(i, (int) Math.floorMod(x, 86_400_000L));
    } else if (v instanceof TimeMicroVector t) {
      t.setSafe(i, Math.floorMod(x, 86_400_000_000L));
    } else if (v instanceof TimeNanoVector t) {
      t.setSafe(i, Math.floorMod(x, 86_400_000_000_000L));
    } else if (v instanceof TimeStampVector t) {
      t.setSafe(i, x % (1L << 52)); // milliseconds in range for microsecond readers (DuckDB)
    } else if (v instanceof DurationVector t) {
      t.setSafe(i, x);
    } else if (v instanceof IntervalMonthDayNanoVector m) {
      // Parquet INTERVAL months and days are unsigned 32-bit: Arrow values from 0 to 2^31-1
      m.setSafe(i, (int) (x & Integer.MAX_VALUE), r.nextInt(Integer.MAX_VALUE),
          (long) r.nextInt(Integer.MAX_VALUE) * 1_000_000L);
    } else {
      throw new IllegalStateException("no generator for " + v.getClass().getSimpleName());
    }
  }

  private BigDecimal decimal(int precision, int scale) {
    int digits = 1 + r.nextInt(precision);
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < digits; k++) {
      sb.append((char) ('0' + r.nextInt(10)));
    }
    BigInteger unscaled = new BigInteger(sb.toString());
    if (r.nextBoolean()) {
      unscaled = unscaled.negate();
    }
    if (r.nextInt(6) == 0) {
      unscaled = BigInteger.TEN.pow(precision).subtract(BigInteger.ONE).multiply(BigInteger.valueOf(
          r.nextBoolean() ? 1 : -1));
    }
    return new BigDecimal(unscaled, scale);
  }
}
