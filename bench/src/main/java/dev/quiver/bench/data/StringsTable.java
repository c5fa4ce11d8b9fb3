package dev.quiver.bench.data;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * A string-heavy table: an id and seven VARCHAR columns from low cardinality (dictionary-encoded by every writer) to
 * unique values of 36 to 400 bytes (plain-encoded once the dictionary overflows), one of them 30% null. ASCII with
 * some multi-byte UTF-8. Deterministic for a seed; {@code rows} of them.
 */
public final class StringsTable implements Table {
  private static final List<Column> COLUMNS = List.of(
      new Column("id", ColumnType.INT64, false),
      new Column("category", ColumnType.VARCHAR, false),
      new Column("word", ColumnType.VARCHAR, false),
      new Column("name", ColumnType.VARCHAR, false),
      new Column("url", ColumnType.VARCHAR, false),
      new Column("text", ColumnType.VARCHAR, false),
      new Column("maybe", ColumnType.VARCHAR, true),
      new Column("uuid", ColumnType.VARCHAR, false));

  private static final String[] CATEGORIES = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta",
      "iota", "kappa", "lambda", "mu", "nu", "xi", "omicron", "pi", "rho", "sigma", "tau", "upsilon"};
  private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";

  private final long rows;
  private final String[] words;

  /** @param rows the row count, >= 0 */
  public StringsTable(long rows) {
    this.rows = rows;
    SplittableRandom r = new SplittableRandom(7);
    words = new String[5000];
    for (int i = 0; i < words.length; i++) {
      words[i] = randomWord(r, 3, 12) + (i % 97 == 0 ? "\u00e9\u00df" : "");
    }
  }

  private static String randomWord(SplittableRandom r, int min, int max) {
    int len = r.nextInt(min, max + 1);
    char[] c = new char[len];
    for (int i = 0; i < len; i++) {
      c[i] = LETTERS.charAt(r.nextInt(LETTERS.length()));
    }
    return new String(c);
  }

  @Override
  public String name() {
    return "strings";
  }

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public long rowCount() {
    return rows;
  }

  @Override
  public Iterator<Object[]> rows() {
    SplittableRandom r = new SplittableRandom(42);
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
        long id = i++;
        StringBuilder text = new StringBuilder();
        int n = r.nextInt(15, 60);
        for (int k = 0; k < n; k++) {
          if (k > 0) {
            text.append(' ');
          }
          text.append(words[r.nextInt(words.length)]);
        }
        String url = "https://" + words[r.nextInt(words.length)] + ".example.org/" + randomWord(r, 5, 30) + "/"
            + Long.toHexString(r.nextLong()) + ".html";
        return new Object[] {
            id,
            CATEGORIES[r.nextInt(CATEGORIES.length)],
            words[r.nextInt(words.length)],
            randomWord(r, 5, 20) + " " + randomWord(r, 5, 20),
            url,
            text.toString(),
            r.nextInt(10) < 3 ? null : randomWord(r, 8, 16),
            new java.util.UUID(r.nextLong(), r.nextLong()).toString()};
      }
    };
  }

  @Override
  public List<String> projection() {
    return List.of("category", "url");
  }
}
