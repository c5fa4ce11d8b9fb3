package dev.quiver.exec.op;

import dev.quiver.exec.dataset.DataFile;
import dev.quiver.exec.dataset.Dataset;
import dev.quiver.exec.dataset.Pruner;
import dev.quiver.exec.dataset.ScanUnit;
import dev.quiver.exec.types.DataType;
import dev.quiver.exec.vector.ArrowBridge;
import dev.quiver.exec.vector.Batch;
import dev.quiver.exec.vector.Column;
import dev.quiver.exec.vector.Schema;
import dev.quiver.parquet.read.ParquetBatchReader;
import dev.quiver.parquet.read.ParquetFileReader;
import dev.quiver.parquet.read.ReadOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Reads the projected columns of some {@link ScanUnit}s (row groups of files) through the Parquet reader: only
 * the projected columns are decoded ({@code ReadOptions.columns}), only the units' row groups are read
 * ({@code ReadOptions.rowGroups}; the {@link Pruner} left out those whose statistics cannot match). Each Arrow batch
 * is copied in bulk into engine columns and freed at once; a column a file lacks reads as nulls, a partition column
 * as its folder value, and a narrower type is widened to the dataset's. Parallel scans share one unit queue.
 */
public final class Scan extends AbstractOperator {
  private final Dataset dataset;
  private final Queue<ScanUnit> units;
  private final Schema schema;
  private final BufferAllocator allocator;
  private final int batchSize;
  private final String filterText;
  private final long skippedGroups;
  private ParquetFileReader reader;
  private ParquetBatchReader batches;
  private ScanUnit current;

  /**
   * A scan taking units from {@code units} (a queue shared with the other scans of a parallel plan).
   *
   * @param columns the projected column names, in output order (dataset columns)
   * @param allocator where the reader allocates its Arrow batches (freed batch by batch)
   * @param skippedGroups row groups the pruner skipped, for EXPLAIN ANALYZE
   * @param filterText the filter used for pruning, for EXPLAIN (may be null)
   */
  public Scan(Dataset dataset, Queue<ScanUnit> units, List<String> columns, BufferAllocator allocator, int batchSize,
      MemoryBudget budget, long skippedGroups, String filterText) {
    super(budget);
    this.dataset = dataset;
    this.units = units;
    List<DataType> types = new ArrayList<>();
    for (String c : columns) {
      types.add(dataset.schema().type(dataset.schema().indexOf(c)));
    }
    this.schema = new Schema(columns, types);
    this.allocator = allocator;
    this.batchSize = batchSize;
    this.skippedGroups = skippedGroups;
    this.filterText = filterText;
    stats.rowGroupsSkipped.set(skippedGroups);
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public String describe() {
    return "Scan " + dataset.location() + " columns=" + schema.names()
        + (filterText == null ? "" : " pruning=" + filterText);
  }

  @Override
  protected Batch compute() {
    while (true) {
      if (batches == null && !openNext()) {
        return null;
      }
      if (batches.hasNext()) {
        try (VectorSchemaRoot root = batches.next()) {
          return convert(root);
        }
      }
      closeReader();
    }
  }

  private boolean openNext() {
    ScanUnit unit = units.poll();
    if (unit == null) {
      return false;
    }
    current = unit;
    DataFile f = unit.file();
    List<String> fileColumns = new ArrayList<>();
    for (String c : schema.names()) {
      int i = f.columnIndex(c);
      if (i >= 0) {
        fileColumns.add(f.columnNames().get(i));
      }
    }
    if (fileColumns.isEmpty() && !f.columnNames().isEmpty()) {
      fileColumns.add(f.columnNames().get(0)); // only partition or missing columns: read one for the row counts
    }
    stats.rowGroupsRead.addAndGet(unit.rowGroups().size());
    stats.bytesRead.addAndGet(unit.compressedBytes());
    reader = ParquetFileReader.open(f.store(), f.key());
    ReadOptions options = ReadOptions.defaults().withBatchSize(batchSize).withColumns(fileColumns)
        .withRowGroups(unit.rowGroups());
    batches = reader.read(allocator, options);
    return true;
  }

  private Batch convert(VectorSchemaRoot root) {
    int rows = root.getRowCount();
    DataFile f = current.file();
    Column[] cols = new Column[schema.size()];
    for (int c = 0; c < cols.length; c++) {
      String name = schema.name(c);
      DataType want = schema.type(c);
      int fi = f.columnIndex(name);
      if (fi >= 0) {
        FieldVector v = root.getVector(f.columnNames().get(fi));
        Column col = ArrowBridge.toColumn(v, f.columnTypes().get(fi), rows);
        cols[c] = col.type.equals(want) ? col : widen(col, want);
      } else if (Dataset.value(f.partitionValues(), name) != null) {
        cols[c] = Pruner.partitionColumn(want, Dataset.value(f.partitionValues(), name), rows);
      } else {
        cols[c] = Column.allNull(want, rows);
      }
    }
    stats.rowsIn.addAndGet(rows);
    return new Batch(cols, rows);
  }

  private static Column widen(Column col, DataType want) {
    dev.quiver.exec.expr.Binder b = new dev.quiver.exec.expr.Binder(new Schema(List.of("c"), List.of(col.type)));
    return b.bind(new dev.quiver.exec.expr.Expr.Cast(new dev.quiver.exec.expr.Expr.ColumnRef("c"), want))
        .eval(new Batch(new Column[] {col}, col.size));
  }

  private void closeReader() {
    if (batches != null) {
      batches.close();
      batches = null;
    }
    if (reader != null) {
      reader.close();
      reader = null;
    }
  }

  /** Row groups the pruner skipped for this scan's dataset. */
  public long skippedGroups() {
    return skippedGroups;
  }

  @Override
  public void close() {
    closeReader();
  }
}
