package dev.quiver.cli.format;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes rows as CSV (RFC 4180 quoting, through Apache Commons CSV), the output of {@code quiver cat --format csv}:
 * a header row of the column names, then one record per row, records ending in {@code \n}.
 *
 * <p>A cell is the value's text as {@link ValueRenderer#text} gives it: the JSON lines rendering of
 * {@link JsonLinesWriter} without the quotes of JSON strings ({@code 123.40}, {@code 2020-01-01T00:00:00Z},
 * {@code NaN}, base64 for binary), and the compact JSON of lists, structs, maps and intervals. Quoting is minimal:
 * cells holding a comma, a quote or a line break, and cells starting or ending with a character that readers
 * might trim or take for a comment (a space, {@code #}, ...), are quoted; nothing else is. A null is an empty cell,
 * except in a table of one column, where it is {@code ""} so that the record is not a blank line (which CSV readers
 * skip). CSV has no null, so an empty string may look the same. Use JSON lines when the difference matters.
 *
 * <p>Does not close the {@link Writer}; {@link #finish()} flushes it. One thread at a time.
 */
public final class CsvWriter implements RowWriter {
  private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

  private final CSVPrinter printer;

  /**
   * @param out where the records go
   * @throws IOException from the output
   */
  public CsvWriter(Writer out) throws IOException {
    this.printer = new CSVPrinter(out, FORMAT);
  }

  /** Writes the header row: the column names in schema order. */
  @Override
  public void start(Schema schema) throws IOException {
    List<Field> fields = schema.getFields();
    for (Field f : fields) {
      printer.print(f.getName());
    }
    printer.println();
  }

  @Override
  public void write(VectorSchemaRoot batch, int rows) throws IOException {
    List<FieldVector> vectors = batch.getFieldVectors();
    int columns = vectors.size();
    ValueRenderer[] renderers = new ValueRenderer[columns];
    for (int c = 0; c < columns; c++) {
      renderers[c] = ValueRenderers.of(vectors.get(c));
    }
    for (int row = 0; row < rows; row++) {
      for (int c = 0; c < columns; c++) {
        ValueRenderer r = renderers[c];
        printer.print(r.isNull(row) ? (columns == 1 ? "" : null) : r.text(row));
      }
      printer.println();
    }
  }

  @Override
  public void finish() throws IOException {
    printer.flush();
  }
}
