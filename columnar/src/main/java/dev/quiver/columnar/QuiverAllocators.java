package dev.quiver.columnar;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Root allocators backed by a {@link BufferPool}: what Quiver's own entry points (the command line) create, and what
 * applications that read many batches should create too. Arrow's default root allocator with the Unsafe back-end
 * mallocs and frees every batch's buffers; glibc may then unmap or trim them and fault them in again on the next
 * batch, which cost up to 0.6 s of kernel time per scan of TPC-H lineitem SF1. A pooled root reuses the freed
 * chunks instead.
 *
 * <p>Example: {@code try (BufferAllocator allocator = QuiverAllocators.newRoot()) { ... }}. Accounting, limits,
 * child allocators and leak checks are Arrow's own, unchanged.
 */
public final class QuiverAllocators {
  private QuiverAllocators() {}

  /** {@link #newRoot(long)} without a limit ({@code Long.MAX_VALUE} bytes). */
  public static RootAllocator newRoot() {
    return newRoot(Long.MAX_VALUE);
  }

  /**
   * A root allocator with its own {@link BufferPool} (default bounds: {@link BufferPool#DEFAULT_MAX_CACHED_BYTES}
   * cached, requests up to {@link BufferPool#DEFAULT_MAX_POOLED_SIZE} pooled), which it closes when it is closed,
   * freeing the cached memory. Closing still throws {@link IllegalStateException} when buffers leaked, as Arrow's
   * does; the pool is closed either way.
   *
   * @param limit the most bytes its buffers may hold at once, {@code >= 0}; more fails with Arrow's
   *     {@code OutOfMemoryException}
   */
  public static RootAllocator newRoot(long limit) {
    return new PooledRootAllocator(limit, new BufferPool(), true);
  }

  /**
   * A root allocator drawing on {@code pool}, which the caller keeps and closes (after every allocator using it):
   * for several roots that should share one pool.
   *
   * @param limit the most bytes its buffers may hold at once, {@code >= 0}
   */
  public static RootAllocator newRoot(long limit, BufferPool pool) {
    java.util.Objects.requireNonNull(pool, "pool");
    return new PooledRootAllocator(limit, pool, false);
  }

  /** The pool behind a root made here, or null for any other allocator (for tests and monitoring). */
  public static BufferPool poolOf(BufferAllocator allocator) {
    BufferAllocator root = allocator.getRoot();
    return root instanceof PooledRootAllocator pooled ? pooled.pool : null;
  }

  private static final class PooledRootAllocator extends RootAllocator {
    private final BufferPool pool;
    private final boolean ownsPool;

    PooledRootAllocator(long limit, BufferPool pool, boolean ownsPool) {
      super(RootAllocator.configBuilder().maxAllocation(limit).allocationManagerFactory(pool).build());
      this.pool = pool;
      this.ownsPool = ownsPool;
    }

    @Override
    public void close() {
      try {
        super.close();
      } finally {
        if (ownsPool) {
          pool.close();
        }
      }
    }
  }
}
