package dev.quiver.cli;

import dev.quiver.parquet.UnsupportedParquetException;
import dev.quiver.parquet.read.ParquetFileReader;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import picocli.CommandLine.Command;

/**
 * {@code quiver schema FILE}: the Parquet schema in the message-type syntax, a blank line, then the Arrow schema it
 * reads as, one field per line ({@code Arrow schema:} and two-space-indented {@code name: Type [not null]
 * [{metadata}]} lines; nested fields print their children as Arrow does, {@code a: List<element: Utf8>}). When a
 * column cannot be mapped (a LIST or MAP group that matches no rule of LogicalTypes.md, say), the Arrow part is
 * the single line {@code Arrow schema: unavailable: <reason>} and the status is still 0.
 */
@Command(name = "schema", description = "Print the Parquet schema and the Arrow schema it maps to.")
final class SchemaCommand extends FileCommand {
  @Override
  void run(PrintWriter out) {
    try (ParquetFileReader reader = ParquetFileReader.open(file)) {
      out.print(reader.schema());
      out.println();
      Schema arrow;
      try {
        arrow = reader.arrowSchema();
      } catch (UnsupportedParquetException e) {
        out.println("Arrow schema: unavailable: " + e.getMessage());
        return;
      }
      out.println("Arrow schema:");
      for (Field f : arrow.getFields()) {
        out.println("  " + describe(f));
      }
    }
  }

  /** {@code name: Type [not null] [{key=value, ...}]}, children (nested types) as Arrow prints them. */
  static String describe(Field f) {
    StringBuilder sb = new StringBuilder(f.toString());
    Map<String, String> metadata = f.getMetadata();
    if (metadata != null && !metadata.isEmpty()) {
      sb.append(' ').append(new TreeMap<>(metadata));
    }
    return sb.toString();
  }
}
