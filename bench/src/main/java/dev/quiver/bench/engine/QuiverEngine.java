package dev.quiver.bench.engine;

import dev.quiver.bench.checksum.ArrowDigester;
import dev.quiver.bench.checksum.Digest;
import dev.quiver.bench.data.DatasetFile;
import dev.quiver.columnar.QuiverAllocators;
import dev.quiver.parquet.UnsupportedParquetException;
import dev.quiver.parquet.format.RowGroup;
import dev.quiver.parquet.read.ParquetBatchReader;
import dev.quiver.parquet.read.ParquetFileReader;
import dev.quiver.parquet.read.ReadOptions;
import dev.quiver.parquet.schema.SchemaNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Quiver's reader: {@link ParquetFileReader#read} into Arrow batches of the default size, each folded by
 * {@link ArrowDigester} then closed, in a pooled root allocator per scan ({@link QuiverAllocators#newRoot()}, what
 * Quiver's command and README recommend: freed Arrow buffers are reused by the next batches). With two threads the
 * row groups are split into two sets of about equal compressed size, each read by its own batch reader
 * ({@code ReadOptions.withRowGroups}) on its own thread, the way an engine splits a scan across cores. A leak in the
 * allocator fails the scan.
 */
public final class QuiverEngine implements Engine {
  private final int threads;
  private final ExecutorService pool;

  /** @param threads 1 or 2 */
  public QuiverEngine(int threads) {
    if (threads != 1 && threads != 2) {
      throw new IllegalArgumentException("threads must be 1 or 2: " + threads);
    }
    this.threads = threads;
    this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "quiver-scan");
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public String name() {
    return threads == 1 ? "quiver" : "quiver-2t";
  }

  @Override
  public Digest scan(DatasetFile file, List<String> columns) throws Exception {
    try (ParquetFileReader reader = ParquetFileReader.open(file.path().toString());
         BufferAllocator allocator = QuiverAllocators.newRoot()) {
      List<String> names = columns != null ? columns : topLevelNames(reader);
      if (threads == 1) {
        return scanColumns(reader, allocator, names);
      }
      List<List<Integer>> parts = split(reader);
      List<Future<Digest>> futures = new ArrayList<>();
      for (List<Integer> part : parts) {
        futures.add(pool.submit(() -> scan(reader, allocator, ReadOptions.defaults().withColumns(names)
            .withRowGroups(part))));
      }
      Digest digest = new Digest();
      for (Future<Digest> f : futures) {
        try {
          digest.mergeRowSplit(f.get());
        } catch (java.util.concurrent.ExecutionException e) {
          throw e.getCause() instanceof Exception ex ? ex : e;
        }
      }
      return digest;
    } catch (UnsupportedParquetException e) {
      throw new UnsupportedByEngineException(e.getMessage(), e);
    }
  }

  private static Digest scanColumns(ParquetFileReader reader, BufferAllocator allocator, List<String> names) {
    return scan(reader, allocator, ReadOptions.defaults().withColumns(names));
  }

  private static Digest scan(ParquetFileReader reader, BufferAllocator allocator, ReadOptions options) {
    Digest digest = new Digest();
    long rows = 0;
    try (ParquetBatchReader batches = reader.read(allocator, options)) {
      while (batches.hasNext()) {
        try (VectorSchemaRoot batch = batches.next()) {
          long start = System.nanoTime();
          ArrowDigester.fold(batch, digest);
          digest.addFoldNanos(System.nanoTime() - start);
          rows += batch.getRowCount();
        }
      }
    }
    digest.rows(rows);
    return digest;
  }

  private static List<String> topLevelNames(ParquetFileReader reader) {
    List<String> names = new ArrayList<>();
    for (SchemaNode n : reader.schema().root().children()) {
      names.add(n.name());
    }
    return names;
  }

  /** Two sets of row groups of about equal compressed size (greedy, largest first); one set for a single group. */
  static List<List<Integer>> split(ParquetFileReader reader) {
    List<RowGroup> groups = reader.metadata().rowGroups();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      order.add(i);
    }
    order.sort((x, y) -> Long.compare(size(groups.get(y)), size(groups.get(x))));
    List<Integer> a = new ArrayList<>();
    List<Integer> b = new ArrayList<>();
    long sa = 0;
    long sb = 0;
    for (int g : order) {
      if (sa <= sb) {
        a.add(g);
        sa += size(groups.get(g));
      } else {
        b.add(g);
        sb += size(groups.get(g));
      }
    }
    List<List<Integer>> parts = new ArrayList<>();
    parts.add(a);
    if (!b.isEmpty()) {
      parts.add(b);
    }
    return parts;
  }

  private static long size(RowGroup group) {
    long bytes = 0;
    for (var chunk : group.columns()) {
      bytes += chunk.metaData() == null ? 0 : chunk.metaData().totalCompressedSize();
    }
    return bytes;
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
