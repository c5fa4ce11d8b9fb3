package dev.quiver.cli;

import dev.quiver.cli.format.CsvWriter;
import dev.quiver.cli.format.JsonLinesWriter;
import dev.quiver.cli.format.RowWriter;
import dev.quiver.cli.format.TableWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The row formats of {@code quiver cat}, named on the command line in lower case. */
enum OutputFormat {
  /** JSON lines, the documented contract of {@link JsonLinesWriter}. */
  JSONL,
  /** CSV with a header row ({@link CsvWriter}). */
  CSV,
  /** An aligned text table for people ({@link TableWriter}). */
  TABLE;

  /** A writer of this format on {@code out}. @throws IOException from the output */
  RowWriter writer(Writer out) throws IOException {
    return switch (this) {
      case JSONL -> new JsonLinesWriter(out);
      case CSV -> new CsvWriter(out);
      case TABLE -> new TableWriter(out);
    };
  }

  /** Parses {@code jsonl}, {@code csv} or {@code table}, in any case. */
  static final class Converter implements ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      for (OutputFormat f : values()) {
        if (f.name().equalsIgnoreCase(value)) {
          return f;
        }
      }
      throw new TypeConversionException("'" + value + "' is not a format: use jsonl, csv or table");
    }
  }

  /** The lower-case names, for the help text. */
  static final class Names implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of(values()).stream().map(f -> f.name().toLowerCase(Locale.ROOT)).iterator();
    }
  }
}
