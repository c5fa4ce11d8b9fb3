package dev.quiver.cli;

import dev.quiver.cli.format.RowWriter;
import dev.quiver.parquet.read.ParquetBatchReader;
import dev.quiver.parquet.read.ParquetFileReader;
import dev.quiver.parquet.read.ReadOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code quiver cat FILE [--format jsonl|csv|table] [--columns a,b] [--limit N] [--batch-size N]}: the rows, streamed
 * batch by batch. With {@code --limit}, batches are no larger than the limit and reading stops once it is reached,
 * so only the rows printed are decoded. Reading also stops when standard output is closed (a pipe into
 * {@code head}).
 */
@Command(name = "cat", description = "Print the rows.")
final class CatCommand extends FileCommand {
  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "jsonl",
      converter = OutputFormat.Converter.class, completionCandidates = OutputFormat.Names.class,
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Option(names = "--columns", split = ",", paramLabel = "NAME",
      description = "Only these top-level columns, in this order (comma-separated).")
  List<String> columns;

  @Option(names = "--limit", paramLabel = "N", description = "Print at most N rows.")
  Long limit;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "" + ReadOptions.DEFAULT_BATCH_SIZE,
      description = "Rows per batch read (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Override
  void run(PrintWriter out) throws IOException {
    if (limit != null && limit < 0) {
      throw new ParameterException(spec.commandLine(), "--limit must be at least 0, got " + limit);
    }
    if (batchSize < 1) {
      throw new ParameterException(spec.commandLine(), "--batch-size must be at least 1, got " + batchSize);
    }
    long remaining = limit == null ? Long.MAX_VALUE : limit;
    ReadOptions options = ReadOptions.defaults().withBatchSize((int) Math.max(1, Math.min(batchSize, remaining)));
    if (columns != null) {
      options = options.withColumns(columns);
    }
    RowWriter writer = format.writer(out);
    try (ParquetFileReader reader = ParquetFileReader.open(file);
         BufferAllocator allocator = newAllocator();
         ParquetBatchReader batches = reader.read(allocator, options)) {
      writer.start(batches.schema());
      while (remaining > 0 && batches.hasNext()) {
        try (VectorSchemaRoot batch = batches.next()) {
          int rows = (int) Math.min(batch.getRowCount(), remaining);
          writer.write(batch, rows);
          remaining -= rows;
        }
        if (out.checkError()) {
          return; // standard output is gone: nobody reads the rest
        }
      }
      writer.finish();
    }
  }
}
