package dev.quiver.cli;

import dev.quiver.parquet.testing.LeakCheckedAllocator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/** Runs the command line in-process, as {@code quiver ARGS...}, capturing its status and both output streams. */
final class Cli {
  private Cli() {}

  /** What one run produced. */
  record Result(int status, String out, String err) {
    /** Standard output split into lines. */
    List<String> outLines() {
      return out.lines().toList();
    }

    /** Standard error split into lines. */
    List<String> errLines() {
      return err.lines().toList();
    }

    @Override
    public String toString() {
      return "status " + status + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
    }
  }

  /**
   * Runs {@code args} with a leak-checked allocator as the commands' parent: a leak fails the calling test when
   * the allocator closes.
   */
  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status;
    try (LeakCheckedAllocator allocator = new LeakCheckedAllocator()) {
      status = new CommandLine(new Quiver(allocator.get()))
          .setOut(new PrintWriter(out, true))
          .setErr(new PrintWriter(err, true))
          .execute(args);
    }
    return new Result(status, out.toString(), err.toString());
  }
}
