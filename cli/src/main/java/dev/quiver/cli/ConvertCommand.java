package dev.quiver.cli;

import dev.quiver.cli.convert.CsvOptions;
import dev.quiver.cli.convert.CsvSource;
import dev.quiver.cli.convert.InputFile;
import dev.quiver.cli.convert.InputFormat;
import dev.quiver.cli.convert.JsonLinesSource;
import dev.quiver.cli.convert.ParquetSource;
import dev.quiver.cli.convert.RecordSource;
import dev.quiver.cli.convert.SchemaFile;
import dev.quiver.codec.CodecName;
import dev.quiver.columnar.QuiverAllocators;
import dev.quiver.parquet.write.ParquetWriter;
import dev.quiver.parquet.write.WriterProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code quiver convert IN OUT}: CSV, JSON lines or Parquet in, Parquet out, streamed batch by batch in bounded
 * memory. The input format comes from {@code --format} or IN's extension; without {@code --schema FILE} (see
 * {@link SchemaFile}) the schema of a CSV or JSON-lines input is inferred from its first {@code --sample-rows} rows
 * (see {@link dev.quiver.cli.convert.InferredType}) and the input is read twice. IN and OUT are paths or URLs
 * ({@code file://}, {@code s3://bucket/key}, {@code memory://}); OUT is written through its store (S3 multipart
 * upload), replaced if it exists.
 *
 * <p>Errors: exit status 1 and one line on stderr, {@code quiver: <file>: <problem>} ({@code --verbose} adds the
 * stack trace); a malformed row names its line, and the column when one is to blame. Whatever fails, nothing is left
 * at OUT: the writer publishes the file only when the last row is written. Usage errors exit 2. A progress bar
 * (by bytes of a text input, by rows of a Parquet input) shows on stderr when it is a terminal.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
    description = "Convert CSV, JSON lines or Parquet into Parquet.")
final class ConvertCommand implements Callable<Integer> {
  /** The largest {@code --batch-size}: 16 Mi rows (a batch is staged in memory whole). */
  static final int MAX_BATCH_SIZE = 1 << 24;

  @Spec
  CommandSpec spec;

  @ParentCommand
  Quiver parent;

  @Parameters(index = "0", paramLabel = "IN", description = "The input: a path or a file://, s3:// or memory:// URL.")
  String in;

