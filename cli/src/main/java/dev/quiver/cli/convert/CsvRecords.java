package dev.quiver.cli.convert;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The records of a CSV input, parsed by commons-csv, with the lines they span: what {@link CsvSource} and schema
 * inference read. A UTF-8 byte order mark at the start is skipped. Every record must have as many fields as the
 * first (the header, when there is one); a record with another count, and malformed quoting, raise
 * {@link ConvertException} with the line.
 */
final class CsvRecords implements AutoCloseable {
  /**
   * The most characters one record may span (about 64 Mi): commons-csv has no field size limit, so without this an
   * unterminated quote would gather the rest of a large input into one field until the heap runs out.
   */
  static final long MAX_RECORD_CHARS = 64L << 20;

  private final BoundedRecordReader bounded;
  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private final List<String> names;
  private String[] pending;
  private long pendingBefore;
  private long pendingAfter;
  /**
   * commons-csv's line count (line breaks read) before and after the record {@link #next()} returned last; with the
   * record, {@link #firstLine} makes its first line of them, only when an error needs it.
   */
  long before;
  long after;

  /**
   * Opens the input and reads the header (or peeks at the first record to count the columns).
   *
   * @throws ConvertException when the input has no records at all, or malformed CSV in the first record (a record
   *     spanning more than {@link #MAX_RECORD_CHARS} characters counts as malformed)
   */
  CsvRecords(InputStream input, CsvOptions options) throws IOException {
    this(input, options, MAX_RECORD_CHARS);
  }

  /** As {@link #CsvRecords(InputStream, CsvOptions)}, with the most characters one record may span. */
  CsvRecords(InputStream input, CsvOptions options, long maxRecordChars) throws IOException {
    BufferedInputStream in = new BufferedInputStream(input, 1 << 16);
    in.mark(3);
    byte[] bom = in.readNBytes(3);
    if (!(bom.length == 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB && (bom[2] & 0xFF) == 0xBF)) {
      in.reset();
    }
    this.bounded = new BoundedRecordReader(new InputStreamReader(in, StandardCharsets.UTF_8), maxRecordChars);
    this.parser = CSVParser.parse(bounded, options.format());
    this.records = parser.iterator();
    String[] first = read();
    while (first != null && first.length == 1 && first[0].isEmpty()) {
      first = read(); // blank lines before the header or first record
    }
    if (first == null) {
      throw ConvertException.atLine(1, null, "the CSV input has no records (not even a header)", null);
    }
    if (options.header()) {
      names = uniqueNames(first);
    } else {
      List<String> generated = new ArrayList<>();
      for (int i = 0; i < first.length; i++) {
        generated.add("column" + i);
      }
      names = generated;
      pending = first;
      pendingBefore = before;
      pendingAfter = after;
    }
  }

  /** The column names: the header's (blanks named {@code columnN}, repeats suffixed {@code _1}, {@code _2}...) or generated. */
  List<String> names() {
    return names;
  }

  /**
   * The next record's fields, or null at the end; {@link #before}/{@link #after} tell where it was.
   *
   * @throws ConvertException for malformed CSV or a wrong field count
   */
  String[] next() throws IOException {
    if (pending != null) {
      String[] r = pending;
      pending = null;
      before = pendingBefore;
      after = pendingAfter;
      return r;
    }
    String[] values = read();
    while (values != null && values.length == 1 && values[0].isEmpty() && names.size() > 1) {
      values = read(); // a blank line
    }
    if (values != null && values.length != names.size()) {
      throw ConvertException.atLine(firstLine(values, before, after), null,
          "expected " + names.size() + " fields, found " + values.length, null);
    }
    return values;
  }

  private String[] read() throws IOException {
    before = parser.getCurrentLineNumber();
    bounded.startRecord();
    CSVRecord record;
    try {
      record = records.next();
    } catch (NoSuchElementException e) {
      return null;
    } catch (UncheckedIOException e) {
      IOException cause = e.getCause();
      if (cause instanceof BoundedRecordReader.RecordTooLongException) {
        throw ConvertException.atLine(Math.max(1, before + 1), null, "malformed CSV: a record longer than "
            + bounded.limit() + " characters starts here (an unterminated quote?)", e);
      }
      if (cause.getClass().getSimpleName().equals("CSVException") || cause.getMessage() != null
          && cause.getMessage().contains("line")) {
        throw ConvertException.atLine(Math.max(1, before + 1), null, "malformed CSV: " + cause.getMessage(), e);
      }
      throw cause;
    } catch (IllegalStateException e) { // commons-csv reports some malformed input this way
      throw ConvertException.atLine(Math.max(1, before + 1), null, "malformed CSV: " + e.getMessage(), e);
    }
    after = parser.getCurrentLineNumber();
    return record.values();
  }

  /**
   * The 1-based line where a record starts, from commons-csv's line counts before and after it. The count is the
   * line breaks read, so after a record's own line break it is the record's last line (at the end of an input
   * without a final line break, one less); blank lines skipped before the record count too. The first line is the
   * last minus the line breaks inside the record's values.
   */
  static long firstLine(String[] values, long before, long after) {
    int breaks = lineBreaks(values);
    long lastLine = Math.max(after, before + 1 + breaks);
    return lastLine - breaks;
  }

  private static int lineBreaks(String[] values) {
    int n = 0;
    for (String v : values) {
      for (int i = 0; i < v.length(); i++) {
        char c = v.charAt(i);
        if (c == '\n' || (c == '\r' && (i + 1 == v.length() || v.charAt(i + 1) != '\n'))) {
          n++;
        }
      }
    }
    return n;
  }

  private static List<String> uniqueNames(String[] header) {
    List<String> names = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < header.length; i++) {
      String base = header[i].isEmpty() ? "column" + i : header[i];
      String name = base;
      for (int k = 1; !seen.add(name); k++) {
        name = base + "_" + k;
      }
      names.add(name);
    }
    return names;
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
