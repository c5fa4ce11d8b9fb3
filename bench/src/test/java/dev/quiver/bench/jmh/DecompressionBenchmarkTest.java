package dev.quiver.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs {@link DecompressionBenchmark} once per codec over a tiny generated file. */
class DecompressionBenchmarkTest {
  @TempDir
  static Path data;

  @ParameterizedTest
  @ValueSource(strings = {"SNAPPY", "ZSTD", "GZIP", "LZ4_RAW"})
  void decompressesEveryPage(String codec) throws Exception {
    DecompressionBenchmark b = new DecompressionBenchmark();
    b.codec = codec;
    b.sf = 0.0005;
    b.dataFolder = data;
    b.setup();
    assertTrue(b.pages.count() > 0 && b.pages.uncompressedBytes() > b.pages.compressedBytes() / 2);
    b.decompress();
  }
}
