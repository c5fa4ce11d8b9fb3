package dev.quiver.exec.op;

import dev.quiver.exec.QueryException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs a blocking operator's per-child work in parallel: task {@code i} of {@code n} on a daemon thread of its own,
 * all joined before returning, as HashAggregate's partial aggregations and Sort's sorted runs need. One task runs
 * on the calling thread.
 */
final class Workers {
  private Workers() {}

  /**
   * Runs {@code task.accept(i)} for {@code i} in {@code [0, n)}, each on a thread named {@code name-i}, and waits for
   * all of them.
   *
   * @throws RuntimeException or Error: the first a task threw, rethrown once every task has ended
   * @throws QueryException when the calling thread is interrupted while waiting (its flag is set again)
   */
  static void runAll(String name, int n, IntConsumer task) {
    if (n == 1) {
      task.accept(0);
      return;
    }
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread[] threads = new Thread[n];
    for (int i = 0; i < n; i++) {
      int index = i;
      threads[i] = new Thread(() -> {
        try {
          task.accept(index);
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        }
      }, name + "-" + i);
      threads[i].setDaemon(true);
      threads[i].start();
    }
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new QueryException("interrupted", e);
      }
    }
    Throwable f = failure.get();
    if (f instanceof RuntimeException re) {
      throw re;
    }
    if (f instanceof Error err) {
      throw err;
    }
  }
}
