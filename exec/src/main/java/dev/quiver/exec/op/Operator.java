package dev.quiver.exec.op;

import dev.quiver.exec.vector.Batch;
import dev.quiver.exec.vector.Schema;
import java.util.List;

/**
 * A pull-based physical operator: each {@link #next()} returns the next batch of its output, or null at the end.
 * An operator is driven by one thread at a time; parallel plans give each thread its own operator chain
 * ({@link Exchange}, {@link HashAggregate}, {@link Sort} take several children and drive them from worker
 * threads). {@link #close()} releases what the operator holds and closes its children; it may be called before the
 * end.
 */
public interface Operator extends AutoCloseable {
  /** The output columns. */
  Schema schema();

  /**
   * The next batch (never empty), or null once the output is exhausted.
   *
   * @throws dev.quiver.exec.QueryException on a runtime error in an expression, a bad input file, or
   *     {@link dev.quiver.exec.MemoryLimitException} naming this operator
   */
  Batch next();

  /** The operator's inputs, for plan printing. */
  List<Operator> children();

  /** One line naming the operator and its arguments, for EXPLAIN. */
  String describe();

  /** Counters gathered while running, for EXPLAIN ANALYZE. */
  OperatorStats stats();

  @Override
  void close();
}
