package dev.quiver.cli.convert;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Nested values written as JSON text inside one CSV field ({@code [1,2]}, {@code {"a":1}}). */
final class JsonText {
  private static final JsonFactory JSON = new JsonFactory();

  private JsonText() {}

  /**
   * Appends the JSON value in {@code text} to {@code builder}.
   *
   * @throws ConvertException when the text is not one JSON value of the builder's type
   */
  static void append(ColumnBuilder builder, String text, String what) {
    try (JsonParser parser = JSON.createParser(text)) {
      parser.nextToken();
      builder.appendJson(parser);
      if (parser.nextToken() != null) {
        throw builder.notA(text, what + " (text follows the value)");
      }
    } catch (JsonProcessingException e) {
      throw builder.notA(text, what + " (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw new UncheckedIOException(e); // reading a String does no I/O
    }
  }
}
