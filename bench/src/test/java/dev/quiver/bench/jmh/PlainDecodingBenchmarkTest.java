package dev.quiver.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Runs every {@link PlainDecodingBenchmark} method once (twice, to reuse the vectors), then checks no leak. */
class PlainDecodingBenchmarkTest {
  @Test
  void fillsArrowVectors() {
    PlainDecodingBenchmark b = new PlainDecodingBenchmark();
    b.setup();
    try {
      long lastLong = ByteBuffer.wrap(b.longsPage).order(ByteOrder.LITTLE_ENDIAN)
          .getLong((PlainDecodingBenchmark.VALUES - 1) * 8);
      assertEquals(lastLong, b.int64());
      assertEquals(lastLong, b.int64());
      long bytes = b.stringsPage.length - 4L * PlainDecodingBenchmark.VALUES;
      assertEquals(bytes, b.byteArray());
      assertEquals(bytes, b.byteArray());
    } finally {
      b.tearDown(); // the allocator's close fails on a leak
    }
  }
}
