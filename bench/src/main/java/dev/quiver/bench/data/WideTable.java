package dev.quiver.bench.data;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * A wide table of {@value #COLUMNS} columns {@code c000..c209} cycling through five kinds: random BIGINT, small
 * INTEGER (dictionary-friendly), DOUBLE, short VARCHAR from 1000 values, and BIGINT 10% null. Deterministic.
 */
public final class WideTable implements Table {
  /** The number of columns. */
  public static final int COLUMNS = 210;

  private final long rows;
  private final List<Column> columns = new ArrayList<>();
  private final String[] shortStrings = new String[1000];

  /** @param rows the row count, >= 0 */
  public WideTable(long rows) {
    this.rows = rows;
    for (int c = 0; c < COLUMNS; c++) {
      String name = String.format("c%03d", c);
      columns.add(switch (c % 5) {
        case 0 -> new Column(name, ColumnType.INT64, false);
        case 1 -> new Column(name, ColumnType.INT32, false);
        case 2 -> new Column(name, ColumnType.DOUBLE, false);
        case 3 -> new Column(name, ColumnType.VARCHAR, false);
        default -> new Column(name, ColumnType.INT64, true);
      });
    }
    for (int i = 0; i < shortStrings.length; i++) {
      shortStrings[i] = "s" + Integer.toString(i * 7919, 36);
    }
  }

  @Override
  public String name() {
    return "wide";
  }

  @Override
  public List<Column> columns() {
    return columns;
  }

  @Override
  public long rowCount() {
    return rows;
  }

  @Override
  public Iterator<Object[]> rows() {
    SplittableRandom r = new SplittableRandom(3);
    return new Iterator<>() {
      long i;

      @Override
      public boolean hasNext() {
        return i < rows;
      }

      @Override
      public Object[] next() {
        if (i >= rows) {
          throw new NoSuchElementException();
        }
        i++;
        Object[] row = new Object[COLUMNS];
        for (int c = 0; c < COLUMNS; c++) {
          row[c] = switch (c % 5) {
            case 0 -> r.nextLong();
            case 1 -> r.nextInt(100);
            case 2 -> (double) r.nextInt(1_000_000) / 64;
            case 3 -> shortStrings[r.nextInt(shortStrings.length)];
            default -> r.nextInt(10) == 0 ? null : (Object) r.nextLong(1L << 40);
          };
        }
        return row;
      }
    };
  }

  @Override
  public List<String> projection() {
    List<String> p = new ArrayList<>();
    for (int c = 0; c < 10; c++) {
      p.add(columns.get(c * 21).name());
    }
    return p;
  }
}
