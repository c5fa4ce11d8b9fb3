package dev.quiver.bench.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.store.ByteRange;
import dev.quiver.store.RangeCoalescer;
import dev.quiver.store.s3.S3Config;
import dev.quiver.store.s3.auth.Credentials;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's range sets: inside the object, the shapes described, and a byte check that can fail. */
class RangeWorkloadTest {

  @Test
  void fixedRangesTileTheObject() {
    long size = (64L << 20) + 5;
    RangeWorkload one = RangeWorkload.fixed(size, 1 << 20, "x", "x");
    assertEquals(65, one.ranges().size());
    assertEquals(size, one.bytes());
    assertEquals(new ByteRange(64L << 20, 5), one.ranges().get(64));
  }

  @Test
  void theColumnarPatternHasChunksAndManySmallIndexReads() {
    long size = 128L << 20;
    List<ByteRange> ranges = RangeWorkload.parquetPattern(size);
    // 16 row groups x 5 columns: a column index and an offset index each, and a chunk each.
    assertEquals(16 * 5 * 3, ranges.size());
    for (ByteRange range : ranges) {
      assertTrue(range.offset() >= 4 && range.end() <= size - 64 * 1024 && range.length() > 0, range.toString());
    }
    List<ByteRange> indexes = ranges.subList(0, 160);
    assertTrue(indexes.stream().allMatch(r -> r.length() >= 512 && r.length() < 4096));
    S3Config config = S3Config.of("bucket", "us-east-1", Credentials.of("a", "b"));
    int gets = RangeCoalescer.coalesce(ranges, config.coalesceGap(), config.maxCoalescedRead()).size();
    assertTrue(gets < ranges.size() / 2, "coalescing merges most of them: " + gets + " GETs");
    assertEquals(ranges, RangeWorkload.parquetPattern(size), "the same ranges on every run");
  }

  @Test
  void verifyFindsAChangedByte() {
    byte[] source = new byte[100];
    for (int i = 0; i < source.length; i++) {
      source[i] = (byte) i;
    }
    RangeWorkload workload = new RangeWorkload("w", "w", List.of(new ByteRange(10, 5), new ByteRange(50, 3)), false);
    List<ByteBuffer> good = new ArrayList<>(List.of(ByteBuffer.wrap(source, 10, 5).slice(),
        ByteBuffer.wrap(source, 50, 3).slice()));
    workload.verify(source, good, "c");
    byte[] changed = {50, 51, 0};
    good.set(1, ByteBuffer.wrap(changed));
    assertThrows(IllegalStateException.class, () -> workload.verify(source, good, "c"));
    assertThrows(IllegalStateException.class, () -> workload.verify(source, good.subList(0, 1), "c"));
  }
}
