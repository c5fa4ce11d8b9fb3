package dev.quiver.exec.op;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters one operator keeps while running (thread-safe: parallel children may add to a shared parent's
 * counters): rows in and out, batches out, wall time in the operator including its inputs (nanoseconds), peak
 * bytes of state held, and for scans row groups read and skipped and bytes read.
 */
public final class OperatorStats {
  /** Rows taken from the inputs. */
  public final AtomicLong rowsIn = new AtomicLong();
  /** Rows returned. */
  public final AtomicLong rowsOut = new AtomicLong();
  /** Batches returned. */
  public final AtomicLong batchesOut = new AtomicLong();
  /** Nanoseconds spent in {@code next()}, inputs included. */
  public final AtomicLong nanos = new AtomicLong();
  /** Peak bytes of buffered state (hash tables, sort buffers). */
  public final AtomicLong peakBytes = new AtomicLong();
  /** Row groups read (scans). */
  public final AtomicLong rowGroupsRead = new AtomicLong();
  /** Row groups skipped by statistics or partition values (scans). */
  public final AtomicLong rowGroupsSkipped = new AtomicLong();
  /** Compressed column-chunk bytes read (scans). */
  public final AtomicLong bytesRead = new AtomicLong();

  /** Raises the peak to {@code bytes} when higher. */
  public void peak(long bytes) {
    peakBytes.accumulateAndGet(bytes, Math::max);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append("rows in=").append(rowsIn.get()).append(" out=").append(rowsOut.get())
        .append(" batches=").append(batchesOut.get())
        .append(String.format(" time=%.3fms", nanos.get() / 1e6));
    if (peakBytes.get() > 0) {
      sb.append(" peak=").append(peakBytes.get()).append('B');
    }
    if (rowGroupsRead.get() + rowGroupsSkipped.get() > 0) {
      sb.append(" row_groups read=").append(rowGroupsRead.get()).append(" skipped=").append(rowGroupsSkipped.get())
          .append(" bytes_read=").append(bytesRead.get());
    }
    return sb.toString();
  }
}
