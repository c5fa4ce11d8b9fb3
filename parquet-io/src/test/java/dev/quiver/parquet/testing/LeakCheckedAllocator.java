package dev.quiver.parquet.testing;

import dev.quiver.columnar.QuiverAllocators;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * A root allocator for one test that fails the test on close when any buffer is still allocated. Use in
 * try-with-resources; Arrow's own {@code RootAllocator.close()} throws {@link IllegalStateException} on a leak,
 * which this keeps, adding what leaked to the message. The root is pooled ({@link QuiverAllocators#newRoot(long)}),
 * as Quiver's own entry points are, so every reader test also runs on recycled memory.
 */
public final class LeakCheckedAllocator implements AutoCloseable {
  private final RootAllocator root = QuiverAllocators.newRoot(Long.MAX_VALUE);

  /** The allocator to pass to the code under test. */
  public BufferAllocator get() {
    return root;
  }

  @Override
  public void close() {
    long leaked = root.getAllocatedMemory();
    if (leaked != 0) {
      String detail = root.toVerboseString();
      try {
        root.close();
      } catch (IllegalStateException ignored) {
        // reported below with the detail
      }
      throw new AssertionError("Arrow memory leak: " + leaked + " bytes still allocated\n" + detail);
    }
    root.close();
  }
}
