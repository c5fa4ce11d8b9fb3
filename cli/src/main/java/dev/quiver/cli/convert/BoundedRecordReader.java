package dev.quiver.cli.convert;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * A reader that refuses to hand out more than {@code limit} characters between two calls of {@link #startRecord()}:
 * the guard that keeps one malformed CSV record (an unterminated quote, say) from gathering the rest of the input
 * in memory. The parser above reads ahead in blocks, so the bound is on the characters read for a record plus at
 * most one block of look-ahead.
 *
 * <p>Errors: {@link RecordTooLongException} (an {@link IOException}) from {@code read} once the bound is passed.
 */
final class BoundedRecordReader extends FilterReader {
  /** Raised when one record spans more characters than the limit. */
  static final class RecordTooLongException extends IOException {
    private static final long serialVersionUID = 1L;

    RecordTooLongException(long limit) {
      super("a record longer than " + limit + " characters");
    }
  }

  private final long limit;
  private long sinceRecordStart;

  /**
   * @param in the characters to read
   * @param limit the most characters one record may span, at least 1
   */
  BoundedRecordReader(Reader in, long limit) {
    super(in);
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
    this.limit = limit;
  }

  /** The most characters one record may span. */
  long limit() {
    return limit;
  }

  /** Marks the start of a record: the count of characters read starts again from zero. */
  void startRecord() {
    sinceRecordStart = 0;
  }

  @Override
  public int read() throws IOException {
    int c = super.read();
    if (c >= 0) {
      count(1);
    }
    return c;
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      count(n);
    }
    return n;
  }

  private void count(int n) throws RecordTooLongException {
    sinceRecordStart += n;
    if (sinceRecordStart > limit) {
      throw new RecordTooLongException(limit);
    }
  }
}
