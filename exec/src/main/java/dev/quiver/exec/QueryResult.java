package dev.quiver.exec;

import dev.quiver.exec.dataset.Dataset;
import dev.quiver.exec.op.Operator;
import dev.quiver.exec.vector.ArrowBridge;
import dev.quiver.exec.vector.Batch;
import dev.quiver.exec.vector.Schema;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A running query: its result as a stream of Arrow batches, each a new {@link VectorSchemaRoot} in the caller's
 * allocator that the caller closes. Column types: BOOLEAN → Bool, INTEGER → Int(32), BIGINT → Int(64), DOUBLE →
 * FloatingPoint(DOUBLE), DECIMAL(p,s) → Decimal(p,s,128), VARCHAR → Utf8, DATE → Date(DAY), TIMESTAMP →
 * Timestamp(MICROSECOND, no zone); an OPAQUE column (nested, time, interval, ... as the Parquet reader produced it)
 * keeps its Arrow type, its rows copied or shared from the reader's vectors (a dictionary-encoded column is
 * returned decoded, as its value type). {@link #close()} stops the query and frees what it holds (call it even after
 * the last batch). Not thread-safe.
 */
public final class QueryResult implements Iterator<VectorSchemaRoot>, AutoCloseable {
  private final Operator root;
  private final List<Dataset> datasets;
  private final BufferAllocator output;
  private final BufferAllocator queryAllocator;
  private final long limit;
  private final dev.quiver.exec.vector.ArrowValues values;
  private final boolean streaming;
  private Batch pending;
  private boolean done;
  private boolean closed;

  QueryResult(Operator root, List<Dataset> datasets, BufferAllocator output, BufferAllocator queryAllocator,
      long limit, dev.quiver.exec.vector.ArrowValues values) {
    this.values = values;
    this.streaming = streaming(root);
    this.root = root;
    this.datasets = datasets;
    this.output = output;
    this.queryAllocator = queryAllocator;
    this.limit = limit;
  }

  /** Whether no operator in the tree buffers rows across batches (then each scan batch feeds one output batch). */
  private static boolean streaming(Operator op) {
    if (op instanceof dev.quiver.exec.op.Sort || op instanceof dev.quiver.exec.op.HashAggregate) {
      return false;
    }
    for (Operator c : op.children()) {
      if (!streaming(c)) {
        return false;
      }
    }
    return true;
  }

  /** The result's columns. */
  public Schema schema() {
    return root.schema();
  }

  /** The result's Arrow schema. */
  public org.apache.arrow.vector.types.pojo.Schema arrowSchema() {
    return ArrowBridge.arrowSchema(root.schema());
  }

  /** The operator tree (for EXPLAIN ANALYZE after the result was read). */
  public Operator operators() {
    return root;
  }

  /**
   * Whether another batch follows; runs the query up to it.
   *
   * @throws QueryException when the query fails (the query is closed then)
   */
  @Override
  public boolean hasNext() {
    if (pending == null && !done && !closed) {
      try {
        pending = root.next();
      } catch (OutOfMemoryException e) {
        close();
        throw new MemoryLimitException("Scan", limit, e);
      } catch (RuntimeException | Error e) {
        close();
        throw e;
      }
      done = pending == null;
    }
    return pending != null;
  }

  /**
   * The next batch in the caller's allocator, owned by the caller.
   *
   * @throws NoSuchElementException at the end
   */
  @Override
  public VectorSchemaRoot next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more batches");
    }
    Batch b = pending;
    pending = null;
    Schema schema = root.schema();
    VectorSchemaRoot out = ArrowBridge.toArrow(schema, b, output, values);
    if (streaming) {
      // no later batch refers to the Arrow vectors behind this batch's opaque columns: free them now
      for (int c = 0; c < schema.size(); c++) {
        if (schema.type(c).kind() == dev.quiver.exec.types.DataType.Kind.OPAQUE) {
          values.release(b.columns()[c]);
        }
      }
    }
    return out;
  }

  /** The next batch in engine form (no Arrow copy), or null at the end; for callers inside the engine. */
  public Batch nextBatch() {
    if (!hasNext()) {
      return null;
    }
    Batch b = pending;
    pending = null;
    return b;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    pending = null;
    RuntimeException failure = null;
    try {
      root.close();
    } catch (RuntimeException e) {
      failure = e;
    }
    for (Dataset d : datasets) {
      try {
        d.close();
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
    }
    try {
      values.close();
    } catch (RuntimeException e) {
      failure = failure == null ? e : failure;
    }
    try {
      queryAllocator.close();
    } catch (RuntimeException e) {
      failure = failure == null ? e : failure;
    }
    if (failure != null) {
      throw failure;
    }
  }
}
