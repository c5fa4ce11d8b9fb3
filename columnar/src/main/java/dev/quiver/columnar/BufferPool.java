package dev.quiver.columnar;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.arrow.memory.AllocationManager;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.unsafe.UnsafeAllocationManager;
import org.apache.arrow.memory.util.MemoryUtil;

/**
 * An Arrow {@link AllocationManager.Factory} that keeps freed native memory in per-size-class free lists and hands
 * it out again, so that a scan which allocates and frees the same buffer sizes batch after batch stops paying
 * {@code malloc}/{@code free} and, worse, the kernel's page faults when glibc unmaps or trims the freed memory and
 * faults it in again for the next batch.
 *
 * <p><b>Size classes.</b> A request of {@code size} bytes with {@code 0 < size <= maxPooledSize} is served from the
 * power-of-two class {@code 2^k >= size} (at least {@value #MIN_CLASS_SIZE} bytes): a cached chunk of that class if
 * there is one, a new {@code malloc} of the whole class otherwise. Arrow's default rounding policy already rounds
 * requests below 16 MiB to a power of two, so the class is usually the request itself. Larger requests bypass the
 * pool: allocated and freed directly, as Arrow's Unsafe back-end does.
 *
 * <p><b>Accounting.</b> The pool only supplies memory; the allocators still account each buffer at its requested
 * (rounded) size, so limits, {@code getAllocatedMemory()} and leak checks on close behave exactly as with the Unsafe
 * back-end: a buffer never closed is never returned to the pool and is still reported as a leak. Arrow releases an
 * allocation here only when no allocator holds a reference to it any more (after transfers between allocators too),
 * so a chunk is never cached while a vector can still see it. Cached chunks are outside every allocator's
 * accounting: at most {@code maxCachedBytes} of them are kept ({@link #cachedBytes()}); a freed chunk that does not
 * fit under that bound is freed at once. Memory is handed out as it was left (not zeroed), as {@code malloc} does;
 * Arrow clears what needs clearing itself.
 *
 * <p><b>Threads.</b> Thread-safe: a buffer may be allocated on one thread and freed on another. Each size class is a
 * stack of addresses behind its own short lock; the cached-bytes bound is one atomic counter.
 *
 * <p><b>Lifetime.</b> {@link #trim()} frees every cached chunk now; {@link #close()} trims and stops caching, so
 * buffers released afterwards (for example the leaked buffers of a closed allocator, once someone closes them) are
 * freed directly. A pool may serve several root allocators; {@link QuiverAllocators#newRoot(long)} gives each root
 * its own pool and closes it with the root.
 */
public final class BufferPool implements AllocationManager.Factory, AutoCloseable {

  /** The smallest size class, in bytes; smaller requests take a chunk of this size. */
  public static final int MIN_CLASS_SIZE = 64;

  /** The default bound on cached (freed, not yet reused) bytes: 64 MiB. */
  public static final long DEFAULT_MAX_CACHED_BYTES = 64L << 20;

  /** The default largest pooled request: 16 MiB (Arrow's rounding chunk size); larger requests bypass the pool. */
  public static final long DEFAULT_MAX_POOLED_SIZE = 16L << 20;

  private static final int MIN_SHIFT = Integer.numberOfTrailingZeros(MIN_CLASS_SIZE);

  private final long maxCachedBytes;
  private final long maxPooledSize;
  private final SizeClass[] classes;
  private final AtomicLong cachedBytes = new AtomicLong();
  private final LongAdder reused = new LongAdder();
  private final LongAdder allocated = new LongAdder();
  private volatile boolean closed;

  /** A pool with {@link #DEFAULT_MAX_CACHED_BYTES} and {@link #DEFAULT_MAX_POOLED_SIZE}. */
  public BufferPool() {
    this(DEFAULT_MAX_CACHED_BYTES, DEFAULT_MAX_POOLED_SIZE);
  }

  /**
   * @param maxCachedBytes the most bytes kept in the free lists at once, {@code >= 0} (0 caches nothing)
   * @param maxPooledSize the largest request served from a size class, in bytes, from {@value #MIN_CLASS_SIZE} to
   *     {@code 2^30}; rounded up to a power of two. Larger requests are allocated and freed directly
   * @throws IllegalArgumentException when a bound is out of range
   */
  public BufferPool(long maxCachedBytes, long maxPooledSize) {
    if (maxCachedBytes < 0) {
      throw new IllegalArgumentException("maxCachedBytes must be >= 0: " + maxCachedBytes);
    }
    if (maxPooledSize < MIN_CLASS_SIZE || maxPooledSize > (1L << 30)) {
      throw new IllegalArgumentException("maxPooledSize must be in [" + MIN_CLASS_SIZE + ", 2^30]: "
          + maxPooledSize);
    }
    int maxShift = shiftFor(maxPooledSize);
    this.maxCachedBytes = maxCachedBytes;
    this.maxPooledSize = 1L << maxShift;
    this.classes = new SizeClass[maxShift - MIN_SHIFT + 1];
    for (int i = 0; i < classes.length; i++) {
      classes[i] = new SizeClass(1L << (i + MIN_SHIFT));
    }
  }

