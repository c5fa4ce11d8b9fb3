package dev.quiver.cli;

import dev.quiver.columnar.QuiverAllocators;
import dev.quiver.store.ObjectStoreException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A subcommand over one file. It owns the error contract of the command line: when the file cannot be read, it
 * prints exactly one line, {@code quiver: <message>}, on the error stream and exits with status 1; the message names
 * the file and the problem; {@code --verbose} (before or after the subcommand name) adds the stack trace after that
 * line. Usage errors are picocli's: status 2 with a usage message.
 *
 * <p>All output goes through picocli's {@link picocli.CommandLine#getOut()} and {@link picocli.CommandLine#getErr()}
 * writers, so a caller that runs the command in-process captures it with {@code setOut}/{@code setErr}.
 */
@Command(mixinStandardHelpOptions = true)
abstract class FileCommand implements Callable<Integer> {
  /** Exit status when the file cannot be read. */
  static final int EXIT_FILE_ERROR = 1;

  @Spec
  CommandSpec spec;

  @ParentCommand
  Quiver parent;

  @Parameters(index = "0", paramLabel = "FILE", description = "A Parquet file: a path or a file:// URL.")
  String file;

  @Option(names = "--verbose", description = "On errors, print the stack trace too.")
  boolean verbose;

  /** A new allocator for this command, which it must close: from the parent command's, when there is one. */
  BufferAllocator newAllocator() {
    String name = spec.name();
    return parent != null ? parent.newAllocator(name) : QuiverAllocators.newRoot();
  }

  /**
   * Does the command's work, writing to {@code out}.
   *
   * @throws Exception any failure; it is reported as one line naming {@link #file}
   */
  abstract void run(PrintWriter out) throws Exception;

  @Override
  public final Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      run(out);
      return 0;
    } catch (picocli.CommandLine.ParameterException e) {
      throw e; // a usage error: picocli prints it with the usage and exits 2
    } catch (Exception | StackOverflowError | OutOfMemoryError e) {
      out.flush(); // rows already written stay written, before the error line
      PrintWriter err = spec.commandLine().getErr();
      err.println("quiver: " + message(e, file));
      if (verbose || parent != null && parent.verbose) {
        e.printStackTrace(err);
      }
      err.flush();
      return EXIT_FILE_ERROR;
    } finally {
      out.flush();
    }
  }

  /**
   * The one-line message for a failure on {@code file}: the exception's message, prefixed with the file unless it
   * names it already (Quiver's Parquet and store exceptions do), with line breaks folded into spaces.
   */
  static String message(Throwable e, String file) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      m = e.getClass().getSimpleName();
    } else if (e instanceof Error) {
      m = e.getClass().getSimpleName() + ": " + m; // "Java heap space" alone says too little
    }
    if (!(e instanceof ObjectStoreException) && !m.contains(file)) {
      m = file + ": " + m;
    }
    return m.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
