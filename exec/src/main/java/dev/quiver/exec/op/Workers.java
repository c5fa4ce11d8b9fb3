package dev.quiver.exec.op;

import dev.quiver.exec.QueryException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Runs a blocking operator's per-child work in parallel, as HashAggregate's partial aggregations and Sort's sorted
 * runs need: task 0 on the calling thread, the others on daemon threads of a pool shared by all queries (threads
 * are reused, not started per query: starting one measured 1-6 ms on the 2-core machine, within a 70 ms query), all
 * ended before returning.
 */
final class Workers {
  private Workers() {}

  private static final AtomicInteger THREADS = new AtomicInteger();

  /** Grows as tasks need threads (a task never waits for a free one), and lets threads idle for a minute go. */
  private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "quiver-worker-" + THREADS.incrementAndGet());
    t.setDaemon(true);
    return t;
  });

  /** One of {@link #runAll}'s tasks. */
  interface Task {
    /**
     * Runs task {@code index}; a long task polls {@code failed} between units of work (batches) and returns early
     * once it answers true: another task has failed, and the whole run will throw.
     */
    void run(int index, BooleanSupplier failed);
  }

  /**
   * Runs {@code task.run(i, failed)} for {@code i} in {@code [0, n)}: task 0 on the calling thread, each other one
   * on a pool thread named {@code name-i} while it runs; waits for all of them. {@code failed} answers true once any
   * task has thrown, so the others can stop early.
   *
   * @throws RuntimeException or Error: the first a task threw (or the pool's failure to start a thread for one, in
   *     which case that task and the later ones do not run), rethrown once every started task has ended
   * @throws QueryException when the calling thread was interrupted while waiting, once every task has ended (its
   *     flag is set again)
   */
  static void runAll(String name, int n, Task task) {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    BooleanSupplier failed = () -> failure.get() != null;
    if (n == 1) {
      task.run(0, failed);
      return;
    }
    CountDownLatch others = new CountDownLatch(n - 1);
    for (int i = 1; i < n; i++) {
      int index = i;
      try {
        POOL.execute(() -> {
          Thread t = Thread.currentThread();
          String poolName = t.getName();
          t.setName(name + "-" + index);
          try {
            task.run(index, failed);
          } catch (Throwable e) {
            failure.compareAndSet(null, e);
          } finally {
            t.setName(poolName);
            others.countDown();
          }
        });
      } catch (Throwable e) {
        // no thread for this task (the JVM could not start one): it and the ones after it do not run
        failure.compareAndSet(null, e);
        for (int k = i; k < n; k++) {
          others.countDown();
        }
        break;
      }
    }
    if (failure.get() == null) {
      try {
        task.run(0, failed);
      } catch (Throwable e) {
        failure.compareAndSet(null, e);
      }
    }
    // wait for every task even when interrupted: the caller closes the inputs the tasks read once this returns
    boolean interrupted = false;
    while (true) {
      try {
        others.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
      if (failure.get() == null) {
        throw new QueryException("interrupted");
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
