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
import dev.quiver.parquet.format.ColumnMetaData;
import dev.quiver.parquet.format.Encoding;
import dev.quiver.parquet.format.PageEncodingStats;
import dev.quiver.parquet.format.PageType;
import dev.quiver.parquet.read.ParquetBatchReader;
import dev.quiver.parquet.read.ParquetFileReader;
import dev.quiver.parquet.read.ReadOptions;
import dev.quiver.parquet.read.ValueFilter;
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
 * is copied in bulk into engine columns and freed at once (decimals of precision up to 18 read as their 64-bit
 * unscaled values, {@code ReadOptions.withUnscaledDecimals}); a column a file lacks reads as nulls, a partition column
 * as its folder value, and a narrower type is widened to the dataset's. Parallel scans share one unit queue.
 *
 * <p>A filter right above the scan is evaluated inside it, conjunct by conjunct, with late materialisation through
 * the reader's selective batches ({@code ParquetBatchReader.startBatch/readColumn}): the columns of the first
 * conjunct are decoded whole, each later conjunct's columns only at the rows still selected, and the remaining
 * projected columns only at the rows that passed every conjunct; a batch no row of which passes has its remaining
 * columns skipped undecoded.
 */
public final class Scan extends AbstractOperator {
  private final Dataset dataset;
  private final Queue<ScanUnit> units;
  private final Schema schema;
  private final BufferAllocator allocator;
  private final int batchSize;
  private final String filterText;
  private final long skippedGroups;
  private final dev.quiver.exec.vector.ArrowValues values;
  private final List<dev.quiver.exec.expr.Bound> conjuncts = new ArrayList<>();
  private final List<int[]> conjunctColumns = new ArrayList<>();
  private ParquetFileReader reader;
  private ParquetBatchReader batches;
  private ScanUnit current;
  /**
   * A column is decoded by the reader at the selected rows only when at most 1/SELECTIVE of the batch's rows are
   * selected; above that it is decoded whole and the rows taken from it. (The reader's selected-row decoding of a
   * nullable column ranks each selected row in the validity bits one by one: on TPC-H Q6 it paid only well below
   * 1/8 of the rows.)
   */
  private static final int SELECTIVE = 16;
  /** Per file column of the open unit, the decoder of its dictionary-encoded strings (made on first use). */
  private ArrowBridge.DictionaryStrings[] dictionaryStrings;
  /** Rows of the open unit not yet read: its range's rest, or {@code Long.MAX_VALUE} for whole row groups. */
  private long unitRowsLeft;
  /** Rows of the batch started last. */
  private int batchRows;
  /** Per output column, its field index in the open batch reader's schema, or -1 (partition or missing column). */
  private int[] readerField;

  /**
   * A scan taking units from {@code units} (a queue shared with the other scans of a parallel plan).
   *
   * @param columns the projected column names, in output order (dataset columns)
   * @param allocator where the reader allocates its Arrow batches (freed batch by batch)
   * @param skippedGroups row groups the pruner skipped, for EXPLAIN ANALYZE
   * @param filterText the filter used for pruning, for EXPLAIN (may be null)
   * @param values where the Arrow vectors of OPAQUE columns are handed over (the query's store)
   */
  public Scan(Dataset dataset, Queue<ScanUnit> units, List<String> columns, BufferAllocator allocator, int batchSize,
      MemoryBudget budget, long skippedGroups, String filterText, dev.quiver.exec.vector.ArrowValues values) {
    super(budget);
    this.values = values;
    this.dataset = dataset;
    this.units = units;
    List<DataType> types = new ArrayList<>();
    for (String c : columns) {
      types.add(dataset.schema().type(dataset.schema().indexOf(c)));
    }
    this.schema = new Schema(columns, types);
    this.output = schema;
    this.allocator = allocator;
    this.batchSize = batchSize;
    this.skippedGroups = skippedGroups;
    this.filterText = filterText;
    stats.rowGroupsSkipped.set(skippedGroups);
  }

