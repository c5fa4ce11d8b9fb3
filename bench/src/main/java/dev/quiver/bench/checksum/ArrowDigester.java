package dev.quiver.bench.checksum;

import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;

/**
 * Folds Arrow batches into a {@link Digest}, reading the vectors' buffers directly (one bounds check per batch, not
 * one per value, as Arrow's getters would do).
 *
 * <p>Flat columns: one sum per column, nulls hashed as {@link Hashes#NULL_HASH}. Nested columns (lists, structs):
 * one sum per leaf, named by the top-level name, then struct field names joined by dots, a list level written
 * {@code []} (so {@code items[].sku}), over the non-null leaf values only (a null or empty parent contributes
 * nothing); every engine names and folds nested leaves the same way.
 *
 * <p>Canonical forms as {@link Hashes} defines them: decimals must have at most 18 digits, dates are days.
 */
public final class ArrowDigester {
  private ArrowDigester() {}

  /**
   * Folds every column of {@code batch} and its row count into {@code digest}, adding the vectors' buffer sizes to
   * its decoded bytes.
   *
   * @throws UnsupportedOperationException for a vector type without a canonical form here
   */
  public static void fold(VectorSchemaRoot batch, Digest digest) {
    for (FieldVector v : batch.getFieldVectors()) {
      String name = v.getField().getName();
      if (v instanceof ListVector || v instanceof StructVector) {
        foldNested(v, name, digest);
      } else {
        digest.add(name, flatSum(v, v.getValueCount()));
      }
      digest.addDecodedBytes(v.getBufferSize());
    }
  }

  /** The sum of the hashes of the first {@code rows} values of a flat vector, nulls included. */
  public static long flatSum(ValueVector v, int rows) {
    if (rows == 0) {
      return 0;
    }
    if (v instanceof NullVector) {
      return Hashes.NULL_HASH * rows;
    }
    boolean noNulls = v.getNullCount() == 0;
    long validity = noNulls ? 0 : v.getValidityBuffer().memoryAddress();
    if (v instanceof BaseVariableWidthVector bv) {
      long offsets = bv.getOffsetBuffer().memoryAddress();
      long data = bv.getDataBuffer().memoryAddress();
      long limit = data + bv.getDataBuffer().capacity();
      long sum = 0;
      int start = MemoryUtil.getInt(offsets);
      if (noNulls) {
        for (int i = 0; i < rows; i++) {
          int end = MemoryUtil.getInt(offsets + 4L * i + 4);
          sum += Hashes.ofMemory(data + start, end - start, limit);
          start = end;
        }
        return sum;
      }
      for (int i = 0; i < rows; i++) {
        int end = MemoryUtil.getInt(offsets + 4L * i + 4);
        sum += isSet(validity, i) ? Hashes.ofMemory(data + start, end - start, limit) : Hashes.NULL_HASH;
        start = end;
      }
      return sum;
    }
    if (v instanceof BitVector bits) {
      long data = bits.getDataBuffer().memoryAddress();
      long sum = 0;
      for (int i = 0; i < rows; i++) {
        sum += noNulls || isSet(validity, i) ? Hashes.ofLong(isSet(data, i) ? 1 : 0) : Hashes.NULL_HASH;
      }
      return sum;
    }
    long data = v.getDataBuffer().memoryAddress();
    long sum = 0;
    if (v instanceof BigIntVector) {
      for (int i = 0; i < rows; i++) {
        sum += noNulls || isSet(validity, i) ? Hashes.ofLong(MemoryUtil.getLong(data + 8L * i)) : Hashes.NULL_HASH;
      }
    } else if (v instanceof IntVector || v instanceof DateDayVector) {
      for (int i = 0; i < rows; i++) {
        sum += noNulls || isSet(validity, i) ? Hashes.ofLong(MemoryUtil.getInt(data + 4L * i)) : Hashes.NULL_HASH;
      }
    } else if (v instanceof SmallIntVector) {
      for (int i = 0; i < rows; i++) {
        sum += noNulls || isSet(validity, i) ? Hashes.ofLong(MemoryUtil.getShort(data + 2L * i)) : Hashes.NULL_HASH;
      }
    } else if (v instanceof TinyIntVector) {
      for (int i = 0; i < rows; i++) {
        sum += noNulls || isSet(validity, i) ? Hashes.ofLong(MemoryUtil.getByte(data + i)) : Hashes.NULL_HASH;
      }
    } else if (v instanceof DecimalVector d) {
      if (d.getPrecision() > 18) {
        throw new UnsupportedOperationException("no canonical checksum for decimals over 18 digits: "
            + v.getField());
      }
      for (int i = 0; i < rows; i++) {
        sum += noNulls || isSet(validity, i) ? Hashes.ofLong(MemoryUtil.getLong(data + 16L * i)) : Hashes.NULL_HASH;
      }
    } else if (v instanceof Float8Vector) {
      for (int i = 0; i < rows; i++) {
        sum += noNulls || isSet(validity, i)
            ? Hashes.ofDouble(Double.longBitsToDouble(MemoryUtil.getLong(data + 8L * i))) : Hashes.NULL_HASH;
      }
    } else if (v instanceof Float4Vector) {
      for (int i = 0; i < rows; i++) {
        sum += noNulls || isSet(validity, i)
            ? Hashes.ofFloat(Float.intBitsToFloat(MemoryUtil.getInt(data + 4L * i))) : Hashes.NULL_HASH;
      }
    } else {
      throw new UnsupportedOperationException("no canonical checksum for " + v.getField());
    }
    return sum;
  }

