package dev.quiver.exec.op;

import dev.quiver.exec.vector.Batch;
import dev.quiver.exec.vector.Schema;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Returns batches given up front (EXPLAIN output, tests). */
public final class Values extends AbstractOperator {
  private final Schema schema;
  private final Deque<Batch> batches;

  /** An operator returning {@code batches} (of {@code schema}) in order. */
  public Values(Schema schema, List<Batch> batches) {
    super(null);
    this.schema = schema;
    this.batches = new ArrayDeque<>(batches);
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  protected Batch compute() {
    Batch b;
    do {
      b = batches.poll();
    } while (b != null && b.rowCount() == 0);
    return b;
  }

  @Override
  public String describe() {
    return "Values";
  }

  @Override
  public void close() {
    batches.clear();
  }
}
