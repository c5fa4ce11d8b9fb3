package dev.quiver.cli.format;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import org.apache.arrow.vector.ValueVector;

/**
 * Renders the values of one vector, bound to it for one batch. Made by {@link ValueRenderers#of}, which looks at
 * the Arrow type once per column and batch; the per-row methods then do no type dispatch at all.
 *
 * <p>A renderer gives each value two ways: as a JSON value for {@link JsonLinesWriter} and as plain text for
 * {@link CsvWriter} and {@link TableWriter}. The text of a scalar is its JSON text without the quotes of a JSON
 * string ({@code 123.40}, {@code 2024-01-01}, {@code NaN}); the text of a list, struct, map or interval is its
 * compact JSON. Not thread-safe (nested renderers reuse scratch state).
 */
public abstract class ValueRenderer {
  /** The vector this renderer reads. */
  protected final ValueVector vector;

  /** @param vector the vector to read; it must stay open while the renderer is used */
  protected ValueRenderer(ValueVector vector) {
    this.vector = vector;
  }

  /** Whether the value at {@code index} is null. */
  public final boolean isNull(int index) {
    return vector.isNull(index);
  }

  /** Writes the value at {@code index}, or JSON {@code null} when it is null. */
  public final void writeJsonOrNull(JsonGenerator g, int index) throws IOException {
    if (vector.isNull(index)) {
      g.writeNull();
    } else {
      writeJson(g, index);
    }
  }

  /**
   * Writes the non-null value at {@code index} as one JSON value.
   *
   * @throws IOException from the generator's output
   */
  public abstract void writeJson(JsonGenerator g, int index) throws IOException;

  /** The text of the non-null value at {@code index} (see the class comment); never null. */
  public abstract String text(int index);

  /** Whether values are numbers (integers, floating point, decimals): tables right-align them. */
  public boolean isNumeric() {
    return false;
  }
}
