package dev.quiver.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Plans the reads behind {@link ObjectStore#getRanges}: ranges that overlap, touch, or lie closer together than a
 * gap are merged into one span, so that many small ranges cost one request (or one system call) each group. The
 * bytes in the gaps are read and thrown away; that is cheaper than another request when the gap is small.
 *
 * <p>A span never grows past a size limit by merging, though a single range longer than the limit forms a span of
 * its own (it is never split here). Stateless and thread-safe.
 */
public final class RangeCoalescer {

  /**
   * One read: the bytes of {@code range}, out of which the requested ranges at positions {@code members} of the
   * input list are cut. Each member range lies inside {@code range}.
   *
   * @param range the bytes to read, {@code [first member offset, last member end)}
   * @param members indexes into the list given to {@link #coalesce}, in increasing offset order
   */
  public record Span(ByteRange range, List<Integer> members) {
    public Span {
      Objects.requireNonNull(range, "range");
      members = List.copyOf(members);
    }
  }

  private RangeCoalescer() {}

  /**
   * Groups {@code ranges} into spans, in increasing offset order. Every input index appears in exactly one span.
   *
   * @param ranges the requested ranges, in any order, overlapping or not
   * @param maxGap ranges whose gap to the current span is at most this many bytes join it; {@code >= 0}
   * @param maxSpanLength merging stops before a span would grow past this many bytes; in
   *     {@code [1, ByteRange.MAX_LENGTH]}
   * @return the spans, in increasing offset order; empty for no ranges
   * @throws IllegalArgumentException for a negative gap or a span limit outside its bounds
   * @throws NullPointerException when {@code ranges} or one of its elements is null
   */
  public static List<Span> coalesce(List<ByteRange> ranges, long maxGap, int maxSpanLength) {
    if (maxGap < 0) {
      throw new IllegalArgumentException("maxGap must be >= 0, got " + maxGap);
    }
    if (maxSpanLength < 1 || maxSpanLength > ByteRange.MAX_LENGTH) {
      throw new IllegalArgumentException("maxSpanLength must be in [1, " + ByteRange.MAX_LENGTH + "], got "
          + maxSpanLength);
    }
    Integer[] order = new Integer[ranges.size()];
    for (int i = 0; i < order.length; i++) {
      Objects.requireNonNull(ranges.get(i), "ranges[" + i + "]");
      order[i] = i;
    }
    Arrays.sort(order, Comparator.<Integer>comparingLong(i -> ranges.get(i).offset())
        .thenComparingLong(i -> ranges.get(i).end()));

    List<Span> spans = new ArrayList<>();
    List<Integer> members = new ArrayList<>();
    long start = 0;
    long end = 0;
    for (int index : order) {
      ByteRange range = ranges.get(index);
      if (!members.isEmpty()) {
        long mergedEnd = Math.max(end, range.end());
        // range.offset() >= start (sorted), so the gap may be negative (overlap) but never overflows.
        if (range.offset() - end <= maxGap && mergedEnd - start <= maxSpanLength) {
          members.add(index);
          end = mergedEnd;
          continue;
        }
        spans.add(new Span(new ByteRange(start, end - start), members));
        members.clear();
      }
      members.add(index);
      start = range.offset();
      end = range.end();
    }
    if (!members.isEmpty()) {
      spans.add(new Span(new ByteRange(start, end - start), members));
    }
    return spans;
  }
}
