package dev.quiver.exec.op;

import dev.quiver.exec.MemoryLimitException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Accounts a query's operator state (held in Java arrays) together with its Arrow buffers against one limit: the
 * bytes reserved here plus the bytes the query allocator has allocated may not exceed the allocator's limit.
 * Thread-safe.
 */
public final class MemoryBudget {
  private final BufferAllocator allocator;
  private final AtomicLong reserved = new AtomicLong();

  /** A budget whose limit is {@code allocator}'s limit. */
  public MemoryBudget(BufferAllocator allocator) {
    this.allocator = allocator;
  }

  /** The limit in bytes. */
  public long limit() {
    return allocator.getLimit();
  }

  /**
   * Reserves {@code bytes} for {@code operator}.
   *
   * @throws MemoryLimitException naming the operator when the limit would be exceeded (nothing is reserved then)
   */
  public void reserve(String operator, long bytes) {
    long now = reserved.addAndGet(bytes);
    if (now + allocator.getAllocatedMemory() > allocator.getLimit()) {
      reserved.addAndGet(-bytes);
      throw new MemoryLimitException(operator, allocator.getLimit(), null);
    }
  }

  /** Returns {@code bytes} reserved earlier. */
  public void release(long bytes) {
    reserved.addAndGet(-bytes);
  }

  /** Bytes reserved now. */
  public long reserved() {
    return reserved.get();
  }
}
