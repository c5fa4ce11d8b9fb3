package dev.quiver.bench.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness once, on a small object: one timed round, every workload, both clients, bytes checked. */
class RangeGetBenchTest {

  @Test
  void runsEveryWorkloadWithBothClients() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    List<RangeGetBench.Row> rows = RangeGetBench.run(8, 0, 1, new PrintStream(log, true, StandardCharsets.UTF_8));
    assertEquals(RangeWorkload.all(8 << 20).stream().map(RangeWorkload::name).toList(),
        rows.stream().map(row -> row.workload().name()).toList());
    for (RangeGetBench.Row row : rows) {
      assertTrue(row.quiverMs() > 0 && row.sdkMs() > 0, row.toString());
    }
    assertEquals(8, rows.get(0).requests());
    assertTrue(rows.get(2).requests() < rows.get(3).requests(), "coalescing issues fewer GETs");
    String table = RangeGetBench.table(rows);
    assertTrue(table.contains("| 1 MiB ranges | 8 | 8 | 8.0 |"), table);
    assertEquals(8, log.toString(StandardCharsets.UTF_8).lines().count(), "one line per workload and client");
  }

  @Test
  void medianOfOddAndEvenCounts() {
    assertEquals(2.0, RangeGetBench.median(new double[] {3, 1, 2}));
    assertEquals(2.5, RangeGetBench.median(new double[] {4, 1, 3, 2}));
  }
}
