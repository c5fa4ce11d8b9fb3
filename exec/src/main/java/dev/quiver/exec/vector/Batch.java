package dev.quiver.exec.vector;

import java.util.List;

/**
 * A horizontal slice of a relation as operators pass it along: one {@link Column} per output field, all of
 * {@code rowCount} values.
 *
 * @param columns the columns, in schema order
 * @param rowCount rows in the batch
 */
public record Batch(Column[] columns, int rowCount) {

  /** The rows at {@code selection[0..count)} of every column. */
  public Batch gather(int[] selection, int count) {
    Column[] out = new Column[columns.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = columns[i].gather(selection, count);
    }
    return new Batch(out, count);
  }

  /** Rows {@code [from, from + count)}. */
  public Batch slice(int from, int count) {
    if (from == 0 && count == rowCount) {
      return this;
    }
    Column[] out = new Column[columns.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = columns[i].slice(from, count);
    }
    return new Batch(out, count);
  }

  /** Bytes held by the columns' arrays. */
  public long sizeInBytes() {
    long n = 0;
    for (Column c : columns) {
      n += c.sizeInBytes();
    }
    return n;
  }

  /** Concatenates batches of one schema. */
  public static Batch concat(Schema schema, List<Batch> parts) {
    Column[] out = new Column[schema.size()];
    int rows = 0;
    for (Batch b : parts) {
      rows += b.rowCount;
    }
    for (int c = 0; c < out.length; c++) {
      java.util.List<Column> cols = new java.util.ArrayList<>(parts.size());
      for (Batch b : parts) {
        cols.add(b.columns[c]);
      }
      out[c] = Column.concat(schema.type(c), cols);
    }
    return new Batch(out, rows);
  }
}
