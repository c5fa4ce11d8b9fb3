package dev.quiver.parquet.read;

import java.util.HexFormat;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.Decimal256Vector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
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

/** Renders Arrow vector values to the canonical strings of {@link ParquetJavaReference}, through Arrow's own getters. */
public final class ArrowCanonical {
  private static final HexFormat HEX = HexFormat.of();

  private ArrowCanonical() {}

  /** The canonical string of value {@code i} of {@code v} (nested values included). */
  public static String value(FieldVector v, int i) {
    if (v instanceof NullVector || v.isNull(i)) {
      return "null";
    }
    if (v instanceof org.apache.arrow.vector.complex.MapVector m) {
      org.apache.arrow.vector.complex.StructVector entries = (org.apache.arrow.vector.complex.StructVector) m
          .getDataVector();
      StringBuilder sb = new StringBuilder("{");
      for (int e = m.getElementStartIndex(i); e < m.getElementEndIndex(i); e++) {
        sb.append(e > m.getElementStartIndex(i) ? "," : "")
            .append(value((FieldVector) entries.getChildByOrdinal(0), e)).append("=>")
            .append(value((FieldVector) entries.getChildByOrdinal(1), e));
      }
      return sb.append('}').toString();
    }
    if (v instanceof org.apache.arrow.vector.complex.ListVector l) {
      StringBuilder sb = new StringBuilder("[");
      for (int e = l.getElementStartIndex(i); e < l.getElementEndIndex(i); e++) {
        sb.append(e > l.getElementStartIndex(i) ? "," : "").append(value(l.getDataVector(), e));
      }
      return sb.append(']').toString();
    }
    if (v instanceof org.apache.arrow.vector.complex.LargeListVector l) {
      StringBuilder sb = new StringBuilder("[");
      long start = l.getOffsetBuffer().getLong((long) i * 8);
      long end = l.getOffsetBuffer().getLong((long) (i + 1) * 8);
      for (long e = start; e < end; e++) {
        sb.append(e > start ? "," : "").append(value(l.getDataVector(), (int) e));
      }
      return sb.append(']').toString();
    }
    if (v instanceof org.apache.arrow.vector.complex.FixedSizeListVector l) {
      StringBuilder sb = new StringBuilder("[");
      int size = l.getListSize();
      for (int e = 0; e < size; e++) {
        sb.append(e > 0 ? "," : "").append(value(l.getDataVector(), i * size + e));
      }
      return sb.append(']').toString();
    }
    if (v instanceof org.apache.arrow.vector.complex.StructVector s) {
      StringBuilder sb = new StringBuilder("{");
      for (int c = 0; c < s.size(); c++) {
        FieldVector child = (FieldVector) s.getChildByOrdinal(c);
        sb.append(c > 0 ? "," : "").append(child.getName()).append(':').append(value(child, i));
      }
      return sb.append('}').toString();
    }
    if (v instanceof BitVector b) {
      return Boolean.toString(b.get(i) == 1);
    }
    if (v instanceof TinyIntVector t) {
      return Long.toString(t.get(i));
    }
    if (v instanceof SmallIntVector t) {
      return Long.toString(t.get(i));
    }
    if (v instanceof IntVector t) {
      return Long.toString(t.get(i));
    }
    if (v instanceof BigIntVector t) {
      return Long.toString(t.get(i));
    }
    if (v instanceof UInt1Vector t) {
      return Integer.toString(t.get(i) & 0xFF);
    }
    if (v instanceof UInt2Vector t) {
      return Integer.toString(t.get(i));
    }
    if (v instanceof UInt4Vector t) {
      return Integer.toUnsignedString(t.get(i));
    }
    if (v instanceof UInt8Vector t) {
      return Long.toUnsignedString(t.get(i));
    }
    if (v instanceof Float4Vector f) {
      return "f" + Integer.toHexString(Float.floatToRawIntBits(f.get(i)));
    }
    if (v instanceof Float8Vector f) {
      return "d" + Long.toHexString(Double.doubleToRawLongBits(f.get(i)));
    }
    if (v instanceof Float2Vector f) {
      return "h" + Integer.toHexString(f.get(i) & 0xFFFF);
    }
    if (v instanceof DecimalVector d) {
      return d.getObject(i).toPlainString();
    }
    if (v instanceof Decimal256Vector d) {
      return d.getObject(i).toPlainString();
    }
    if (v instanceof DateDayVector d) {
      return Integer.toString(d.get(i));
    }
    if (v instanceof TimeMilliVector t) {
      return Integer.toString(t.get(i));
    }
    if (v instanceof TimeMicroVector t) {
      return Long.toString(t.get(i));
    }
    if (v instanceof TimeNanoVector t) {
      return Long.toString(t.get(i));
    }
    if (v instanceof TimeStampVector t) {
      return Long.toString(t.get(i));
    }
    if (v instanceof VarCharVector s) {
      return HEX.formatHex(s.get(i));
    }
    if (v instanceof org.apache.arrow.vector.LargeVarCharVector s) {
      return HEX.formatHex(s.get(i));
    }
    if (v instanceof org.apache.arrow.vector.LargeVarBinaryVector s) {
      return HEX.formatHex(s.get(i));
    }
    if (v instanceof org.apache.arrow.vector.DurationVector t) {
      return Long.toString(t.get(i).getLong(0)); // the raw 64-bit count, as parquet-java reads the INT64
    }
    if (v instanceof VarBinaryVector s) {
      return HEX.formatHex(s.get(i));
    }
    if (v instanceof FixedSizeBinaryVector s) {
      return HEX.formatHex(s.get(i));
    }
    if (v instanceof IntervalMonthDayNanoVector m) {
      var holder = new org.apache.arrow.vector.holders.NullableIntervalMonthDayNanoHolder();
      m.get(i, holder);
      return holder.months + "," + holder.days + "," + holder.nanoseconds;
    }
    throw new IllegalArgumentException("unhandled vector " + v.getClass().getSimpleName()
        + (v instanceof BaseFixedWidthVector ? "" : ""));
  }
}
