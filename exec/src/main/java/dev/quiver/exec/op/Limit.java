package dev.quiver.exec.op;

import dev.quiver.exec.vector.Batch;
import dev.quiver.exec.vector.Schema;
import java.util.List;

/** Skips {@code offset} rows, then passes at most {@code limit} rows; stops pulling its input once done. */
public final class Limit extends AbstractOperator {
  private final Operator child;
  private final long offset;
  private final long limit;
  private long skipped;
  private long passed;

  /** {@code limit} rows after {@code offset} (limit {@code Long.MAX_VALUE} for none). */
  public Limit(Operator child, long offset, long limit, MemoryBudget budget) {
    super(budget);
    this.child = child;
    this.offset = offset;
    this.limit = limit;
  }

  @Override
  public Schema schema() {
    return child.schema();
  }

  @Override
  protected Batch compute() {
    while (passed < limit) {
      Batch b = child.next();
      if (b == null) {
        return null;
      }
      stats.rowsIn.addAndGet(b.rowCount());
      int from = 0;
      if (skipped < offset) {
        long skip = Math.min(offset - skipped, b.rowCount());
        skipped += skip;
        from = (int) skip;
      }
      int take = (int) Math.min(b.rowCount() - from, limit - passed);
      if (take > 0) {
        passed += take;
        return b.slice(from, take);
      }
    }
    return null;
  }

  @Override
  public List<Operator> children() {
    return List.of(child);
  }

  @Override
  public String describe() {
    return "Limit " + (limit == Long.MAX_VALUE ? "ALL" : limit) + (offset > 0 ? " OFFSET " + offset : "");
  }

  @Override
  public void close() {
    child.close();
  }
}
