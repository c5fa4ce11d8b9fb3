package dev.quiver.cli.convert;

/**
 * A row of the input that cannot be converted: a value that does not parse as its column's type, a row with the
 * wrong number of fields, malformed CSV or JSON, a field missing from the schema. The message names the input line
 * (1-based, the line where the row starts) and, when one is to blame, the column by its path ({@code a.b[]} for the
 * elements of list {@code b} in struct {@code a}).
 *
 * <p>Column builders throw it without a line ({@link #line()} is 0), since they do not know where the row came
 * from; the record readers add the line with {@link #atLine(long)} before it leaves them. Unchecked, like Quiver's
 * other exceptions; the command line prints its message as the one error line.
 */
public final class ConvertException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long line;
  private final String column;
  private final String problem;

  private ConvertException(long line, String column, String problem, Throwable cause) {
    super(format(line, column, problem), cause);
    this.line = line;
    this.column = column;
    this.problem = problem;
  }

  /**
   * A value of {@code column} that cannot be converted, at a line the caller adds later.
   *
   * @param column the column path, or null when no column is to blame
   * @param problem what is wrong, such as {@code 'abc' is not an int64}
   */
  public static ConvertException inColumn(String column, String problem) {
    return new ConvertException(0, column, problem, null);
  }

  /**
   * A problem with the row that starts at {@code line}.
   *
   * @param line the 1-based input line
   * @param column the column path, or null
   * @param problem what is wrong
   * @param cause the library's exception behind it, or null
   */
  public static ConvertException atLine(long line, String column, String problem, Throwable cause) {
    return new ConvertException(line, column, problem, cause);
  }

  /** This problem placed at {@code line}; {@code this} when it already has a line. */
  public ConvertException atLine(long line) {
    return this.line > 0 ? this : new ConvertException(line, column, problem, this);
  }

  /** The 1-based input line where the bad row starts, or 0 when not known yet. */
  public long line() {
    return line;
  }

  /** The column path to blame, or null. */
  public String column() {
    return column;
  }

  private static String format(long line, String column, String problem) {
    StringBuilder m = new StringBuilder();
    if (line > 0) {
      m.append("line ").append(line);
    }
    if (column != null) {
      m.append(m.length() > 0 ? ", " : "").append("column '").append(column).append('\'');
    }
    return m.length() == 0 ? problem : m.append(": ").append(problem).toString();
  }
}
