package dev.quiver.bench.query;

import dev.quiver.columnar.QuiverAllocators;
import dev.quiver.exec.QueryResult;
import dev.quiver.exec.Session;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Quiver's engine ({@link Session#sql}, {@link Session#withThreads}): the result batches read into rows. One
 * pooled allocator per engine ({@link QuiverAllocators#newRoot()}), closed (and checked for leaks) by
 * {@link #close()}.
 */
public final class QuiverQueryEngine implements QueryEngine {
  private final int threads;
  private final BufferAllocator allocator = QuiverAllocators.newRoot();
  private final Session session;

  /** @param threads the session's thread count, at least 1 */
  public QuiverQueryEngine(int threads) {
    this.threads = threads;
    this.session = Session.create(allocator).withThreads(threads);
  }

  @Override
  public String name() {
    return "quiver-" + threads + "t";
  }

  @Override
  public List<List<Object>> run(String sql) {
    List<List<Object>> rows = new ArrayList<>();
    try (QueryResult r = session.sql(sql).execute()) {
      while (r.hasNext()) {
        try (VectorSchemaRoot root = r.next()) {
          ResultRows.add(root, rows);
        }
      }
    }
    return rows;
  }

  @Override
  public void close() {
    allocator.close();
  }
}
