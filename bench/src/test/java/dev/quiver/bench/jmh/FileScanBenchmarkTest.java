package dev.quiver.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.bench.checksum.Digest;
import dev.quiver.bench.engine.ParquetJavaColumnEngine;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@link FileScanBenchmark} once over a tiny file; its digest must match parquet-java's. */
class FileScanBenchmarkTest {
  @TempDir
  Path data;

  @Test
  void scansTheWholeFile() throws Exception {
    FileScanBenchmark b = new FileScanBenchmark();
    b.codec = "SNAPPY";
    b.writer = "DUCKDB";
    b.sf = 0.0005;
    b.dataFolder = data;
    b.setup();
    try {
      Digest d = b.scan();
      assertEquals(java.util.List.of(), new ParquetJavaColumnEngine().scan(b.file, null).differences(d));
    } finally {
      b.tearDown();
    }
  }
}
