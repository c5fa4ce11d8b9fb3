package dev.quiver.codec;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A small lock-free pool of reusable library contexts (zstd contexts, {@code Inflater}s, {@code Deflater}s) that are
 * costly to create and not safe to share between threads.
 *
 * <p>Chosen over a {@code ThreadLocal} because zstd-jni contexts hold native memory and have no cleaner: a
 * thread-local one would leak when its thread dies. Here at most {@code capacity} idle contexts are kept, whichever
 * threads use them; a borrower that finds none creates one, and a context returned to a full pool is disposed of.
 * Borrowing and returning allocate nothing.
 */
final class ContextPool<T> {
  private final AtomicReferenceArray<T> slots;
  private final Supplier<T> factory;
  private final Consumer<T> disposer;

  ContextPool(Supplier<T> factory, Consumer<T> disposer) {
    this(Math.min(64, 2 * Runtime.getRuntime().availableProcessors()), factory, disposer);
  }

  ContextPool(int capacity, Supplier<T> factory, Consumer<T> disposer) {
    this.slots = new AtomicReferenceArray<>(Math.max(1, capacity));
    this.factory = factory;
    this.disposer = disposer;
  }

  /** An idle context, or a new one when none is idle. The caller owns it until {@link #release} or {@link #discard}. */
  T borrow() {
    int n = slots.length();
    int start = startSlot(n);
    for (int i = 0; i < n; i++) {
      int slot = (start + i) % n;
      T context = slots.get(slot);
      if (context != null && slots.compareAndSet(slot, context, null)) {
        return context;
      }
    }
    return factory.get();
  }

  /** Returns a context in a reusable state to the pool (or disposes of it when the pool is full). */
  void release(T context) {
    int n = slots.length();
    int start = startSlot(n);
    for (int i = 0; i < n; i++) {
      int slot = (start + i) % n;
      if (slots.get(slot) == null && slots.compareAndSet(slot, null, context)) {
        return;
      }
    }
    disposer.accept(context);
  }

  /** Disposes of a context whose state is in doubt (it failed mid-call) instead of returning it. */
  void discard(T context) {
    disposer.accept(context);
  }

  /** Spreads threads over the slots so that concurrent borrowers rarely race for the same one. */
  private static int startSlot(int n) {
    return (int) (Thread.currentThread().getId() % n);
  }
}
