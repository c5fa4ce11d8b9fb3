package dev.quiver.cli;

import dev.quiver.cli.format.RowWriter;
import dev.quiver.columnar.QuiverAllocators;
import dev.quiver.exec.QueryResult;
import dev.quiver.exec.Session;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code quiver sql "SELECT ..." [--format table|jsonl|csv] [--threads N] [--memory-limit 2g]}: runs one query over
 * the Parquet files its FROM clause names (a quoted path or glob, or {@code read_parquet('...')}; local or s3://)
 * and prints the rows, batch by batch, in the same formats as {@code cat} (jsonl is the documented contract).
 * {@code EXPLAIN} and {@code EXPLAIN ANALYZE} print the plan. A query that fails (bad SQL, a type error, an
 * unreadable file, the memory limit) prints one line {@code quiver: <message>} on the error stream and exits with
 * status 1 ({@code --verbose} adds the stack trace); usage errors exit with status 2.
 */
@Command(name = "sql", mixinStandardHelpOptions = true, description = "Run a SQL query over Parquet files.")
final class SqlCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @ParentCommand
  Quiver parent;

  @Parameters(index = "0", paramLabel = "QUERY", description = "A SELECT (or EXPLAIN [ANALYZE] SELECT) statement.")
  String query;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      converter = OutputFormat.Converter.class, completionCandidates = OutputFormat.Names.class,
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Option(names = "--threads", paramLabel = "N", description = "Threads (default: the machine's cores).")
  Integer threads;

  @Option(names = "--memory-limit", paramLabel = "SIZE",
      description = "Most memory the query may use: bytes, or a number with k, m or g (e.g. 2g).")
  String memoryLimit;

  @Option(names = "--verbose", description = "On errors, print the stack trace too.")
  boolean verbose;

  /** Parses {@code 123}, {@code 64k}, {@code 512m}, {@code 2g} (binary units) into bytes; null when invalid. */
  static Long parseSize(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    long unit = 1;
    if (t.endsWith("b")) {
      t = t.substring(0, t.length() - 1);
    }
    if (t.endsWith("k")) {
      unit = 1L << 10;
    } else if (t.endsWith("m")) {
      unit = 1L << 20;
    } else if (t.endsWith("g")) {
      unit = 1L << 30;
    }
    if (unit != 1) {
      t = t.substring(0, t.length() - 1);
    }
    try {
      long n = Long.parseLong(t.trim());
      return n > 0 && n <= Long.MAX_VALUE / unit ? n * unit : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public Integer call() {
    if (threads != null && threads < 1) {
      throw new ParameterException(spec.commandLine(), "--threads must be at least 1, got " + threads);
    }
    Long limit = memoryLimit == null ? null : parseSize(memoryLimit);
    if (memoryLimit != null && limit == null) {
      throw new ParameterException(spec.commandLine(), "--memory-limit must be a size such as 512m or 2g, got '"
          + memoryLimit + "'");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (BufferAllocator allocator = parent != null ? parent.newAllocator("sql") : QuiverAllocators.newRoot()) {
      Session session = Session.create(allocator);
      if (threads != null) {
        session = session.withThreads(threads);
      }
      if (limit != null) {
        session = session.withMemoryLimit(limit);
      }
      RowWriter writer = format.writer(out);
      try (QueryResult result = session.execute(query)) {
        writer.start(result.arrowSchema());
        while (result.hasNext()) {
          try (VectorSchemaRoot batch = result.next()) {
            writer.write(batch, batch.getRowCount());
          }
          if (out.checkError()) {
            return 0; // standard output is gone: nobody reads the rest
          }
        }
        writer.finish();
      }
      return 0;
    } catch (Exception | StackOverflowError | OutOfMemoryError e) {
      out.flush();
      PrintWriter err = spec.commandLine().getErr();
      String m = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
      err.println("quiver: " + m.strip().replaceAll("\\s*\\R\\s*", " "));
      if (verbose || parent != null && parent.verbose) {
        e.printStackTrace(err);
      }
      err.flush();
      return FileCommand.EXIT_FILE_ERROR;
    } finally {
      out.flush();
    }
  }
}
