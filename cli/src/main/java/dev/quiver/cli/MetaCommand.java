package dev.quiver.cli;

import dev.quiver.cli.format.DisplayText;
import dev.quiver.codec.CodecName;
import dev.quiver.parquet.format.ColumnChunk;
import dev.quiver.parquet.format.ColumnMetaData;
import dev.quiver.parquet.format.CompressionCodecId;
import dev.quiver.parquet.format.Encoding;
import dev.quiver.parquet.format.FileMetaData;
import dev.quiver.parquet.format.KeyValue;
import dev.quiver.parquet.format.RowGroup;
import dev.quiver.parquet.format.Statistics;
import dev.quiver.parquet.read.ParquetFileReader;
import dev.quiver.parquet.schema.ColumnDescriptor;
import java.io.PrintWriter;
import java.util.List;
import java.util.StringJoiner;
import picocli.CommandLine.Command;

/**
 * {@code quiver meta FILE}: the footer for people. The file (size in bytes, created_by, format version, rows, row
 * groups); per row group its rows and byte sizes; per column chunk its path, physical type, codec, encodings,
 * compressed and uncompressed bytes, value count, statistics (null count, min and max decoded as
 * {@link StatisticsValues} describes, distinct and NaN counts when written) and page offsets; then the file's
 * key-value metadata, values cut to {@value #MAX_VALUE_CHARS} chars with their full length noted (an
 * {@code ARROW:schema} runs to kilobytes). The layout is for reading, not parsing.
 */
@Command(name = "meta", description = "Print the file's metadata: row groups, column chunks, key-value metadata.")
final class MetaCommand extends FileCommand {
  /** The longest key-value metadata value printed, in chars. */
  static final int MAX_VALUE_CHARS = 80;

  @Override
  void run(PrintWriter out) {
    try (ParquetFileReader reader = ParquetFileReader.open(file)) {
      FileMetaData md = reader.metadata();
      out.println("file: " + file);
      out.println("size: " + reader.fileSize() + " bytes");
      out.println("created_by: " + (md.createdBy() == null ? "(not recorded)" : DisplayText.escape(md.createdBy())));
      out.println("version: " + md.version());
      out.println("rows: " + md.numRows());
      out.println("row groups: " + md.rowGroups().size());
      List<ColumnDescriptor> columns = reader.schema().columns();
      for (int g = 0; g < md.rowGroups().size(); g++) {
        printRowGroup(out, g, md.rowGroups().get(g), columns);
      }
      out.println();
      if (md.keyValueMetadata().isEmpty()) {
        out.println("key-value metadata: none");
      } else {
        out.println("key-value metadata:");
        printKeyValues(out, md.keyValueMetadata(), "  ");
      }
    }
  }

  private static void printRowGroup(PrintWriter out, int index, RowGroup rg, List<ColumnDescriptor> columns) {
    long compressed = 0;
    for (ColumnChunk c : rg.columns()) {
      compressed += c.metaData() == null ? 0 : c.metaData().totalCompressedSize();
    }
    if (rg.totalCompressedSize() != null) {
      compressed = rg.totalCompressedSize();
    }
    out.println();
    out.println("row group " + index + ": " + rg.numRows() + " rows, " + rg.totalByteSize() + " bytes uncompressed, "
        + compressed + " bytes compressed");
    for (int c = 0; c < rg.columns().size(); c++) {
      printChunk(out, rg.columns().get(c), c < columns.size() ? columns.get(c) : null);
    }
  }

  private static void printChunk(PrintWriter out, ColumnChunk chunk, ColumnDescriptor column) {
    ColumnMetaData md = chunk.metaData();
    if (md == null) {
      out.println("  column " + (column == null ? "?" : column.dottedPath()) + ": metadata encrypted");
      return;
    }
    out.println("  column " + DisplayText.escape(String.join(".", md.pathInSchema())));
    out.println("    type: " + md.type());
    CodecName codec = CompressionCodecId.fromId(md.codecId());
    out.println("    codec: " + (codec == null ? "unknown (id " + md.codecId() + ")"
        : CompressionCodecId.parquetName(codec)));
    StringJoiner encodings = new StringJoiner(", ");
    for (Encoding e : md.encodings()) {
      encodings.add(e.name());
    }
    out.println("    encodings: " + encodings);
    out.println("    values: " + md.numValues());
    out.println("    size: " + md.totalCompressedSize() + " bytes compressed, " + md.totalUncompressedSize()
        + " bytes uncompressed");
    out.println("    statistics: " + statistics(md.statistics(), column));
    if (md.dictionaryPageOffset() != null) {
      out.println("    dictionary page offset: " + md.dictionaryPageOffset());
    }
    out.println("    data page offset: " + md.dataPageOffset());
    if (md.indexPageOffset() != null) {
      out.println("    index page offset: " + md.indexPageOffset());
    }
    if (md.bloomFilterOffset() != null) {
      out.println("    bloom filter offset: " + md.bloomFilterOffset()
          + (md.bloomFilterLength() == null ? "" : ", " + md.bloomFilterLength() + " bytes"));
    }
    if (!md.keyValueMetadata().isEmpty()) {
      out.println("    key-value metadata:");
      printKeyValues(out, md.keyValueMetadata(), "      ");
    }
  }

  /**
   * {@code nulls N, min X, max Y[, distinct D][, NaNs K]}, or {@code none}. The min and max are the
   * {@code min_value}/{@code max_value} fields, else the deprecated {@code min}/{@code max} marked
   * {@code (legacy)}: those were written in signed byte order, which is wrong for strings and unsigned integers.
   */
  static String statistics(Statistics s, ColumnDescriptor column) {
    if (s == null) {
      return "none";
    }
    StringJoiner parts = new StringJoiner(", ");
    if (s.nullCount() != null) {
      parts.add("nulls " + s.nullCount());
    }
    boolean legacy = s.minValue() == null && s.maxValue() == null;
    byte[] min = legacy ? s.min() : s.minValue();
    byte[] max = legacy ? s.max() : s.maxValue();
    String tag = legacy ? " (legacy)" : "";
    if (min != null) {
      parts.add("min " + (column == null ? StatisticsValues.hex(min)
          : StatisticsValues.decode(min, column.leaf())) + tag);
    }
    if (max != null) {
      parts.add("max " + (column == null ? StatisticsValues.hex(max)
          : StatisticsValues.decode(max, column.leaf())) + tag);
    }
    if (s.distinctCount() != null) {
      parts.add("distinct " + s.distinctCount());
    }
    if (s.nanCount() != null) {
      parts.add("NaNs " + s.nanCount());
    }
    return parts.length() == 0 ? "none" : parts.toString();
  }

  private static void printKeyValues(PrintWriter out, List<KeyValue> entries, String indent) {
    for (KeyValue kv : entries) {
      String value = kv.value();
      String shown;
      if (value == null) {
        shown = "(no value)";
      } else {
        String escaped = DisplayText.escape(value);
        shown = DisplayText.fit(escaped, MAX_VALUE_CHARS);
        if (escaped.length() > MAX_VALUE_CHARS) {
          shown += " (" + value.length() + " chars)";
        }
      }
      out.println(indent + DisplayText.escape(kv.key()) + ": " + shown);
    }
  }
}
