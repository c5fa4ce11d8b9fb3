package dev.quiver.cli;

import dev.quiver.columnar.QuiverAllocators;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code quiver} command line: {@code schema}, {@code meta} and {@code cat} over a Parquet file, and
 * {@code convert} from CSV, JSON lines or Parquet to Parquet.
 *
 * <p>Exit status: 0 on success, 1 when the file cannot be read (one line on stderr, {@code quiver: <message>},
 * naming the file; {@code --verbose} adds the stack trace), 2 for usage errors. Run in-process with
 * {@code new CommandLine(new Quiver()).setOut(out).setErr(err).execute(args)}: every byte of output goes through
 * those two writers.
 */
@Command(
    name = "quiver",
    mixinStandardHelpOptions = true,
    versionProvider = Quiver.Version.class,
    description = "Reads, writes and queries Apache Parquet files with the Quiver engine.",
    subcommands = {SchemaCommand.class, MetaCommand.class, CatCommand.class, ConvertCommand.class,
        SqlCommand.class})
public final class Quiver implements Callable<Integer> {
  private final BufferAllocator allocator;

  @Spec
  CommandSpec spec;

  @Option(names = "--verbose", description = "On errors, print the stack trace too.")
  boolean verbose;

  /**
   * A command line whose commands allocate Arrow memory from a new pooled root allocator each
   * ({@link QuiverAllocators#newRoot()}).
   */
  public Quiver() {
    this(null);
  }

  /**
   * A command line whose commands allocate Arrow memory from child allocators of {@code allocator}, each closed
   * (and so checked for leaks) when its command ends: for tests, and for embedding under a memory limit.
   *
   * @param allocator the parent allocator, or null for a new root allocator per command
   */
  public Quiver(BufferAllocator allocator) {
    this.allocator = allocator;
  }

  /** A new allocator for one command, which the command closes. */
  BufferAllocator newAllocator(String command) {
    return allocator == null ? QuiverAllocators.newRoot() : allocator.newChildAllocator(command, 0, Long.MAX_VALUE);
  }

  /**
   * Whether this command line runs in a terminal (for progress bars): started by {@link #main} (not in-process with
   * a parent allocator) and with a console attached: on JDK 17 to 21 a console exists only when standard input and
   * output are terminals; from JDK 22 on, {@code Console.isTerminal()} says so.
   */
  boolean interactive() {
    java.io.Console console = System.console();
    if (allocator != null || console == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (NoSuchMethodException e) {
      return true; // JDK 17 to 21: the console exists only on a terminal
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  /** Without a subcommand: a usage error (exit status 2). */
  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand (schema, meta, cat or convert)");
  }

  /**
   * Runs the command line and exits with its status. Standard output is UTF-8 and buffered (64 KiB), whatever the
   * platform's default charset, and flushed before exit.
   */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(new BufferedWriter(
        new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), 1 << 16));
    PrintWriter err = new PrintWriter(
        new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
    int status = new CommandLine(new Quiver()).setOut(out).setErr(err).execute(args);
    out.flush();
    err.flush();
    System.exit(status);
  }

  /** The version from the jar manifest ({@code Implementation-Version}), or "development" outside a jar. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Quiver.class.getPackage().getImplementationVersion();
      return new String[] {"quiver " + (v == null ? "development" : v)};
    }
  }
}
