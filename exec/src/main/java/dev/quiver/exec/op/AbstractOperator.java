package dev.quiver.exec.op;

import dev.quiver.exec.MemoryLimitException;
import dev.quiver.exec.vector.Batch;
import java.util.List;
import org.apache.arrow.memory.OutOfMemoryException;

/**
 * Base of the operators: times {@link #next()}, counts rows and batches, and turns Arrow's
 * {@link OutOfMemoryException} (the session allocator's limit reached) into a {@link MemoryLimitException}
 * naming this operator.
 */
public abstract class AbstractOperator implements Operator {
  protected final OperatorStats stats = new OperatorStats();
  private final MemoryBudget budget;

  protected AbstractOperator(MemoryBudget budget) {
    this.budget = budget;
  }

  @Override
  public final Batch next() {
    long start = System.nanoTime();
    try {
      Batch b = compute();
      if (b != null) {
        stats.rowsOut.addAndGet(b.rowCount());
        stats.batchesOut.incrementAndGet();
      }
      return b;
    } catch (OutOfMemoryException e) {
      throw new MemoryLimitException(name(), budget == null ? -1 : budget.limit(), e);
    } finally {
      stats.nanos.addAndGet(System.nanoTime() - start);
    }
  }

  /** The operator's short name, e.g. {@code HashAggregate}. */
  protected String name() {
    return getClass().getSimpleName();
  }

  /** Computes the next non-empty batch, or null at the end. */
  protected abstract Batch compute();

  /** Reserves {@code bytes} of state against the memory limit, naming this operator when it is exceeded. */
  protected void reserve(long bytes) {
    if (budget != null) {
      budget.reserve(name(), bytes);
    }
  }

  /** Gives back reserved bytes. */
  protected void release(long bytes) {
    if (budget != null) {
      budget.release(bytes);
    }
  }

  @Override
  public OperatorStats stats() {
    return stats;
  }

  @Override
  public List<Operator> children() {
    return List.of();
  }

  /** Closes every operator in {@code ops}, the first failure rethrown after all were tried. */
  protected static void closeAll(List<? extends Operator> ops) {
    RuntimeException first = null;
    for (Operator o : ops) {
      try {
        o.close();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
