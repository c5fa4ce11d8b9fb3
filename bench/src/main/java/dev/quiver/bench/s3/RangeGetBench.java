package dev.quiver.bench.s3;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The range-GET comparison: Quiver's S3 store against the AWS SDK for Java v2 async client, the same requests to the
 * same server (S3Proxy on loopback, in memory, SigV4), one process, interleaved rounds.
 *
 * <pre>
 * RangeGetBench [--size-mib N] [--warmup N] [--rounds N] [--results FILE | --no-results]
 * </pre>
 *
 * <p>An object of {@code --size-mib} MiB (default 128) of random bytes is stored once. Each workload of
 * {@link RangeWorkload#all} is then fetched by both clients in every round ({@code --warmup} untimed rounds, default
 * 2, then {@code --rounds} timed ones, default 5), the client that goes first alternating by round; every fetch's
 * bytes are compared with the object's before its time counts (a mismatch ends the run with status 1). A time is the
 * wall time from issuing the first request to having every range's bytes. The table gives medians, throughput
 * (range bytes over the median) and the ratio of the SDK's median to Quiver's (above 1: Quiver is faster). It is
 * printed, and appended to {@code --results} (default {@code bench/RESULTS.md} under {@code -Dquiver.root}).
 */
public final class RangeGetBench {

  private static final String BUCKET = "bench";
  private static final String KEY = "data/object.bin";

  private RangeGetBench() {}

  /** The measured medians of one workload. */
  record Row(RangeWorkload workload, int requests, double quiverMs, double sdkMs) {}

