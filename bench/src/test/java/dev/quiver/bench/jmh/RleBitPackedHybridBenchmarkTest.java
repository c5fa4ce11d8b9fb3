package dev.quiver.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Runs {@link RleBitPackedHybridBenchmark} once per shape and some widths, checking the decoded values. */
class RleBitPackedHybridBenchmarkTest {
  @ParameterizedTest
  @CsvSource({"1,packed", "3,packed", "8,rle", "17,packed", "32,rle"})
  void decodesWhatParquetJavaEncoded(int bitWidth, String shape) {
    RleBitPackedHybridBenchmark b = new RleBitPackedHybridBenchmark();
    b.bitWidth = bitWidth;
    b.shape = shape;
    b.setup();
    assertEquals(b.expected[RleBitPackedHybridBenchmark.VALUES - 1], b.decode());
    assertArrayEquals(b.expected, b.out);
  }
}
