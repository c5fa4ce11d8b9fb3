package dev.quiver.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Runs {@link LevelDecodingBenchmark} once per layout, checking the non-null count. */
class LevelDecodingBenchmarkTest {
  @ParameterizedTest
  @CsvSource({"0.0,scattered", "0.1,scattered", "0.5,clustered"})
  void countsTheNonNullLevels(double nullFraction, String layout) {
    LevelDecodingBenchmark b = new LevelDecodingBenchmark();
    b.nullFraction = nullFraction;
    b.layout = layout;
    b.setup();
    assertEquals(b.expectedNonNull, b.readValidity());
  }
}