  /**
   * The output columns: the projected columns, or after {@link #outputOnly} the subset the parent reads (columns
   * read only by the filter are then dropped once it has run, never compacted nor returned).
   */
  @Override
  public Schema schema() {
    return output;
  }

  /** The output schema; its columns are {@code outputColumns} of {@link #schema} (all of them when null). */
  private Schema output;
  private int[] outputColumns;
  /**
   * Per conjunct k (and one past the last), whether column c is still read from conjunct k on or is an output
   * column: a column that is not is dropped at the next compaction instead of being gathered.
   */
  private boolean[][] neededFrom;

  /**
   * Makes the scan return only the projected columns named in {@code names} (case-insensitive), in projection
   * order; call it after the last {@link #addFilter}. Columns the filter alone reads are dropped as soon as no
   * later conjunct needs them. No effect when {@code names} covers every column or none.
   */
  public void outputOnly(java.util.Set<String> names) {
    java.util.Set<String> lower = new java.util.HashSet<>();
    for (String n : names) {
      lower.add(n.toLowerCase(java.util.Locale.ROOT));
    }
    List<Integer> keep = new ArrayList<>();
    for (int c = 0; c < schema.size(); c++) {
      if (lower.contains(schema.name(c).toLowerCase(java.util.Locale.ROOT))) {
        keep.add(c);
      }
    }
    if (keep.isEmpty() || keep.size() == schema.size()) {
      return;
    }
    outputColumns = keep.stream().mapToInt(Integer::intValue).toArray();
    List<String> n = new ArrayList<>();
    List<DataType> t = new ArrayList<>();
    for (int c : outputColumns) {
      n.add(schema.name(c));
      t.add(schema.type(c));
    }
    output = new Schema(n, t);
    int k = conjuncts.size();
    neededFrom = new boolean[k + 1][schema.size()];
    for (int c : outputColumns) {
      neededFrom[k][c] = true;
    }
    for (int j = k - 1; j >= 0; j--) {
      neededFrom[j] = neededFrom[j + 1].clone();
      for (int c : conjunctColumns.get(j)) {
        neededFrom[j][c] = true;
      }
    }
  }

  /**
   * Makes the scan keep only rows where {@code conjunct} (a BOOLEAN expression bound against {@link #schema()})
   * is true; {@code columns} are the indexes of the columns it reads. Conjuncts run in the order added.
   */
  public void addFilter(dev.quiver.exec.expr.Bound conjunct, int[] columns) {
    dev.quiver.exec.expr.Ranges.Range range = dev.quiver.exec.expr.Ranges.of(conjunct);
    int last = conjuncts.size() - 1;
    if (range != null && last >= 0 && ranges.get(last) != null && ranges.get(last).column() == range.column()) {
      // x >= a AND x < b: one range test (the rows kept are the same: a row passes iff every conjunct is true)
      ranges.set(last, ranges.get(last).intersect(range));
      mergedText.set(last, mergedText.get(last) + " AND " + conjunct);
      mergedParts.get(last).add(conjunct);
      return;
    }
    mergedParts.add(new ArrayList<>(List.of(conjunct)));
    conjuncts.add(conjunct);
    conjunctColumns.add(columns.clone());
    ranges.add(range);
    mergedText.add(conjunct.toString());
  }

  /** Per conjunct, the constant range of one column it keeps (tested by one fused loop), or null. */
  private final List<dev.quiver.exec.expr.Ranges.Range> ranges = new ArrayList<>();
  /**
   * Per conjunct, the conjuncts merged into it (itself first): what its range stands for, all evaluated when the range
   * cannot be tested as 64-bit values.
   */
  private final List<List<dev.quiver.exec.expr.Bound>> mergedParts = new ArrayList<>();
  /** Per conjunct, its text with any range conjuncts merged into it. */
  private final List<String> mergedText = new ArrayList<>();

  @Override
  public String describe() {
    return "Scan " + dataset.location() + " columns=" + schema.names()
        + (outputColumns == null ? "" : " output=" + output.names())
        + (conjuncts.isEmpty() ? "" : " filter=" + mergedText)
        + (filterText == null ? "" : " pruning=" + filterText);
  }

