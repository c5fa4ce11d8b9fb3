package dev.quiver.columnar;

import org.apache.arrow.memory.AllocationManager;
import org.apache.arrow.memory.BufferAllocator;

/**
 * One native allocation handed out by a {@link BufferPool}: a chunk of a power-of-two size class (or, past the pool's
 * largest class, a chunk of exactly the requested size). Arrow sees {@link #getSize()} bytes, the size it accounted
 * for the request, whatever the chunk's class; when Arrow releases the last reference the chunk goes back to the
 * pool, which caches or frees it.
 */
public final class PooledAllocationManager extends AllocationManager {
  private final long size;
  private final long address;
  private final BufferPool pool;
  private final BufferPool.SizeClass sizeClass;

  PooledAllocationManager(BufferAllocator accountingAllocator, long size, long address, BufferPool pool,
      BufferPool.SizeClass sizeClass) {
    super(accountingAllocator);
    this.size = size;
    this.address = address;
    this.pool = pool;
    this.sizeClass = sizeClass;
  }

  /** The bytes Arrow accounted for this allocation (its rounded request), not the size class. */
  @Override
  public long getSize() {
    return size;
  }

  @Override
  protected long memoryAddress() {
    return address;
  }

  @Override
  protected void release0() {
    pool.release(address, sizeClass);
  }
}
