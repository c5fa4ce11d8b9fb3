package dev.quiver.cli.convert;

import dev.quiver.parquet.read.ParquetBatchReader;
import dev.quiver.parquet.read.ParquetFileReader;
import dev.quiver.parquet.read.ReadOptions;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A Parquet input as Arrow batches, read by Quiver's reader: the schema is the file's (its stored Arrow schema when
 * it has one), dictionary-encoded columns come with their dictionaries.
 */
public final class ParquetSource implements RecordSource {
  private final ParquetFileReader file;
  private final ParquetBatchReader batches;
  /** Empty dictionaries typed like the file's dictionary-encoded fields, for before the first batch. */
  private final DictionaryProvider.MapDictionaryProvider emptyDictionaries;
  /** Whether {@link #emptyDictionaries} has every dictionary-encoded field's value type. */
  private boolean dictionariesComplete = true;
  private long rowsRead;
  private boolean returnedBatch;

  /**
   * Opens {@code location} (a path or URL, as {@link ParquetFileReader#open(String)} takes it).
   *
   * @param batchSize rows per batch, at least 1
   * @throws dev.quiver.parquet.ParquetException when the file is not Parquet, corrupt or unsupported
   * @throws dev.quiver.store.ObjectStoreException when it cannot be read
   */
  public ParquetSource(String location, BufferAllocator allocator, int batchSize) {
    this.file = ParquetFileReader.open(location);
    this.emptyDictionaries = new DictionaryProvider.MapDictionaryProvider();
    ParquetBatchReader reader = null;
    try {
      reader = file.read(allocator, ReadOptions.defaults().withBatchSize(batchSize));
      Map<Long, ArrowType> valueTypes = new HashMap<>();
      if (file.storedArrowSchema() != null) {
        valueTypes(file.storedArrowSchema().getFields(), valueTypes);
      }
      addEmptyDictionaries(reader.schema().getFields(), valueTypes, allocator);
    } catch (RuntimeException e) {
      emptyDictionaries.close();
      if (reader != null) {
        reader.close();
      }
      file.close();
      throw e;
    }
    this.batches = reader;
  }

  /**
   * For each dictionary-encoded field at any depth of {@code fields} (the batches' schema: typed by indices), an
   * empty dictionary typed by its values as {@code valueTypes} (by dictionary id, from the file's stored Arrow
   * schema in IPC form) records them.
   */
  private void addEmptyDictionaries(List<Field> fields, Map<Long, ArrowType> valueTypes, BufferAllocator allocator) {
    for (Field f : fields) {
      DictionaryEncoding encoding = f.getDictionary();
      ArrowType valueType = encoding == null ? null : valueTypes.get(encoding.getId());
      if (encoding != null && valueType == null) {
        dictionariesComplete = false;
      } else if (valueType != null && emptyDictionaries.lookup(encoding.getId()) == null) {
        FieldVector values = new Field(f.getName(), FieldType.notNullable(valueType), null).createVector(allocator);
        values.setValueCount(0);
        emptyDictionaries.put(new Dictionary(values, encoding));
      }
      addEmptyDictionaries(f.getChildren(), valueTypes, allocator);
    }
  }

  private static void valueTypes(List<Field> stored, Map<Long, ArrowType> out) {
    for (Field f : stored) {
      if (f.getDictionary() != null) {
        out.put(f.getDictionary().getId(), f.getType());
      }
      valueTypes(f.getChildren(), out);
    }
  }

  /** Rows returned so far. */
  public long rowsRead() {
    return rowsRead;
  }

  /** Rows in the file, from its footer. */
  public long totalRows() {
    return file.metadata().numRows();
  }

  @Override
  public Schema schema() {
    return batches.schema();
  }

  @Override
  public VectorSchemaRoot next() {
    while (batches.hasNext()) {
      VectorSchemaRoot batch = batches.next();
      if (batch.getRowCount() > 0) {
        rowsRead += batch.getRowCount();
        returnedBatch = true;
        return batch;
      }
      batch.close();
    }
    return null;
  }

  /**
   * The dictionaries of the last batch; before the first batch, empty dictionaries typed like the file's
   * dictionary-encoded fields (so that a writer opened with them knows their value types even when the file has no
   * rows), or null when the file's stored Arrow schema does not give every value type.
   */
  @Override
  public DictionaryProvider dictionaries() {
    if (returnedBatch) {
      return batches.dictionaries();
    }
    return dictionariesComplete ? emptyDictionaries : null;
  }

  @Override
  public void close() {
    try {
      batches.close();
    } finally {
      try {
        emptyDictionaries.close();
      } finally {
        file.close();
      }
    }
  }
}
