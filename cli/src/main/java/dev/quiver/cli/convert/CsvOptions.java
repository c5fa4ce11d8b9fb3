package dev.quiver.cli.convert;

import org.apache.commons.csv.CSVFormat;

/**
 * How a CSV input is split: RFC 4180 fields ({@code "} quotes, {@code ""} inside quotes for a quote, line breaks
 * allowed inside quotes, CR, LF or CRLF between records; blank lines are skipped, except in a one-column input,
 * where a blank line is a row whose value is null, as DuckDB reads it), with a chosen delimiter, and a first
 * record that is or is not a header of column names.
 *
 * @param delimiter the field delimiter, such as {@code ,} {@code ;} {@code |} or a tab
 * @param header whether the first record names the columns (else they are {@code column0}, {@code column1}, ...)
 */
public record CsvOptions(char delimiter, boolean header) {
  /** Commas, with a header. */
  public static CsvOptions defaults() {
    return new CsvOptions(',', true);
  }

  /** The commons-csv format for these options. */
  CSVFormat format() {
    return CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(false).get();
  }
}
