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

  private static boolean hasDictionaries(VectorSchemaRoot batch) {
    for (org.apache.arrow.vector.types.pojo.Field f : batch.getSchema().getFields()) {
      if (f.getDictionary() != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * The batch with its dictionary-encoded top-level columns (from a stored {@code ARROW:schema}) replaced by their
   * values, decoded by Arrow's {@code DictionaryEncoder}; the other columns are transferred. Owned by the caller.
   */
  private static VectorSchemaRoot decodeDictionaries(VectorSchemaRoot batch,
      org.apache.arrow.vector.dictionary.DictionaryProvider dictionaries) {
    java.util.List<org.apache.arrow.vector.FieldVector> vectors = new java.util.ArrayList<>();
    try {
      for (org.apache.arrow.vector.FieldVector v : batch.getFieldVectors()) {
        org.apache.arrow.vector.types.pojo.DictionaryEncoding encoding = v.getField().getDictionary();
        if (encoding == null) {
          org.apache.arrow.vector.util.TransferPair transfer = v.getTransferPair(v.getAllocator());
          transfer.transfer();
          vectors.add((org.apache.arrow.vector.FieldVector) transfer.getTo());
        } else {
          vectors.add((org.apache.arrow.vector.FieldVector) org.apache.arrow.vector.dictionary.DictionaryEncoder
              .decode(v, dictionaries.lookup(encoding.getId())));
        }
      }
    } catch (RuntimeException e) {
      vectors.forEach(org.apache.arrow.vector.FieldVector::close);
      throw e;
    }
    VectorSchemaRoot decoded = new VectorSchemaRoot(vectors);
    decoded.setRowCount(batch.getRowCount());
    return decoded;
  }

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
          if (hasDictionaries(batch)) {
            try (VectorSchemaRoot decoded = decodeDictionaries(batch, batches.dictionaries())) {
              writer.write(decoded, rows);
            }
          } else {
            writer.write(batch, rows);
          }
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
