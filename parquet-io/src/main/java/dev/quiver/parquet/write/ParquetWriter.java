package dev.quiver.parquet.write;

import dev.quiver.parquet.format.ColumnChunk;
import dev.quiver.parquet.format.ColumnIndex;
import dev.quiver.parquet.format.ColumnMetaData;
import dev.quiver.parquet.format.ColumnOrder;
import dev.quiver.parquet.format.Encoding;
import dev.quiver.parquet.format.FileMetaData;
import dev.quiver.parquet.format.KeyValue;
import dev.quiver.parquet.format.MetadataEncoder;
import dev.quiver.parquet.format.OffsetIndex;
import dev.quiver.parquet.format.RowGroup;
import dev.quiver.parquet.format.BloomFilterHeader;
import dev.quiver.parquet.format.SortingColumn;
import dev.quiver.parquet.format.thrift.CompactWriter;
import dev.quiver.parquet.schema.StoredArrowSchema;
import dev.quiver.store.MultipartUpload;
import dev.quiver.store.ObjectLocation;
import dev.quiver.store.ObjectStore;
import dev.quiver.store.ObjectStores;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes Arrow batches to one Parquet file (the file layout of the Parquet format's README: {@code PAR1}, row groups
 * of column chunks of pages, bloom filters after each row group's data, then every column index, every offset index
 * (PageIndex.md), the Thrift compact {@code FileMetaData}, its length and {@code PAR1}).
 *
 * <pre>{@code
 * try (ParquetWriter w = ParquetWriter.open("out.parquet", root.getSchema(), WriterProperties.defaults())) {
 *   w.write(root);
 * }
 * }</pre>
 *
 * <p>Bytes go to the store through {@link ObjectStore#startUpload}: nothing is visible at the destination until
 * {@link #close()} has written the footer and completed the upload; {@link #abort()}, or {@link #close()} after a
 * failed {@link #write}, discards the upload so that nothing appears. Memory: the encoded pages of one row group
 * (closed after {@link WriterProperties#rowGroupRows()} rows or about {@link WriterProperties#rowGroupBytes()}
 * encoded bytes), plus per-page index entries for the footer; the caller's vectors are only read.
 *
 * <p>How Arrow types map to Parquet: see {@code WriteSchema} (package-private; the inverse of
 * {@link dev.quiver.parquet.schema.ArrowSchemaMapper}), dictionary-encoded fields are written as their values. The
 * Arrow schema is stored under {@code ARROW:schema} when {@link WriterProperties#storeArrowSchema()} (time zones,
 * large and dictionary types, durations then read back as written).
 *
 * <p>Errors: {@link IllegalArgumentException} for a batch whose schema differs from the writer's, a null in a
 * non-nullable field, a value the Parquet type cannot hold; at open (at the first write for dictionary-encoded
 * fields opened without their dictionaries) for a sorting column outside the leaves, per-column properties or a
 * bloom filter naming no leaf column, or a per-column encoding that does not suit its column;
 * {@link dev.quiver.parquet.UnsupportedParquetException} at open for an Arrow type Parquet cannot hold;
 * {@link dev.quiver.codec.CodecException} when a codec cannot compress (its native library is missing);
 * {@link dev.quiver.store.ObjectStoreException} from the store; {@link IllegalStateException} for a call after
 * close or abort. A writer is used by one thread at a time.
 */
public final class ParquetWriter implements AutoCloseable {
  private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

  private final MultipartUpload upload;
  private final ObjectLocation ownedLocation;
  private final Schema schema;
  private final WriterProperties properties;
  private WriteSchema writeSchema;
  private Shredder shredder;
  private ColumnChunkWriter[] columns;
  private final List<PendingRowGroup> rowGroups = new ArrayList<>();
  private long rowsWritten;
  private long rowsInGroup;
  private long offset;
  private boolean failed;
  private boolean finished;

  private record PendingRowGroup(List<ColumnMetaData> metaData, List<ColumnIndex> columnIndexes,
      List<OffsetIndex> offsetIndexes, long numRows, long totalByteSize, long fileOffset, long compressedSize) {}

  private ParquetWriter(MultipartUpload upload, ObjectLocation ownedLocation, Schema schema,
      WriterProperties properties) {
    this.upload = upload;
    this.ownedLocation = ownedLocation;
    this.schema = schema;
    this.properties = properties;
  }

  /**
   * Writes to {@code key} in {@code store}; nothing visible until {@link #close()} succeeds. The store stays the
   * caller's.
   *
   * @throws dev.quiver.parquet.UnsupportedParquetException when a field's Arrow type cannot be written
   * @throws IllegalArgumentException when a sorting column names no leaf
   */
  public static ParquetWriter open(ObjectStore store, String key, Schema schema, WriterProperties properties) {
    return open(store, key, schema, properties, null, null);
  }

  /**
   * As {@link #open(ObjectStore, String, Schema, WriterProperties)}, with {@code dictionaries} giving the value type
   * of every dictionary-encoded field (by its dictionary id) at open, so that the schema is checked before the upload
   * starts and a file with no batch at all can be written. The dictionaries' values are not written: each
   * {@link #write(VectorSchemaRoot, DictionaryProvider)} passes the batch's own, whose value types must match these.
   * Null behaves like the overload without it: dictionary fields then resolve at the first write.
   *
   * @throws IllegalArgumentException when a dictionary-encoded field's dictionary is missing from
   *     {@code dictionaries}, or as the overload without it
   */
  public static ParquetWriter open(ObjectStore store, String key, Schema schema, WriterProperties properties,
      DictionaryProvider dictionaries) {
    return open(store, key, schema, properties, dictionaries, null);
  }

  /**
   * Writes to {@code pathOrUrl} as {@link ObjectStores#resolve(String)} takes it (plain path, {@code file://},
   * {@code s3://}, {@code memory://}); a store made for this path is closed with the writer.
   *
   * @throws dev.quiver.store.ObjectStoreException when the location does not resolve
   * @throws dev.quiver.parquet.UnsupportedParquetException as {@link #open(ObjectStore, String, Schema, WriterProperties)}
   */
  public static ParquetWriter open(String pathOrUrl, Schema schema, WriterProperties properties) {
    return open(pathOrUrl, schema, properties, null);
  }

  /**
   * {@link #open(String, Schema, WriterProperties)} with the dictionaries of
   * {@link #open(ObjectStore, String, Schema, WriterProperties, DictionaryProvider)} (null: resolved at the first
   * write).
   *
   * @throws IllegalArgumentException when a dictionary-encoded field's dictionary is missing from
   *     {@code dictionaries}
   */
  public static ParquetWriter open(String pathOrUrl, Schema schema, WriterProperties properties,
      DictionaryProvider dictionaries) {
    ObjectLocation location = ObjectStores.resolve(pathOrUrl);
    try {
      return open(location.store(), location.key(), schema, properties, dictionaries, location);
    } catch (RuntimeException e) {
      location.close();
      throw e;
    }
  }

  private static ParquetWriter open(ObjectStore store, String key, Schema schema, WriterProperties properties,
      DictionaryProvider dictionaries, ObjectLocation owned) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(properties, "properties");
    WriteSchema ws = null;
    if (dictionaries != null || !WriteSchema.hasDictionary(schema.getFields())) {
      // check the schema before anything is started at the destination
      ws = new WriteSchema(schema, dictionaries);
      checkProperties(properties, ws);
    }
    ParquetWriter w = new ParquetWriter(store.startUpload(key), owned, schema, properties);
    try {
      if (ws != null) {
        w.resolve(ws);
      }
      w.put(MAGIC, 0, MAGIC.length);
    } catch (RuntimeException | Error e) {
      w.discard();
      throw e;
    }
    return w;
  }

  /**
   * Checks the properties against the schema's leaf columns: sorting columns are leaf ordinals, per-column
   * properties and bloom filters name existing leaf paths, and a per-column encoding suits its column's physical
   * type (a file-wide encoding falls back to PLAIN where it does not suit).
   */
  private static void checkProperties(WriterProperties p, WriteSchema ws) {
    Map<String, LeafColumn> byPath = new java.util.HashMap<>();
    for (LeafColumn leaf : ws.leaves) {
      byPath.put(leaf.dottedPath(), leaf);
    }
    for (Map.Entry<String, ColumnProperties> e : p.columns().entrySet()) {
      LeafColumn leaf = byPath.get(e.getKey());
      if (leaf == null) {
        throw new IllegalArgumentException("column properties name '" + e.getKey() + "', which is not a leaf column"
            + " of the schema (leaf columns: " + byPath.keySet().stream().sorted().toList() + ")");
      }
      Encoding encoding = e.getValue().encoding();
      if (encoding != null && !PlainValues.suits(encoding, leaf.physicalType())) {
        throw new IllegalArgumentException("encoding " + encoding + " does not suit column '" + e.getKey()
            + "' of physical type " + leaf.physicalType());
      }
    }
    for (String path : p.bloomFilters().keySet()) {
      if (!byPath.containsKey(path)) {
        throw new IllegalArgumentException("a bloom filter names '" + path + "', which is not a leaf column of the"
            + " schema (leaf columns: " + byPath.keySet().stream().sorted().toList() + ")");
      }
    }
    checkSortingColumns(p, ws);
  }

  private static void checkSortingColumns(WriterProperties p, WriteSchema ws) {
    for (SortingColumn s : p.sortingColumns()) {
      if (s.columnIndex() < 0 || s.columnIndex() >= ws.leaves.size()) {
        throw new IllegalArgumentException("sorting column " + s.columnIndex() + " is not a leaf column index (0.."
            + (ws.leaves.size() - 1) + ")");
      }
    }
  }

  private void resolve(WriteSchema ws) {
    writeSchema = ws;
    shredder = new Shredder(ws);
    columns = new ColumnChunkWriter[ws.leaves.size()];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = new ColumnChunkWriter(ws.leaves.get(i), properties);
    }
  }

  /**
   * Appends the rows of {@code batch} (any row count, 0 included).
   *
   * @throws IllegalArgumentException when the batch's schema differs from the writer's, or see the class comment
   */
  public void write(VectorSchemaRoot batch) {
    write(batch, null);
  }

  /**
   * Appends the rows of {@code batch} whose dictionary-encoded fields find their dictionaries in
   * {@code dictionaries} (their values are written; the Arrow schema stored records the encoding).
   *
   * @throws IllegalArgumentException as {@link #write(VectorSchemaRoot)}, or for a missing dictionary
   */
  public void write(VectorSchemaRoot batch, DictionaryProvider dictionaries) {
    Objects.requireNonNull(batch, "batch");
    checkOpen();
    try {
      if (writeSchema == null) {
        WriteSchema ws = new WriteSchema(schema, dictionaries);
        checkProperties(properties, ws);
        resolve(ws);
      }
      checkSchema(batch.getSchema());
      int rows = batch.getRowCount();
      int done = 0;
      List<FieldVector> vectors = batch.getFieldVectors();
      while (done < rows) {
        long room = properties.rowGroupRows() - rowsInGroup;
        int n = (int) Math.min(Math.min(room, rows - done), 64 * 1024);
        for (int f = 0; f < vectors.size(); f++) {
          shredder.shred(writeSchema.nodes.get(f), vectors.get(f), done, n, dictionaries,
              (leaf, levels, values) -> columns[leaf].append(levels, values));
        }
        done += n;
        rowsInGroup += n;
        rowsWritten += n;
        if (rowsInGroup >= properties.rowGroupRows() || bufferedBytes() >= properties.rowGroupBytes()) {
          flushRowGroup();
        }
      }
    } catch (RuntimeException | Error e) {
      failed = true;
      throw e;
    }
  }

  private void checkSchema(Schema actual) {
    List<Field> want = schema.getFields();
    List<Field> got = actual.getFields();
    if (want.size() != got.size()) {
      throw new IllegalArgumentException("batch has " + got.size() + " fields, the writer's schema "
          + want.size());
    }
    for (int i = 0; i < want.size(); i++) {
      if (!sameShape(want.get(i), got.get(i))) {
        throw new IllegalArgumentException("batch field " + got.get(i) + " does not match the writer's field "
            + want.get(i));
      }
    }
  }

  private static boolean sameShape(Field a, Field b) {
    if (!a.getType().equals(b.getType()) || a.getChildren().size() != b.getChildren().size()) {
      return false;
    }
    for (int i = 0; i < a.getChildren().size(); i++) {
      if (!sameShape(a.getChildren().get(i), b.getChildren().get(i))) {
        return false;
      }
    }
    return true;
  }

  /** Rows written so far (buffered ones included). */
  public long rowsWritten() {
    return rowsWritten;
  }

  /** Bytes of the file so far: those sent to the store plus the encoded pages of the open row group. */
  public long bytesWritten() {
    return offset + bufferedBytes();
  }

  /** Estimated bytes of encoded pages held in memory for the open row group. */
  public long bufferedBytes() {
    if (columns == null) {
      return 0;
    }
    long total = 0;
    for (ColumnChunkWriter c : columns) {
      total += c.estimatedBytes();
    }
    return total;
  }

  private void flushRowGroup() {
    if (rowsInGroup == 0) {
      return;
    }
    long groupStart = offset;
    List<ColumnMetaData> metas = new ArrayList<>(columns.length);
    List<ColumnIndex> columnIndexes = new ArrayList<>(columns.length);
    List<OffsetIndex> offsetIndexes = new ArrayList<>(columns.length);
    List<ColumnChunkWriter.Chunk> chunks = new ArrayList<>(columns.length);
    long totalUncompressed = 0;
    for (ColumnChunkWriter c : columns) {
      ColumnChunkWriter.Chunk chunk = c.finish(offset);
      if (chunk.dictionaryPage() != null) {
        put(chunk.dictionaryPage(), 0, chunk.dictionaryPageLength());
      }
      put(chunk.dataPages().array(), 0, chunk.dataPages().size());
      chunks.add(chunk);
      totalUncompressed += chunk.uncompressedSize();
      c.reset();
    }
    long compressed = offset - groupStart;
    CompactWriter w = new CompactWriter();
    for (ColumnChunkWriter.Chunk chunk : chunks) {
      ColumnMetaData m = chunk.metaData();
      if (chunk.bloomFilter() != null) {
        long bloomOffset = offset;
        w.reset();
        MetadataEncoder.bloomFilterHeader(w, new BloomFilterHeader(chunk.bloomFilter().numBytes()));
        byte[] bits = new byte[chunk.bloomFilter().numBytes()];
        chunk.bloomFilter().writeTo(bits, 0);
        put(w.buffer(), 0, w.size());
        put(bits, 0, bits.length);
        m = new ColumnMetaData(m.type(), m.encodings(), m.pathInSchema(), m.codecId(), m.numValues(),
            m.totalUncompressedSize(), m.totalCompressedSize(), m.keyValueMetadata(), m.dataPageOffset(),
            m.indexPageOffset(), m.dictionaryPageOffset(), m.statistics(), m.encodingStats(), bloomOffset,
            (int) (offset - bloomOffset), m.sizeStatistics());
      }
      metas.add(m);
      columnIndexes.add(chunk.columnIndex());
      offsetIndexes.add(chunk.offsetIndex());
    }
    rowGroups.add(new PendingRowGroup(metas, columnIndexes, offsetIndexes, rowsInGroup, totalUncompressed,
        groupStart, compressed));
    rowsInGroup = 0;
  }

  /** Discards everything: nothing appears at the destination. Later calls other than close fail. */
  public void abort() {
    if (finished) {
      return;
    }
    discard();
  }

  private void discard() {
    finished = true;
    try {
      upload.abort().join();
    } catch (CompletionException e) {
      // the upload is gone either way; an abort failure leaves nothing visible
    } finally {
      upload.close();
      if (ownedLocation != null) {
        ownedLocation.close();
      }
    }
  }

  /**
   * Writes the last row group, the page indexes and the footer and makes the file visible; after a failed
   * {@link #write} or {@link #abort()}, discards instead. Calling it again does nothing.
   *
   * @throws dev.quiver.store.ObjectStoreException when the store fails (the upload is then discarded)
   */
  @Override
  public void close() {
    if (finished) {
      return;
    }
    if (failed) {
      discard();
      return;
    }
    try {
      if (writeSchema == null) {
        // no batch came: dictionary fields fail here unless open was given their dictionaries
        WriteSchema ws = new WriteSchema(schema, null);
        checkProperties(properties, ws);
        resolve(ws);
      }
      flushRowGroup();
      writeFooter();
      join(upload.complete());
      finished = true;
      upload.close();
      if (ownedLocation != null) {
        ownedLocation.close();
      }
    } catch (RuntimeException | Error e) {
      if (!finished) {
        discard();
      }
      throw e;
    }
  }

  private void writeFooter() {
    CompactWriter w = new CompactWriter(4096);
    long[][] ciOffsets = new long[rowGroups.size()][];
    int[][] ciLengths = new int[rowGroups.size()][];
    for (int g = 0; g < rowGroups.size(); g++) {
      PendingRowGroup rg = rowGroups.get(g);
      ciOffsets[g] = new long[rg.metaData().size()];
      ciLengths[g] = new int[rg.metaData().size()];
      for (int c = 0; c < rg.metaData().size(); c++) {
        ColumnIndex ci = rg.columnIndexes().get(c);
        if (ci == null) {
          ciOffsets[g][c] = -1;
          continue;
        }
        w.reset();
        MetadataEncoder.columnIndex(w, ci);
        ciOffsets[g][c] = offset;
        ciLengths[g][c] = w.size();
        put(w.buffer(), 0, w.size());
      }
    }
    List<RowGroup> groups = new ArrayList<>(rowGroups.size());
    for (int g = 0; g < rowGroups.size(); g++) {
      PendingRowGroup rg = rowGroups.get(g);
      List<ColumnChunk> chunks = new ArrayList<>(rg.metaData().size());
      for (int c = 0; c < rg.metaData().size(); c++) {
        w.reset();
        MetadataEncoder.offsetIndex(w, rg.offsetIndexes().get(c));
        long oiOffset = offset;
        put(w.buffer(), 0, w.size());
        ColumnMetaData m = rg.metaData().get(c);
        long chunkStart = m.dictionaryPageOffset() != null ? m.dictionaryPageOffset() : m.dataPageOffset();
        boolean hasCi = ciOffsets[g][c] >= 0;
        chunks.add(new ColumnChunk(null, chunkStart, m, oiOffset, w.size(), hasCi ? ciOffsets[g][c] : null,
            hasCi ? ciLengths[g][c] : null, false));
      }
      groups.add(new RowGroup(chunks, rg.totalByteSize(), rg.numRows(), properties.sortingColumns(),
          rg.fileOffset(), rg.compressedSize(), g));
    }
    List<KeyValue> kv = new ArrayList<>();
    for (Map.Entry<String, String> e : properties.keyValueMetadata().entrySet()) {
      kv.add(new KeyValue(e.getKey(), e.getValue()));
    }
    if (properties.storeArrowSchema()) {
      kv.add(new KeyValue(StoredArrowSchema.KEY, arrowSchemaBase64(writeSchema.messageSchema)));
    }
    List<ColumnOrder> orders = Collections.nCopies(writeSchema.leaves.size(), ColumnOrder.TYPE_DEFINED);
    // parquet.thrift FileMetaData.version: "writers should always populate 1"
    FileMetaData footer = new FileMetaData(1, writeSchema.elements, rowsWritten, groups, kv, properties.createdBy(),
        orders, false);
    w.reset();
    MetadataEncoder.fileMetaData(w, footer);
    int length = w.size();
    put(w.buffer(), 0, length);
    byte[] tail = new byte[8];
    tail[0] = (byte) length;
    tail[1] = (byte) (length >>> 8);
    tail[2] = (byte) (length >>> 16);
    tail[3] = (byte) (length >>> 24);
    System.arraycopy(MAGIC, 0, tail, 4, 4);
    put(tail, 0, 8);
  }

  /** The IPC schema message, base64, as Arrow C++ and arrow-rs store it under {@code ARROW:schema}. */
  static String arrowSchemaBase64(Schema schema) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      MessageSerializer.serialize(new WriteChannel(Channels.newChannel(out)), schema);
      return Base64.getEncoder().encodeToString(out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void put(byte[] bytes, int from, int length) {
    if (length == 0) {
      return;
    }
    join(upload.write(ByteBuffer.wrap(bytes, from, length)));
    offset += length;
  }

  private static <T> T join(CompletableFuture<T> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  private void checkOpen() {
    if (finished) {
      throw new IllegalStateException("the writer was closed or aborted");
    }
    if (failed) {
      throw new IllegalStateException("an earlier write failed; close() discards the file");
    }
  }
}
