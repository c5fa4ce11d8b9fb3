package dev.quiver.cli.format;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes rows as an aligned text table for people, the output of {@code quiver cat --format table}:
 *
 * <pre>
 *  id | vendor | fare
 * ----+--------+------
 *   1 | acme   | 12.5
 *   2 | NULL   | 7.25
 * (2 rows)
 * </pre>
 *
 * Cells are the values' text as in {@link CsvWriter}; a null is {@code NULL}. Control characters are escaped
 * ({@code \n}, {@code \t}, {@code \r}, {@code \}{@code u001b}). Numbers are right-aligned, everything else
 * left-aligned. Column widths, in UTF-16 chars, come from the header and the first {@code sampleRows} rows, at
 * least 4 (so that {@code NULL} fits) and at most {@code maxWidth}; a longer cell, then or later, is cut and ends
 * in {@code …}. The sample rows are held
 * until the widths are known, so memory stays bounded whatever the row count. This is not a format to parse: use
 * JSON lines or CSV for that. One thread at a time; does not close the {@link Writer}.
 */
public final class TableWriter implements RowWriter {
  /** The default cap on a column's width, in chars. */
  public static final int DEFAULT_MAX_WIDTH = 40;
  /** The default number of rows whose cells size the columns. */
  public static final int DEFAULT_SAMPLE_ROWS = 1000;

  private static final String NULL = "NULL";
  private static final String SEPARATOR = " | ";

  private final Writer out;
  private final int maxWidth;
  private final int sampleRows;
  private final List<String[]> pending = new ArrayList<>();
  private String[] header;
  private boolean[] rightAligned;
  private int[] widths;
  private long rows;

  /** A table with the default width cap and sample size. */
  public TableWriter(Writer out) {
    this(out, DEFAULT_MAX_WIDTH, DEFAULT_SAMPLE_ROWS);
  }

  /**
   * @param out where the table goes
   * @param maxWidth the widest a column may be, in chars, at least 4
   * @param sampleRows how many rows size the columns before the first is printed, at least 1
   * @throws IllegalArgumentException when a bound is too small
   */
  public TableWriter(Writer out, int maxWidth, int sampleRows) {
    if (maxWidth < 4 || sampleRows < 1) {
      throw new IllegalArgumentException("maxWidth must be at least 4 and sampleRows at least 1, got " + maxWidth
          + " and " + sampleRows);
    }
    this.out = out;
    this.maxWidth = maxWidth;
    this.sampleRows = sampleRows;
  }

  @Override
  public void start(Schema schema) {
    List<Field> fields = schema.getFields();
    header = new String[fields.size()];
    for (int c = 0; c < header.length; c++) {
      header[c] = DisplayText.escape(fields.get(c).getName());
    }
    rightAligned = new boolean[header.length];
  }

  @Override
  public void write(VectorSchemaRoot batch, int count) throws IOException {
    List<FieldVector> vectors = batch.getFieldVectors();
    int columns = vectors.size();
    ValueRenderer[] renderers = new ValueRenderer[columns];
    for (int c = 0; c < columns; c++) {
      renderers[c] = ValueRenderers.of(vectors.get(c));
      rightAligned[c] = renderers[c].isNumeric();
    }
    for (int row = 0; row < count; row++) {
      String[] cells = new String[columns];
      for (int c = 0; c < columns; c++) {
        ValueRenderer r = renderers[c];
        cells[c] = r.isNull(row) ? NULL : DisplayText.escape(r.text(row));
      }
      rows++;
      if (widths == null) {
        pending.add(cells);
        if (pending.size() >= sampleRows) {
          layOut();
        }
      } else {
        printRow(cells);
      }
    }
  }

  @Override
  public void finish() throws IOException {
    if (widths == null) {
      layOut();
    }
    out.write("(" + rows + (rows == 1 ? " row)\n" : " rows)\n"));
    out.flush();
  }

  /** Fixes the widths from the header and the held rows, then prints the header and those rows. */
  private void layOut() throws IOException {
    widths = new int[header.length];
    for (int c = 0; c < header.length; c++) {
      int w = header[c].length();
      for (String[] cells : pending) {
        w = Math.max(w, cells[c].length());
      }
      widths[c] = Math.max(NULL.length(), Math.min(maxWidth, w)); // NULL always fits
    }
    boolean[] alignment = rightAligned;
    rightAligned = new boolean[header.length]; // headers are left-aligned
    printRow(header);
    rightAligned = alignment;
    StringBuilder rule = new StringBuilder();
    for (int c = 0; c < widths.length; c++) {
      rule.append(c == 0 ? "-" : "-+-").append("-".repeat(widths[c]));
    }
    out.write(rule.append("-\n").toString());
    for (String[] cells : pending) {
      printRow(cells);
    }
    pending.clear();
  }

  private void printRow(String[] cells) throws IOException {
    StringBuilder line = new StringBuilder(" ");
    for (int c = 0; c < cells.length; c++) {
      if (c > 0) {
        line.append(SEPARATOR);
      }
      String cell = DisplayText.fit(cells[c], widths[c]);
      String pad = " ".repeat(widths[c] - cell.length());
      if (rightAligned[c]) {
        line.append(pad).append(cell);
      } else {
        line.append(cell).append(pad);
      }
    }
    int end = line.length();
    while (end > 0 && line.charAt(end - 1) == ' ') {
      end--;
    }
    line.setLength(end);
    out.write(line.append('\n').toString());
  }
}
