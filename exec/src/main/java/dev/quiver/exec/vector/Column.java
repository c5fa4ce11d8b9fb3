package dev.quiver.exec.vector;

import dev.quiver.exec.types.DataType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One column of a {@link Batch}: {@code size} values of one {@link DataType} in plain Java arrays, so kernels are
 * tight loops the JIT can vectorise. Exactly one value array is set, chosen by the type (see {@link DataType}):
 * {@code longs}, {@code doubles}, {@code bools}, or {@code bytes} + {@code offsets} (VARCHAR: value {@code i} is
 * UTF-8 bytes {@code [offsets[i], offsets[i+1])}, {@code offsets} has at least {@code size + 1} entries, and may be
 * shared between columns). {@code nulls} is
 * null when no value is null, else {@code nulls[i]} is true where value {@code i} is null (its value slot holds an
 * arbitrary value). Value arrays may be longer than {@code size} (entries past it are stale; a batch's column may
 * sit on a reused {@link Scratch} array). Columns are immutable once handed to another operator.
 *
 * <p>A DECIMAL column may be wide: {@code high} then holds the upper 64 bits of each 128-bit two's-complement
 * unscaled value and {@code longs} the lower 64 bits (only SUM produces such columns, when a group's sum leaves 64
 * bits; {@code high} is null whenever every value fits {@code longs}). Wide columns can be moved (gathered,
 * sliced, concatenated, returned) and sorted by, but not computed on: {@link #requireNarrow} guards the kernels.
 */
public final class Column {
  /** The values' type. */
  public final DataType type;
  /** Number of values. */
  public final int size;
  /** Values of long-backed types, or null. */
  public final long[] longs;
  /** Values of DOUBLE, or null. */
  public final double[] doubles;
  /** Values of BOOLEAN, or null. */
  public final boolean[] bools;
  /** UTF-8 bytes of VARCHAR values, or null. */
  public final byte[] bytes;
  /**
   * VARCHAR offsets into {@link #bytes}, or null: the first {@code size + 1} entries are the column's; the array may
   * be longer and shared with other columns (never written after the column is built).
   */
  public final int[] offsets;
  /** Null flags, or null when no value is null. */
  public final boolean[] nulls;
  /** Upper 64 bits of wide DECIMAL values, or null (values are {@code longs} sign-extended). */
  public final long[] high;

  private Column(DataType type, int size, long[] longs, double[] doubles, boolean[] bools, byte[] bytes,
      int[] offsets, boolean[] nulls) {
    this(type, size, longs, doubles, bools, bytes, offsets, nulls, null);
  }

  private Column(DataType type, int size, long[] longs, double[] doubles, boolean[] bools, byte[] bytes,
      int[] offsets, boolean[] nulls, long[] high) {
    this.high = high;
    this.type = type;
    this.size = size;
    this.longs = longs;
    this.doubles = doubles;
    this.bools = bools;
    this.bytes = bytes;
    this.offsets = offsets;
    this.nulls = nulls;
  }

  /** A long-backed column (INTEGER, BIGINT, DECIMAL, DATE, TIMESTAMP) of {@code size} values. */
  public static Column ofLongs(DataType type, long[] values, boolean[] nulls, int size) {
    return new Column(type, size, values, null, null, null, null, nulls);
  }

  /**
   * A DECIMAL column of 128-bit unscaled values: lower words {@code low}, upper words {@code high} (null when
   * every value fits 64 bits).
   */
  public static Column ofWideDecimals(DataType type, long[] low, long[] high, boolean[] nulls, int size) {
    return new Column(type, size, low, null, null, null, null, nulls, high);
  }

  /**
   * Fails unless every value fits 64 bits.
   *
   * @throws dev.quiver.exec.QueryException naming {@code what} when the column holds wide decimal values
   */
  public Column requireNarrow(String what) {
    if (high != null) {
      throw new dev.quiver.exec.QueryException(what + " holds a decimal sum wider than 64 bits, which can be "
          + "returned and sorted by but not yet computed on or compared");
    }
    return this;
  }

  /** A DOUBLE column of {@code size} values. */
  public static Column ofDoubles(double[] values, boolean[] nulls, int size) {
    return new Column(DataType.DOUBLE, size, null, values, null, null, null, nulls);
  }

  /** A BOOLEAN column of {@code size} values. */
  public static Column ofBools(boolean[] values, boolean[] nulls, int size) {
    return new Column(DataType.BOOLEAN, size, null, null, values, null, null, nulls);
  }

  /** A VARCHAR column: UTF-8 {@code bytes}, {@code offsets} of at least {@code size + 1} entries (the first used). */
  public static Column ofStrings(byte[] bytes, int[] offsets, boolean[] nulls, int size) {
    return new Column(DataType.VARCHAR, size, null, null, null, bytes, offsets, nulls);
  }

  /**
   * A VARCHAR column of one-byte values: value {@code i} is {@code values[i]} (offsets are a shared identity array).
   */
  public static Column ofOneByteStrings(byte[] values, boolean[] nulls, int size) {
    return ofStrings(values, identityOffsets(size), nulls, size);
  }

  /** A column of {@code size} nulls of {@code type}. */
  public static Column allNull(DataType type, int size) {
    boolean[] nulls = new boolean[size];
    Arrays.fill(nulls, true);
    return empty(type, size, nulls);
  }

  /** A column of {@code size} zero values (or nulls where {@code nulls} says) with fresh value arrays. */
  public static Column empty(DataType type, int size, boolean[] nulls) {
    switch (type.kind()) {
      case DOUBLE:
        return ofDoubles(new double[size], nulls, size);
      case BOOLEAN:
        return ofBools(new boolean[size], nulls, size);
      case VARCHAR:
        return ofStrings(new byte[0], new int[size + 1], nulls, size);
      default:
        return ofLongs(type.kind() == DataType.Kind.NULL ? DataType.NULL : type, new long[size], nulls, size);
    }
  }

  /** Whether value {@code i} is null. */
  public boolean isNull(int i) {
    return nulls != null && nulls[i];
  }

  /** Whether any value is null. */
  public boolean hasNulls() {
    if (nulls == null) {
      return false;
    }
    for (int i = 0; i < size; i++) {
      if (nulls[i]) {
        return true;
      }
    }
    return false;
  }

  /** VARCHAR value {@code i} decoded (allocates; not for hot loops). */
  public String string(int i) {
    return new String(bytes, offsets[i], offsets[i + 1] - offsets[i], StandardCharsets.UTF_8);
  }

  /** The same column with {@code nulls} as its null flags (values shared). */
  public Column withNulls(boolean[] newNulls) {
    return new Column(type, size, longs, doubles, bools, bytes, offsets, newNulls, high);
  }

  /** The same values relabelled with {@code newType} of the same storage (values shared). */
  public Column withType(DataType newType) {
    return new Column(newType, size, longs, doubles, bools, bytes, offsets, nulls, high);
  }

  /**
   * The values at rows {@code selection[0..count)}, in that order.
   *
   * @param selection row indexes, each in {@code [0, size)}
   */
  public Column gather(int[] selection, int count) {
    boolean[] n = null;
    if (nulls != null) {
      n = new boolean[count];
      for (int i = 0; i < count; i++) {
        n[i] = nulls[selection[i]];
      }
    }
    if (longs != null) {
      long[] v = Scratch.longs(count); // a batch's column: from the thread's open arena, if any
      for (int i = 0; i < count; i++) {
        v[i] = longs[selection[i]];
      }
      if (high != null) {
        long[] h = new long[count];
        for (int i = 0; i < count; i++) {
          h[i] = high[selection[i]];
        }
        return ofWideDecimals(type, v, h, n, count);
      }
      return ofLongs(type, v, n, count);
    }
    if (doubles != null) {
      double[] v = new double[count];
      for (int i = 0; i < count; i++) {
        v[i] = doubles[selection[i]];
      }
      return ofDoubles(v, n, count);
    }
    if (bools != null) {
      boolean[] v = new boolean[count];
      for (int i = 0; i < count; i++) {
        v[i] = bools[selection[i]];
      }
      return ofBools(v, n, count);
    }
    if (fixedWidth() == 1) {
      return ofStrings(gatherSingleBytes(bytes, offsets[0], selection, count), identityOffsets(count), n, count);
    }
    int total = 0;
    for (int i = 0; i < count; i++) {
      int r = selection[i];
      total += offsets[r + 1] - offsets[r];
    }
    byte[] b = new byte[total];
    int[] o = new int[count + 1];
    int pos = 0;
    byte[] src = bytes;
    for (int i = 0; i < count; i++) {
      int r = selection[i];
      int from = offsets[r];
      int len = offsets[r + 1] - from;
      if (len <= 16) {
        // short strings (flags, codes): a byte loop beats an arraycopy call per value
        for (int j = 0; j < len; j++) {
          b[pos + j] = src[from + j];
        }
      } else {
        System.arraycopy(src, from, b, pos, len);
      }
      pos += len;
      o[i + 1] = pos;
    }
    return ofStrings(b, o, n, count);
  }

  /**
   * For a VARCHAR column, the byte length shared by every value (nulls included), or -1 when lengths differ or the
   * column is empty: one pass over the offsets.
   */
  public int fixedWidth() {
    if (offsets == null || size == 0) {
      return -1;
    }
    if (offsets == oneByteOffsets) {
      return 1;
    }
    int w = offsets[1] - offsets[0];
    boolean same = true;
    for (int i = 1; i < size; i++) {
      same &= offsets[i + 1] - offsets[i] == w;
    }
    return same ? w : -1;
  }

  /** {@code bytes[base + selection[k]]} for each k: the gather of one-byte strings (flags, codes). */
  private static byte[] gatherSingleBytes(byte[] bytes, int base, int[] selection, int count) {
    byte[] b = new byte[count];
    for (int k = 0; k < count; k++) {
      b[k] = bytes[base + selection[k]];
    }
    return b;
  }

  /**
   * Offsets {@code 0, 1, 2, ...} of at least {@code count + 1} entries, shared by every column of one-byte strings
   * (column arrays are never written once the column is built, so one array serves all; an offsets array may be
   * longer than {@code size + 1}).
   */
  private static int[] identityOffsets(int count) {
    int[] o = oneByteOffsets;
    if (o.length < count + 1) {
      o = new int[Math.max(count + 1, 2 * o.length)];
      for (int k = 0; k < o.length; k++) {
        o[k] = k;
      }
      oneByteOffsets = o;
    }
    return o;
  }

  /** The shared offsets of one-byte string columns (see {@link #identityOffsets}); replaced, never written. */
  private static volatile int[] oneByteOffsets = {0};

  /** Rows {@code [from, from + count)} as a new column. */
  public Column slice(int from, int count) {
    int[] sel = new int[count];
    for (int i = 0; i < count; i++) {
      sel[i] = from + i;
    }
    return gather(sel, count);
  }

  /** Bytes held by the value and null arrays, for memory accounting. */
  public long sizeInBytes() {
    long n = nulls == null ? 0 : nulls.length;
    if (longs != null) {
      n += 8L * longs.length + (high == null ? 0 : 8L * high.length);
    } else if (doubles != null) {
      n += 8L * doubles.length;
    } else if (bools != null) {
      n += bools.length;
    } else if (bytes != null) {
      n += bytes.length + 4L * (size + 1); // offsets may be a longer shared array
    }
    return n;
  }

  /** Concatenates columns of one type. */
  public static Column concat(DataType type, java.util.List<Column> parts) {
    int total = 0;
    boolean anyNulls = false;
    long byteTotal = 0;
    for (Column c : parts) {
      total += c.size;
      anyNulls |= c.nulls != null;
      if (c.bytes != null) {
        byteTotal += c.offsets[c.size] - c.offsets[0];
      }
    }
    boolean[] n = anyNulls ? new boolean[total] : null;
    int pos = 0;
    if (anyNulls) {
      for (Column c : parts) {
        if (c.nulls != null) {
          System.arraycopy(c.nulls, 0, n, pos, c.size);
        }
        pos += c.size;
      }
    }
    pos = 0;
    switch (type.kind()) {
      case DOUBLE: {
        double[] v = new double[total];
        for (Column c : parts) {
          System.arraycopy(c.doubles, 0, v, pos, c.size);
          pos += c.size;
        }
        return ofDoubles(v, n, total);
      }
      case BOOLEAN: {
        boolean[] v = new boolean[total];
        for (Column c : parts) {
          System.arraycopy(c.bools, 0, v, pos, c.size);
          pos += c.size;
        }
        return ofBools(v, n, total);
      }
      case VARCHAR: {
        if (byteTotal > Integer.MAX_VALUE - 16) {
          throw new dev.quiver.exec.QueryException("string column larger than 2 GiB in one batch");
        }
        byte[] b = new byte[(int) byteTotal];
        int[] o = new int[total + 1];
        int bp = 0;
        for (Column c : parts) {
          int base = c.offsets[0];
          int len = c.offsets[c.size] - base;
          System.arraycopy(c.bytes, base, b, bp, len);
          for (int i = 1; i <= c.size; i++) {
            o[pos + i] = c.offsets[i] - base + bp;
          }
          bp += len;
          pos += c.size;
        }
        return ofStrings(b, o, n, total);
      }
      default: {
        long[] v = new long[total];
        boolean wide = false;
        for (Column c : parts) {
          System.arraycopy(c.longs, 0, v, pos, c.size);
          pos += c.size;
          wide |= c.high != null;
        }
        if (!wide) {
          return ofLongs(type, v, n, total);
        }
        long[] h = new long[total];
        pos = 0;
        for (Column c : parts) {
          for (int i = 0; i < c.size; i++) {
            h[pos + i] = c.high != null ? c.high[i] : c.longs[i] >> 63;
          }
          pos += c.size;
        }
        return ofWideDecimals(type, v, h, n, total);
      }
    }
  }
}
