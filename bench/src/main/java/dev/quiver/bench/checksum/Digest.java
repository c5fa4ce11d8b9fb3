package dev.quiver.bench.checksum;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one engine's scan of one file folded: the row count and, per column (top-level name, or dotted leaf path for
 * nested data), the sum modulo 2^64 of the {@link Hashes} of every value, nulls included. Also carries how many
 * bytes the scan decoded, when the engine knows (Arrow-layout bytes), which is not part of the comparison.
 *
 * <p>Mutable while an engine folds into it; {@link #merge} adds another digest's columns (a second thread's
 * columns of the same rows), {@link #mergeRowSplit} another's rows (a second thread's row groups).
 */
public final class Digest {
  private long rows = -1;
  private final Map<String, Long> columns = new LinkedHashMap<>();
  private long decodedBytes;
  private long foldNanos;

  /** Sets the row count; two threads of one scan must agree on it. */
  public void rows(long count) {
    if (rows >= 0 && rows != count) {
      throw new IllegalStateException("row counts differ: " + rows + " and " + count);
    }
    rows = count;
  }

  /** The row count, or -1 when not set. */
  public long rows() {
    return rows;
  }

  /** Adds {@code hashSum} (mod 2^64) to column {@code name}'s sum, creating it at 0. */
  public void add(String name, long hashSum) {
    columns.merge(name, hashSum, Long::sum);
  }

  /** Adds {@code bytes} to the decoded byte count. */
  public void addDecodedBytes(long bytes) {
    decodedBytes += bytes;
  }

  /** Bytes of the Arrow vectors the scan produced (0 for engines that do not produce Arrow). */
  public long decodedBytes() {
    return decodedBytes;
  }

  /** Column name to hash sum, in the order first added. */
  public Map<String, Long> columns() {
    return columns;
  }

  /** Adds {@code nanos} to the time spent folding (hashing) values rather than reading them. */
  public void addFoldNanos(long nanos) {
    foldNanos += nanos;
  }

  /**
   * Nanoseconds the engine spent folding values into this digest, when it measures that apart from reading (the
   * Arrow engines do; 0 otherwise). Summed over threads.
   */
  public long foldNanos() {
    return foldNanos;
  }

  /** Adds {@code other}'s columns and decoded bytes to this digest and checks the row counts agree. */
  public void merge(Digest other) {
    if (other.rows >= 0) {
      rows(other.rows);
    }
    other.columns.forEach(this::add);
    decodedBytes += other.decodedBytes;
    foldNanos += other.foldNanos;
  }

  /**
   * Adds the digest of another part of the same scan that read other rows (a second thread's row groups): row
   * counts and column sums add up.
   */
  public void mergeRowSplit(Digest other) {
    if (other.rows >= 0) {
      rows = (rows < 0 ? 0 : rows) + other.rows;
    }
    other.columns.forEach(this::add);
    decodedBytes += other.decodedBytes;
    foldNanos += other.foldNanos;
  }

  /**
   * The differences between this digest, the reference, and {@code other}: one line per disagreeing column (or row
   * count), empty when they agree. Columns are compared by name, in any order; a column on one side only is a
   * difference.
   */
  public List<String> differences(Digest other) {
    List<String> out = new ArrayList<>();
    if (rows != other.rows) {
      out.add("row count: expected " + rows + ", got " + other.rows);
    }
    for (Map.Entry<String, Long> e : columns.entrySet()) {
      Long theirs = other.columns.get(e.getKey());
      if (theirs == null) {
        out.add("column " + e.getKey() + ": missing");
      } else if (!theirs.equals(e.getValue())) {
        out.add(String.format("column %s: expected %016x, got %016x", e.getKey(), e.getValue(), theirs));
      }
    }
    for (String name : other.columns.keySet()) {
      if (!columns.containsKey(name)) {
        out.add("column " + name + ": unexpected");
      }
    }
    return out;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("rows=").append(rows);
    columns.forEach((k, v) -> sb.append(' ').append(k).append('=').append(String.format("%016x", v)));
    return sb.toString();
  }
}
