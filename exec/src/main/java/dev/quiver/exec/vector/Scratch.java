package dev.quiver.exec.vector;

import java.util.ArrayList;
import java.util.List;

/**
 * A per-thread arena of value arrays for columns that live for one batch only. An operator that consumes every
 * batch before it asks for the next, and whose inputs buffer nothing (a hash aggregation right above scans),
 * {@link #open}s an arena on its thread and {@link #reset}s it after each batch; while it is open, the kernels that
 * make a batch's columns (the scan's conversion from Arrow, gathers, arithmetic) take their arrays from it with
 * {@link #longs} and {@link #bytes}, so the same few arrays are written batch after batch (they stay in the CPU
 * caches, and the heap sees no garbage from them). With no arena open on the thread, the same calls allocate fresh
 * arrays, as before.
 *
 * <p>An array handed out may be longer than asked for and holds stale values: callers write every entry they use.
 * It is valid until the arena's next {@link #reset}: a column built on one may be handed up the operator chain but
 * must not be kept across batches (accumulators and group tables copy what they keep).
 */
public final class Scratch implements AutoCloseable {
  private static final ThreadLocal<Scratch> CURRENT = new ThreadLocal<>();
  private final List<long[]> longs = new ArrayList<>();
  private final List<byte[]> bytes = new ArrayList<>();
  private int longsUsed;
  private int bytesUsed;
  private final Scratch outer;

  private Scratch(Scratch outer) {
    this.outer = outer;
  }

  /**
   * Opens an arena on the calling thread (replacing any open one until this one is closed); close it on the same
   * thread.
   */
  public static Scratch open() {
    Scratch s = new Scratch(CURRENT.get());
    CURRENT.set(s);
    return s;
  }

  /** Makes every array handed out so far free for reuse: the columns built on them must no longer be read. */
  public void reset() {
    longsUsed = 0;
    bytesUsed = 0;
  }

  /**
   * The calling thread's arena position (0 when none is open), for {@link #rollBack}: a producer that drops what
   * it built (a batch its filter emptied) gives the arrays back, so the arena does not grow until the next reset.
   */
  public static long mark() {
    Scratch s = CURRENT.get();
    return s == null ? 0 : ((long) s.longsUsed << 32) | s.bytesUsed;
  }

  /**
   * Frees the arrays handed out on the calling thread since {@code mark} (from {@link #mark} on this thread, with
   * no reset in between); nothing built on them may be read afterwards. No effect when no arena is open.
   */
  public static void rollBack(long mark) {
    Scratch s = CURRENT.get();
    if (s != null) {
      s.longsUsed = (int) (mark >>> 32);
      s.bytesUsed = (int) mark;
    }
  }

  /** Closes the arena: the thread's previous arena (or none) is current again; the arrays are dropped. */
  @Override
  public void close() {
    if (outer == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(outer);
    }
    longs.clear();
    bytes.clear();
  }

  /**
   * A long array of at least {@code n} entries (contents arbitrary): from the calling thread's open arena, or a new
   * array of exactly {@code n} entries when none is open.
   */
  public static long[] longs(int n) {
    Scratch s = CURRENT.get();
    if (s == null) {
      return new long[n];
    }
    int slot = s.longsUsed++;
    if (slot < s.longs.size()) {
      long[] a = s.longs.get(slot);
      if (a.length >= n) {
        return a;
      }
      a = new long[n];
      s.longs.set(slot, a);
      return a;
    }
    long[] a = new long[n];
    s.longs.add(a);
    return a;
  }

  /**
   * A byte array of at least {@code n} entries (contents arbitrary): from the calling thread's open arena, or a new
   * array of exactly {@code n} entries when none is open.
   */
  public static byte[] bytes(int n) {
    Scratch s = CURRENT.get();
    if (s == null) {
      return new byte[n];
    }
    int slot = s.bytesUsed++;
    if (slot < s.bytes.size()) {
      byte[] a = s.bytes.get(slot);
      if (a.length >= n) {
        return a;
      }
      a = new byte[n];
      s.bytes.set(slot, a);
      return a;
    }
    byte[] a = new byte[n];
    s.bytes.add(a);
    return a;
  }
}
