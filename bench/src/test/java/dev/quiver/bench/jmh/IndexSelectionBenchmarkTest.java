package dev.quiver.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs both of {@link IndexSelectionBenchmark}'s methods once per width and share, checking every selected value
 * against the values parquet-java's encoder was given.
 */
class IndexSelectionBenchmarkTest {
  @ParameterizedTest
  @CsvSource({"4,2", "6,15", "12,25", "12,50"})
  void bothWaysReadTheSelectedValues(int bitWidth, int percent) {
    IndexSelectionBenchmark b = new IndexSelectionBenchmark();
    b.bitWidth = bitWidth;
    b.percent = percent;
    b.setup();
    assertTrue(b.count > 0);
    int last = b.values[b.positions[b.count - 1]];
    assertEquals(last, b.gather());
    check(b);
    java.util.Arrays.fill(b.out, -1);
    assertEquals(last, b.unpack());
    check(b);
  }

  private static void check(IndexSelectionBenchmark b) {
    for (int i = 0; i < b.count; i++) {
      assertEquals(b.values[b.positions[i]], b.out[i], "selected value " + i);
    }
  }
}