  private static boolean isSet(long bitmap, int i) {
    return (MemoryUtil.getByte(bitmap + (i >>> 3)) >> (i & 7) & 1) != 0;
  }

  /**
   * Folds a nested column a leaf at a time: the positions of the values that exist (under no null or empty parent)
   * are worked out one level at a time, then each leaf's values at those positions are hashed in one loop. Every
   * leaf of the column is named in the digest, with a sum of 0 when no value reached it.
   */
  private static void foldNested(ValueVector v, String path, Digest digest) {
    int rows = v.getValueCount();
    int[] all = new int[rows];
    for (int i = 0; i < rows; i++) {
      all[i] = i;
    }
    foldAt(v, path, all, rows, digest);
  }

  /** Folds the values at {@code positions[0, count)} of {@code v} (a struct, list or leaf vector) into leaf sums. */
  private static void foldAt(ValueVector v, String path, int[] positions, int count, Digest digest) {
    if (v instanceof StructVector s) {
      int[] present = new int[count];
      int n = 0;
      boolean noNulls = s.getNullCount() == 0;
      for (int k = 0; k < count; k++) {
        int p = positions[k];
        present[n] = p;
        n += noNulls || !s.isNull(p) ? 1 : 0;
      }
      for (FieldVector child : s.getChildrenFromFields()) {
        foldAt(child, path + "." + child.getField().getName(), present, n, digest);
      }
    } else if (v instanceof ListVector l) {
      long offsets = l.getOffsetBuffer().memoryAddress();
      int total = 0;
      for (int k = 0; k < count; k++) {
        int p = positions[k];
        if (!l.isNull(p)) {
          total += MemoryUtil.getInt(offsets + 4L * p + 4) - MemoryUtil.getInt(offsets + 4L * p);
        }
      }
      int[] elements = new int[total];
      int n = 0;
      for (int k = 0; k < count; k++) {
        int p = positions[k];
        if (!l.isNull(p)) {
          int end = MemoryUtil.getInt(offsets + 4L * p + 4);
          for (int e = MemoryUtil.getInt(offsets + 4L * p); e < end; e++) {
            elements[n++] = e;
          }
        }
      }
      foldAt(l.getDataVector(), path + "[]", elements, n, digest);
    } else {
      digest.add(path, leafSum(v, positions, count));
    }
  }

  /**
   * The sum of the hashes of a nested column's leaf values at {@code positions[0, count)}; a null leaf value adds
   * nothing (nested leaves fold only their defined values).
   *
   * @throws UnsupportedOperationException for a leaf type without a canonical form here
   */
  private static long leafSum(ValueVector v, int[] positions, int count) {
    long sum = 0;
    if (count == 0) {
      return 0;
    }
    boolean noNulls = v.getNullCount() == 0;
    long validity = noNulls ? 0 : v.getValidityBuffer().memoryAddress();
    if (v instanceof BaseVariableWidthVector bv) {
      long offsets = bv.getOffsetBuffer().memoryAddress();
      long data = bv.getDataBuffer().memoryAddress();
      long limit = data + bv.getDataBuffer().capacity();
      for (int k = 0; k < count; k++) {
        int i = positions[k];
        if (noNulls || isSet(validity, i)) {
          int start = MemoryUtil.getInt(offsets + 4L * i);
          sum += Hashes.ofMemory(data + start, MemoryUtil.getInt(offsets + 4L * i + 4) - start, limit);
        }
      }
      return sum;
    }
    if (v instanceof BitVector bits) {
      long data = bits.getDataBuffer().memoryAddress();
      for (int k = 0; k < count; k++) {
        int i = positions[k];
        sum += noNulls || isSet(validity, i) ? Hashes.ofLong(isSet(data, i) ? 1 : 0) : 0;
      }
      return sum;
    }
    long data = v.getDataBuffer().memoryAddress();
    if (v instanceof BigIntVector) {
      for (int k = 0; k < count; k++) {
        int i = positions[k];
        sum += noNulls || isSet(validity, i) ? Hashes.ofLong(MemoryUtil.getLong(data + 8L * i)) : 0;
      }
    } else if (v instanceof IntVector) {
      for (int k = 0; k < count; k++) {
        int i = positions[k];
        sum += noNulls || isSet(validity, i) ? Hashes.ofLong(MemoryUtil.getInt(data + 4L * i)) : 0;
      }
    } else if (v instanceof Float8Vector) {
      for (int k = 0; k < count; k++) {
        int i = positions[k];
        sum += noNulls || isSet(validity, i)
            ? Hashes.ofDouble(Double.longBitsToDouble(MemoryUtil.getLong(data + 8L * i))) : 0;
      }
    } else {
      throw new UnsupportedOperationException("no canonical checksum for nested leaf " + v.getField());
    }
    return sum;
  }
}
