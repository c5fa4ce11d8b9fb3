package dev.quiver.parquet.read;

import dev.quiver.codec.CodecName;
import dev.quiver.codec.CompressionCodec;
import dev.quiver.codec.CompressionCodecs;
import dev.quiver.codec.UnsupportedCodecException;
import dev.quiver.parquet.ParquetCorruptionException;
import dev.quiver.parquet.UnsupportedParquetException;
import dev.quiver.parquet.format.ColumnChunk;
import dev.quiver.parquet.format.ColumnMetaData;
import dev.quiver.parquet.format.CompressionCodecId;
import dev.quiver.parquet.format.RowGroup;
import dev.quiver.parquet.schema.ArrowSchemaMapper;
import dev.quiver.parquet.format.Repetition;
import dev.quiver.parquet.schema.ColumnDescriptor;
import dev.quiver.parquet.schema.NestedShape;
import dev.quiver.parquet.schema.StoredArrowSchema;
import dev.quiver.parquet.schema.SchemaNode;
import dev.quiver.store.ByteRange;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Streams a file's rows as {@link VectorSchemaRoot} batches of at most {@link ReadOptions#batchSize()} rows, row
 * group after row group (a batch never spans two). Each batch is a new root allocated from the caller's allocator
 * and belongs to the caller, who must close it.
 *
 * <p>I/O is planned per row group before decoding: the byte ranges of the projected column chunks are fetched
 * through {@link dev.quiver.store.ObjectStore#getRanges} in one call (into the arrays the previous row group used,
 * where the store reads into heap memory), then decoded without further I/O. Memory is bounded by about one row
 * group's projected column chunks (each array up to a quarter longer than its read) plus one batch of staging per
 * column, plus, for each field
 * read dictionary-encoded, its column chunk's dictionary: the dictionary page's entries and the distinct values
 * read from pages that fell back to another encoding (each stored once; at most 2 GiB of value bytes, past which
 * reading the column throws {@link UnsupportedParquetException}), held in the reader's heap and once in the Arrow
 * vector of {@link #dictionaries()}.
 *
 * <p>Two styles of reading: {@link #next()} decodes every projected column of a batch into a new root; or
 * {@link #startBatch()} opens a batch without decoding it and {@link #readColumn(int, FieldVector)} /
 * {@link #readColumn(int, FieldVector, int[], int)} decode single columns, whole or at selected rows, into the
 * caller's vectors, the columns left unread being skipped (late materialisation: decode the filter's columns, then
 * the others only at the rows it kept). The styles may alternate between batches, not within one.
 *
 * <p>Errors: {@link ParquetCorruptionException} naming the file, column, row group, page and offset;
 * {@link UnsupportedParquetException} for features not read yet; {@link dev.quiver.store.ObjectStoreException}
 * from the store. After an error the reader is spent: close it. One thread at a time.
 */
public final class ParquetBatchReader implements Iterator<VectorSchemaRoot>, AutoCloseable {
  private final ParquetFileReader file;
  private final BufferAllocator allocator;
  private final ReadOptions options;
  private final List<FieldPlan> fields;
  private final Schema schema;

  private int nextRowGroup;
  private int currentRowGroup = -1;
  private long rowsLeftInGroup;
  private FieldReader[] readers;
  /** The leaf readers of the current row group whose output is dictionary-encoded. */
  private final List<ColumnChunkReader> dictionaryReaders = new ArrayList<>();
  /** The dictionaries as of the last batch decoded (see {@link #dictionaries()}); closed with the reader. */
  private DictionaryProvider.MapDictionaryProvider dictionaries = new DictionaryProvider.MapDictionaryProvider();
  /**
   * Per projected leaf (by its position among the projected fields' leaves, so no two readers of a row group ever
   * share one), the buffers its readers reuse from row group to row group.
   */
  private final Map<Integer, ColumnStaging> staging;
  /** The arrays row groups' column chunks are read into, the previous row group's reused. */
  private final ChunkArrays chunkArrays;
  /** The shared buffers the staging comes from, held until {@link #close()}; null when the reader owns its own. */
  private ReadBuffers buffers;
  private boolean closed;
  /** Rows of the batch opened by {@link #startBatch()} and not yet finished; 0 when none is open. */
  private int pendingRows;
  /** Per field, whether it was read in the open batch of {@link #startBatch()}. */
  private boolean[] readInBatch;
  /** Per field of the current row group, its dictionary-encoded leaf readers (empty lists for most). */
  private List<List<ColumnChunkReader>> fieldDictionaryReaders;

  ParquetBatchReader(ParquetFileReader file, BufferAllocator allocator, ReadOptions options, ReadBuffers buffers) {
    this.file = file;
    this.allocator = allocator;
    this.options = options;
    this.fields = plan(file, options);
    List<Field> arrowFields = new ArrayList<>(fields.size());
    for (FieldPlan p : fields) {
      arrowFields.add(p.field());
    }
    this.schema = new Schema(arrowFields);
    if (options.rowGroups() != null) {
      for (int g : options.rowGroups()) {
        if (g < 0 || g >= file.metadata().rowGroups().size()) {
          throw new IllegalArgumentException("row group " + g + " does not exist in " + file.location() + " ("
              + file.metadata().rowGroups().size() + " row groups)");
        }
      }
    }
    // taken last: a constructor that threw above leaves the buffers free
    if (buffers != null) {
      buffers.hold();
      this.buffers = buffers;
      this.staging = buffers.staging;
      this.chunkArrays = buffers.chunks;
    } else {
      this.staging = new java.util.HashMap<>();
      this.chunkArrays = new ChunkArrays();
    }
  }

  /**
   * One projected top-level field: a flat column ({@code shape} null) or a nested field with its leaves.
   *
   * @param leaves the plans of the leaf columns, in schema order (one for a flat column)
   */
  private record FieldPlan(Field field, NestedShape shape, List<ColumnPlan> leaves) {}

  private static List<FieldPlan> plan(ParquetFileReader file, ReadOptions options) {
    List<SchemaNode> top = file.schema().root().children();
    List<String> names = options.columns();
    if (names == null) {
      names = new ArrayList<>();
      for (SchemaNode node : top) {
        names.add(node.name());
      }
    }
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (String name : names) {
      if (options.columns() != null && !seen.add(name)) {
        throw new IllegalArgumentException("column '" + name + "' is projected twice; each column may be named once");
      }
    }
    List<FieldPlan> plans = new ArrayList<>(names.size());
    // ids of dictionaries asked for by ReadOptions.dictionaryColumns: after any the stored ARROW:schema uses
    long[] nextDictionaryId = {maxDictionaryId(file.storedArrowSchema() == null ? List.of()
        : file.storedArrowSchema().getFields()) + 1};
    for (String name : names) {
      SchemaNode node = null;
      for (SchemaNode n : top) {
        if (n.name().equals(name)) {
          node = n;
          break;
        }
      }
      if (node == null) {
        throw new IllegalArgumentException("no column '" + name + "' in " + file.location());
      }
      try {
        if (node instanceof SchemaNode.Primitive p && node.repetition() != Repetition.REPEATED) {
          Field derived = ArrowSchemaMapper.primitiveField(p);
          Field field = StoredArrowSchema.refine(derived, StoredArrowSchema.match(file.storedArrowSchema(), derived));
          ColumnDescriptor column = null;
          for (ColumnDescriptor c : file.schema().columns()) {
            if (c.leaf() == p) {
              column = c;
            }
          }
          // the field as decoding needs it (a dictionary-encoded field typed by its values); the batches carry its
          // memory form (a dictionary-encoded field typed by its Int32 indices)
          Field valued = field;
          if (options.unscaledDecimals() && derived.getType() instanceof ArrowType.Decimal d
              && d.getPrecision() <= MAX_UNSCALED_PRECISION) {
            valued = unscaledDecimalField(derived, d);
          } else if (options.dictionaryColumns().contains(name) && field.getDictionary() == null
              && p.physicalType() == dev.quiver.parquet.format.PhysicalType.BYTE_ARRAY
              && isStringOrBinary(field.getType())) {
            valued = new Field(field.getName(), new FieldType(field.isNullable(), field.getType(),
                new DictionaryEncoding(nextDictionaryId[0]++, false, new ArrowType.Int(32, true)),
                field.getMetadata()), null);
          }
          plans.add(new FieldPlan(StoredArrowSchema.toMemoryFormat(valued), null, List.of(ColumnPlan.of(column,
              valued))));
        } else {
          NestedShape shape = NestedShape.of(file.schema(), node,
              StoredArrowSchema.match(file.storedArrowSchema(), node.name()));
          List<ColumnPlan> leaves = new ArrayList<>();
          for (NestedShape.Leaf leaf : NestedShape.leaves(shape)) {
            leaves.add(ColumnPlan.of(leaf.column(), leaf.field()));
          }
          plans.add(new FieldPlan(StoredArrowSchema.toMemoryFormat(shape.field()), shape, leaves));
        }
      } catch (UnsupportedParquetException e) {
        throw new UnsupportedParquetException(file.location() + ": " + e.getMessage(), e);
      }
    }
    return plans;
  }

  private static boolean isStringOrBinary(ArrowType type) {
    return type instanceof ArrowType.Utf8 || type instanceof ArrowType.LargeUtf8 || type instanceof ArrowType.Binary
        || type instanceof ArrowType.LargeBinary;
  }

  /** The largest dictionary id among {@code fields} and their children, or -1. */
  private static long maxDictionaryId(List<Field> fields) {
    long max = -1;
    for (Field f : fields) {
      if (f.getDictionary() != null) {
        max = Math.max(max, f.getDictionary().getId());
      }
      max = Math.max(max, maxDictionaryId(f.getChildren()));
    }
    return max;
  }

  /** The largest decimal precision {@link ReadOptions#unscaledDecimals()} delivers as unscaled 64-bit integers. */
  static final int MAX_UNSCALED_PRECISION = 18;

  /**
   * The Int64 field of a flat decimal column read as unscaled values: the decimal field's name and nullability,
   * with its metadata (a field id, say) plus {@link ReadOptions#DECIMAL_METADATA_KEY} -> {@code "<precision>,<scale>"}.
   */
  private static Field unscaledDecimalField(Field decimal, ArrowType.Decimal type) {
    Map<String, String> metadata = new java.util.LinkedHashMap<>(decimal.getMetadata());
    metadata.put(ReadOptions.DECIMAL_METADATA_KEY, type.getPrecision() + "," + type.getScale());
    return new Field(decimal.getName(), new FieldType(decimal.isNullable(), new ArrowType.Int(64, true), null,
        metadata), null);
  }

  /** The Arrow schema of every batch. */
  public Schema schema() {
    return schema;
  }

  /**
   * Whether another batch follows: rows remain after those already returned by {@link #next()} and after the batch
   * {@link #startBatch()} opened, if one is open (which stays open: this does not finish it). False once closed.
   * Opening the next row group fetches its projected column chunks, so this may fail; the reader is then spent
   * (later calls return false).
   *
   * @throws ParquetCorruptionException when a projected column chunk's byte range lies outside the file's data
   * @throws UnsupportedParquetException when a projected column chunk is encrypted, in another file, over 2 GiB or
   *     compressed with a codec not supported
   * @throws dev.quiver.store.ObjectStoreException when fetching the column chunks fails
   */
  @Override
  public boolean hasNext() {
    if (closed) {
      return false;
    }
    List<RowGroup> groups = file.metadata().rowGroups();
    List<Integer> selected = options.rowGroups();
    int count = selected == null ? groups.size() : selected.size();
    if (pendingRows > 0) {
      // a batch of startBatch() is open: the current row group's readers must stay until it is finished
      if (rowsLeftInGroup > pendingRows) {
        return true;
      }
      for (int i = nextRowGroup; i < count; i++) {
        if (groups.get(selected == null ? i : selected.get(i)).numRows() > 0) {
          return true;
        }
      }
      return false;
    }
    while (rowsLeftInGroup == 0 && nextRowGroup < count) {
      int index = selected == null ? nextRowGroup : selected.get(nextRowGroup);
      nextRowGroup++;
      try {
        openRowGroup(index);
      } catch (RuntimeException e) {
        spend(); // as next() does: calling again must not move silently past the row group that failed
        throw e;
      }
    }
    return rowsLeftInGroup > 0;
  }

  /**
   * The next batch, owned by the caller. A batch opened by {@link #startBatch()} is finished first (its unread
   * columns skipped), so the batch returned is the one after it.
   *
   * @throws NoSuchElementException when no rows remain
   * @throws ParquetCorruptionException when a page is corrupt (with context), after which the reader is spent
   */
  @Override
  public VectorSchemaRoot next() {
    finishBatch();
    if (!hasNext()) {
      throw new NoSuchElementException("no more rows in " + file.location());
    }
    int rows = (int) Math.min(options.batchSize(), rowsLeftInGroup);
    VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
    try {
      for (int i = 0; i < readers.length; i++) {
        try {
          readers[i].readBatch(root.getVector(i), rows);
        } catch (ParquetCorruptionException | IndexOutOfBoundsException | NegativeArraySizeException
            | ArithmeticException | IllegalArgumentException e) {
          throw corruption(e, readers[i]);
        }
      }
      root.setRowCount(rows);
      refreshDictionaries();
    } catch (RuntimeException e) {
      root.close();
      spend();
      throw e;
    }
    rowsLeftInGroup -= rows;
    return root;
  }

  /**
   * Starts the next batch without decoding it: the two-phase (late materialisation) alternative to {@link #next()}.
   * The consumer then decodes the columns it needs with {@link #readColumn(int, FieldVector)} (all rows) or
   * {@link #readColumn(int, FieldVector, int[], int)} (only the rows a filter kept), each at most once; columns not
   * read before the next {@code startBatch()}, {@link #next()} or {@link #close()} are skipped: nothing is copied or
   * gathered into a vector. Finishes the batch started before, if any. A batch never spans row groups and has at
   * most {@link ReadOptions#batchSize()} rows, as with {@link #next()}; the two styles may alternate between
   * batches but not be mixed within one.
   *
   * <p>What skipping costs. A flat column's data page wholly within skipped rows is passed over without
   * decompressing it (its header's value count is its row count). In a page that is started, the skipped rows'
   * definition levels are decoded (to count their values), and the values are moved past at a cost that depends
   * on the page's encoding: by arithmetic for PLAIN fixed-width values and BYTE_STREAM_SPLIT; by RLE run or whole
   * bit-packed group for dictionary indices (not range-checked); by walking each value's length prefix for PLAIN
   * BYTE_ARRAY; but DELTA_BINARY_PACKED and DELTA_BYTE_ARRAY decode every skipped value (each is chained to the one
   * before), DELTA_LENGTH_BYTE_ARRAY decodes every skipped length, and RLE booleans every skipped value. A nested
   * field (list, map, struct) is skipped by its leaves, whose definition and repetition levels are all read and
   * checked (a row's extent is only known from them) and whose values are skipped as above; no page of a nested
   * field is passed over whole.
   *
   * @return the batch's row count; 0 when no rows remain (or the reader is closed)
   * @throws ParquetCorruptionException when skipping the unread columns of the previous batch finds corrupt pages
   *     (with the file, column, row group and page), after which the reader is spent
   */
  public int startBatch() {
    finishBatch();
    if (!hasNext()) {
      return 0;
    }
    int rows = (int) Math.min(options.batchSize(), rowsLeftInGroup);
    if (readInBatch == null || readInBatch.length != fields.size()) {
      readInBatch = new boolean[fields.size()];
    } else {
      java.util.Arrays.fill(readInBatch, false);
    }
    pendingRows = rows;
    return rows;
  }

  /**
   * Moves past the next {@code rows} rows without decoding them: the row-range alternative to skipping batch after
   * batch. Any batch of {@link #startBatch()} still open is finished first. Each column skips the rows at once, so a
   * data page of a flat column lying wholly within them is passed over without being decompressed (however many
   * batches it would span); in a page that is started, levels are decoded and values skipped as
   * {@link #startBatch()} describes. Row groups wholly within the rows are skipped without reading their column
   * chunks.
   *
   * @param rows how many rows to skip, {@code >= 0}
   * @return how many rows were skipped: {@code rows}, or fewer when the reader ends first
   * @throws IllegalArgumentException when {@code rows} is negative
   * @throws ParquetCorruptionException when a skipped page is corrupt (with context), after which the reader is
   *     spent
   */
  public long skipRows(long rows) {
    if (rows < 0) {
      throw new IllegalArgumentException("cannot skip " + rows + " rows");
    }
    finishBatch();
    long skipped = 0;
    while (skipped < rows && !closed) {
      if (rowsLeftInGroup == 0) {
        long groupRows = nextGroupRows();
        if (groupRows < 0) {
          break;
        }
        if (groupRows <= rows - skipped) {
          nextRowGroup++; // a whole row group: its column chunks are never read
          skipped += groupRows;
          continue;
        }
        if (!hasNext()) {
          break;
        }
      }
      long n = Math.min(rows - skipped, rowsLeftInGroup);
      if (n < rowsLeftInGroup) {
        for (int i = 0; i < readers.length; i++) {
          for (long left = n; left > 0; ) {
            int step = (int) Math.min(left, Integer.MAX_VALUE);
            skip(readers[i], step);
            left -= step;
          }
        }
      }
      rowsLeftInGroup -= n; // the rest of a row group skipped whole: its readers are dropped with it
      skipped += n;
    }
    return skipped;
  }

  /** The rows of the next row group to open, or -1 when none is left (empty row groups are passed over). */
  private long nextGroupRows() {
    List<RowGroup> groups = file.metadata().rowGroups();
    List<Integer> selected = options.rowGroups();
    int count = selected == null ? groups.size() : selected.size();
    while (nextRowGroup < count) {
      long n = groups.get(selected == null ? nextRowGroup : selected.get(nextRowGroup)).numRows();
      if (n > 0) {
        return n;
      }
      nextRowGroup++;
    }
    return -1;
  }

  /**
   * Decodes all rows of the current batch (from {@link #startBatch()}) of projected column {@code column} into
   * {@code into}, flat or nested.
   *
   * @param column 0-based index of the field in {@link #schema()}
   * @param into an empty vector of that field's type, as {@code schema().getFields().get(column).createVector(a)}
   *     makes; the reader allocates its buffers (from the vector's allocator) and sets its value count to the
   *     batch's row count. It stays the caller's, to close. A dictionary-encoded field's dictionary is in
   *     {@link #dictionaries()} afterwards.
   * @throws IllegalStateException when no batch was started by {@link #startBatch()} (none yet, the last one
   *     returned 0, or {@link #next()} came since), or the column was already read in this batch
   * @throws IllegalArgumentException when {@code column} is not a field index of {@link #schema()}, or
   *     {@code into} is null or not of the field's type (the column is then not marked read)
   * @throws ParquetCorruptionException when the column's pages are corrupt (with context), after which the reader
   *     is spent
   */
  public void readColumn(int column, FieldVector into) {
    checkRead(column);
    checkVector(column, into);
    readInBatch[column] = true;
    FieldReader reader = readers[column];
    decoding(reader, () -> {
      reader.readBatch(into, pendingRows);
      return null;
    });
    refreshDictionaries(column);
  }

  /**
   * Decodes only rows {@code rows[0, count)} of the current batch (from {@link #startBatch()}) of the flat
   * (top-level, non-repeated) column {@code column} into {@code into}: {@code count} slots, the selected rows in
   * their order. Only the selected values are copied into the vector: dictionary pages gather the selected indices
   * only (checking only those), PLAIN pages copy the selected values only. The column's other rows in the batch
   * are skipped as {@link #startBatch()} describes, so they may still be decoded: the definition levels of every
   * row of a started page, and, between selected values, every value of DELTA_BINARY_PACKED and DELTA_BYTE_ARRAY
   * pages, every length of DELTA_LENGTH_BYTE_ARRAY pages and every RLE boolean. A data page wholly between selected
   * rows is passed over without decompressing it. For a dictionary-encoded field, only the selected values of pages
   * that fell back to another encoding are added to its dictionary. An empty selection ({@code count == 0}) reads
   * nothing and gives an empty vector.
   *
   * @param column 0-based index of the field in {@link #schema()}; the field must be flat
   * @param into an empty vector of that field's type (see {@link #readColumn(int, FieldVector)})
   * @param rows 0-based row positions within the batch, strictly ascending, each below the batch's row count;
   *     only {@code rows[0, count)} is read
   * @param count how many positions of {@code rows} to read, at most the batch's row count
   * @throws IllegalStateException when no batch was started, the column was already read in this batch, or the
   *     field is nested (lists, maps, structs support only {@link #readColumn(int, FieldVector)})
   * @throws IllegalArgumentException when {@code column} is not a field index of {@link #schema()}, or the
   *     selection is bad: {@code count} negative, above the batch's rows or {@code rows.length}; a position out of
   *     range or not strictly ascending; or {@code into} is null or not of the field's type. The column is then not
   *     marked read.
   * @throws ParquetCorruptionException when the column's pages are corrupt (with context), after which the reader
   *     is spent
   */
  public void readColumn(int column, FieldVector into, int[] rows, int count) {
    checkRead(column);
    if (fields.get(column).shape() != null) {
      throw new IllegalStateException("field '" + fields.get(column).field().getName() + "' is nested: a selective "
          + "read needs a flat column (read nested fields whole with readColumn(column, into))");
    }
    checkSelection(rows, count, pendingRows);
    checkVector(column, into);
    readInBatch[column] = true;
    FlatColumnReader reader = (FlatColumnReader) readers[column];
    decoding(reader, () -> {
      reader.readSelected(into, pendingRows, rows, count);
      return null;
    });
    refreshDictionaries(column);
  }

  /**
   * Decodes all rows of the current batch (from {@link #startBatch()}), or only rows {@code rows[0, count)}, of the
   * flat column {@code column} straight into a heap array, without an Arrow vector: for fields whose batches hold
   * 32- or 64-bit signed integers (Arrow {@code Int(32|64, signed)}, including DECIMALs read as unscaled values by
   * {@link ReadOptions#unscaledDecimals()}, and {@code Date(DAY)}), the engine-side alternative to
   * {@link #readColumn} followed by a copy out of the vector. The values are sign-extended; a null slot gets 0. The
   * column counts as read in this batch.
   *
   * @param column 0-based index of the field in {@link #schema()}; flat, of one of the types above, not delivered
   *     dictionary-encoded
   * @param rows null for every row of the batch, or 0-based row positions within the batch, strictly ascending
   *     (as {@link #readColumn(int, FieldVector, int[], int)} takes them)
   * @param count with {@code rows}, how many of its positions to read; without, the batch's row count
   * @param values receives the {@code count} values from index 0; at least {@code count} long
   * @return null when no value read is null, else a new array of {@code count} marking the null slots
   * @throws IllegalStateException when no batch was started, the column was already read in this batch, or the
   *     field is nested
   * @throws IllegalArgumentException when {@code column} is not a field index, its type is not one of the above,
   *     {@code values} is null or shorter than {@code count}, the selection is bad, or {@code count} differs from
   *     the batch's rows without {@code rows}; the column is then not marked read
   * @throws ParquetCorruptionException when the column's pages are corrupt (with context), after which the reader
   *     is spent
   */
  public boolean[] readLongs(int column, int[] rows, int count, long[] values) {
    checkRead(column);
    FieldPlan plan = fields.get(column);
    if (plan.shape() != null) {
      throw new IllegalStateException("field '" + plan.field().getName() + "' is nested: only flat columns are "
          + "read into arrays");
    }
    ArrowType type = plan.field().getType();
    boolean integers = plan.field().getDictionary() == null
        && (type instanceof ArrowType.Int i && i.getIsSigned() && (i.getBitWidth() == 32 || i.getBitWidth() == 64)
        || type instanceof ArrowType.Date d && d.getUnit() == org.apache.arrow.vector.types.DateUnit.DAY);
    if (!integers) {
      throw new IllegalArgumentException("field '" + plan.field().getName() + "' of type " + type + (plan.field()
          .getDictionary() != null ? " (dictionary-encoded)" : "") + " is not read into a long array: only signed "
          + "32- and 64-bit integers and days");
    }
    checkRows(rows, count, values == null ? -1 : values.length, "values");
    readInBatch[column] = true;
    FlatColumnReader reader = (FlatColumnReader) readers[column];
    return decoding(reader, () -> reader.readLongs(pendingRows, rows, count, values));
  }

  /**
   * Filters the current batch (from {@link #startBatch()}) by a predicate on the flat (top-level, non-repeated)
   * column {@code column}, pushed into its decoding: the rows whose value is non-null and passes {@code filter} are
   * found, and, when {@code values} is given, only their values are decoded into it. The column counts as read in
   * this batch ({@link #readColumn} may not follow for it). With {@code rows}, only those rows are filtered (as
   * {@link #readColumn(int, FieldVector, int[], int)} reads them) and the others skipped.
   *
   * <p>What it saves. On a dictionary-encoded page of a fixed-width column (integers, floating point, dates,
   * timestamps, decimals), {@code filter} is called on the dictionary page's entries once per column chunk (while
   * the same filter object is passed; another one is tested afresh); each row's dictionary index then only looks
   * its answer up, and just the passing values are gathered: the rows that fail are never materialised. On pages in another encoding, and for other columns (booleans, strings, binaries,
   * the UNKNOWN type), the values are decoded and then tested, as a read followed by the test would.
   *
   * @param column 0-based index of the field in {@link #schema()}; the field must be flat and not delivered
   *     dictionary-encoded ({@link ReadOptions#dictionaryColumns()})
   * @param filter the predicate (see {@link ValueFilter}); its exceptions propagate, after which the reader is spent
   * @param rows null to filter every row of the batch, or 0-based row positions within the batch, strictly
   *     ascending, each below the batch's row count
   * @param count with {@code rows}, how many of its positions to filter; without, the batch's row count
   * @param passed receives the ascending positions of the passing rows: row numbers within the batch when
   *     {@code rows} is null, else indices into {@code rows}; at least {@code count} long, since positions are
   *     written before they are known to pass (entries past the returned count are garbage)
   * @param values null, or an empty vector of the field's type (see {@link #readColumn(int, FieldVector)}) that
   *     receives the passing rows' values, in order, all valid; the caller's, to close
   * @return how many rows passed
   * @throws IllegalStateException when no batch was started, the column was already read in this batch, or the field
   *     is nested
   * @throws IllegalArgumentException when {@code column} is not a field index, the field is delivered
   *     dictionary-encoded, {@code filter} or {@code passed} is null, {@code passed} is shorter than {@code count},
   *     the selection is bad (as for {@link #readColumn(int, FieldVector, int[], int)}), {@code count} differs from
   *     the batch's rows without {@code rows}, or {@code values} is of another type. The column is then not marked
   *     read.
   * @throws ParquetCorruptionException when the column's pages are corrupt (with context), after which the reader
   *     is spent
   */
  public int filterColumn(int column, ValueFilter filter, int[] rows, int count, int[] passed, FieldVector values) {
    checkRead(column);
    FieldPlan plan = fields.get(column);
    if (plan.shape() != null) {
      throw new IllegalStateException("field '" + plan.field().getName() + "' is nested: only flat columns are "
          + "filtered");
    }
    if (plan.field().getDictionary() != null) {
      throw new IllegalArgumentException("field '" + plan.field().getName() + "' is delivered dictionary-encoded: "
          + "filter it by its values after readColumn instead");
    }
    if (filter == null) {
      throw new IllegalArgumentException("filter is null");
    }
    checkRows(rows, count, passed == null ? -1 : passed.length, "passed");
    if (values != null) {
      checkVector(column, values);
    }
    readInBatch[column] = true;
    FlatColumnReader reader = (FlatColumnReader) readers[column];
    return decoding(reader, () -> reader.plan.shape() == ColumnPlan.Shape.FIXED
        ? reader.filterBatch(pendingRows, rows, count, filter, allocator, passed, values)
        : filterRead(reader, plan, filter, rows, count, passed, values));
  }

  /** {@link #filterColumn} for columns other than FIXED ones: the rows read into a vector, then tested. */
  private int filterRead(FlatColumnReader reader, FieldPlan plan, ValueFilter filter, int[] rows, int count,
      int[] passed, FieldVector values) {
    try (FieldVector read = plan.field().createVector(allocator)) {
      if (rows == null) {
        reader.readBatch(read, pendingRows);
      } else {
        reader.readSelected(read, pendingRows, rows, count);
      }
      boolean[] answers = new boolean[count];
      FilterFailure.test(filter, read, count, answers);
      int p = 0;
      for (int i = 0; i < count; i++) {
        if (answers[i] && !read.isNull(i)) {
          passed[p++] = i;
        }
      }
      if (values != null) {
        for (int j = 0; j < p; j++) {
          values.copyFromSafe(passed[j], j, read);
        }
        values.setValueCount(p);
      }
      return p;
    }
  }

  /**
   * Checks the rows of a call on the open batch: a valid selection {@code rows[0, count)}, or, without one,
   * {@code count} equal to the batch's rows; and the caller's output array ({@code arrayLength} long, -1 for null)
   * long enough for {@code count}.
   *
   * @throws IllegalArgumentException when either is not so
   */
  private void checkRows(int[] rows, int count, int arrayLength, String array) {
    if (rows != null) {
      checkSelection(rows, count, pendingRows);
    } else if (count != pendingRows) {
      throw new IllegalArgumentException("all rows of a batch of " + pendingRows + " rows asked, but count is "
          + count);
    }
    if (arrayLength < count) {
      throw new IllegalArgumentException(array + " array of " + (arrayLength < 0 ? "null" : arrayLength
          + " entries") + " for " + count + " rows");
    }
  }

  private void checkRead(int column) {
    if (closed) {
      throw new IllegalStateException("reader of " + file.location() + " is closed");
    }
    if (pendingRows == 0) {
      throw new IllegalStateException("no batch started: call startBatch() (and check it returned rows) before "
          + "readColumn");
    }
    if (column < 0 || column >= fields.size()) {
      throw new IllegalArgumentException("column " + column + " is not a field of the schema (" + fields.size()
          + " fields)");
    }
    if (readInBatch[column]) {
      throw new IllegalStateException("column " + column + " ('" + fields.get(column).field().getName()
          + "') was already read in this batch");
    }
  }

  private void checkVector(int column, FieldVector into) {
    Field field = fields.get(column).field();
    if (into == null || !into.getField().getType().equals(field.getType())) {
      throw new IllegalArgumentException("vector for column " + column + " ('" + field.getName() + "') must be of "
          + "type " + field.getType() + ", got " + (into == null ? "null" : into.getField().getType()));
    }
  }

  private static void checkSelection(int[] rows, int count, int batchRows) {
    if (rows == null) {
      throw new IllegalArgumentException("selection array is null");
    }
    if (count < 0 || count > batchRows || count > rows.length) {
      throw new IllegalArgumentException("selection of " + count + " rows in a batch of " + batchRows
          + " rows (array of " + rows.length + ")");
    }
    int previous = -1;
    for (int i = 0; i < count; i++) {
      int r = rows[i];
      if (r <= previous || r >= batchRows) {
        throw new IllegalArgumentException("selected row " + r + " at position " + i + (r >= batchRows
            ? " is outside the batch of " + batchRows + " rows" : " does not follow " + previous
            + " in strictly ascending order"));
      }
      previous = r;
    }
  }

  /** Ends the batch of {@link #startBatch()}, if one is open: skips the columns not read in it. */
  private void finishBatch() {
    if (pendingRows == 0) {
      return;
    }
    int rows = pendingRows;
    pendingRows = 0;
    boolean groupContinues = rowsLeftInGroup > rows;
    rowsLeftInGroup -= rows;
    if (!groupContinues) {
      return; // the row group's readers are dropped with it: nothing to move past
    }
    for (int i = 0; i < readers.length; i++) {
      if (readInBatch[i]) {
        continue;
      }
      skip(readers[i], rows);
    }
  }

  /**
   * Runs one decoding step of {@code reader}: any failure spends the reader; decoding errors (and unchecked exceptions
   * a decoder bug could raise) become {@link ParquetCorruptionException}s with the file, column, row group and page,
   * and a {@link ValueFilter}'s own exception propagates as it was thrown.
   */
  private <T> T decoding(FieldReader reader, java.util.function.Supplier<T> step) {
    try {
      return step.get();
    } catch (FilterFailure e) {
      spend();
      throw e.filterException(); // the filter's own: not a page that does not decode
    } catch (ParquetCorruptionException | IndexOutOfBoundsException | NegativeArraySizeException
        | ArithmeticException | IllegalArgumentException e) {
      spend();
      throw corruption(e, reader);
    } catch (RuntimeException e) {
      spend();
      throw e;
    }
  }

  /** Moves {@code reader} past {@code rows} rows: levels read, values skipped, nothing assembled. */
  private void skip(FieldReader reader, int rows) {
    decoding(reader, () -> {
      if (reader instanceof FlatColumnReader flat) {
        flat.skipRows(rows);
      } else {
        ((NestedFieldReader) reader).skipRows(rows);
      }
      return null;
    });
  }

  /** After an error: no more rows. */
  private void spend() {
    rowsLeftInGroup = 0;
    pendingRows = 0;
    nextRowGroup = Integer.MAX_VALUE;
  }

  /**
   * A decoding failure as corruption with the file, column, row group and page; defence in depth for unchecked
   * exceptions other than {@link ParquetCorruptionException}: every length is validated, but a decoder bug must
   * still surface as corruption.
   */
  private ParquetCorruptionException corruption(RuntimeException e, FieldReader reader) {
    ParquetCorruptionException c = e instanceof ParquetCorruptionException p ? p
        : new ParquetCorruptionException("page does not decode: " + e, e);
    return withContext(c, reader);
  }

  /**
   * The dictionaries of the dictionary-encoded fields (fields whose stored {@code ARROW:schema} type is
   * dictionary-encoded, see {@link dev.quiver.parquet.schema.StoredArrowSchema}, and the columns named by
   * {@link ReadOptions#dictionaryColumns()}) as of the last batch decoded: the batch {@link #next()} returned
   * last, or the columns {@link #readColumn(int, FieldVector)} / {@link #readColumn(int, FieldVector, int[], int)}
   * read last (a field's dictionary is refreshed when its column is read). Such a field's vector holds signed
   * 32-bit indices into the dictionary with its {@code DictionaryEncoding} id.
   *
   * <p>Within a row group a dictionary only grows (entries are appended, never changed), so earlier batches of the
   * same row group still index the current one correctly; equal values get equal indices within a row group
   * (values of pages that fell back from dictionary encoding are interned), not across row groups (each column
   * chunk has its own dictionary). A dictionary that did not grow with a batch is the same {@link Dictionary}
   * object as before; one that grew, or a new row group's, replaces it, and the replaced vector is closed.
   * Owned by this reader: do not close them; {@link #close()} frees them; a caller keeping batches longer than the
   * next batch decodes or copies them first. Empty when no field is dictionary-encoded.
   */
  public DictionaryProvider dictionaries() {
    return dictionaries;
  }

  /** After a column of {@link #startBatch()}'s batch was read: refreshes its dictionary-encoded leaves' dictionaries. */
  private void refreshDictionaries(int field) {
    List<ColumnChunkReader> leaves = fieldDictionaryReaders == null ? null : fieldDictionaryReaders.get(field);
    if (leaves != null) {
      refreshDictionaries(leaves);
    }
  }

  /** After {@link #next()} decoded a batch: refreshes every dictionary-encoded leaf's dictionary. */
  private void refreshDictionaries() {
    refreshDictionaries(dictionaryReaders);
  }

  /**
   * Replaces the dictionary of each of {@code leaves} whose output dictionary grew since its last vector was built
   * (or that has none yet, a new row group's) with a new vector, closing the one it replaces; a dictionary that did
   * not grow stays as it is, the same vector handed out again, so a batch costs no copy of an unchanged dictionary.
   */
  private void refreshDictionaries(List<ColumnChunkReader> leaves) {
    for (ColumnChunkReader reader : leaves) {
      long id = reader.dictionaryEncoding().getId();
      if (!reader.dictionaryGrew() && dictionaries.lookup(id) != null) {
        continue;
      }
      Dictionary fresh = new Dictionary(reader.arrowDictionary(allocator), reader.dictionaryEncoding());
      Dictionary old = dictionaries.lookup(id);
      dictionaries.put(fresh);
      if (old != null) {
        old.getVector().close();
      }
    }
  }

  private ParquetCorruptionException withContext(ParquetCorruptionException e, FieldReader reader) {
    e.inFile(file.location()).inColumn(reader.column()).inRowGroup(currentRowGroup);
    if (reader.pageOrdinal() >= 0) {
      e.inPage(reader.pageOrdinal());
    }
    return e;
  }

  private void openRowGroup(int index) {
    RowGroup rg = file.metadata().rowGroups().get(index);
    currentRowGroup = index;
    readers = new FieldReader[fields.size()];
    dictionaryReaders.clear();
    if (rg.numRows() == 0) {
      rowsLeftInGroup = 0;
      return;
    }
    List<ColumnPlan> leaves = new ArrayList<>();
    for (FieldPlan f : fields) {
      leaves.addAll(f.leaves());
    }
    List<ByteRange> ranges = new ArrayList<>(leaves.size());
    long dataEnd = file.footerOffset();
    for (ColumnPlan p : leaves) {
      ranges.add(chunkRange(rg, p, index, dataEnd));
    }
    // read into the arrays the previous row group's chunks used (the store may fill them instead of allocating):
    // nothing decoded from those chunks is referenced any more, every value having been copied out
    chunkArrays.startRequest();
    List<ByteBuffer> chunks;
    try {
      chunks = Io.join(file.store().getRanges(file.key(), ranges, chunkArrays), file.location());
    } finally {
      chunkArrays.endRequest();
    }
    int next = 0; // the projected leaf's position: indexes the chunks, ranges and staging
    fieldDictionaryReaders = new ArrayList<>(fields.size());
    for (int f = 0; f < fields.size(); f++) {
      int dictionariesBefore = dictionaryReaders.size();
      FieldPlan field = fields.get(f);
      if (field.shape() == null) {
        readers[f] = (FlatColumnReader) openLeaf(rg, field.leaves().get(0), chunks.get(next), ranges.get(next),
            index, next, true);
        next++;
      } else {
        Map<NestedShape.Leaf, RepeatedColumnReader> byLeaf = new IdentityHashMap<>();
        List<NestedShape.Leaf> shapeLeaves = NestedShape.leaves(field.shape());
        for (int l = 0; l < shapeLeaves.size(); l++) {
          byLeaf.put(shapeLeaves.get(l), (RepeatedColumnReader) openLeaf(rg, field.leaves().get(l),
              chunks.get(next), ranges.get(next), index, next, false));
          next++;
        }
        readers[f] = new NestedFieldReader(field.shape(), byLeaf);
      }
      fieldDictionaryReaders.add(List.copyOf(dictionaryReaders.subList(dictionariesBefore,
          dictionaryReaders.size())));
    }
    rowsLeftInGroup = rg.numRows();
  }

  private ColumnChunkReader openLeaf(RowGroup rg, ColumnPlan p, ByteBuffer chunk, ByteRange range, int rowGroup,
      int leafOrdinal, boolean flat) {
    ColumnMetaData md = rg.columns().get(p.column().index()).metaData();
    Io.Slice bytes = Io.slice(chunk);
    CompressionCodec codec = codec(md, p, rowGroup);
    ColumnStaging buffers = staging.computeIfAbsent(leafOrdinal, i -> new ColumnStaging());
    ColumnChunkReader reader = flat
        ? new FlatColumnReader(p, bytes.array(), bytes.offset(), bytes.length(), range.offset(), codec,
            options.verifyChecksums(), md.numValues(), buffers)
        : new RepeatedColumnReader(p, bytes.array(), bytes.offset(), bytes.length(), range.offset(), codec,
            options.verifyChecksums(), md.numValues(), buffers);
    if (reader.dictionaryEncoding() != null) {
      dictionaryReaders.add(reader);
    }
    return reader;
  }

  private ByteRange chunkRange(RowGroup rg, ColumnPlan p, int rowGroup, long dataEnd) {
    ColumnChunk chunk = rg.columns().get(p.column().index());
    ColumnMetaData md = chunk.metaData();
    String column = p.column().dottedPath();
    if (chunk.encrypted() || md == null) {
      throw new UnsupportedParquetException(file.location() + ": column " + column
          + " is encrypted; encrypted Parquet is not supported yet");
    }
    if (chunk.filePath() != null) {
      throw new UnsupportedParquetException(file.location() + ": column " + column + " is stored in another file ("
          + chunk.filePath() + "), which is not supported");
    }
    long start = md.dataPageOffset();
    Long dict = md.dictionaryPageOffset();
    if (dict != null && dict > 0 && dict < start) {
      start = dict; // some writers store 0 for "no dictionary page": then the chunk starts at the data page
    }
    long length = md.totalCompressedSize();
    if (start < 4 || length <= 0 || start > dataEnd || length > dataEnd - start) {
      throw new ParquetCorruptionException("column chunk at offset " + start + " of " + length + " bytes lies "
          + "outside the file's data (4 to " + dataEnd + ")").inFile(file.location()).inColumn(column)
          .inRowGroup(rowGroup).at(Math.max(start, 0));
    }
    if (length > Integer.MAX_VALUE - 8) {
      throw new UnsupportedParquetException(file.location() + ": column chunk " + column + " in row group "
          + rowGroup + " is " + length + " bytes; chunks over 2 GiB are not supported yet");
    }
    return new ByteRange(start, length);
  }

  private CompressionCodec codec(ColumnMetaData md, ColumnPlan p, int rowGroup) {
    CodecName name = CompressionCodecId.fromId(md.codecId());
    if (name == null) {
      throw new UnsupportedParquetException(file.location() + ": column " + p.column().dottedPath()
          + " uses unknown compression codec id " + md.codecId());
    }
    try {
      return CompressionCodecs.get(name);
    } catch (UnsupportedCodecException e) {
      throw new UnsupportedParquetException(file.location() + ": column " + p.column().dottedPath() + " in row group "
          + rowGroup + " uses compression codec " + CompressionCodecId.parquetName(name)
          + ", which is not supported", e);
    }
  }

  /** Releases the buffered column chunks; batches already handed out stay valid. */
  @Override
  public void close() {
    if (closed) {
      return; // a second close must not clear buffers another reader may hold by now
    }
    closed = true;
    pendingRows = 0;
    readers = null;
    fieldDictionaryReaders = null;
    if (buffers != null) {
      buffers.release(); // the staging stays in them for the next reader
      buffers = null;
    } else {
      staging.clear();
      chunkArrays.clear();
    }
    dictionaryReaders.clear();
    dictionaries.close();
    dictionaries = new DictionaryProvider.MapDictionaryProvider();
  }
}
