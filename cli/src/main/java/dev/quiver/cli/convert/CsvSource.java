package dev.quiver.cli.convert;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A CSV input as Arrow batches. Records are read into a batch of field texts, then each column is converted in
 * one pass over the batch by its {@link ColumnBuilder} and moved into its vector in bulk. An empty field is a null
 * (quoted or not, as DuckDB reads CSV by default); columns match the schema by position. A batch ends after
 * {@code batchSize} records, or earlier once its text passes 32 Mi characters.
 *
 * <p>Errors name the line where the bad record starts: a value that does not parse as its column's type (with the
 * column), a record with the wrong number of fields, malformed quoting. When a batch has several bad values, the one
 * on the earliest line is reported.
 */
public final class CsvSource implements RecordSource {
  private static final long MAX_BATCH_CHARS = 32L << 20;

  private final CsvRecords records;
  private final Schema schema;
  private final BufferAllocator allocator;
  private final int batchSize;
  private final ColumnBuilder[] columns;
  private String[][] batch;
  private long[] before;
  private long[] after;
  private ConvertException deferred;
  private boolean done;

  /**
   * Reads {@code input} (which this source closes) as rows of {@code schema}.
   *
   * @param schema the columns, as many as the input's records have fields (see {@link SchemaFile} for the types)
   * @param allocator where batches are allocated
   * @param batchSize rows per batch, at least 1
   * @throws ConvertException when the input has no records, or the field count differs from the schema's
   * @throws IllegalArgumentException for a type the converter does not write
   */
  public CsvSource(InputStream input, CsvOptions options, Schema schema, BufferAllocator allocator, int batchSize)
      throws IOException {
    this.records = new CsvRecords(input, options);
    try {
      if (records.names().size() != schema.getFields().size()) {
        throw ConvertException.atLine(1, null, "the CSV has " + records.names().size() + " columns, the schema "
            + schema.getFields().size(), null);
      }
    } catch (RuntimeException e) {
      records.close();
      throw e;
    }
    this.schema = schema;
    this.allocator = allocator;
    this.batchSize = batchSize;
    List<Field> fields = schema.getFields();
    this.columns = new ColumnBuilder[fields.size()];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = ColumnBuilder.forField(fields.get(i), fields.get(i).getName(), true);
    }
    int initial = Math.min(batchSize, 1024); // grown as records arrive, so a large --batch-size costs only what is used
    this.batch = new String[initial][];
    this.before = new long[initial];
    this.after = new long[initial];
  }

  /**
   * The schema of a CSV input inferred from its first {@code sampleRows} records (see {@link InferredType}): the
   * header's names (or {@code column0}, ...) and, per column, the narrowest type all sampled values have.
   *
   * @throws ConvertException for malformed CSV or a wrong field count among the sampled records
   */
  public static Schema infer(InputStream input, CsvOptions options, int sampleRows) throws IOException {
    try (CsvRecords records = new CsvRecords(input, options)) {
      List<String> names = records.names();
      InferredType[] types = new InferredType[names.size()];
      for (int i = 0; i < types.length; i++) {
        types[i] = new InferredType();
      }
      String[] values;
      for (int row = 0; row < sampleRows && (values = records.next()) != null; row++) {
        for (int i = 0; i < types.length; i++) {
          types[i].observeText(values[i]);
        }
      }
      List<Field> fields = new ArrayList<>();
      for (int i = 0; i < types.length; i++) {
        fields.add(types[i].toField(names.get(i)));
      }
      return new Schema(fields);
    }
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public VectorSchemaRoot next() throws IOException {
    if (deferred != null) {
      throw deferred;
    }
    if (done) {
      return null;
    }
    int count = 0;
    long chars = 0;
    while (count < batchSize && chars < MAX_BATCH_CHARS) {
      String[] values;
      try {
        values = records.next();
      } catch (ConvertException e) {
        // Report it after the batch's rows before it, which may hold an earlier bad value.
        deferred = e;
        break;
      }
      if (values == null) {
        done = true;
        break;
      }
      if (count == batch.length) {
        int grown = (int) Math.min(batchSize, 2L * batch.length);
        batch = java.util.Arrays.copyOf(batch, grown);
        before = java.util.Arrays.copyOf(before, grown);
        after = java.util.Arrays.copyOf(after, grown);
      }
      batch[count] = values;
      before[count] = records.before;
      after[count] = records.after;
      count++;
      for (String v : values) {
        chars += v.length();
      }
    }
    if (count == 0) {
      if (deferred != null) {
        throw deferred;
      }
      return null;
    }
    fillColumns(count);
    VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
    try {
      for (int i = 0; i < columns.length; i++) {
        columns[i].fill(root.getVector(i));
      }
      root.setRowCount(count);
    } catch (RuntimeException e) {
      root.close();
      throw e;
    }
    java.util.Arrays.fill(batch, 0, count, null);
    return root;
  }

  /** Converts the batch column by column; on bad values, throws the one on the earliest line. */
  private void fillColumns(int count) {
    ConvertException first = null;
    int firstRow = count;
    ColumnBuilder.CsvErrorRow error = new ColumnBuilder.CsvErrorRow();
    for (int c = 0; c < columns.length; c++) {
      try {
        // Once a bad value is found, only the rows before it can hold an earlier one.
        columns[c].appendTexts(batch, c, firstRow, error);
      } catch (ConvertException e) {
        if (error.row < firstRow) {
          first = e;
          firstRow = error.row;
        }
      }
    }
    if (first != null) {
      throw first.atLine(CsvRecords.firstLine(batch[firstRow], before[firstRow], after[firstRow]));
    }
  }

  @Override
  public void close() throws IOException {
    records.close();
  }
}
