package dev.quiver.bench.data;

import java.util.Iterator;
import java.util.List;

/**
 * A generated flat table: its columns and a deterministic stream of rows. Each row is an {@code Object[]} with one
 * value per column, of the class {@link ColumnType} names, or null. The same arguments give the same rows on
 * every machine.
 */
public interface Table {
  /** The table's name, used in file names: lower case, no spaces. */
  String name();

  /** The columns, in order. */
  List<Column> columns();

  /** The number of rows {@link #rows()} yields. */
  long rowCount();

  /** A new iterator over all rows; each call starts again from the first. */
  Iterator<Object[]> rows();

  /** The columns a projected scan reads (for lineitem: those TPC-H Q1 and Q6 touch). */
  List<String> projection();
}