  @Override
  protected Batch compute() {
    while (true) {
      if (batches == null && !openNext()) {
        return null;
      }
      if (unitRowsLeft == 0) {
        closeReader(); // the end of a range of rows
        continue;
      }
      if (!conjuncts.isEmpty()) {
        int rows = batches.startBatch(); // columns are decoded one by one below, at the rows still selected
        unitRowsLeft -= rows;
        batchRows = rows;
        if (rows == 0) {
          closeReader();
          continue;
        }
        long mark = dev.quiver.exec.vector.Scratch.mark();
        Batch b = convertFiltered(rows);
        if (b != null) {
          return b;
        }
        dev.quiver.exec.vector.Scratch.rollBack(mark); // the filter emptied the batch: its arrays are free again
        continue;
      }
      if (batches.hasNext()) {
        try (VectorSchemaRoot root = batches.next()) {
          unitRowsLeft -= root.getRowCount();
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
    dictionaryStrings = new ArrowBridge.DictionaryStrings[f.columnNames().size()];
    readerField = new int[schema.size()];
    for (int c = 0; c < schema.size(); c++) {
      int i = f.columnIndex(schema.name(c));
      readerField[c] = i >= 0 ? fileColumns.size() : -1;
      if (i >= 0) {
        fileColumns.add(f.columnNames().get(i));
      }
    }
    if (fileColumns.isEmpty() && !f.columnNames().isEmpty()) {
      fileColumns.add(f.columnNames().get(0)); // only partition or missing columns: read one for the row counts
    }
    if (unit.firstRow() == 0) {
      stats.rowGroupsRead.addAndGet(unit.rowGroups().size()); // a row group split into ranges counts once
    }
    stats.bytesRead.addAndGet(unit.compressedBytes());
    reader = f.reader(); // footer decoded once when the dataset was opened
    // DECIMAL(p <= 18) arrive as 64-bit unscaled values (the engine's storage): a straight copy, no 128-bit detour
    // string columns whose chunks hold dictionary indices throughout arrive as those indices plus the chunk's
    // dictionary (decoded here by a lookup: one byte per row for flag columns), not as strings the reader gathers
    // first; others (PLAIN pages, a dictionary that fell back) as strings, since the reader would intern each of
    // their values into a dictionary growing with the row group
    List<String> dictionaryColumns = new ArrayList<>();
    for (int c = 0; c < schema.size(); c++) {
      int i = f.columnIndex(schema.name(c));
      if (i >= 0 && f.columnTypes().get(i).kind() == DataType.Kind.VARCHAR
          && dictionaryEncodedThroughout(f, i, unit.rowGroups())) {
        dictionaryColumns.add(f.columnNames().get(i));
      }
    }
    ReadOptions options = ReadOptions.defaults().withBatchSize(batchSize).withColumns(fileColumns)
        .withRowGroups(unit.rowGroups()).withUnscaledDecimals(true).withDictionaryColumns(dictionaryColumns);
    batches = reader.read(allocator, options, readBuffers);
    unitRowsLeft = unit.isRange() ? unit.rows() : Long.MAX_VALUE;
    // a range of rows: the rows before it are skipped at once (pages wholly before it are not decompressed); it
    // starts at a multiple of the batch size, so its batches are the ones the whole row group would have
    if (unit.firstRow() > 0) {
      batches.skipRows(unit.firstRow());
    }
    // a conjunct on one fixed-width column whose chunks are dictionary-encoded throughout is pushed into the reader:
    // it is tested once per dictionary entry, each row only looks its index's answer up, and only the passing
    // values are decoded (when a later conjunct or the output reads the column)
    longFields = new boolean[schema.size()];
    for (int c = 0; c < schema.size(); c++) {
      int fi = f.columnIndex(schema.name(c));
      if (fi >= 0 && readerField[c] >= 0) {
        DataType.Kind kind = f.columnTypes().get(fi).kind();
        longFields[c] = (kind == DataType.Kind.INTEGER || kind == DataType.Kind.BIGINT
            || kind == DataType.Kind.DECIMAL || kind == DataType.Kind.DATE)
            && readsAsLongs(batches.schema().getFields().get(readerField[c]));
      }
    }
    pushed = new ValueFilter[conjuncts.size()];
    for (int k = 0; k < conjuncts.size(); k++) {
      int[] reads = conjunctColumns.get(k);
      if (reads.length != 1) {
        continue;
      }
      int c = reads[0];
      int fi = f.columnIndex(schema.name(c));
      if (fi < 0 || readerField[c] < 0) {
        continue;
      }
      DataType.Kind kind = f.columnTypes().get(fi).kind();
      if (kind == DataType.Kind.OPAQUE || kind == DataType.Kind.VARCHAR || kind == DataType.Kind.BOOLEAN
          || dictionaryColumns.contains(f.columnNames().get(fi))
          || batches.schema().getFields().get(readerField[c]).getDictionary() != null
          || !dictionaryEncodedThroughout(f, fi, unit.rowGroups())) {
        continue;
      }
      boolean total = true;
      for (dev.quiver.exec.expr.Bound part : mergedParts.get(k)) {
        total &= dev.quiver.exec.expr.Predicates.cannotFail(part);
      }
      if (!total) {
        continue; // tested on every dictionary entry, it could fail on a value only rows filtered out already hold
      }
      if (passesNull(k, c)) {
        continue; // the reader drops null values: a conjunct true there (x IS NULL, coalesce(x, 0) = 0) stays here
      }
      pushed[k] = new ConjunctFilter(k, c, f.columnTypes().get(fi));
    }
    return true;
  }

  /** Whether conjunct {@code k}, over column {@code c} alone, keeps a row where that column is null. */
  private boolean passesNull(int k, int c) {
    Column[] cols = new Column[schema.size()];
    cols[c] = Column.allNull(schema.type(c), 1);
    return evaluate(k, cols, new boolean[1], null, 1)[0];
  }

  /**
   * The heap staging of the scan's readers, opened one unit after another on this scan's thread: each starts with
   * the arrays the previous one grew (a unit is often a single row group).
   */
  private final dev.quiver.parquet.read.ReadBuffers readBuffers = new dev.quiver.parquet.read.ReadBuffers();

  /** Per conjunct, the filter the open unit's reader evaluates it with (see {@link #openNext}), or null. */
  private ValueFilter[] pushed;

  /**
   * Conjunct {@code k}, over column {@code c} alone, as the reader's {@link ValueFilter}: the reader's vector of the
   * column's values (a dictionary's entries, or a page's values) is copied into an engine column of the file's type,
   * widened to the dataset's, and the conjunct (its range, or each conjunct merged into it) evaluated on it; null and
   * false both fail.
   */
  private final class ConjunctFilter implements ValueFilter {
    private final int k;
    private final int c;
    private final DataType fileType;

    ConjunctFilter(int k, int c, DataType fileType) {
      this.k = k;
      this.c = c;
      this.fileType = fileType;
    }

    @Override
    public void test(FieldVector values, int count, boolean[] out) {
      Column col = ArrowBridge.toColumn(values, fileType, count);
      DataType want = schema.type(c);
      if (!col.type.equals(want)) {
        col = widen(col, want);
      }
      Column[] cols = new Column[schema.size()];
      cols[c] = col;
      evaluate(k, cols, out, null, count);
    }
  }

  /**
   * Whether every data page of column {@code fi}'s chunks in the given row groups holds dictionary indices: by the
   * chunks' page encoding statistics when the writer stored them, else by their encoding lists, where any value
   * encoding beside a dictionary one (PLAIN may be a fallback, or only the dictionary page's own) counts as a
   * possible fallback. False when in doubt: the column is then read as strings.
   */
  static boolean dictionaryEncodedThroughout(DataFile f, int fi, List<Integer> rowGroups) {
    int leaf = f.leafIndex().get(fi);
    for (int g : rowGroups) {
      ColumnMetaData m = f.metadata().rowGroups().get(g).columns().get(leaf).metaData();
      if (m == null) {
        return false;
      }
      boolean dictionary = false;
      if (m.encodingStats() != null && !m.encodingStats().isEmpty()) {
        for (PageEncodingStats s : m.encodingStats()) {
          if (s.pageType() == PageType.DATA_PAGE || s.pageType() == PageType.DATA_PAGE_V2) {
            if (!s.encoding().isDictionary() && s.count() > 0) {
              return false;
            }
            dictionary |= s.encoding().isDictionary();
          }
        }
      } else {
        for (Encoding e : m.encodings()) {
          if (e.isDictionary()) {
            dictionary = true;
          } else if (e != Encoding.RLE && e != Encoding.BIT_PACKED) {
            return false; // a value encoding: pages that are not dictionary-encoded may exist
          }
        }
      }
      if (!dictionary) {
        return false;
      }
    }
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
        cols[c] = read(root.getVector(f.columnNames().get(fi)), f, fi, want, null, rows);
      } else if (Dataset.value(f.partitionValues(), name) != null) {
        cols[c] = Pruner.partitionColumn(want, Dataset.value(f.partitionValues(), name), rows);
      } else {
        cols[c] = Column.allNull(want, rows);
      }
    }
    stats.rowsIn.addAndGet(rows);
    return new Batch(cols, rows);
  }

  /**
   * The batch the reader started ({@code rows} rows), filtered: each conjunct's columns are decoded by the reader
   * only at the rows still selected, and the other projected columns only at the rows that passed every conjunct
   * (the reader skips what is never decoded). Null when no row passes.
   */
  private Batch convertFiltered(int rows) {
    stats.rowsIn.addAndGet(rows);
    Column[] cols = new Column[schema.size()];
    int[] sel = null;
    int count = rows;
    // conjuncts over columns already decoded are AND-ed into one mask; the batch is compacted only before a
    // conjunct that needs a column not yet decoded, so that column is decoded at the surviving rows alone
    boolean[] mask = null;
    for (int k = 0; k < conjuncts.size(); k++) {
      boolean needsColumn = false;
      for (int c : conjunctColumns.get(k)) {
        needsColumn |= cols[c] == null;
      }
      if (needsColumn && mask != null) {
        int[] keep = keepScratch(count);
        int kept = select(mask, count, keep);
        if (kept == 0) {
          return null;
        }
        drop(cols, k);
        sel = compact(cols, sel, keep, kept, count);
        count = kept;
        mask = null;
      }
      if (needsColumn && pushed[k] != null) {
        // decoded by the reader, which keeps only the rows passing this conjunct (at the rows still selected)
        int c = conjunctColumns.get(k)[0];
        int[] keep = keepScratch(count);
        int kept;
        boolean keepValues = neededFrom == null || neededFrom[k + 1][c];
        int field = readerField[c];
        try (FieldVector v = keepValues ? batches.schema().getFields().get(field).createVector(allocator) : null) {
          kept = batches.filterColumn(field, pushed[k], sel, count, keep, v);
          if (kept == 0) {
            return null;
          }
          drop(cols, k + 1);
          sel = compact(cols, sel, keep, kept, count);
          count = kept;
          if (v != null) {
            DataFile f = current.file();
            int fi = f.columnIndex(schema.name(c));
            cols[c] = read(v, f, fi, schema.type(c), null, kept);
          }
        }
        continue;
      }
      for (int c : conjunctColumns.get(k)) {
        if (cols[c] == null) {
          cols[c] = load(c, sel, count);
        }
      }
      mask = evaluate(k, cols, mask == null ? maskScratch(count) : null, mask, count);
    }
    if (mask != null) {
      int[] keep = keepScratch(count);
      int kept = select(mask, count, keep);
      if (kept == 0) {
        return null;
      }
      drop(cols, conjuncts.size());
      sel = compact(cols, sel, keep, kept, count);
      count = kept;
    } else {
      drop(cols, conjuncts.size());
    }
    if (outputColumns == null) {
      for (int c = 0; c < cols.length; c++) {
        if (cols[c] == null) {
          cols[c] = load(c, sel, count);
        }
      }
      return new Batch(cols, count);
    }
    Column[] out = new Column[outputColumns.length];
    for (int i = 0; i < out.length; i++) {
      int c = outputColumns[i];
      out[i] = cols[c] != null ? cols[c] : load(c, sel, count);
    }
    return new Batch(out, count);
  }

  /**
   * Conjunct {@code k} on rows {@code [0, count)} of {@code cols}: into {@code fresh} (when not null) whether each row
   * passes, else AND-ed into {@code mask}; null fails. A constant range of a 64-bit column is one fused loop; anything
   * else is evaluated (each conjunct merged into the range, when its column is not 64-bit). Returns the mask written.
   */
  private boolean[] evaluate(int k, Column[] cols, boolean[] fresh, boolean[] mask, int count) {
    dev.quiver.exec.expr.Ranges.Range range = ranges.get(k);
    Column x = range == null ? null : cols[range.column()];
    if (x != null && x.longs != null && x.high == null) {
      return inRange(x, range.low(), range.high(), fresh, mask, count);
    }
    boolean[] out = fresh != null ? fresh : mask;
    boolean first = fresh != null;
    for (dev.quiver.exec.expr.Bound part : mergedParts.get(k)) {
      Column r = part.eval(new Batch(cols, count));
      boolean[] v = r.bools;
      boolean[] nulls = r.nulls;
      if (first) {
        if (nulls == null) {
          System.arraycopy(v, 0, out, 0, count);
        } else {
          for (int i = 0; i < count; i++) {
            out[i] = v[i] & !nulls[i];
          }
        }
        first = false;
      } else if (nulls == null) {
        for (int i = 0; i < count; i++) {
          out[i] &= v[i];
        }
      } else {
        for (int i = 0; i < count; i++) {
          out[i] &= v[i] & !nulls[i];
        }
      }
    }
    return out;
  }

  /** Forgets the decoded columns that neither conjunct {@code k} on nor the output reads (no compaction for them). */
  private void drop(Column[] cols, int k) {
    if (neededFrom != null) {
      boolean[] needed = neededFrom[k];
      for (int c = 0; c < cols.length; c++) {
        if (!needed[c]) {
          cols[c] = null;
        }
      }
    }
  }

  /**
   * The range test of a conjunct: into {@code fresh} (when not null) {@code low <= x[i] <= high}, else AND-ed into
   * {@code mask}; a null value fails. Returns the mask written.
   */
  private static boolean[] inRange(Column x, long low, long high, boolean[] fresh, boolean[] mask, int count) {
    boolean[] out = fresh != null ? fresh : mask;
    if (fresh != null) {
      rangeInto(x.longs, low, high, out, count);
    } else {
      rangeAnd(x.longs, low, high, out, count);
    }
    boolean[] nulls = x.nulls;
    if (nulls != null) {
      for (int i = 0; i < count; i++) {
        out[i] &= !nulls[i];
      }
    }
    return out;
  }

  /** {@code out[i] = low <= v[i] <= high}: a small method of its own, so the loop is compiled alone and early. */
  private static void rangeInto(long[] v, long low, long high, boolean[] out, int count) {
    for (int i = 0; i < count; i++) {
      out[i] = v[i] >= low & v[i] <= high;
    }
  }

  /** {@code out[i] &= low <= v[i] <= high}. */
  private static void rangeAnd(long[] v, long low, long high, boolean[] out, int count) {
    for (int i = 0; i < count; i++) {
      out[i] &= v[i] >= low & v[i] <= high;
    }
  }

  /** Positions of the true entries of {@code mask[0..count)} into {@code keep}; returns how many. */
  private static int select(boolean[] mask, int count, int[] keep) {
    int kept = 0;
    for (int i = 0; i < count; i++) {
      keep[kept] = i;
      kept += mask[i] ? 1 : 0;
    }
    return kept;
  }

  /**
   * Keeps rows {@code keep[0..kept)} of the copied columns and returns the new selection into the Arrow batch
   * (composed with {@code sel}, the previous one, null for all rows).
   */
  private int[] compact(Column[] cols, int[] sel, int[] keep, int kept, int count) {
    if (kept == count) {
      return sel;
    }
    for (int c = 0; c < cols.length; c++) {
      if (cols[c] != null) {
        cols[c] = cols[c].gather(keep, kept);
      }
    }
    // composed in place in the scan's selection scratch: keep[i] >= i, so sel[keep[i]] is read before slot
    // keep[i] could be overwritten
    if (sel == null) {
      if (selScratch == null || selScratch.length < kept) {
        selScratch = new int[Math.max(kept, keepScratch.length)];
      }
      System.arraycopy(keep, 0, selScratch, 0, kept);
      return selScratch;
    }
    for (int i = 0; i < kept; i++) {
      sel[i] = sel[keep[i]];
    }
    return sel;
  }

  /** The scan's reused array of kept row positions (only used within one batch's conversion). */
  private int[] keepScratch(int n) {
    if (keepScratch == null || keepScratch.length < n) {
      keepScratch = new int[n];
    }
    return keepScratch;
  }

  /** The scan's reused filter mask; entries past {@code n} are stale. */
  private boolean[] maskScratch(int n) {
    if (maskScratch == null || maskScratch.length < n) {
      maskScratch = new boolean[n];
    }
    return maskScratch;
  }

  private int[] keepScratch;
  private int[] selScratch;
  private boolean[] maskScratch;

  /**
   * Column {@code c} of the output at rows {@code sel[0..count)} of the started batch (all rows when sel is null):
   * decoded by the reader at those rows only (a nested column whole, then its selected rows copied).
   */
  private Column load(int c, int[] sel, int count) {
    DataFile f = current.file();
    String name = schema.name(c);
    DataType want = schema.type(c);
    int fi = f.columnIndex(name);
    if (fi >= 0) {
      int field = readerField[c];
      DataType fileType = f.columnTypes().get(fi);
      if (longFields[c] && fileType.equals(want)) {
        return loadLongs(field, want, sel, count);
      }
      try (FieldVector v = batches.schema().getFields().get(field).createVector(allocator)) {
        if (sel == null) {
          batches.readColumn(field, v);
          return read(v, f, fi, want, null, count);
        }
        if (fileType.kind() == DataType.Kind.OPAQUE || count > batchRows / SELECTIVE) {
          // nested values are read whole; so is a column most of whose rows are kept (the reader's selected-row
          // decoding costs more per row than a whole decode); the selected rows are then taken here
          batches.readColumn(field, v);
          return read(v, f, fi, want, sel, count);
        }
        batches.readColumn(field, v, sel, count);
        return read(v, f, fi, want, null, count);
      }
    }
    String partition = Dataset.value(f.partitionValues(), name);
    return partition != null ? Pruner.partitionColumn(want, partition, count) : Column.allNull(want, count);
  }

  /**
   * A column of 64-bit storage ({@link #longFields}) at rows {@code sel[0..count)} of the started batch (all rows
   * when sel is null), decoded by the reader straight into the arrays of the column (no Arrow vector between):
   * at the selected rows only when they are few, else whole and the rows taken, as {@link #load} does.
   */
  private Column loadLongs(int field, DataType type, int[] sel, int count) {
    if (sel == null) {
      long[] v = dev.quiver.exec.vector.Scratch.longs(count);
      return Column.ofLongs(type, v, batches.readLongs(field, null, count, v), count);
    }
    if (count > batchRows / SELECTIVE) {
      long[] all = dev.quiver.exec.vector.Scratch.longs(batchRows);
      boolean[] allNulls = batches.readLongs(field, null, batchRows, all);
      long[] v = dev.quiver.exec.vector.Scratch.longs(count);
      for (int i = 0; i < count; i++) {
        v[i] = all[sel[i]];
      }
      boolean[] nulls = null;
      if (allNulls != null) {
        nulls = new boolean[count];
        for (int i = 0; i < count; i++) {
          nulls[i] = allNulls[sel[i]];
        }
      }
      return Column.ofLongs(type, v, nulls, count);
    }
    long[] v = dev.quiver.exec.vector.Scratch.longs(count);
    return Column.ofLongs(type, v, batches.readLongs(field, sel, count, v), count);
  }

  /**
   * Per output column of the open unit, whether the reader delivers it as 32- or 64-bit signed integers or days
   * (what {@code ParquetBatchReader.readLongs} reads into a long array) and the engine keeps it as 64-bit values.
   */
  private boolean[] longFields;

  /** Whether the reader's field {@code field} is of a type {@code ParquetBatchReader.readLongs} reads. */
  private static boolean readsAsLongs(org.apache.arrow.vector.types.pojo.Field field) {
    org.apache.arrow.vector.types.pojo.ArrowType t = field.getType();
    if (field.getDictionary() != null) {
      return false;
    }
    if (t instanceof org.apache.arrow.vector.types.pojo.ArrowType.Int i) {
      return i.getIsSigned() && (i.getBitWidth() == 32 || i.getBitWidth() == 64);
    }
    return t instanceof org.apache.arrow.vector.types.pojo.ArrowType.Date d
        && d.getUnit() == org.apache.arrow.vector.types.DateUnit.DAY;
  }

  /**
   * File column {@code fi}, decoded into {@code vector}, as a column of {@code want}, at rows {@code sel[0..count)}
   * of the vector (all its rows when sel is null): a dictionary-encoded vector is decoded to its values first; an
   * OPAQUE column's vector is handed to the query's {@link dev.quiver.exec.vector.ArrowValues} (whole, or only the
   * selected rows copied) and the column holds references to its rows.
   */
  private Column read(FieldVector vector, DataFile f, int fi, DataType want, int[] sel, int count) {
    FieldVector v = vector;
    int rows = v.getValueCount();
    FieldVector decoded = null;
    try {
      org.apache.arrow.vector.types.pojo.DictionaryEncoding enc = v.getField().getDictionary();
      if (enc != null) {
        org.apache.arrow.vector.dictionary.Dictionary dict = batches.dictionaries().lookup(enc.getId());
        if (dict == null) {
          throw new dev.quiver.exec.QueryException("column '" + v.getName() + "': dictionary " + enc.getId()
              + " missing from the batch");
        }
        if (dict.getVector() instanceof org.apache.arrow.vector.BaseVariableWidthVector values
            && v instanceof org.apache.arrow.vector.IntVector indices
            && f.columnTypes().get(fi).kind() == DataType.Kind.VARCHAR) {
          if (dictionaryStrings[fi] == null) {
            dictionaryStrings[fi] = new ArrowBridge.DictionaryStrings();
          }
          Column col = dictionaryStrings[fi].decode(indices, values, sel, sel == null ? rows : count);
          if (col != null) {
            return col.type.equals(want) ? col : widen(col, want);
          }
        }
        decoded = (FieldVector) org.apache.arrow.vector.dictionary.DictionaryEncoder.decode(v, dict, allocator);
        v = decoded;
      }
      DataType fileType = f.columnTypes().get(fi);
      if (fileType.kind() == DataType.Kind.OPAQUE) {
        if (want.kind() != DataType.Kind.OPAQUE) {
          throw new dev.quiver.exec.QueryException("column '" + v.getName() + "' is " + fileType + " in "
              + f.location() + " but " + want + " in the dataset");
        }
        int id = sel == null ? values.add(v) : values.addSelected(v, sel, count);
        int n = sel == null ? rows : count;
        long[] refs = new long[n];
        for (int i = 0; i < n; i++) {
          refs[i] = dev.quiver.exec.vector.ArrowValues.ref(id, i);
        }
        return Column.ofLongs(want, refs, values.nulls(id), n);
      }
      Column col = sel == null ? ArrowBridge.toColumn(v, fileType, rows)
          : ArrowBridge.toColumn(v, fileType, rows, sel, count);
      return col.type.equals(want) ? col : widen(col, want);
    } finally {
      if (decoded != null) {
        decoded.close();
      }
    }
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
      reader = null; // the dataset's (opened on its store, which the dataset closes): nothing to release here
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
