package dev.quiver.parquet;

/**
 * The one exception Quiver raises for a Parquet file whose bytes break the format: a bad magic number, a length
 * or offset pointing past the bytes that exist, a Thrift structure that does not parse, a page that does not
 * decode or decompress, values that run out before the levels say they should.
 *
 * <p>The message names where the problem is, as far as the code that found it and the code above it know:
 * the file, the column path, the row group, the page (0-based, counting the dictionary page) and the byte offset
 * in the file. Code deep in a decoder throws with what it knows (a detail and perhaps an offset); each layer above
 * fills in what it adds, through the {@code in*}/{@code at} methods, which only set a field that is still unset.
 * The context fields are therefore mutable until the exception reaches the caller; they are never cleared.
 *
 * <p>Modelled on Trino's {@code ParquetCorruptionException} and the "must not panic" rule of arrow-rs.
 */
public final class ParquetCorruptionException extends ParquetException {
  private static final long serialVersionUID = 1L;

  private final String detail;
  private String file;
  private String column;
  private int rowGroup = -1;
  private int page = -1;
  private long offset = -1;

  /** @param detail what is wrong, without location (that is added by {@link #getMessage()}) */
  public ParquetCorruptionException(String detail) {
    this(detail, null);
  }

  /** @param detail what is wrong; @param cause the failure that revealed it (a codec error, say) */
  public ParquetCorruptionException(String detail, Throwable cause) {
    super(detail, cause);
    this.detail = detail;
  }

  /** Sets the file, if not yet set. @return this */
  public ParquetCorruptionException inFile(String file) {
    if (this.file == null) {
      this.file = file;
    }
    return this;
  }

  /** Sets the dotted column path, if not yet set. @return this */
  public ParquetCorruptionException inColumn(String column) {
    if (this.column == null) {
      this.column = column;
    }
    return this;
  }

  /** Sets the 0-based row group, if not yet set. @return this */
  public ParquetCorruptionException inRowGroup(int rowGroup) {
    if (this.rowGroup < 0) {
      this.rowGroup = rowGroup;
    }
    return this;
  }

  /** Sets the 0-based page within the column chunk, if not yet set. @return this */
  public ParquetCorruptionException inPage(int page) {
    if (this.page < 0) {
      this.page = page;
    }
    return this;
  }

  /** Sets the byte offset in the file, if not yet set. @return this */
  public ParquetCorruptionException at(long fileOffset) {
    if (this.offset < 0) {
      this.offset = fileOffset;
    }
    return this;
  }

  /** The description of the problem, without location. */
  public String detail() {
    return detail;
  }

  /** The file, or {@code null} when unknown. */
  public String file() {
    return file;
  }

  /** The dotted column path, or {@code null} when the problem is not in one column. */
  public String column() {
    return column;
  }

  /** The 0-based row group, or -1. */
  public int rowGroup() {
    return rowGroup;
  }

  /** The 0-based page within the column chunk, or -1. */
  public int page() {
    return page;
  }

  /** The byte offset in the file, or -1. */
  public long offset() {
    return offset;
  }

  /** {@code Corrupt Parquet file F: detail (column c, row group r, page p, offset o)}, omitting unknown parts. */
  @Override
  public String getMessage() {
    StringBuilder sb = new StringBuilder("Corrupt Parquet file");
    if (file != null) {
      sb.append(' ').append(file);
    }
    sb.append(": ").append(detail);
    StringBuilder where = new StringBuilder();
    if (column != null) {
      where.append("column ").append(column);
    }
    if (rowGroup >= 0) {
      where.append(where.length() > 0 ? ", " : "").append("row group ").append(rowGroup);
    }
    if (page >= 0) {
      where.append(where.length() > 0 ? ", " : "").append("page ").append(page);
    }
    if (offset >= 0) {
      where.append(where.length() > 0 ? ", " : "").append("offset ").append(offset);
    }
    if (where.length() > 0) {
      sb.append(" (").append(where).append(')');
    }
    return sb.toString();
  }
}
