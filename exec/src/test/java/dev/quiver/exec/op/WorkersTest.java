package dev.quiver.exec.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.exec.QueryException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link Workers#runAll}: every task runs once, task 0 on the calling thread; a failure is rethrown only after every
 * task ended, and the others see it through their {@code failed} flag; an interrupt of the caller does not cut the
 * wait short (the caller closes what the tasks read once it returns); nested calls finish.
 */
class WorkersTest {
  @Test
  void everyTaskRunsOnceAndTaskZeroOnTheCaller() {
    AtomicInteger[] runs = new AtomicInteger[5];
    for (int i = 0; i < runs.length; i++) {
      runs[i] = new AtomicInteger();
    }
    Thread[] ranOn = new Thread[5];
    Workers.runAll("t", 5, (i, failed) -> {
      runs[i].incrementAndGet();
      ranOn[i] = Thread.currentThread();
    });
    for (int i = 0; i < runs.length; i++) {
      assertEquals(1, runs[i].get(), "task " + i);
    }
    assertSame(Thread.currentThread(), ranOn[0]);
    for (int i = 1; i < 5; i++) {
      assertTrue(ranOn[i] != Thread.currentThread(), "task " + i + " on a pool thread");
    }
  }

  @Test
  void aFailureIsRethrownAfterTheOtherTasksEnd() {
    AtomicBoolean slowEnded = new AtomicBoolean();
    IllegalStateException boom = new IllegalStateException("boom");
    IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Workers.runAll("t", 2, (i, failed) -> {
      if (i == 0) {
        throw boom;
      }
      sleep(200);
      slowEnded.set(true);
    }));
    assertSame(boom, thrown);
    assertTrue(slowEnded.get(), "runAll returned before the other task ended");
  }

  @Test
  void anInterruptedCallerStillWaitsForEveryTask() {
    AtomicBoolean slowEnded = new AtomicBoolean();
    CountDownLatch started = new CountDownLatch(1);
    try {
      QueryException e = assertThrows(QueryException.class, () -> Workers.runAll("t", 2, (i, failed) -> {
        if (i == 0) {
          await(started);
          Thread.currentThread().interrupt(); // the caller is interrupted while task 1 still runs
          return;
        }
        started.countDown();
        sleep(200);
        slowEnded.set(true);
      }));
      assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
      assertTrue(slowEnded.get(), "runAll returned before the other task ended");
      assertTrue(Thread.currentThread().isInterrupted(), "the interrupt flag is set again");
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void theOtherTasksLearnOfAFailure() {
    AtomicBoolean sawFailure = new AtomicBoolean();
    CountDownLatch polling = new CountDownLatch(1);
    assertThrows(IllegalStateException.class, () -> Workers.runAll("t", 2, (i, failed) -> {
      if (i == 0) {
        await(polling);
        throw new IllegalStateException("boom");
      }
      assertTrue(!failed.getAsBoolean(), "no task has failed yet");
      polling.countDown();
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (!failed.getAsBoolean() && System.nanoTime() < deadline) {
        sleep(1);
      }
      sawFailure.set(failed.getAsBoolean());
    }));
    assertTrue(sawFailure.get(), "task 1 polled failed() until the end without seeing task 0's failure");
  }

  @Test
  void nestedCallsFinish() {
    AtomicInteger leaves = new AtomicInteger();
    Workers.runAll("outer", 3, (i, failed) -> Workers.runAll("inner", 3, (k, f) -> leaves.incrementAndGet()));
    assertEquals(9, leaves.get());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(10, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
