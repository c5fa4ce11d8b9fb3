package dev.quiver.bench.jmh;

import dev.quiver.bench.Floors;
import dev.quiver.bench.data.Codec;
import dev.quiver.bench.data.Datasets;
import dev.quiver.bench.data.DatasetFile;
import dev.quiver.bench.data.Writer;
import java.io.IOException;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Each codec's decompression of real pages: every page (dictionary and data) of TPC-H lineitem at scale factor
 * {@code sf} written by parquet-java (v1 pages) with that codec, decompressed page by page with Quiver's codec
 * ({@link dev.quiver.codec.CompressionCodecs}). Score: milliseconds per pass over all pages; the setup prints the
 * bytes, so GB/s = bytes / time. The file is generated into the dataset cache ({@code -Dquiver.bench.data}, else
 * {@code $QUIVER_BENCH_DATA}, else {@code bench/target/datasets}) on first use.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.nio=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DecompressionBenchmark {
  /** The codec. */
  @Param({"SNAPPY", "ZSTD", "GZIP", "LZ4_RAW"})
  public String codec;

  /** The TPC-H scale factor of the file. */
  @Param({"0.1"})
  public double sf;

  /** Where datasets are cached; null: the default (see the class comment). */
  public Path dataFolder;

  Floors.Pages pages;
  byte[] out;

  /**
   * Generates (once) and loads the file's pages.
   *
   * @throws IOException when the file cannot be read
   */
  @Setup
  public void setup() throws IOException {
    Datasets datasets = new Datasets(dataFolder != null ? dataFolder : BenchData.folder(), sf);
    DatasetFile file = datasets.ensureFlat(datasets.lineitem(),
        List.of(new Datasets.Variant(Writer.PARQUET_JAVA_V1, Codec.valueOf(codec))), System.err).get(0);
    pages = Floors.loadPages(file.path(), null);
    out = new byte[pages.maxUncompressedPage()];
    System.err.printf("%s: %d pages, %d bytes stored, %d bytes decompressed%n", codec, pages.count(),
        pages.compressedBytes(), pages.uncompressedBytes());
  }

  /** Decompresses every page once. */
  @Benchmark
  public long decompress() {
    return Floors.decompressOnce(pages, out);
  }

}
