package dev.quiver.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.store.RangeCoalescer.Span;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RangeCoalescerTest {

  @Test
  void nearRangesMergeAndFarOnesDoNot() {
    List<ByteRange> ranges = List.of(
        new ByteRange(1000, 10),  // 0
        new ByteRange(0, 10),     // 1
        new ByteRange(20, 10),    // 2: gap of 10 to range 1
        new ByteRange(25, 2),     // 3: inside range 2
        new ByteRange(31, 5));    // 4: gap of 1
    assertEquals(List.of(
            new Span(new ByteRange(0, 36), List.of(1, 2, 3, 4)),
            new Span(new ByteRange(1000, 10), List.of(0))),
        RangeCoalescer.coalesce(ranges, 10, 1 << 20));
    assertEquals(List.of(
            new Span(new ByteRange(0, 10), List.of(1)),
            new Span(new ByteRange(20, 16), List.of(2, 3, 4)),
            new Span(new ByteRange(1000, 10), List.of(0))),
        RangeCoalescer.coalesce(ranges, 9, 1 << 20));
  }

  @Test
  void spansStopGrowingAtTheLimitButLongRangesStayWhole() {
    List<ByteRange> ranges = List.of(new ByteRange(0, 60), new ByteRange(60, 60), new ByteRange(120, 500));
    assertEquals(List.of(
            new Span(new ByteRange(0, 120), List.of(0, 1)),
            new Span(new ByteRange(120, 500), List.of(2))),
        RangeCoalescer.coalesce(ranges, 0, 128));
  }

  @Test
  void argumentsAreChecked() {
    assertEquals(List.of(), RangeCoalescer.coalesce(List.of(), 0, 1));
    assertThrows(IllegalArgumentException.class, () -> RangeCoalescer.coalesce(List.of(), -1, 1));
    assertThrows(IllegalArgumentException.class, () -> RangeCoalescer.coalesce(List.of(), 0, 0));
    assertThrows(NullPointerException.class,
        () -> RangeCoalescer.coalesce(Collections.singletonList(null), 0, 1));
  }

  @Property(tries = 500)
  void everyRangeLandsInExactlyOneSpanThatHoldsIt(
      @ForAll("ranges") List<ByteRange> ranges,
      @ForAll @IntRange(min = 0, max = 5000) int maxGap,
      @ForAll @IntRange(min = 1, max = 20000) int maxSpan) {
    List<Span> spans = RangeCoalescer.coalesce(ranges, maxGap, maxSpan);
    List<Integer> seen = new ArrayList<>();
    Span previous = null;
    for (Span span : spans) {
      assertTrue(!span.members().isEmpty());
      long firstOffset = Long.MAX_VALUE;
      long lastEnd = Long.MIN_VALUE;
      for (int member : span.members()) {
        ByteRange range = ranges.get(member);
        assertTrue(range.offset() >= span.range().offset() && range.end() <= span.range().end());
        firstOffset = Math.min(firstOffset, range.offset());
        lastEnd = Math.max(lastEnd, range.end());
        seen.add(member);
      }
      // Tight: no bytes read beyond the members.
      assertEquals(new ByteRange(firstOffset, lastEnd - firstOffset), span.range());
      assertTrue(span.members().size() == 1 || span.range().length() <= maxSpan, "span " + span + " too long");
      if (previous != null) {
        assertTrue(span.range().offset() >= previous.range().offset(), "spans in offset order");
      }
      previous = span;
    }
    Collections.sort(seen);
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < ranges.size(); i++) {
      all.add(i);
    }
    assertEquals(all, seen);
  }

  @Provide
  Arbitrary<List<ByteRange>> ranges() {
    return Arbitraries.longs().between(0, 100_000)
        .flatMap(offset -> Arbitraries.longs().between(0, 30_000).map(length -> new ByteRange(offset, length)))
        .list().ofMaxSize(30);
  }
}
