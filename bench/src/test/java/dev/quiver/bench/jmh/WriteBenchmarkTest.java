package dev.quiver.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.bench.checksum.Digest;
import dev.quiver.bench.data.Codec;
import dev.quiver.bench.data.DatasetFile;
import dev.quiver.bench.data.Writer;
import dev.quiver.bench.engine.DuckDbEngine;
import dev.quiver.bench.engine.ParquetJavaColumnEngine;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link WriteBenchmark} once per engine over a tiny lineitem; parquet-java's column reader and DuckDB must read
 * back from the written file the same values parquet-java reads from the source file.
 */
class WriteBenchmarkTest {
  @TempDir
  Path data;

  @ParameterizedTest
  @CsvSource({"quiver,SNAPPY", "quiver,ZSTD", "pj-column,SNAPPY", "pj-column,UNCOMPRESSED", "pj-record,ZSTD"})
  void writesWhatItRead(String engine, String codec) throws Exception {
    WriteBenchmark b = new WriteBenchmark();
    b.engine = engine;
    b.codec = codec;
    b.sf = 0.0005;
    b.dataFolder = data;
    b.setup();
    try {
      long size = b.write();
      assertTrue(size > 0);
      ParquetJavaColumnEngine pj = new ParquetJavaColumnEngine();
      DatasetFile source = new DatasetFile("lineitem", Writer.DUCKDB, Codec.SNAPPY,
          data.resolve("lineitem-sf0.0005-duckdb-snappy-g1.parquet"), List.of(), false);
      Digest expected = pj.scan(source, null);
      Digest written = pj.scan(new DatasetFile("lineitem", Writer.DUCKDB, Codec.valueOf(codec), b.out, List.of(),
          false), null);
      assertTrue(expected.rows() > 1000, "rows " + expected.rows());
      assertEquals(expected.rows(), written.rows());
      assertEquals(List.of(), expected.differences(written));
      assertEquals(List.of(), expected.differences(b.source.digest()));
      try (DuckDbEngine duckdb = new DuckDbEngine(1)) {
        assertEquals(List.of(), expected.differences(duckdb.scan(new DatasetFile("lineitem", Writer.DUCKDB,
            Codec.valueOf(codec), b.out, List.of(), false), null)));
      }
    } finally {
      b.tearDown();
    }
  }
}