  @Parameters(index = "1", paramLabel = "OUT", description = "The Parquet file to write: a path or URL.")
  String out;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "The input format: csv, jsonl or parquet (default: from IN's extension: .csv/.tsv, "
          + ".jsonl/.ndjson/.json, .parquet).")
  String format;

  @Option(names = "--schema", paramLabel = "FILE",
      description = "A JSON schema file ({\"fields\":[{\"name\":\"a\",\"type\":\"int64\"},...]}) instead of "
          + "inferring one (CSV and JSON lines).")
  Path schemaFile;

  @Option(names = "--sample-rows", paramLabel = "N", defaultValue = "10000",
      description = "Rows read to infer the schema (default: ${DEFAULT-VALUE}).")
  int sampleRows;

  @Option(names = "--delimiter", paramLabel = "C",
      description = "The CSV field delimiter: one character, or 'tab' (default: tab for .tsv, else ',').")
  String delimiter;

  @Option(names = "--header", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Whether the CSV's first record names the columns (default: yes; without, they are column0, "
          + "column1, ...).")
  boolean header;

  @Option(names = "--codec", paramLabel = "C",
      description = "Compression: uncompressed, snappy, gzip, brotli, zstd, lz4_raw (default: the writer's, snappy).")
  String codec;

  @Option(names = "--compression-level", paramLabel = "N", description = "The codec's level (gzip, brotli, zstd).")
  Integer compressionLevel;

  @Option(names = "--row-group-size", paramLabel = "N", description = "Rows per row group (default: the writer's).")
  Long rowGroupRows;

  @Option(names = "--page-version", paramLabel = "V", description = "Data page version, 1 or 2 (default: 1).")
  Integer pageVersion;

  @Option(names = "--dictionary", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Dictionary-encode columns (default: yes).")
  boolean dictionary;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "65536",
      description = "Rows per batch converted at a time (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Show a progress bar when stderr is a terminal (default: yes).")
  boolean progress;

  @Option(names = "--verbose", description = "On errors, print the stack trace too.")
  boolean verbose;

  /** Which file an error is about: the input until the writer opens, then the output for the writer's errors. */
  private String blamed;

  @Override
  public Integer call() {
    blamed = in;
    try {
      run();
      return 0;
    } catch (ParameterException e) {
      throw e;
    } catch (Exception | StackOverflowError | OutOfMemoryError e) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("quiver: " + FileCommand.message(e, blamed));
      if (verbose || parent != null && parent.verbose) {
        e.printStackTrace(err);
      }
      err.flush();
      return FileCommand.EXIT_FILE_ERROR;
    } finally {
      spec.commandLine().getOut().flush();
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  private InputFormat inputFormat() {
    if (format != null) {
      try {
        return InputFormat.parse(format);
      } catch (IllegalArgumentException e) {
        throw usage("--format: " + e.getMessage());
      }
    }
    InputFormat byName = InputFormat.byExtension(in);
    if (byName == null) {
      throw usage("cannot tell the format of " + in + " from its name: give --format csv|jsonl|parquet");
    }
    return byName;
  }

  private WriterProperties writerProperties() {
    WriterProperties.Builder b = WriterProperties.builder();
    if (codec != null) {
      String name = codec.toUpperCase(Locale.ROOT);
      name = name.equals("NONE") ? "UNCOMPRESSED" : name.equals("LZ4") ? "LZ4_RAW" : name;
      CodecName codecName;
      try {
        codecName = CodecName.valueOf(name);
      } catch (IllegalArgumentException e) {
        throw usage("--codec: unknown codec '" + codec + "' (uncompressed, snappy, gzip, brotli, zstd, lz4_raw)");
      }
      try {
        b.codec(codecName);
      } catch (RuntimeException e) {
        throw usage("--codec: " + e.getMessage());
      }
    }
    try {
      if (compressionLevel != null) {
        b.compressionLevel(compressionLevel);
      }
      if (rowGroupRows != null) {
        if (rowGroupRows < 1) {
          throw usage("--row-group-size must be at least 1, got " + rowGroupRows);
        }
        b.rowGroupRows(rowGroupRows);
      }
      if (pageVersion != null) {
        if (pageVersion != 1 && pageVersion != 2) {
          throw usage("--page-version must be 1 or 2, got " + pageVersion);
        }
        b.dataPageVersion(pageVersion);
      }
      b.dictionary(dictionary);
      return b.build();
    } catch (ParameterException e) {
      throw e;
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw usage(e.getMessage());
    }
  }

  private char delimiterChar(InputFormat inputFormat) {
    if (delimiter == null) {
      return in.toLowerCase(Locale.ROOT).endsWith(".tsv") ? '\t' : ',';
    }
    if (delimiter.equalsIgnoreCase("tab") || delimiter.equals("\\t")) {
      return '\t';
    }
    if (delimiter.length() != 1 || delimiter.charAt(0) == '"' || delimiter.charAt(0) == '\n'
        || delimiter.charAt(0) == '\r') {
      throw usage("--delimiter must be one character other than a quote or line break (or 'tab'), got '"
          + delimiter + "'");
    }
    return delimiter.charAt(0);
  }

  private void run() throws IOException {
    if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
      throw usage("--batch-size must be between 1 and " + MAX_BATCH_SIZE + ", got " + batchSize);
    }
    if (sampleRows < 1) {
      throw usage("--sample-rows must be at least 1, got " + sampleRows);
    }
    InputFormat inputFormat = inputFormat();
    WriterProperties properties = writerProperties();
    char csvDelimiter = inputFormat == InputFormat.CSV ? delimiterChar(inputFormat) : ',';
    if (inputFormat == InputFormat.PARQUET && schemaFile != null) {
      throw usage("--schema applies to CSV and JSON-lines input; a Parquet input has its own schema");
    }
    Schema given = null;
    if (schemaFile != null) {
      blamed = schemaFile.toString();
      if (!Files.isRegularFile(schemaFile)) {
        throw new java.nio.file.NoSuchFileException(schemaFile.toString(), null, "no such schema file");
      }
      try {
        given = SchemaFile.parse(Files.readString(schemaFile, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(schemaFile + ": " + e.getMessage(), e);
      }
      blamed = in;
    }
    try (BufferAllocator allocator = newAllocator()) {
      if (inputFormat == InputFormat.PARQUET) {
        try (ParquetSource source = new ParquetSource(in, allocator, batchSize);
             Progress bar = Progress.start(progress && interactive(), source.totalRows(), "rows")) {
          copy(source, () -> bar.stepTo(source.rowsRead()), properties);
        }
        return;
      }
      try (InputFile input = new InputFile(in)) {
        long size = input.size();
        CsvOptions csv = new CsvOptions(csvDelimiter, header);
        Schema schema = given;
        if (schema == null) {
          try (InputStream stream = input.open()) {
            schema = inputFormat == InputFormat.CSV ? CsvSource.infer(stream, csv, sampleRows)
                : JsonLinesSource.infer(stream, sampleRows);
          }
          input.resetBytesRead();
        }
        InputStream stream = input.open();
        RecordSource source;
        try {
          source = inputFormat == InputFormat.CSV ? new CsvSource(stream, csv, schema, allocator, batchSize)
              : new JsonLinesSource(stream, schema, given != null, allocator, batchSize);
        } catch (IOException | RuntimeException e) {
          stream.close();
          throw e;
        }
        try (RecordSource s = source;
             Progress bar = Progress.start(progress && interactive(), size, "bytes")) {
          copy(s, () -> bar.stepTo(input.bytesRead()), properties);
        }
      }
    }
  }

  /** Copies every batch of {@code source} to OUT; on any failure the writer is aborted, leaving nothing. */
  private void copy(RecordSource source, Runnable afterBatch, WriterProperties properties) throws IOException {
    blamed = out;
    // the dictionaries before the first batch give the value types of dictionary-encoded fields (zero-row input)
    ParquetWriter writer = ParquetWriter.open(out, source.schema(), properties, source.dictionaries());
    try {
      while (true) {
        blamed = in;
        VectorSchemaRoot batch = source.next();
        if (batch == null) {
          break;
        }
        blamed = out;
        try (batch) {
          writer.write(batch, source.dictionaries());
        }
        afterBatch.run();
      }
      blamed = out;
    } catch (IOException | RuntimeException | Error e) {
      try {
        writer.abort();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    writer.close();
  }

  private boolean interactive() {
    return parent != null && parent.interactive();
  }

  private BufferAllocator newAllocator() {
    return parent != null ? parent.newAllocator("convert") : QuiverAllocators.newRoot();
  }

  /** The progress bar on stderr, or nothing when stderr is not a terminal. */
  private static final class Progress implements AutoCloseable {
    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
      this.bar = bar;
    }

    static Progress start(boolean show, long total, String unit) {
      if (!show) {
        return new Progress(null);
      }
      ProgressBarBuilder b = new ProgressBarBuilder().setTaskName("convert").setInitialMax(Math.max(total, 1))
          .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).continuousUpdate();
      if (unit.equals("bytes")) {
        b.setUnit(" MiB", 1 << 20);
      } else {
        b.setUnit(" rows", 1);
      }
      return new Progress(b.build());
    }

    void stepTo(long n) {
      if (bar != null) {
        bar.stepTo(n);
      }
    }

    @Override
    public void close() {
      if (bar != null) {
        bar.close();
      }
    }
  }
}
