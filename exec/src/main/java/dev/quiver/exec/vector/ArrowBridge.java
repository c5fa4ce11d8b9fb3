package dev.quiver.exec.vector;

import dev.quiver.exec.QueryException;
import dev.quiver.exec.types.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * Moves columns between Arrow vectors and the engine's {@link Column}s, in bulk (whole buffers copied through NIO
 * views, not value by value through Arrow's accessors). Arrow types read: Bool, Int (8-64 bits, signed or unsigned;
 * unsigned 64-bit values above {@code Long.MAX_VALUE} fail), FloatingPoint (half excluded), Decimal (128 bit: values
 * beyond 64 bits make a wide column, see {@link Column#high}; 256 bit: unscaled value within 64 bits), Utf8, LargeUtf8, Binary, LargeBinary (as VARCHAR bytes), Date (day, milli),
 * Timestamp (any unit, time zone dropped; converted to microseconds). Every other Arrow type (struct, list, map,
 * union, time, interval, duration, fixed-size binary, half float, ...) is OPAQUE: carried through the query in
 * its Arrow vectors ({@link ArrowValues}) and written back as the same Arrow type. Written: see {@link #arrowType}.
 */
public final class ArrowBridge {
  private ArrowBridge() {}

  /**
   * The engine type for an Arrow field (in its value form: a dictionary-encoded field by its value type); OPAQUE
   * for a type the engine does not compute with.
   */
  public static DataType typeOf(Field field) {
    ArrowType t = field.getType();
    if (t instanceof ArrowType.Bool) {
      return DataType.BOOLEAN;
    }
    if (t instanceof ArrowType.Int i) {
      return i.getBitWidth() < 32 || (i.getBitWidth() == 32 && i.getIsSigned()) ? DataType.INTEGER : DataType.BIGINT;
    }
    if (t instanceof ArrowType.FloatingPoint fp && fp.getPrecision() != FloatingPointPrecision.HALF) {
      return DataType.DOUBLE;
    }
    if (t instanceof ArrowType.Decimal d) {
      return DataType.decimal(d.getPrecision(), d.getScale());
    }
    if (t instanceof ArrowType.Utf8 || t instanceof ArrowType.LargeUtf8 || t instanceof ArrowType.Binary
        || t instanceof ArrowType.LargeBinary) {
      return DataType.VARCHAR;
    }
    if (t instanceof ArrowType.Date) {
      return DataType.DATE;
    }
    if (t instanceof ArrowType.Timestamp) {
      return DataType.TIMESTAMP;
    }
    if (t instanceof ArrowType.Null) {
      return DataType.NULL;
    }
    return DataType.opaque(field);
  }

  /** The Arrow type written for an engine type. */
  public static ArrowType arrowType(DataType type) {
    switch (type.kind()) {
      case BOOLEAN:
        return ArrowType.Bool.INSTANCE;
      case INTEGER:
        return new ArrowType.Int(32, true);
      case BIGINT:
        return new ArrowType.Int(64, true);
      case DOUBLE:
        return new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
      case DECIMAL:
        return new ArrowType.Decimal(type.precision(), type.scale(), 128);
      case VARCHAR:
        return ArrowType.Utf8.INSTANCE;
      case DATE:
        return new ArrowType.Date(DateUnit.DAY);
      case TIMESTAMP:
        return new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
      case NULL:
        return ArrowType.Null.INSTANCE;
      default:
        throw new QueryException("type " + type + " cannot be returned as a column");
    }
  }

  /**
   * Reads {@code vector}'s first {@code rows} values into a column of {@code type} (from {@link #typeOf}).
   *
   * @throws QueryException when a 256-bit decimal's unscaled value or an unsigned 64-bit value does not fit 64 bits
   */
  public static Column toColumn(FieldVector vector, DataType type, int rows) {
    boolean[] nulls = vector.getNullCount() == 0 ? null : nulls(vector, rows);
    ArrowType t = vector.getField().getType();
    if (t instanceof ArrowType.Null) {
      return Column.allNull(DataType.NULL, rows);
    }
    if (vector instanceof BitVector bits) {
      boolean[] v = new boolean[rows];
      byte[] raw = bytes(bits.getDataBuffer(), 0, (rows + 7) >>> 3);
      for (int i = 0; i < rows; i++) {
        v[i] = (raw[i >>> 3] & (1 << (i & 7))) != 0;
      }
      return Column.ofBools(v, nulls, rows);
    }
    if (vector instanceof BaseVariableWidthVector var) {
      int[] offsets = new int[rows + 1];
      view(var.getOffsetBuffer(), 0, 4L * (rows + 1)).asIntBuffer().get(offsets);
      int base = offsets[0];
      byte[] data = bytes(var.getDataBuffer(), base, offsets[rows] - base);
      if (base != 0) {
        for (int i = 0; i <= rows; i++) {
          offsets[i] -= base;
        }
      }
      return Column.ofStrings(data, offsets, nulls, rows);
    }
    if (vector instanceof BaseLargeVariableWidthVector var) {
      long[] lo = new long[rows + 1];
      view(var.getOffsetBuffer(), 0, 8L * (rows + 1)).asLongBuffer().get(lo);
      if (lo[rows] - lo[0] > Integer.MAX_VALUE - 16) {
        throw new QueryException("string column '" + vector.getName() + "' holds over 2 GiB in one batch");
      }
      int[] offsets = new int[rows + 1];
      for (int i = 0; i <= rows; i++) {
        offsets[i] = (int) (lo[i] - lo[0]);
      }
      byte[] data = bytes(var.getDataBuffer(), lo[0], offsets[rows]);
      return Column.ofStrings(data, offsets, nulls, rows);
    }
    BaseFixedWidthVector fixed = (BaseFixedWidthVector) vector;
    ArrowBuf data = fixed.getDataBuffer();
    if (t instanceof ArrowType.FloatingPoint fp) {
      double[] v = new double[rows];
      if (fp.getPrecision() == FloatingPointPrecision.DOUBLE) {
        view(data, 0, 8L * rows).asDoubleBuffer().get(v);
      } else {
        float[] f = new float[rows];
        view(data, 0, 4L * rows).asFloatBuffer().get(f);
        for (int i = 0; i < rows; i++) {
          v[i] = f[i];
        }
      }
      return Column.ofDoubles(v, nulls, rows);
    }
    long[] v = Scratch.longs(rows);
    if (t instanceof ArrowType.Int i) {
      readInts(data, i.getBitWidth(), i.getIsSigned(), v, rows, nulls, vector.getName());
    } else if (t instanceof ArrowType.Decimal d) {
      int width = d.getBitWidth() / 8;
      java.nio.LongBuffer raw = view(data, 0, (long) width * rows).asLongBuffer();
      int words = width / 8;
      long bad = 0;
      if (words == 2) {
        for (int r = 0; r < rows; r++) {
          long lo = raw.get(2 * r);
          v[r] = lo;
          bad |= (raw.get(2 * r + 1) ^ (lo >> 63)) & (nulls == null || !nulls[r] ? -1L : 0L);
        }
      } else {
        for (int r = 0; r < rows; r++) {
          long lo = raw.get(r * words);
          v[r] = lo;
          for (int w = 1; w < words; w++) {
            bad |= (raw.get(r * words + w) ^ (lo >> 63)) & (nulls == null || !nulls[r] ? -1L : 0L);
          }
        }
      }
      if (bad != 0) {
        if (words != 2) {
          throw new QueryException("column '" + vector.getName() + "': decimal value wider than 64 bits");
        }
        // 128-bit values beyond 64 bits: a wide column (returned as is; computing on it fails clearly)
        long[] high = new long[rows];
        for (int r = 0; r < rows; r++) {
          high[r] = raw.get(2 * r + 1);
        }
        return Column.ofWideDecimals(type, v, high, nulls, rows);
      }
    } else if (t instanceof ArrowType.Date dt) {
      if (dt.getUnit() == DateUnit.DAY) {
        widenInts(address(data, 4L * rows), v, rows);
      } else {
        readLongs(address(data, 8L * rows), v, rows);
        for (int r = 0; r < rows; r++) {
          v[r] = Math.floorDiv(v[r], 86_400_000L);
        }
      }
    } else if (t instanceof ArrowType.Timestamp ts) {
      readLongs(address(data, 8L * rows), v, rows);
      switch (ts.getUnit()) {
        case SECOND:
          for (int r = 0; r < rows; r++) {
            v[r] *= 1_000_000L;
          }
          break;
        case MILLISECOND:
          for (int r = 0; r < rows; r++) {
            v[r] *= 1_000L;
          }
          break;
        case NANOSECOND:
          for (int r = 0; r < rows; r++) {
            v[r] = Math.floorDiv(v[r], 1_000L);
          }
          break;
        default:
          break;
      }
    } else {
      throw new QueryException("column '" + vector.getName() + "' has unsupported Arrow type " + t);
    }
    return Column.ofLongs(type, v, nulls, rows);
  }

  /**
   * Reads only the values at rows {@code selection[0..count)} of {@code vector} (each below {@code rows}), in that
   * order: the late materialisation of a filtered scan, which copies only the rows an earlier filter kept.
   *
   * @throws QueryException as {@link #toColumn(FieldVector, DataType, int)}
   */
  public static Column toColumn(FieldVector vector, DataType type, int rows, int[] selection, int count) {
    ArrowType t = vector.getField().getType();
    if (vector instanceof BaseVariableWidthVector var && vector.getNullCount() == 0 && rows > 0) {
      Column flags = oneByteStrings(var, rows, selection, count);
      if (flags != null) {
        return flags;
      }
    }
    if (count > rows / 4 && !(vector instanceof BaseFixedWidthVector) || vector instanceof BitVector) {
      // most strings survive: a bulk copy and a gather beat value-by-value reads (fixed-width values are read at
      // the selected rows in one pass whatever the selectivity: no intermediate copy)
      return toColumn(vector, type, rows).gather(selection, count);
    }
    boolean[] nulls = null;
    if (vector.getNullCount() != 0) {
      ArrowBuf validity = vector.getValidityBuffer();
      nulls = new boolean[count];
      for (int k = 0; k < count; k++) {
        int r = selection[k];
        nulls[k] = (validity.getByte(r >>> 3) & (1 << (r & 7))) == 0;
      }
    }
    if (vector instanceof BaseVariableWidthVector var) {
      java.nio.IntBuffer off = view(var.getOffsetBuffer(), 0, 4L * (rows + 1)).asIntBuffer();
      int[] offsets = new int[count + 1];
      int total = 0;
      for (int k = 0; k < count; k++) {
        int r = selection[k];
        total += off.get(r + 1) - off.get(r);
        offsets[k + 1] = total;
      }
      byte[] out = new byte[total];
      ArrowBuf data = var.getDataBuffer();
      for (int k = 0; k < count; k++) {
        int len = offsets[k + 1] - offsets[k];
        if (len > 0) {
          data.getBytes(off.get(selection[k]), out, offsets[k], len);
        }
      }
      return Column.ofStrings(out, offsets, nulls, count);
    }
    if (t instanceof ArrowType.FloatingPoint fp && fp.getPrecision() == FloatingPointPrecision.DOUBLE) {
      java.nio.DoubleBuffer in = view(((BaseFixedWidthVector) vector).getDataBuffer(), 0, 8L * rows).asDoubleBuffer();
      double[] v = new double[count];
      for (int k = 0; k < count; k++) {
        v[k] = in.get(selection[k]);
      }
      return Column.ofDoubles(v, nulls, count);
    }
    boolean plainLongs = (t instanceof ArrowType.Int i && i.getBitWidth() == 64 && i.getIsSigned())
        || (t instanceof ArrowType.Timestamp ts && ts.getUnit() == TimeUnit.MICROSECOND);
    boolean plainInts = (t instanceof ArrowType.Int i32 && i32.getBitWidth() == 32 && i32.getIsSigned())
        || (t instanceof ArrowType.Date dd && dd.getUnit() == DateUnit.DAY);
    if (plainLongs || plainInts) {
      ArrowBuf data = ((BaseFixedWidthVector) vector).getDataBuffer();
      long[] v;
      if (plainLongs && count > rows / 2) {
        // most rows survive: one bulk read of the batch, then compacted in place (selection[k] >= k)
        v = Scratch.longs(rows);
        readLongs(address(data, 8L * rows), v, rows);
        for (int k = 0; k < count; k++) {
          v[k] = v[selection[k]];
        }
      } else {
        v = Scratch.longs(count);
        if (plainInts) {
          gatherInts(address(data, 4L * rows), selection, count, v);
        } else {
          gatherLongs(address(data, 8L * rows), selection, count, v);
        }
      }
      return Column.ofLongs(type, v, nulls, count);
    }
    if (t instanceof ArrowType.Decimal d && d.getBitWidth() == 128) {
      ArrowBuf data = ((BaseFixedWidthVector) vector).getDataBuffer();
      long[] v = new long[count];
      java.nio.LongBuffer in = view(data, 0, 16L * rows).asLongBuffer();
      long bad = nulls == null ? lowWords(in, selection, count, v) : lowWords(in, selection, count, v, nulls);
      if (bad != 0) {
        long[] high = new long[count];
        for (int k = 0; k < count; k++) {
          high[k] = in.get(2 * selection[k] + 1);
        }
        return Column.ofWideDecimals(type, v, high, nulls, count);
      }
      return Column.ofLongs(type, v, nulls, count);
    }
    return toColumn(vector, type, rows).gather(selection, count);
  }

  /**
   * The address of {@code buf}'s first byte, after checking that {@code bytes} bytes from it lie within the buffer
   * (the reads below go straight to that memory).
   *
   * @throws QueryException when the buffer is shorter than {@code bytes}
   */
  private static long address(ArrowBuf buf, long bytes) {
    if (bytes > buf.capacity()) {
      throw new QueryException("Arrow buffer of " + buf.capacity() + " bytes is shorter than the " + bytes
          + " bytes its vector's row count needs");
    }
    return buf.memoryAddress();
  }

  /** {@code out[r]} = the little-endian 64-bit value at {@code address + 8r}, for {@code r < rows}. */
  private static void readLongs(long address, long[] out, int rows) {
    for (int r = 0; r < rows; r++) {
      out[r] = MemoryUtil.getLong(address + 8L * r);
    }
  }

  /** {@code out[r]} = the 32-bit value at {@code address + 4r}, sign-extended, for {@code r < rows}. */
  private static void widenInts(long address, long[] out, int rows) {
    for (int r = 0; r < rows; r++) {
      out[r] = MemoryUtil.getInt(address + 4L * r);
    }
  }

  /** {@code out[k]} = the 64-bit value of row {@code selection[k]} at {@code address}, for {@code k < count}. */
  private static void gatherLongs(long address, int[] selection, int count, long[] out) {
    for (int k = 0; k < count; k++) {
      out[k] = MemoryUtil.getLong(address + ((long) selection[k] << 3));
    }
  }

  /** {@code out[k]} = the 32-bit value of row {@code selection[k]} at {@code address}, sign-extended. */
  private static void gatherInts(long address, int[] selection, int count, long[] out) {
    for (int k = 0; k < count; k++) {
      out[k] = MemoryUtil.getInt(address + ((long) selection[k] << 2));
    }
  }

  /**
   * The lower words of the 128-bit decimals at rows {@code selection[0..count)} into {@code out}; returns non-zero
   * when some upper word is not the sign extension of its lower word (the value needs 128 bits). A small method of
   * its own so the JIT compiles the loop early and alone.
   */
  private static long lowWords(java.nio.LongBuffer in, int[] selection, int count, long[] out) {
    long bad = 0;
    for (int k = 0; k < count; k++) {
      int r = selection[k] << 1;
      long lo = in.get(r);
      out[k] = lo;
      bad |= in.get(r + 1) ^ (lo >> 63);
    }
    return bad;
  }

  /** As {@link #lowWords(java.nio.LongBuffer, int[], int, long[])}, ignoring the upper words of null rows. */
  private static long lowWords(java.nio.LongBuffer in, int[] selection, int count, long[] out, boolean[] nulls) {
    long bad = 0;
    for (int k = 0; k < count; k++) {
      int r = selection[k] << 1;
      long lo = in.get(r);
      out[k] = lo;
      bad |= (in.get(r + 1) ^ (lo >> 63)) & (nulls[k] ? 0L : -1L);
    }
    return bad;
  }

  /**
   * The selected rows of a null-free string vector whose every value is one byte long (flags, codes), read from the
   * vector's data at the selected positions without copying its offsets; null when some value is not one byte.
   */
  private static Column oneByteStrings(BaseVariableWidthVector var, int rows, int[] selection, int count) {
    long off = address(var.getOffsetBuffer(), 4L * (rows + 1));
    int base = MemoryUtil.getInt(off);
    if (MemoryUtil.getInt(off + 4L * rows) - base != rows) {
      return null;
    }
    // every value is one byte when no step between consecutive offsets differs from 1
    int differ = 0;
    for (int i = 0; i < rows; i++) {
      differ |= MemoryUtil.getInt(off + 4L * i + 4) - MemoryUtil.getInt(off + 4L * i) - 1;
    }
    if (differ != 0) {
      return null;
    }
    ArrowBuf data = var.getDataBuffer();
    if ((long) base + rows > data.capacity() || base < 0) {
      throw new QueryException("string column '" + var.getName() + "': offsets point past its data buffer");
    }
    byte[] out = Scratch.bytes(rows);
    MemoryUtil.copyFromMemory(data.memoryAddress() + base, out, 0, rows);
    for (int k = 0; k < count; k++) {
      out[k] = out[selection[k]]; // in place: selection[k] >= k
    }
    return Column.ofOneByteStrings(out, null, count);
  }

  /**
   * Decodes dictionary-encoded string columns (signed 32-bit indices into a dictionary of string values, as the
   * Parquet reader delivers with {@code ReadOptions.withDictionaryColumns}) into VARCHAR columns by lookup. The
   * dictionary's values are copied to the heap once per dictionary (by identity and value count: a row group's
   * dictionary only grows), with a one-byte table when every value is one byte long (flags: one byte read per row).
   * One instance per scan (not thread-safe).
   */
  public static final class DictionaryStrings {
    private BaseVariableWidthVector dictionary;
    private int dictionaryCount = -1;
    private int[] offsets;
    private byte[] data;
    private boolean oneByte;
    /** When every value is one byte: the values, zero-padded to a power-of-two length. */
    private byte[] lookup;

    /**
     * The strings at rows {@code selection[0..count)} of {@code indices} (rows {@code [0, count)} when selection is
     * null); a null index is a null value. Null when the dictionary holds nulls (the caller decodes generically).
     *
     * @throws QueryException when a non-null index is outside the dictionary
     */
    public Column decode(org.apache.arrow.vector.IntVector indices, BaseVariableWidthVector values, int[] selection,
        int count) {
      if (values.getNullCount() != 0) {
        return null;
      }
      prepare(values);
      int rows = indices.getValueCount();
      long idx = address(indices.getDataBuffer(), 4L * rows);
      boolean[] nulls = null;
      if (indices.getNullCount() != 0) {
        ArrowBuf validity = indices.getValidityBuffer();
        nulls = new boolean[count];
        for (int k = 0; k < count; k++) {
          int r = selection == null ? k : selection[k];
          nulls[k] = (validity.getByte(r >>> 3) & (1 << (r & 7))) == 0;
        }
      }
      int size = dictionaryCount;
      if (oneByte && nulls == null) {
        // flags: one pass, each row's byte looked up by its index (checked against the dictionary's size)
        byte[] out = Scratch.bytes(count);
        byte[] table = lookup; // a power-of-two length: masked indices stay inside it, bad ones are caught below
        int mask = table.length - 1;
        int bad = 0;
        if (selection == null) {
          for (int k = 0; k < count; k++) {
            int i = MemoryUtil.getInt(idx + 4L * k);
            bad |= i | (size - 1 - i);
            out[k] = table[i & mask];
          }
        } else {
          for (int k = 0; k < count; k++) {
            int i = MemoryUtil.getInt(idx + 4L * selection[k]);
            bad |= i | (size - 1 - i);
            out[k] = table[i & mask];
          }
        }
        if (bad < 0) {
          throw new QueryException("string column '" + indices.getName() + "': dictionary index outside its "
              + size + " values");
        }
        return Column.ofOneByteStrings(out, null, count);
      }
      // the dictionary index of each output row (0 for a null row), checked against the dictionary's size
      int[] ids = idScratch(count);
      int bad = 0;
      for (int k = 0; k < count; k++) {
        int r = selection == null ? k : selection[k];
        int i = MemoryUtil.getInt(idx + 4L * r);
        i = nulls != null && nulls[k] ? 0 : i;
        bad |= i | (size - 1 - i);
        ids[k] = i;
      }
      if (bad < 0 && !(size == 0 && allNull(nulls, count))) {
        throw new QueryException("string column '" + indices.getName() + "': dictionary index outside its "
            + size + " values");
      }
      if (size == 0) {
        return Column.allNull(DataType.VARCHAR, count);
      }
      if (oneByte) {
        byte[] out = Scratch.bytes(count);
        byte[] table = data;
        for (int k = 0; k < count; k++) {
          out[k] = table[ids[k]];
        }
        return Column.ofOneByteStrings(out, nulls, count);
      }
      int[] off = new int[count + 1];
      int total = 0;
      for (int k = 0; k < count; k++) {
        int i = ids[k];
        total += nulls != null && nulls[k] ? 0 : offsets[i + 1] - offsets[i];
        off[k + 1] = total;
      }
      byte[] out = new byte[total];
      for (int k = 0; k < count; k++) {
        int from = offsets[ids[k]];
        int pos = off[k];
        int len = off[k + 1] - pos;
        if (len <= 16) {
          for (int j = 0; j < len; j++) {
            out[pos + j] = data[from + j];
          }
        } else {
          System.arraycopy(data, from, out, pos, len);
        }
      }
      return Column.ofStrings(out, off, nulls, count);
    }

    private int[] ids;

    private int[] idScratch(int n) {
      if (ids == null || ids.length < n) {
        ids = new int[Math.max(n, 1024)];
      }
      return ids;
    }

    private static boolean allNull(boolean[] nulls, int count) {
      for (int k = 0; k < count; k++) {
        if (nulls == null || !nulls[k]) {
          return false;
        }
      }
      return true;
    }

    /** Copies the dictionary's values to the heap unless it is the one seen last, at the same size. */
    private void prepare(BaseVariableWidthVector values) {
      int n = values.getValueCount();
      if (values == dictionary && n == dictionaryCount) {
        return;
      }
      long off = address(values.getOffsetBuffer(), 4L * (n + 1));
      int[] o = new int[n + 1];
      int base = n == 0 ? 0 : MemoryUtil.getInt(off);
      boolean one = true;
      for (int i = 0; i <= n; i++) {
        o[i] = MemoryUtil.getInt(off + 4L * i) - base;
        if (i > 0) {
          one &= o[i] - o[i - 1] == 1;
          if (o[i] < o[i - 1]) {
            throw new QueryException("dictionary of column '" + values.getName() + "': offsets decrease");
          }
        }
      }
      int length = o[n];
      if (n > 0 && ((long) base + length > values.getDataBuffer().capacity() || base < 0)) {
        throw new QueryException("dictionary of column '" + values.getName() + "': offsets past its data");
      }
      byte[] d = new byte[length];
      if (length > 0) {
        MemoryUtil.copyFromMemory(values.getDataBuffer().memoryAddress() + base, d, 0, length);
      }
      dictionary = values;
      dictionaryCount = n;
      offsets = o;
      data = d;
      oneByte = one && n > 0;
      if (oneByte) {
        lookup = new byte[Integer.highestOneBit(n) == n ? n : Integer.highestOneBit(n) << 1];
        System.arraycopy(d, 0, lookup, 0, n);
      }
    }
  }

  private static void readInts(ArrowBuf data, int bits, boolean signed, long[] v, int rows, boolean[] nulls,
      String name) {
    switch (bits) {
      case 8: {
        byte[] tmp = bytes(data, 0, rows);
        for (int r = 0; r < rows; r++) {
          v[r] = signed ? tmp[r] : tmp[r] & 0xFF;
        }
        break;
      }
      case 16: {
        short[] tmp = new short[rows];
        view(data, 0, 2L * rows).asShortBuffer().get(tmp);
        for (int r = 0; r < rows; r++) {
          v[r] = signed ? tmp[r] : tmp[r] & 0xFFFF;
        }
        break;
      }
      case 32: {
        if (signed) {
          widenInts(address(data, 4L * rows), v, rows);
          break;
        }
        int[] tmp = new int[rows];
        view(data, 0, 4L * rows).asIntBuffer().get(tmp);
        for (int r = 0; r < rows; r++) {
          v[r] = tmp[r] & 0xFFFF_FFFFL;
        }
        break;
      }
      default: {
        readLongs(address(data, 8L * rows), v, rows);
        if (!signed) {
          for (int r = 0; r < rows; r++) {
            if (v[r] < 0 && (nulls == null || !nulls[r])) {
              throw new QueryException("column '" + name + "': unsigned 64-bit value above 2^63-1");
            }
          }
        }
      }
    }
  }

  private static boolean[] nulls(FieldVector vector, int rows) {
    boolean[] n = new boolean[rows];
    ArrowBuf validity = vector.getValidityBuffer();
    byte[] raw = bytes(validity, 0, (rows + 7) >>> 3);
    for (int i = 0; i < rows; i++) {
      n[i] = (raw[i >>> 3] & (1 << (i & 7))) == 0;
    }
    return n;
  }

  private static ByteBuffer view(ArrowBuf buf, long offset, long length) {
    if (length == 0) {
      return ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);
    }
    return buf.nioBuffer(offset, (int) length).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static byte[] bytes(ArrowBuf buf, long offset, int length) {
    byte[] out = new byte[length];
    if (length > 0) {
      buf.getBytes(offset, out, 0, length);
    }
    return out;
  }

  /** Arrow fields for a schema (all nullable; an OPAQUE column as its values' field, renamed). */
  public static org.apache.arrow.vector.types.pojo.Schema arrowSchema(Schema schema) {
    List<Field> fields = new ArrayList<>(schema.size());
    for (int i = 0; i < schema.size(); i++) {
      DataType t = schema.type(i);
      if (t.kind() == DataType.Kind.OPAQUE) {
        Field f = t.arrowField();
        fields.add(new Field(schema.name(i), f.getFieldType(), f.getChildren()));
      } else {
        fields.add(new Field(schema.name(i), FieldType.nullable(arrowType(t)), null));
      }
    }
    return new org.apache.arrow.vector.types.pojo.Schema(fields);
  }

  /**
   * Writes a batch into a new {@link VectorSchemaRoot} allocated from {@code allocator}; the caller owns and closes
   * it.
   *
   * @throws org.apache.arrow.memory.OutOfMemoryException when the allocator's limit is reached (nothing leaks)
   */
  public static VectorSchemaRoot toArrow(Schema schema, Batch batch, BufferAllocator allocator) {
    return toArrow(schema, batch, allocator, null);
  }

  /**
   * Writes a batch into a new {@link VectorSchemaRoot} allocated from {@code allocator}, OPAQUE columns copied
   * from the vectors in {@code values} (may be null when the schema has none); the caller owns and closes it.
   *
   * @throws org.apache.arrow.memory.OutOfMemoryException when the allocator's limit is reached (nothing leaks)
   * @throws QueryException when the schema has an OPAQUE column and {@code values} is null
   */
  public static VectorSchemaRoot toArrow(Schema schema, Batch batch, BufferAllocator allocator,
      ArrowValues values) {
    VectorSchemaRoot root = VectorSchemaRoot.create(arrowSchema(schema), allocator);
    try {
      int rows = batch.rowCount();
      for (int c = 0; c < schema.size(); c++) {
        if (schema.type(c).kind() == DataType.Kind.OPAQUE) {
          if (values == null) {
            throw new QueryException("column '" + schema.name(c) + "' of type " + schema.type(c)
                + " has no Arrow values to write");
          }
          values.write(batch.columns()[c], root.getVector(c));
          continue;
        }
        write(root.getVector(c), batch.columns()[c], rows);
      }
      root.setRowCount(rows);
      return root;
    } catch (RuntimeException e) {
      root.close();
      throw e;
    }
  }

  private static void write(FieldVector vector, Column col, int rows) {
    boolean[] n = col.nulls;
    if (vector instanceof org.apache.arrow.vector.NullVector nv) {
      nv.setValueCount(rows);
      return;
    }
    if (vector instanceof VarCharVector vc) {
      vc.allocateNew(Math.max(1, col.offsets[rows] - col.offsets[0]), rows);
      for (int i = 0; i < rows; i++) {
        if (n != null && n[i]) {
          vc.setNull(i);
        } else {
          vc.set(i, col.bytes, col.offsets[i], col.offsets[i + 1] - col.offsets[i]);
        }
      }
      vc.setValueCount(rows);
      return;
    }
    BaseFixedWidthVector fixed = (BaseFixedWidthVector) vector;
    fixed.allocateNew(rows);
    if (vector instanceof BitVector bv) {
      for (int i = 0; i < rows; i++) {
        if (n == null || !n[i]) {
          bv.set(i, col.bools[i] ? 1 : 0);
        }
      }
    } else if (vector instanceof Float8Vector fv) {
      for (int i = 0; i < rows; i++) {
        if (n == null || !n[i]) {
          fv.set(i, col.doubles[i]);
        }
      }
    } else if (vector instanceof IntVector iv) {
      for (int i = 0; i < rows; i++) {
        if (n == null || !n[i]) {
          iv.set(i, (int) col.longs[i]);
        }
      }
    } else if (vector instanceof BigIntVector bv) {
      if (rows > 0) {
        view(bv.getDataBuffer(), 0, 8L * rows).asLongBuffer().put(col.longs, 0, rows);
      }
      setValidity(bv, n, rows);
    } else if (vector instanceof DateDayVector dv) {
      for (int i = 0; i < rows; i++) {
        if (n == null || !n[i]) {
          dv.set(i, (int) col.longs[i]);
        }
      }
    } else if (vector instanceof TimeStampMicroVector tv) {
      for (int i = 0; i < rows; i++) {
        if (n == null || !n[i]) {
          tv.set(i, col.longs[i]);
        }
      }
    } else if (vector instanceof DecimalVector dv) {
      ByteBuffer out = rows == 0 ? null : view(dv.getDataBuffer(), 0, 16L * rows);
      long[] high = col.high;
      for (int i = 0; i < rows; i++) {
        long v = col.longs[i];
        out.putLong(16 * i, v);
        out.putLong(16 * i + 8, high == null ? v >> 63 : high[i]);
      }
      setValidity(dv, n, rows);
    } else {
      throw new QueryException("cannot write column of type " + col.type);
    }
    fixed.setValueCount(rows);
  }

  private static void setValidity(BaseFixedWidthVector v, boolean[] n, int rows) {
    ArrowBuf validity = v.getValidityBuffer();
    byte[] bits = new byte[(rows + 7) >>> 3];
    for (int i = 0; i < rows; i++) {
      if (n == null || !n[i]) {
        bits[i >>> 3] |= (byte) (1 << (i & 7));
      }
    }
    validity.setBytes(0, bits);
  }
}
