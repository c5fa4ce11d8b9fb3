package dev.quiver.bench.write;

import dev.quiver.bench.checksum.ArrowDigester;
import dev.quiver.bench.checksum.Digest;
import dev.quiver.parquet.read.ParquetBatchReader;
import dev.quiver.parquet.read.ParquetFileReader;
import dev.quiver.parquet.read.ReadOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The data a write benchmark writes: every row of one Parquet file (lineitem) loaded once into Arrow batches held in
 * memory (Quiver's reader, default batch size), with the checksum those batches fold to. Closing releases the
 * batches; the allocator fails the close on a leak.
 */
public final class SourceBatches implements AutoCloseable {
  private final BufferAllocator allocator = new RootAllocator();
  private final List<VectorSchemaRoot> batches = new ArrayList<>();
  private final Schema schema;
  private final Digest digest = new Digest();
  private final long rows;
  private final long bytes;

  /**
   * Loads every column of {@code file}.
   *
   * @throws dev.quiver.parquet.ParquetException when the file cannot be read
   */
  public SourceBatches(Path file) {
    long n = 0;
    long size = 0;
    try (ParquetFileReader reader = ParquetFileReader.open(file.toString());
         ParquetBatchReader it = reader.read(allocator, ReadOptions.defaults())) {
      schema = reader.arrowSchema();
      while (it.hasNext()) {
        VectorSchemaRoot batch = it.next();
        batches.add(batch);
        ArrowDigester.fold(batch, digest);
        n += batch.getRowCount();
        for (var v : batch.getFieldVectors()) {
          size += v.getBufferSize();
        }
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    digest.rows(n);
    rows = n;
    bytes = size;
  }

  /** The batches, in file order; owned by this object. */
  public List<VectorSchemaRoot> batches() {
    return batches;
  }

  /** Their Arrow schema. */
  public Schema schema() {
    return schema;
  }

  /** The checksum of every value of every batch, with the row count. */
  public Digest digest() {
    return digest;
  }

  /** The number of rows. */
  public long rows() {
    return rows;
  }

  /** Bytes of the Arrow buffers holding the data (values, offsets, validity). */
  public long arrowBytes() {
    return bytes;
  }

  @Override
  public void close() {
    for (VectorSchemaRoot b : batches) {
      b.close();
    }
    batches.clear();
    allocator.close();
  }
}
