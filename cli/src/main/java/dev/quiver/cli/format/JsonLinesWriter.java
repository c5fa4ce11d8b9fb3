package dev.quiver.cli.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes rows as JSON lines, the output of {@code quiver cat --format jsonl}. This format is a stable contract that
 * tests and other tools rely on; change it only with DESIGN.md.
 *
 * <h2>The contract</h2>
 *
 * One JSON object per row, each on its own line ending in {@code \n}, no other whitespace. The keys are the
 * top-level columns, in schema order (the order of {@code --columns} when given). Values, by Parquet type (and the
 * Arrow type it reads as):
 *
 * <table>
 *   <caption>Values</caption>
 *   <tr><th>Type</th><th>JSON</th><th>Example</th></tr>
 *   <tr><td>any null</td><td>{@code null}</td><td>{@code null}</td></tr>
 *   <tr><td>BOOLEAN</td><td>{@code true} / {@code false}</td><td>{@code true}</td></tr>
 *   <tr><td>every integer, signed or unsigned, 8 to 64 bits</td><td>exact integer</td>
 *       <td>{@code 18446744073709551615}</td></tr>
 *   <tr><td>FLOAT, DOUBLE, FLOAT16</td><td>number; {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"} as
 *       strings</td><td>{@code 1.5}, {@code -0.0}, {@code 1.0E10}, {@code "NaN"}</td></tr>
 *   <tr><td>DECIMAL(p, s)</td><td>string, plain notation, exactly {@code s} digits after the point (none and no
 *       point when {@code s} is 0)</td><td>{@code "123.40"}, {@code "-0.05"}, {@code "0.00"}</td></tr>
 *   <tr><td>STRING, ENUM, JSON</td><td>string</td><td>{@code "héllo"}</td></tr>
 *   <tr><td>BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY without string annotation (BSON, geometry included)</td>
 *       <td>string, standard base64 with padding (RFC 4648 section 4)</td><td>{@code "AAEC/w=="}</td></tr>
 *   <tr><td>UUID</td><td>string, canonical lowercase 8-4-4-4-12</td>
 *       <td>{@code "00112233-4455-6677-8899-aabbccddeeff"}</td></tr>
 *   <tr><td>DATE</td><td>string {@code YYYY-MM-DD}</td><td>{@code "2024-02-29"}</td></tr>
 *   <tr><td>TIME (any unit)</td><td>string {@code HH:MM:SS} plus the fraction when non-zero</td>
 *       <td>{@code "12:00:00"}, {@code "12:00:00.500"}</td></tr>
 *   <tr><td>TIMESTAMP (any unit)</td><td>string {@code YYYY-MM-DDTHH:MM:SS} plus the fraction when non-zero,
 *       plus {@code Z} when adjusted to UTC</td><td>{@code "2020-01-01T00:00:00.000001Z"},
 *       {@code "2020-01-01T08:30:00"}</td></tr>
 *   <tr><td>INT96</td><td>as a UTC-adjusted TIMESTAMP in nanoseconds</td>
 *       <td>{@code "2009-01-01T00:00:00Z"}</td></tr>
 *   <tr><td>INTERVAL</td><td>object {@code {"months":m,"days":d,"millis":n}}</td>
 *       <td>{@code {"months":1,"days":2,"millis":3}}</td></tr>
 *   <tr><td>DURATION (an INT64 whose stored {@code ARROW:schema} says Duration)</td><td>ISO-8601 duration string
 *       of {@link java.time.Duration#toString()}</td><td>{@code "PT1.5S"}</td></tr>
 *   <tr><td>LIST</td><td>array of the elements</td><td>{@code [1,null,3]}</td></tr>
 *   <tr><td>STRUCT (group)</td><td>object, a key per field in schema order</td><td>{@code {"a":1,"b":"x"}}</td></tr>
 *   <tr><td>MAP</td><td>array of {@code {"key":k,"value":v}}, in file order</td>
 *       <td>{@code [{"key":"a","value":1}]}</td></tr>
 * </table>
 *
 * <p>Fractions of a second: the fraction is printed only when non-zero, as a point and the shortest of 3, 6 or 9
 * digits that is exact ({@code .500}, {@code .000001}, {@code .123456789}), the convention of
 * {@link java.time.LocalTime#toString()} and {@link java.time.Instant#toString()}; seconds are always printed.
 * Years outside 0000-9999 print as {@link java.time} prints them: {@code +10000-01-01}, {@code -0001-12-31}.
 * Timestamps are printed in UTC; the {@code Z} marks an instant, its absence a local date-time.
 *
 * <p>Numbers: integers are exact whatever their width (no float detour). A finite floating point value is
 * printed as Java prints it ({@link Float#toString(float)} for FLOAT and FLOAT16, {@link Double#toString(double)}
 * for DOUBLE), which reads back to the same value. Interval milliseconds are exact, with a fraction only when the
 * Arrow interval holds sub-millisecond nanoseconds (Parquet's INTERVAL never does).
 *
 * <p>Strings: UTF-8, with JSON's escapes for {@code "}, {@code \} and control characters; other characters are
 * written as themselves. Bytes that are not valid UTF-8 in a STRING column become U+FFFD.
 *
 * <p>Output goes to the {@link Writer} given, which this class flushes after each batch and never closes. One
 * thread at a time.
 */
public final class JsonLinesWriter implements RowWriter {
  /** The generator factory every JSON renderer shares; generators do not close their targets. */
  static final JsonFactory FACTORY = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

  private final JsonGenerator generator;

  /**
   * @param out where the lines go
   * @throws IOException when the generator cannot be created on {@code out}
   */
  public JsonLinesWriter(Writer out) throws IOException {
    this.generator = FACTORY.createGenerator(out);
    generator.setRootValueSeparator(null); // lines are separated by the '\n' written after each object
  }

  /** JSON lines have no header: does nothing. */
  @Override
  public void start(Schema schema) {}

  @Override
  public void write(VectorSchemaRoot batch, int rows) throws IOException {
    List<FieldVector> vectors = batch.getFieldVectors();
    int columns = vectors.size();
    SerializableString[] names = new SerializableString[columns];
    ValueRenderer[] renderers = new ValueRenderer[columns];
    for (int c = 0; c < columns; c++) {
      names[c] = new SerializedString(vectors.get(c).getName());
      renderers[c] = ValueRenderers.of(vectors.get(c));
    }
    JsonGenerator g = generator;
    for (int row = 0; row < rows; row++) {
      g.writeStartObject();
      for (int c = 0; c < columns; c++) {
        g.writeFieldName(names[c]);
        renderers[c].writeJsonOrNull(g, row);
      }
      g.writeEndObject();
      g.writeRaw('\n');
    }
    g.flush(); // whole batches reach the output, even if a later batch fails
  }

  @Override
  public void finish() throws IOException {
    generator.flush();
  }
}
