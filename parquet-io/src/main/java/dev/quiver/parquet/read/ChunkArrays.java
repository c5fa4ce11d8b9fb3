package dev.quiver.parquet.read;

import dev.quiver.store.ReadArrays;
import java.util.ArrayList;
import java.util.List;

/**
 * The heap arrays a batch reader lends its store for a row group's column chunks ({@link ReadArrays}), reused row
 * group after row group. Arrays are lent by size, not by read slot: for each read of a request the shortest free
 * array that is long enough, else a new one a quarter longer than asked; after the request the arrays it did not use
 * are dropped. So what stays held is about one row group's projected column chunks (each array up to a quarter
 * longer), whichever columns land in which read.
 */
final class ChunkArrays implements ReadArrays {
  private final List<byte[]> pool = new ArrayList<>();
  private final List<byte[]> lent = new ArrayList<>();

  /** Starts a request: every pooled array is free again (the previous request's buffers are no longer read). */
  void startRequest() {
    pool.addAll(lent);
    lent.clear();
  }

  /** Ends a request: the arrays it did not use are dropped, so memory follows the latest row group. */
  void endRequest() {
    pool.clear();
  }

  @Override
  public byte[] array(int slot, int length) {
    int best = -1;
    for (int i = 0; i < pool.size(); i++) {
      int size = pool.get(i).length;
      if (size >= length && (best < 0 || size < pool.get(best).length)) {
        best = i;
      }
    }
    byte[] a = best >= 0 ? pool.remove(best)
        : new byte[(int) Math.min(Integer.MAX_VALUE - 16, Math.max(length, length + (long) (length >> 2)))];
    lent.add(a);
    return a;
  }

  /** Bytes of the arrays held (lent in the last request), for tests. */
  long heldBytes() {
    long total = 0;
    for (byte[] a : lent) {
      total += a.length;
    }
    for (byte[] a : pool) {
      total += a.length;
    }
    return total;
  }

  /** Drops every array. */
  void clear() {
    pool.clear();
    lent.clear();
  }
}
