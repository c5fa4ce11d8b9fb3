package dev.quiver.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.bench.s3.RangeWorkload;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link RangeGetBenchmark} once per client and workload over an 8 MiB object; every fetch's bytes must be the
 * object's (checked against the random bytes stored, not against either client).
 */
class RangeGetBenchmarkTest {

  @Test
  void bothClientsFetchEveryWorkloadIntact() throws Exception {
    for (String client : List.of("quiver", "aws-sdk-v2")) {
      for (RangeWorkload workload : RangeWorkload.all(8 << 20)) {
        RangeGetBenchmark b = new RangeGetBenchmark();
        b.client = client;
        b.workload = workload.id();
        b.objectMiB = 8;
        b.setup();
        try {
          List<ByteBuffer> got = b.fetch();
          b.ranges.verify(b.object, got, client);
          assertEquals(workload.ranges().size(), got.size());
          long bytes = got.stream().mapToLong(ByteBuffer::remaining).sum();
          assertEquals(workload.bytes(), bytes, client + ", " + workload.name());
        } finally {
          b.tearDown();
        }
      }
    }
  }
}
