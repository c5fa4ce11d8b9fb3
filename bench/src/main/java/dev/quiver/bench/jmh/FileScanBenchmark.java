package dev.quiver.bench.jmh;

import dev.quiver.bench.checksum.Digest;
import dev.quiver.bench.data.Codec;
import dev.quiver.bench.data.DatasetFile;
import dev.quiver.bench.data.Datasets;
import dev.quiver.bench.data.Writer;
import dev.quiver.bench.engine.QuiverEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole-file scan by Quiver (every column into Arrow batches, folded into the canonical checksum, as the
 * comparison harness does) of TPC-H lineitem at scale factor {@code sf} written by {@code writer} with
 * {@code codec}. Score: milliseconds per scan. Files come from the dataset cache (see
 * {@link DecompressionBenchmark}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.nio=ALL-UNNAMED")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FileScanBenchmark {
  /** The codec. */
  @Param({"SNAPPY", "ZSTD", "UNCOMPRESSED"})
  public String codec;

  /** The writer: {@code DUCKDB} or {@code PARQUET_JAVA_V1}. */
  @Param({"DUCKDB", "PARQUET_JAVA_V1"})
  public String writer;

  /** The TPC-H scale factor. */
  @Param({"0.1"})
  public double sf;

  /** Where datasets are cached; null: the default. */
  public Path dataFolder;

  DatasetFile file;
  QuiverEngine engine;

  /** Generates (once) the file. */
  @Setup
  public void setup() {
    Datasets datasets = new Datasets(dataFolder != null ? dataFolder : BenchData.folder(), sf);
    file = datasets.ensureFlat(datasets.lineitem(),
        List.of(new Datasets.Variant(Writer.valueOf(writer), Codec.valueOf(codec))), System.err).get(0);
    engine = new QuiverEngine(1);
  }

  /** Releases the engine. */
  @TearDown
  public void tearDown() {
    engine.close();
  }

  /**
   * Scans the whole file.
   *
   * @throws Exception when the scan fails
   */
  @Benchmark
  public Digest scan() throws Exception {
    return engine.scan(file, null);
  }
}
