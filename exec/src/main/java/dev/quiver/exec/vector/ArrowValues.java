package dev.quiver.exec.vector;

import dev.quiver.exec.QueryException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.util.TransferPair;

/**
 * The Arrow vectors behind a query's OPAQUE columns (nested, time, interval and other types the engine carries
 * without computing on them). A scan hands each such vector of a batch over with {@link #add} (ownership moves, no
 * copy) and fills the column's {@code long[]} with references {@code (vector id << 32) | row} from {@link #ref};
 * operators then gather, slice, concatenate and sort those references like any long column. When the result is
 * written ({@link #write}), the referenced rows are copied into a new vector of the caller's allocator: a run of
 * consecutive rows of one vector by {@link TransferPair#splitAndTransfer} (buffers shared, not copied), anything
 * else row by row with {@code copyFromSafe}.
 *
 * <p>The vectors live in the query's allocator, so they count against its memory limit. A vector is freed by
 * {@link #release} (the result does so after writing a batch when no operator buffers rows) or when the query
 * closes this store. Thread-safe (parallel scans add vectors concurrently).
 */
public final class ArrowValues implements AutoCloseable {
  private final BufferAllocator allocator;
  private final List<FieldVector> vectors = new ArrayList<>();
  private boolean closed;

  /** A store whose vectors are moved into {@code allocator} (the query's). */
  public ArrowValues(BufferAllocator allocator) {
    this.allocator = allocator;
  }

  /** The reference to row {@code row} of vector {@code id}. */
  public static long ref(int id, int row) {
    return ((long) id << 32) | (row & 0xFFFF_FFFFL);
  }

  /**
   * Takes over {@code vector}'s buffers (it is left empty; the caller still closes it) and returns the id to
   * reference its rows by.
   *
   * @throws QueryException when the store was closed (the query was cancelled)
   */
  public int add(FieldVector vector) {
    TransferPair pair = vector.getTransferPair(allocator);
    pair.transfer();
    FieldVector owned = (FieldVector) pair.getTo();
    synchronized (this) {
      if (closed) {
        owned.close();
        throw new QueryException("query closed");
      }
      vectors.add(owned);
      return vectors.size() - 1;
    }
  }

  /**
   * Copies rows {@code selection[0..count)} of {@code vector} into a new vector of the store's allocator and
   * returns its id: the late materialisation of a filtered scan.
   */
  public int addSelected(FieldVector vector, int[] selection, int count) {
    FieldVector out = vector.getField().createVector(allocator);
    try {
      out.allocateNew();
      for (int k = 0; k < count; k++) {
        out.copyFromSafe(selection[k], k, vector);
      }
      out.setValueCount(count);
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
    synchronized (this) {
      if (closed) {
        out.close();
        throw new QueryException("query closed");
      }
      vectors.add(out);
      return vectors.size() - 1;
    }
  }

  private synchronized FieldVector lookup(int id) {
    return id >= 0 && id < vectors.size() ? vectors.get(id) : null;
  }

  private synchronized FieldVector vector(int id) {
    FieldVector v = id >= 0 && id < vectors.size() ? vectors.get(id) : null;
    if (v == null) {
      throw new IllegalStateException("opaque vector " + id + " was released");
    }
    return v;
  }

  /** The null flags of vector {@code id}'s rows, or null when none is null. */
  public boolean[] nulls(int id) {
    FieldVector v = vector(id);
    int rows = v.getValueCount();
    boolean[] out = null;
    for (int i = 0; i < rows; i++) {
      if (v.isNull(i)) {
        if (out == null) {
          out = new boolean[rows];
        }
        out[i] = true;
      }
    }
    return out;
  }

  /** Frees the vectors whose ids occur in {@code column} (an OPAQUE column); later references to them fail. */
  public void release(Column column) {
    long[] refs = column.longs;
    int last = -1;
    for (int i = 0; i < column.size; i++) {
      if (column.isNull(i)) {
        continue;
      }
      int id = (int) (refs[i] >>> 32);
      if (id != last) {
        synchronized (this) {
          if (id < vectors.size() && vectors.get(id) != null) {
            vectors.get(id).close();
            vectors.set(id, null);
          }
        }
        last = id;
      }
    }
  }

  /**
   * Writes the rows an OPAQUE column references into {@code out}, a new empty vector of the column's field (in
   * the caller's allocator); null rows stay null.
   */
  public void write(Column column, FieldVector out) {
    int rows = column.size;
    long[] refs = column.longs;
    boolean anyNull = column.nulls != null;
    if (rows > 0) {
      int id = (int) (refs[0] >>> 32);
      int start = (int) refs[0];
      boolean run = true;
      for (int i = 1; i < rows && run; i++) {
        run = refs[i] == refs[0] + i;
      }
      FieldVector src = run ? lookup(id) : null;
      if (src != null && start >= 0 && start + rows <= src.getValueCount()) {
        for (int i = 0; i < rows && anyNull && run; i++) {
          run = column.isNull(i) == src.isNull(start + i);
        }
        if (run) {
          TransferPair pair = src.makeTransferPair(out);
          pair.splitAndTransfer(start, rows);
          return;
        }
      }
    }
    out.allocateNew();
    FieldVector src = null;
    int srcId = -1;
    for (int i = 0; i < rows; i++) {
      if (column.isNull(i)) {
        setNull(out, i);
        continue;
      }
      int id = (int) (refs[i] >>> 32);
      if (id != srcId) {
        src = vector(id);
        srcId = id;
      }
      out.copyFromSafe((int) refs[i], i, src);
    }
    out.setValueCount(rows);
  }

  private static void setNull(FieldVector v, int i) {
    if (v instanceof BaseFixedWidthVector f) {
      f.setNull(i);
    } else if (v instanceof BaseVariableWidthVector b) {
      b.setNull(i);
    } else if (v instanceof BaseLargeVariableWidthVector b) {
      b.setNull(i);
    } else if (v instanceof ListVector l) {
      l.setNull(i);
    } else if (v instanceof LargeListVector l) {
      l.setNull(i);
    } else if (v instanceof FixedSizeListVector l) {
      l.setNull(i);
    } else if (v instanceof StructVector s) {
      s.setNull(i);
    } else {
      throw new QueryException("cannot write a null into a column of Arrow type " + v.getField().getType());
    }
  }

  /** Creates an empty vector for an OPAQUE column named {@code name} with the values' {@code field}. */
  public static FieldVector newVector(String name, Field field, BufferAllocator allocator) {
    return new Field(name, field.getFieldType(), field.getChildren()).createVector(allocator);
  }

  /** Frees every vector still held. */
  @Override
  public synchronized void close() {
    closed = true;
    for (FieldVector v : vectors) {
      if (v != null) {
        v.close();
      }
    }
    vectors.clear();
  }
}
