package dev.quiver.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.bench.checksum.Digest;
import dev.quiver.bench.data.DatasetFile;
import dev.quiver.bench.engine.DuckDbEngine;
import dev.quiver.bench.engine.ParquetJavaColumnEngine;
import dev.quiver.store.local.LocalFileSystem;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link WriteBenchmark} once over a tiny lineitem; the file Quiver wrote, scanned by parquet-java and by
 * DuckDB, has the digest of the source file.
 */
class WriteBenchmarkTest {
  @TempDir
  Path data;

  @Test
  void writesWhatItRead() throws Exception {
    WriteBenchmark b = new WriteBenchmark();
    b.codec = "ZSTD";
    b.sf = 0.0005;
    b.dataFolder = data;
    b.setup();
    try {
      assertTrue(b.write() > 0);
      Path out = data.resolve("out");
      java.nio.file.Files.createDirectories(out);
      try (LocalFileSystem fs = new LocalFileSystem(out)) {
        b.writeTo(fs, "lineitem.parquet");
      }
      DatasetFile written = new DatasetFile(b.source.table(), b.source.writer(), b.source.codec(),
          out.resolve("lineitem.parquet"), b.source.projection(), false);
      Digest expected = new ParquetJavaColumnEngine().scan(b.source, null);
      assertEquals(java.util.List.of(), new ParquetJavaColumnEngine().scan(written, null).differences(expected));
      try (DuckDbEngine duckdb = new DuckDbEngine(1)) {
        assertEquals(java.util.List.of(), duckdb.scan(written, null).differences(expected));
      }
    } finally {
      b.tearDown();
    }
  }
}