  /**
   * Runs the comparison.
   *
   * @param args see the class comment
   * @throws Exception on a failed request or bad arguments
   */
  public static void main(String[] args) throws Exception {
    int sizeMiB = 128;
    int warmup = 2;
    int rounds = 5;
    Path results = Path.of(System.getProperty("quiver.root", ".")).resolve("bench/RESULTS.md");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--size-mib" -> sizeMiB = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--results" -> results = Path.of(args[++i]);
        case "--no-results" -> results = null;
        default -> {
          System.err.println("usage: RangeGetBench [--size-mib N] [--warmup N] [--rounds N] [--results FILE | "
              + "--no-results]");
          System.exit(2);
        }
      }
    }
    if (sizeMiB < 1 || rounds < 1 || warmup < 0) {
      throw new IllegalArgumentException("--size-mib and --rounds must be positive, --warmup not negative");
    }
    String machine = machine();
    List<Row> rows = run(sizeMiB, warmup, rounds, System.out);
    String table = table(rows);
    System.out.println();
    System.out.print(table);
    if (results != null) {
      append(results, sizeMiB, warmup, rounds, machine, table);
      System.out.println("appended to " + results.toAbsolutePath());
    }
    System.exit(0);  // S3Proxy's Jetty leaves non-daemon threads behind
  }

  /** Runs every workload with both clients and returns the medians. */
  static List<Row> run(int sizeMiB, int warmup, int rounds, PrintStream log) throws Exception {
    long size = (long) sizeMiB << 20;
    byte[] object = new byte[(int) size];
    new Random(7).nextBytes(object);
    List<RangeWorkload> workloads = RangeWorkload.all(size);
    try (LoopbackS3 server = new LoopbackS3()) {
      server.put(BUCKET, KEY, object);
      try (QuiverRangeReader quiver = new QuiverRangeReader(server.endpoint(), BUCKET);
          SdkRangeReader sdk = new SdkRangeReader(server.endpoint(), BUCKET, quiver.config())) {
        double[][][] times = new double[workloads.size()][2][rounds];
        for (int round = 0; round < warmup + rounds; round++) {
          boolean timed = round >= warmup;
          for (int w = 0; w < workloads.size(); w++) {
            RangeWorkload workload = workloads.get(w);
            RangeReader[] order = round % 2 == 0 ? new RangeReader[] {quiver, sdk} : new RangeReader[] {sdk, quiver};
            for (RangeReader reader : order) {
              double ms = timeOnce(workload, reader, object);
              if (timed) {
                times[w][reader == quiver ? 0 : 1][round - warmup] = ms;
              }
              log.printf(Locale.ROOT, "%s round %d, %s, %s: %.1f ms%n", timed ? "timed" : "warm-up",
                  timed ? round - warmup + 1 : round + 1, workload.name(), reader.name(), ms);
            }
          }
        }
        List<Row> rows = new ArrayList<>();
        for (int w = 0; w < workloads.size(); w++) {
          RangeWorkload workload = workloads.get(w);
          int requests = workload.coalesced()
              ? dev.quiver.store.RangeCoalescer.coalesce(workload.ranges(), quiver.config().coalesceGap(),
                  quiver.config().maxCoalescedRead()).size()
              : workload.ranges().size();
          rows.add(new Row(workload, requests, median(times[w][0]), median(times[w][1])));
        }
        return rows;
      }
    }
  }

  /** One timed fetch, its bytes checked afterwards. */
  private static double timeOnce(RangeWorkload workload, RangeReader reader, byte[] object) throws Exception {
    System.gc();
    long start = System.nanoTime();
    List<ByteBuffer> got = workload.run(reader, KEY);
    long elapsed = System.nanoTime() - start;
    workload.verify(object, got, reader.name());
    return elapsed / 1e6;
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** The results as a Markdown table. */
  static String table(List<Row> rows) {
    StringBuilder md = new StringBuilder();
    md.append("| workload | ranges | GETs | MiB | quiver ms | aws-sdk-v2 ms | quiver MiB/s | aws-sdk-v2 MiB/s "
        + "| sdk / quiver |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Row row : rows) {
      double mib = row.workload().bytes() / (double) (1 << 20);
      md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.1f | %.1f | %.1f | %.0f | %.0f | %.2f |%n",
          row.workload().name(), row.workload().ranges().size(), row.requests(), mib, row.quiverMs(), row.sdkMs(),
          mib / (row.quiverMs() / 1000), mib / (row.sdkMs() / 1000), row.sdkMs() / row.quiverMs()));
    }
    return md.toString();
  }

  private static void append(Path results, int sizeMiB, int warmup, int rounds, String machine, String table)
      throws IOException {
    String section = "\n### Range GETs: Quiver S3Store vs AWS SDK v2 S3AsyncClient ("
        + ZonedDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE) + ")\n\n"
        + "Written by `bench/range-get.sh` (dev.quiver.bench.s3.RangeGetBench). Both clients fetch the same ranges of "
        + "one " + sizeMiB + " MiB object of random bytes from the same S3Proxy 2.6 on loopback (in-memory backend, "
        + "SigV4 over plain HTTP), in one JVM; " + warmup + " warm-up and " + rounds + " timed rounds, the first "
        + "client alternating; every fetch's bytes were checked against the object. Times are medians, from the "
        + "first request to the last byte; all requests of a workload are issued at once (both clients at most 64 "
        + "connections). \"columnar read\": the chunk and page-index ranges of a projected scan of a Parquet-shaped "
        + "object; \"coalesced\" merges ranges closer than 1 MiB into GETs of at most 16 MiB for both clients "
        + "(Quiver's getRanges; the same merged GETs through the SDK). sdk / quiver above 1: Quiver is faster. "
        + "The server shares the machine's cores with both clients.\n\n"
        + "Machine: " + machine + ".\n\n" + table;
    Files.writeString(results, section, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static String machine() {
    String cpu = "unknown";
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          cpu = line.substring(line.indexOf(':') + 1).trim();
          break;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return "nproc " + Runtime.getRuntime().availableProcessors() + ", CPU " + cpu + ", JDK "
        + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + ", "
        + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", max heap "
        + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB, load average at the start " + loadAverage() + ", "
        + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  /** The 1, 5 and 15 minute load averages of {@code /proc/loadavg} (other work on the machine skews times). */
  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
