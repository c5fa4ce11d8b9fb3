package dev.quiver.bench.engine;

import dev.quiver.bench.checksum.ArrowDigester;
import dev.quiver.bench.checksum.Digest;
import dev.quiver.bench.data.DatasetFile;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.dataset.file.FileFormat;
import org.apache.arrow.dataset.file.FileSystemDatasetFactory;
import org.apache.arrow.dataset.jni.NativeMemoryPool;
import org.apache.arrow.dataset.scanner.ScanOptions;
import org.apache.arrow.dataset.scanner.Scanner;
import org.apache.arrow.dataset.source.Dataset;
import org.apache.arrow.dataset.source.DatasetFactory;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Arrow Dataset: Arrow C++'s Parquet reader through JNI, batches exported to Java Arrow vectors through the C data
 * interface and folded by {@link ArrowDigester}. Arrow C++ decodes on its own CPU thread pool, whose size is fixed
 * when the library loads: {@code OMP_NUM_THREADS=1} in the environment (bench/run.sh sets it) makes it one thread.
 */
public final class ArrowDatasetEngine implements Engine {
  /** Rows per batch, as Quiver's default. */
  static final long BATCH_SIZE = 65536;

  @Override
  public String name() {
    return "arrow-dataset";
  }

  /** How many CPU threads Arrow C++ may decode with, as the environment sets it ("default" when unset). */
  public static String cpuThreads() {
    String env = System.getenv("OMP_NUM_THREADS");
    return env == null ? "default" : env;
  }

  @Override
  public Digest scan(DatasetFile file, List<String> columns) throws Exception {
    Digest digest = new Digest();
    long rows = 0;
    Optional<String[]> projection = Optional.ofNullable(columns == null ? null : columns.toArray(new String[0]));
    try (BufferAllocator allocator = new RootAllocator();
         DatasetFactory factory = new FileSystemDatasetFactory(allocator, NativeMemoryPool.getDefault(),
             FileFormat.PARQUET, file.path().toUri().toString());
         Dataset dataset = factory.finish();
         Scanner scanner = dataset.newScan(new ScanOptions(BATCH_SIZE, projection));
         ArrowReader reader = scanner.scanBatches()) {
      while (reader.loadNextBatch()) {
        VectorSchemaRoot batch = reader.getVectorSchemaRoot();
        ArrowDigester.fold(batch, digest);
        rows += batch.getRowCount();
      }
    }
    digest.rows(rows);
    return digest;
  }
}