  /**
   * Called by Arrow's allocators for each new allocation of {@code size} bytes (already rounded by the allocator's
   * rounding policy and already accounted by it).
   *
   * @throws OutOfMemoryError when the native allocation fails even after the pool freed its cached chunks
   */
  @Override
  public AllocationManager create(BufferAllocator accountingAllocator, long size) {
    if (size <= 0 || size > maxPooledSize || closed) {
      return new PooledAllocationManager(accountingAllocator, size, allocate(size), this, null);
    }
    SizeClass sizeClass = classes[shiftFor(size) - MIN_SHIFT];
    long address = sizeClass.pop();
    if (address != 0) {
      cachedBytes.addAndGet(-sizeClass.bytes);
      reused.increment();
    } else {
      address = allocate(sizeClass.bytes);
      allocated.increment();
    }
    return new PooledAllocationManager(accountingAllocator, size, address, this, sizeClass);
  }

  /** Arrow's shared zero-length buffer (the Unsafe back-end's). */
  @Override
  public ArrowBuf empty() {
    return UnsafeAllocationManager.FACTORY.empty();
  }

  /** Takes back a chunk whose last reference Arrow released: cached when it fits under the bound, else freed. */
  void release(long address, SizeClass sizeClass) {
    if (sizeClass == null || closed || !reserve(sizeClass.bytes)) {
      MemoryUtil.freeMemory(address);
      return;
    }
    if (!sizeClass.push(address, this)) {
      cachedBytes.addAndGet(-sizeClass.bytes);
      MemoryUtil.freeMemory(address);
    }
  }

  private boolean reserve(long bytes) {
    while (true) {
      long current = cachedBytes.get();
      if (current + bytes > maxCachedBytes) {
        return false;
      }
      if (cachedBytes.compareAndSet(current, current + bytes)) {
        return true;
      }
    }
  }

  /** {@code malloc(size)}; when that fails, frees the cached chunks and tries once more. */
  private long allocate(long size) {
    try {
      return MemoryUtil.allocateMemory(size);
    } catch (OutOfMemoryError e) {
      if (trim() == 0) {
        throw e;
      }
      return MemoryUtil.allocateMemory(size);
    }
  }

  /**
   * Frees every cached chunk.
   *
   * @return the bytes freed
   */
  public long trim() {
    long freed = 0;
    for (SizeClass sizeClass : classes) {
      freed += sizeClass.drain();
    }
    cachedBytes.addAndGet(-freed);
    return freed;
  }

  /** The bytes held in the free lists now: freed by their buffers, not yet reused or trimmed. */
  public long cachedBytes() {
    return cachedBytes.get();
  }

  /** How many allocations were served from a free list since the pool was made. */
  public long reusedCount() {
    return reused.sum();
  }

  /** How many pooled-class allocations needed a new native allocation (requests that bypass the pool excluded). */
  public long allocatedCount() {
    return allocated.sum();
  }

  /** The bound on cached bytes given at construction. */
  public long maxCachedBytes() {
    return maxCachedBytes;
  }

  /** The largest request served from a size class (a power of two); larger ones bypass the pool. */
  public long maxPooledSize() {
    return maxPooledSize;
  }

  boolean isClosed() {
    return closed;
  }

  /** Stops caching and frees every cached chunk. Buffers still live are freed directly when released. Idempotent. */
  @Override
  public void close() {
    closed = true;
    trim();
  }

  @Override
  public String toString() {
    return "BufferPool[cached=" + cachedBytes() + "/" + maxCachedBytes + " bytes, reused=" + reusedCount()
        + ", allocated=" + allocatedCount() + ", maxPooledSize=" + maxPooledSize + "]";
  }

  /** The power {@code k} of the smallest class {@code 2^k >= size}, at least {@link #MIN_SHIFT}. */
  static int shiftFor(long size) {
    return Math.max(MIN_SHIFT, 64 - Long.numberOfLeadingZeros(size - 1));
  }

  /** One size class: a stack of free chunk addresses of {@code bytes} bytes each. */
  static final class SizeClass {
    final long bytes;
    private long[] addresses = new long[4];
    private int count;

    SizeClass(long bytes) {
      this.bytes = bytes;
    }

    /** The address of a cached chunk, or 0 when none is cached. */
    synchronized long pop() {
      return count == 0 ? 0 : addresses[--count];
    }

    /** Caches a chunk; false (and nothing cached) once the pool is closed, so close() cannot miss it. */
    synchronized boolean push(long address, BufferPool pool) {
      if (pool.isClosed()) {
        return false;
      }
      if (count == addresses.length) {
        addresses = java.util.Arrays.copyOf(addresses, count * 2);
      }
      addresses[count++] = address;
      return true;
    }

    /** Frees every cached chunk; returns the bytes freed. */
    synchronized long drain() {
      for (int i = 0; i < count; i++) {
        MemoryUtil.freeMemory(addresses[i]);
      }
      long freed = count * bytes;
      count = 0;
      return freed;
    }
  }
}
