package dev.quiver.exec.op;

import dev.quiver.exec.vector.Batch;
import dev.quiver.exec.vector.Schema;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs several copies of a pipeline (each over its share of the scan units) on worker threads and hands their
 * batches to the one consumer in arrival order, through a bounded queue. A failure in a worker is rethrown to the
 * consumer; {@link #close()} stops the workers and closes their pipelines.
 */
public final class Exchange extends AbstractOperator {
  private static final Object DONE = new Object();
  private final List<Operator> children;
  private final BlockingQueue<Object> queue;
  private Thread[] threads;
  private int running;
  private volatile boolean cancelled;

  /** Gathers {@code children} (same schema), one thread each. */
  public Exchange(List<Operator> children, MemoryBudget budget) {
    super(budget);
    this.children = List.copyOf(children);
    this.queue = new ArrayBlockingQueue<>(Math.max(4, 2 * children.size()));
  }

  @Override
  public Schema schema() {
    return children.get(0).schema();
  }

  @Override
  protected Batch compute() {
    if (threads == null) {
      start();
    }
    while (running > 0) {
      Object o;
      try {
        o = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new dev.quiver.exec.QueryException("interrupted", e);
      }
      if (o == DONE) {
        running--;
      } else if (o instanceof RuntimeException re) {
        throw re;
      } else if (o instanceof Error err) {
        throw err;
      } else {
        Batch b = (Batch) o;
        stats.rowsIn.addAndGet(b.rowCount());
        return b;
      }
    }
    return null;
  }

  private void start() {
    threads = new Thread[children.size()];
    running = threads.length;
    for (int i = 0; i < threads.length; i++) {
      Operator child = children.get(i);
      threads[i] = new Thread(() -> work(child), "quiver-exchange-" + i);
      threads[i].setDaemon(true);
      threads[i].start();
    }
  }

  private void work(Operator child) {
    try {
      Batch b;
      while (!cancelled && (b = child.next()) != null) {
        if (!put(b)) {
          return;
        }
      }
    } catch (RuntimeException | Error e) {
      put(e);
    } finally {
      put(DONE);
    }
  }

  private boolean put(Object o) {
    try {
      while (!queue.offer(o, 20, TimeUnit.MILLISECONDS)) {
        if (cancelled) {
          return false;
        }
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public List<Operator> children() {
    return children;
  }

  @Override
  public String describe() {
    return "Exchange threads=" + children.size();
  }

  @Override
  public void close() {
    cancelled = true;
    if (threads != null) {
      for (Thread t : threads) {
        while (t.isAlive()) {
          queue.clear();
          try {
            t.join(10);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            break;
          }
        }
      }
    }
    queue.clear();
    closeAll(children);
  }
}
