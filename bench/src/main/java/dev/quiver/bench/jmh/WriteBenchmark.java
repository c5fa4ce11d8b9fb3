package dev.quiver.bench.jmh;

import dev.quiver.bench.data.Codec;
import dev.quiver.bench.data.DatasetFile;
import dev.quiver.bench.data.Datasets;
import dev.quiver.bench.data.Writer;
import dev.quiver.codec.CodecName;
import dev.quiver.parquet.read.ParquetBatchReader;
import dev.quiver.parquet.read.ParquetFileReader;
import dev.quiver.parquet.read.ReadOptions;
import dev.quiver.parquet.write.ParquetWriter;
import dev.quiver.parquet.write.WriterProperties;
import dev.quiver.store.ObjectStore;
import dev.quiver.store.memory.InMemoryStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
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
 * Quiver's writer: TPC-H lineitem at scale factor {@code sf}, held in memory as Arrow batches (read once from the
 * DuckDB-written dataset file), written to an in-memory store with {@code codec} and the default properties
 * (dictionary with fallback, data pages v1, statistics with the page index). Score: milliseconds per file.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.nio=ALL-UNNAMED")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class WriteBenchmark {
  /** The codec. */
  @Param({"SNAPPY", "ZSTD", "UNCOMPRESSED"})
  public String codec;

  /** The TPC-H scale factor. */
  @Param({"0.1"})
  public double sf;

  /** Where datasets are cached; null: the default. */
  public Path dataFolder;

  DatasetFile source;
  BufferAllocator allocator;
  Schema schema;
  final List<VectorSchemaRoot> batches = new ArrayList<>();
  InMemoryStore store;

  /** Generates (once) the source file and reads it into Arrow batches. */
  @Setup
  public void setup() {
    Datasets datasets = new Datasets(dataFolder != null ? dataFolder : BenchData.folder(), sf);
    source = datasets.ensureFlat(datasets.lineitem(),
        List.of(new Datasets.Variant(Writer.DUCKDB, Codec.UNCOMPRESSED)), System.err).get(0);
    allocator = new RootAllocator();
    try (ParquetFileReader reader = ParquetFileReader.open(source.path().toString());
        ParquetBatchReader rows = reader.read(allocator, ReadOptions.defaults())) {
      schema = reader.arrowSchema();
      while (rows.hasNext()) {
        batches.add(rows.next());
      }
    }
    store = new InMemoryStore("write-benchmark");
  }

  /** Releases the batches and the store. */
  @TearDown
  public void tearDown() {
    batches.forEach(VectorSchemaRoot::close);
    batches.clear();
    store.close();
    allocator.close();
  }

  /** Writes every batch to {@code store} under {@code key}; returns the file's size in bytes. */
  long writeTo(ObjectStore target, String key) {
    WriterProperties properties = WriterProperties.builder().codec(CodecName.valueOf(codec)).build();
    try (ParquetWriter writer = ParquetWriter.open(target, key, schema, properties)) {
      for (VectorSchemaRoot batch : batches) {
        writer.write(batch);
      }
      writer.close();
      return writer.bytesWritten();
    }
  }

  /** Writes the whole file. */
  @Benchmark
  public long write() {
    return writeTo(store, "lineitem.parquet");
  }
}
