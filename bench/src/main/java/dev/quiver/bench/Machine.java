package dev.quiver.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** A one-line description of the machine, JDK and date a run measured on, for the results file. */
final class Machine {
  private Machine() {}

  /** The CPU model from {@code /proc/cpuinfo}, or "unknown". */
  static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: fall through
    }
    return "unknown";
  }

  /** {@code nproc N, CPU ..., JDK ..., OS ..., date}. */
  static String describe() {
    return "nproc " + Runtime.getRuntime().availableProcessors() + ", CPU " + cpuModel() + ", JDK "
        + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + ", "
        + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", max heap "
        + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB, "
        + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  /** The 1, 5 and 15 minute load averages of {@code /proc/loadavg}, or "unknown" (other work skews times). */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
