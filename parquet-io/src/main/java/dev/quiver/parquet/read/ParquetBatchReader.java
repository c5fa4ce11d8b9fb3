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
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Streams a file's rows as {@link VectorSchemaRoot} batches of at most {@link ReadOptions#batchSize()} rows, row
 * group after row group (a batch never spans two). Each batch is a new root allocated from the caller's allocator
 * and belongs to the caller, who must close it.
 *
 * <p>I/O is planned per row group before decoding: the byte ranges of the projected column chunks are fetched
 * through {@link dev.quiver.store.ObjectStore#getRanges} in one call, then decoded without further I/O. Memory is
 * bounded by one row group's projected column chunks plus one batch of staging per column.
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
  /** The dictionaries of the batch last returned; replaced by the next batch, closed with the reader. */
  private DictionaryProvider.MapDictionaryProvider dictionaries = new DictionaryProvider.MapDictionaryProvider();
  /** Per leaf column (by its index in the schema), the buffers its readers reuse from row group to row group. */
  private final Map<Integer, ColumnStaging> staging = new java.util.HashMap<>();
  private boolean closed;

  ParquetBatchReader(ParquetFileReader file, BufferAllocator allocator, ReadOptions options) {
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
    List<FieldPlan> plans = new ArrayList<>(names.size());
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
          if (options.unscaledDecimals() && derived.getType() instanceof ArrowType.Decimal d
              && d.getPrecision() <= MAX_UNSCALED_PRECISION) {
            field = unscaledDecimalField(derived, d);
          } else {
            field = StoredArrowSchema.toMemoryFormat(field);
          }
          plans.add(new FieldPlan(field, null, List.of(ColumnPlan.of(column, field))));
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

  @Override
  public boolean hasNext() {
    if (closed) {
      return false;
    }
    List<RowGroup> groups = file.metadata().rowGroups();
    List<Integer> selected = options.rowGroups();
    int count = selected == null ? groups.size() : selected.size();
    while (rowsLeftInGroup == 0 && nextRowGroup < count) {
      int index = selected == null ? nextRowGroup : selected.get(nextRowGroup);
      nextRowGroup++;
      openRowGroup(index);
    }
    return rowsLeftInGroup > 0;
  }

  /**
   * The next batch, owned by the caller.
   *
   * @throws NoSuchElementException when no rows remain
   */
  @Override
  public VectorSchemaRoot next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more rows in " + file.location());
    }
    int rows = (int) Math.min(options.batchSize(), rowsLeftInGroup);
    VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
    try {
      for (int i = 0; i < readers.length; i++) {
        try {
          readers[i].readBatch(root.getVector(i), rows);
        } catch (ParquetCorruptionException e) {
          throw withContext(e, readers[i]);
        } catch (IndexOutOfBoundsException | NegativeArraySizeException | ArithmeticException
            | IllegalArgumentException e) {
          // defence in depth: every length is validated, but a decoder bug must still surface as corruption
          throw withContext(new ParquetCorruptionException("page does not decode: " + e, e), readers[i]);
        }
      }
      root.setRowCount(rows);
      refreshDictionaries();
    } catch (RuntimeException e) {
      root.close();
      rowsLeftInGroup = 0;
      nextRowGroup = Integer.MAX_VALUE;
      throw e;
    }
    rowsLeftInGroup -= rows;
    return root;
  }

  /**
   * The dictionaries of the dictionary-encoded fields of the batch {@link #next()} returned last (fields whose
   * stored {@code ARROW:schema} type is dictionary-encoded; see
   * {@link dev.quiver.parquet.schema.StoredArrowSchema}): such a field's vector holds signed 32-bit indices into
   * the dictionary with its {@code DictionaryEncoding} id. Owned by this reader: the next batch replaces them
   * (a dictionary only grows within a row group, so earlier batches of the same row group still index it
   * correctly) and {@link #close()} frees them; a caller keeping batches longer decodes or copies them first.
   * Empty when no field is dictionary-encoded.
   */
  public DictionaryProvider dictionaries() {
    return dictionaries;
  }

  private void refreshDictionaries() {
    if (dictionaryReaders.isEmpty()) {
      return;
    }
    DictionaryProvider.MapDictionaryProvider next = new DictionaryProvider.MapDictionaryProvider();
    try {
      for (ColumnChunkReader reader : dictionaryReaders) {
        next.put(new Dictionary(reader.arrowDictionary(allocator), reader.dictionaryEncoding()));
      }
    } catch (RuntimeException e) {
      next.close();
      throw e;
    }
    dictionaries.close();
    dictionaries = next;
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
    List<ByteBuffer> chunks = Io.join(file.store().getRanges(file.key(), ranges), file.location());
    int next = 0;
    for (int f = 0; f < fields.size(); f++) {
      FieldPlan field = fields.get(f);
      if (field.shape() == null) {
        readers[f] = (FlatColumnReader) openLeaf(rg, field.leaves().get(0), chunks.get(next), ranges.get(next),
            index, true);
        next++;
      } else {
        Map<NestedShape.Leaf, RepeatedColumnReader> byLeaf = new IdentityHashMap<>();
        List<NestedShape.Leaf> shapeLeaves = NestedShape.leaves(field.shape());
        for (int l = 0; l < shapeLeaves.size(); l++) {
          byLeaf.put(shapeLeaves.get(l), (RepeatedColumnReader) openLeaf(rg, field.leaves().get(l),
              chunks.get(next), ranges.get(next), index, false));
          next++;
        }
        readers[f] = new NestedFieldReader(field.shape(), byLeaf);
      }
    }
    rowsLeftInGroup = rg.numRows();
  }

  private ColumnChunkReader openLeaf(RowGroup rg, ColumnPlan p, ByteBuffer chunk, ByteRange range, int rowGroup,
      boolean flat) {
    ColumnMetaData md = rg.columns().get(p.column().index()).metaData();
    Io.Slice bytes = Io.slice(chunk);
    CompressionCodec codec = codec(md, p, rowGroup);
    ColumnStaging buffers = staging.computeIfAbsent(p.column().index(), i -> new ColumnStaging());
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
    closed = true;
    readers = null;
    staging.clear();
    dictionaryReaders.clear();
    dictionaries.close();
    dictionaries = new DictionaryProvider.MapDictionaryProvider();
  }
}
