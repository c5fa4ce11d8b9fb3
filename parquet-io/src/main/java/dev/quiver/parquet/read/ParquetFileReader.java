package dev.quiver.parquet.read;

import dev.quiver.parquet.ParquetCorruptionException;
import dev.quiver.parquet.format.FileMetaData;
import dev.quiver.parquet.format.RowGroup;
import dev.quiver.parquet.schema.ArrowSchemaMapper;
import dev.quiver.parquet.schema.ParquetSchema;
import dev.quiver.store.ObjectLocation;
import dev.quiver.store.ObjectStore;
import dev.quiver.store.ObjectStores;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * An open Parquet file: its footer, its schema, and batch readers over its rows. Opening reads only the footer (see
 * {@link FooterReader}); column data is read by the {@link ParquetBatchReader}s it creates.
 *
 * <pre>{@code
 * try (ParquetFileReader file = ParquetFileReader.open("data/lineitem.parquet");
 *      BufferAllocator allocator = QuiverAllocators.newRoot();
 *      ParquetBatchReader batches = file.read(allocator, ReadOptions.defaults().withColumns(List.of("a", "b")))) {
 *   while (batches.hasNext()) {
 *     try (VectorSchemaRoot batch = batches.next()) { ... }
 *   }
 * }
 * }</pre>
 *
 * <p>{@code dev.quiver.columnar.QuiverAllocators.newRoot()} is the recommended allocator: a plain Arrow root whose
 * freed buffers are pooled for the next batch instead of going back to {@code malloc} (see its Javadoc).
 *
 * <p>Thread-safety: the file reader is immutable once open and may create batch readers from several threads;
 * each batch reader is for one thread at a time.
 */
public final class ParquetFileReader implements AutoCloseable {
  private final ObjectStore store;
  private final String key;
  private final String location;
  private final AutoCloseable owned;
  private final FooterReader.Footer footer;
  private final ParquetSchema schema;

  private ParquetFileReader(ObjectStore store, String key, String location, AutoCloseable owned) {
    this.store = store;
    this.key = key;
    this.location = location;
    this.owned = owned;
    long size = Io.join(store.head(key), location).size();
    this.footer = FooterReader.read(store, key, size, location);
    try {
      this.schema = ParquetSchema.fromElements(footer.metadata().schema());
      validateRowGroups();
    } catch (ParquetCorruptionException e) {
      throw e.inFile(location);
    }
  }

  /**
   * Opens {@code key} in {@code store}; the store stays the caller's to close.
   *
   * @throws dev.quiver.store.ObjectStoreException when the object cannot be read (not found, ...)
   * @throws ParquetCorruptionException when the footer is corrupt
   * @throws dev.quiver.parquet.UnsupportedParquetException when the file is encrypted
   */
  public static ParquetFileReader open(ObjectStore store, String key) {
    return new ParquetFileReader(store, key, store.describe() + "/" + key, null);
  }

  /**
   * Opens a file named by a path or URL ({@code data/x.parquet}, {@code file:///data/x.parquet},
   * {@code memory://...}); the store behind it is closed with this reader.
   *
   * @throws dev.quiver.store.ObjectStoreException when the location is not supported or cannot be read
   * @throws ParquetCorruptionException when the footer is corrupt
   */
  public static ParquetFileReader open(String location) {
    ObjectLocation resolved = ObjectStores.resolve(location);
    try {
      return new ParquetFileReader(resolved.store(), resolved.key(), location, resolved);
    } catch (RuntimeException e) {
      resolved.close();
      throw e;
    }
  }

  private void validateRowGroups() {
    FileMetaData md = footer.metadata();
    int columns = schema.columns().size();
    for (int i = 0; i < md.rowGroups().size(); i++) {
      RowGroup rg = md.rowGroups().get(i);
      if (rg.columns().size() != columns) {
        throw new ParquetCorruptionException("row group has " + rg.columns().size() + " column chunks but the "
            + "schema has " + columns + " columns").inRowGroup(i);
      }
      if (rg.numRows() < 0) {
        throw new ParquetCorruptionException("row group with negative row count " + rg.numRows()).inRowGroup(i);
      }
    }
  }

  /** The decoded footer. */
  public FileMetaData metadata() {
    return footer.metadata();
  }

  /** The Parquet schema. */
  public ParquetSchema schema() {
    return schema;
  }

  /**
   * The Arrow schema of all columns.
   *
   * @throws dev.quiver.parquet.UnsupportedParquetException when a column is nested (read in a later version)
   */
  public Schema arrowSchema() {
    // refined by the writer's stored Arrow schema where it agrees (time zones, large strings, durations)
    try {
      return ArrowSchemaMapper.toArrow(schema, storedArrowSchema());
    } catch (dev.quiver.parquet.UnsupportedParquetException e) {
      throw new dev.quiver.parquet.UnsupportedParquetException(location + ": " + e.getMessage(), e);
    }
  }

  /**
   * The Arrow schema the writer stored under {@code ARROW:schema}, or null when there is none or it does not decode;
   * decoded once.
   */
  public Schema storedArrowSchema() {
    if (!storedSchemaLooked) {
      storedSchema = dev.quiver.parquet.schema.StoredArrowSchema.find(footer.metadata().keyValueMetadata());
      storedSchemaLooked = true;
    }
    return storedSchema;
  }

  private volatile Schema storedSchema;
  private volatile boolean storedSchemaLooked;

  /** The file's size in bytes. */
  public long fileSize() {
    return footer.fileSize();
  }

  /** The file offset where the footer starts: column data lies before it. */
  public long footerOffset() {
    return footer.footerOffset();
  }

  /** The file's name as messages give it. */
  public String location() {
    return location;
  }

  ObjectStore store() {
    return store;
  }

  String key() {
    return key;
  }

  /**
   * A reader of the file's rows in batches of Arrow vectors allocated from {@code allocator}. Each batch belongs
   * to the caller, who closes it.
   *
   * @throws IllegalArgumentException when a projected column does not exist or is projected twice, or a selected
   *     row group does not exist
   * @throws dev.quiver.parquet.UnsupportedParquetException when a projected column is nested
   */
  public ParquetBatchReader read(BufferAllocator allocator, ReadOptions options) {
    return new ParquetBatchReader(this, allocator, options, null);
  }

  /**
   * As {@link #read(BufferAllocator, ReadOptions)}, decoding through {@code buffers}, the heap staging that readers
   * opened one after another share (see {@link ReadBuffers}); the batch reader holds them until it is closed.
   *
   * @throws IllegalStateException when another reader holds {@code buffers} and was not closed
   * @throws NullPointerException when {@code buffers} is null
   * @throws IllegalArgumentException as {@link #read(BufferAllocator, ReadOptions)}
   * @throws dev.quiver.parquet.UnsupportedParquetException as {@link #read(BufferAllocator, ReadOptions)}
   */
  public ParquetBatchReader read(BufferAllocator allocator, ReadOptions options, ReadBuffers buffers) {
    java.util.Objects.requireNonNull(buffers, "buffers");
    return new ParquetBatchReader(this, allocator, options, buffers);
  }

  /** Closes the store when this reader opened it. */
  @Override
  public void close() {
    if (owned != null) {
      try {
        owned.close();
      } catch (Exception e) {
        throw new IllegalStateException("closing " + location + " failed", e);
      }
    }
  }
}
