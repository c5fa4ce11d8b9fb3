package dev.quiver.bench.jmh;

import dev.quiver.bench.data.Codec;
import dev.quiver.bench.data.DatasetFile;
import dev.quiver.bench.data.Datasets;
import dev.quiver.bench.data.Writer;
import dev.quiver.bench.write.ParquetJavaColumnWriteEngine;
import dev.quiver.bench.write.ParquetJavaRecordWriteEngine;
import dev.quiver.bench.write.QuiverWriteEngine;
import dev.quiver.bench.write.SourceBatches;
import dev.quiver.bench.write.WriteEngine;
import dev.quiver.bench.write.WriteSettings;
import java.io.IOException;
import java.nio.file.Files;
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
 * Writing TPC-H lineitem at scale factor {@code sf}, held in memory as Arrow batches (loaded once from the DuckDB
 * SNAPPY file of the dataset cache), to a local Parquet file with {@code codec} by {@code engine}: {@code quiver}
 * (Quiver's ParquetWriter), {@code pj-column} (parquet-java's ColumnWriteStore) or {@code pj-record}
 * (parquet-java's ParquetWriter with a WriteSupport over the Arrow vectors), in the layout of
 * {@link WriteSettings#of}. Score: milliseconds per file written (writer opened to footer written).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.nio=ALL-UNNAMED")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class WriteBenchmark {
  /** The writer: {@code quiver}, {@code pj-column} or {@code pj-record}. */
  @Param({"quiver", "pj-column", "pj-record"})
  public String engine;

  /** The codec. */
  @Param({"SNAPPY", "ZSTD", "UNCOMPRESSED"})
  public String codec;

  /** The TPC-H scale factor. */
  @Param({"0.1"})
  public double sf;

  /** Where datasets are cached; null: the default. */
  public Path dataFolder;

  SourceBatches source;
  WriteEngine writer;
  WriteSettings settings;
  Path out;

  /**
   * Generates (once) the source file and loads it into memory.
   *
   * @throws IOException when the output folder cannot be created
   */
  @Setup
  public void setup() throws IOException {
    Datasets datasets = new Datasets(dataFolder != null ? dataFolder : BenchData.folder(), sf);
    DatasetFile file = datasets.ensureFlat(datasets.lineitem(),
        List.of(new Datasets.Variant(Writer.DUCKDB, Codec.SNAPPY)), System.err).get(0);
    source = new SourceBatches(file.path());
    writer = switch (engine) {
      case "quiver" -> new QuiverWriteEngine();
      case "pj-column" -> new ParquetJavaColumnWriteEngine();
      case "pj-record" -> new ParquetJavaRecordWriteEngine();
      default -> throw new IllegalArgumentException("no write engine " + engine);
    };
    settings = WriteSettings.of(Codec.valueOf(codec));
    out = Files.createTempFile("quiver-write-benchmark", ".parquet");
  }

  /**
   * Releases the batches and deletes the file.
   *
   * @throws IOException when the file cannot be deleted
   */
  @TearDown
  public void tearDown() throws IOException {
    source.close();
    Files.deleteIfExists(out);
  }

  /**
   * Writes the whole table once.
   *
   * @return the size of the written file, bytes
   * @throws Exception when the writer fails
   */
  @Benchmark
  public long write() throws Exception {
    writer.write(source.schema(), source.batches(), out, settings);
    return Files.size(out);
  }
}
