package dev.quiver.bench;

import dev.quiver.bench.checksum.Digest;
import dev.quiver.bench.data.DatasetFile;
import dev.quiver.bench.data.Datasets;
import dev.quiver.bench.engine.ArrowDatasetEngine;
import dev.quiver.bench.engine.DuckDbEngine;
import dev.quiver.bench.engine.Engine;
import dev.quiver.bench.engine.ParquetJavaColumnEngine;
import dev.quiver.bench.engine.ParquetJavaRecordEngine;
import dev.quiver.bench.engine.QuiverEngine;
import dev.quiver.bench.engine.UnsupportedByEngineException;
import dev.quiver.bench.data.Codec;
import dev.quiver.bench.data.Writer;
import dev.quiver.bench.query.QueryBench;
import dev.quiver.bench.query.QueryEngine;
import dev.quiver.bench.query.TpchQueries;
import dev.quiver.bench.write.SourceBatches;
import dev.quiver.bench.write.WriteBench;
import dev.quiver.parquet.read.ParquetFileReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The comparison harness: times a full scan (every column decoded) and a projected scan of every dataset file by
 * every engine, in one run, after checking that all engines fold the same canonical checksum; prints a table of
 * medians with min-max, rows/s, decoded MB/s and each engine's time over Quiver's, plus the floors (off-heap
 * memcpy, decompression of the file's own pages), and writes it to a Markdown file.
 *
 * <pre>
 * Compare [--quick] [--sf F] [--warmup N] [--iterations N] [--data DIR] [--results FILE]
 *         [--only SUBSTRING,...] [--engines NAME,...] [--scans full,projected] [--parts scan,write,query]
 * </pre>
 *
 * <p>Three parts, all run unless {@code --parts} names some: {@code scan} (above), {@code write} (the lineitem
 * table loaded once into Arrow batches, written by Quiver's writer and by parquet-java's column and record APIs with
 * SNAPPY, ZSTD and UNCOMPRESSED: {@link WriteBench}), {@code query} (TPC-H Q1 and Q6 over the DuckDB- and
 * parquet-java-written SNAPPY lineitem files by Quiver's engine and DuckDB at 1 and 2 threads: {@link QueryBench}).
 * The results file keeps the sections of the parts not run from its previous content, and everything from its
 * {@code ## Notes} heading on.
 *
 * <p>{@code --quick}: scale factor 0.01, no warm-up, one iteration, results to
 * {@code bench/target/RESULTS-quick.md}. Otherwise scale factor 1, one warm-up round, five timed rounds, results to
 * {@code bench/RESULTS.md}. Rounds are interleaved (each round runs every engine once) so that drift of the machine
 * hits all engines alike. Paths are relative to the repository root ({@code -Dquiver.root}, else the working
 * folder).
 *
 * <p>Exit status 0 when every checksum agreed and no engine failed; 1 otherwise (the mismatch, naming the engine,
 * the file and the column, is printed); 2 on bad arguments. An engine that cannot read a file (a feature it lacks)
 * is reported as unsupported, which is not a failure.
 */
public final class Compare {
  private Compare() {}

  /** The parts of a run, in the order they run and appear in the results file. */
  static final List<String> PARTS = List.of("scan", "write", "query");

  /** Options of one run. */
  static final class Options {
    boolean quick;
    double scaleFactor = 1;
    int warmup = 1;
    int iterations = 5;
    Path data;
    Path results;
    List<String> only = List.of();
    List<String> engines = List.of();
    List<String> scans = List.of("full", "projected");
    List<String> parts = PARTS;

    static Options parse(String[] args, Path root) {
      Options o = new Options();
      Double sf = null;
      Integer warmup = null;
      Integer iterations = null;
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--quick" -> o.quick = true;
          case "--sf" -> sf = Double.parseDouble(value(args, ++i, a));
          case "--warmup" -> warmup = Integer.parseInt(value(args, ++i, a));
          case "--iterations" -> iterations = Integer.parseInt(value(args, ++i, a));
          case "--data" -> o.data = Path.of(value(args, ++i, a));
          case "--results" -> o.results = Path.of(value(args, ++i, a));
          case "--only" -> o.only = List.of(value(args, ++i, a).split(","));
          case "--engines" -> o.engines = List.of(value(args, ++i, a).split(","));
          case "--scans" -> o.scans = List.of(value(args, ++i, a).split(","));
          case "--parts" -> o.parts = List.of(value(args, ++i, a).split(","));
          default -> throw new IllegalArgumentException("unknown argument " + a);
        }
      }
      o.scaleFactor = sf != null ? sf : o.quick ? 0.01 : 1;
      o.warmup = warmup != null ? warmup : o.quick ? 0 : 1;
      o.iterations = iterations != null ? iterations : o.quick ? 1 : 5;
      if (o.data == null) {
        o.data = Datasets.defaultFolder(root);
      }
      if (o.results == null) {
        o.results = root.resolve(o.quick ? "bench/target/RESULTS-quick.md" : "bench/RESULTS.md");
      }
      if (!(o.scaleFactor > 0) || o.iterations < 1 || o.warmup < 0) {
        throw new IllegalArgumentException("need --sf > 0, --iterations >= 1, --warmup >= 0");
      }
      if (o.parts.isEmpty() || !PARTS.containsAll(o.parts)) {
        throw new IllegalArgumentException("--parts takes some of " + PARTS + ": " + o.parts);
      }
      return o;
    }

    private static String value(String[] args, int i, String name) {
      if (i >= args.length) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      return args[i];
    }
  }

  /** The timings of one engine on one scan of one file. */
  static final class Cell {
    final String engine;
    final List<Double> seconds = new ArrayList<>();
    final List<Double> readerSeconds = new ArrayList<>(); // seconds less the time spent folding, when known
    String status; // null: measured; otherwise "unsupported: ..." or "FAILED: ..."

    Cell(String engine) {
      this.engine = engine;
    }

    double median() {
      return Floors.median(seconds.stream().mapToDouble(Double::doubleValue).toArray());
    }

    double min() {
      return seconds.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    double max() {
      return seconds.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
  }

  /** One file and scan kind: its cells, rows and decoded bytes. */
  static final class Scan {
    final DatasetFile file;
    final String kind;
    final List<String> columns;
    final Map<String, Cell> cells = new LinkedHashMap<>();
    long rows;
    long decodedBytes;
    double floorSeconds = Double.NaN;
    double decompressSeconds;
    Floors.Pages pages;

    Scan(DatasetFile file, String kind, List<String> columns) {
      this.file = file;
      this.kind = kind;
      this.columns = columns;
    }
  }

  /**
   * Runs the harness.
   *
   * @param args see the class comment
   */
  public static void main(String[] args) throws Exception {
    Path root = Path.of(System.getProperty("quiver.root", "."));
    Options options;
    try {
      options = Options.parse(args, root);
    } catch (IllegalArgumentException e) {
      System.err.println("compare: " + e.getMessage());
      System.exit(2);
      return;
    }
    int failures = run(options, System.out);
    System.exit(failures == 0 ? 0 : 1);
  }

  /**
   * Runs every scan and writes the results file.
   *
   * @return the number of failures (checksum mismatches and engine errors); 0 when all agreed
   */
  static int run(Options o, PrintStream out) throws Exception {
    long runStart = System.nanoTime();
    String machine = Machine.describe();
    out.println("quiver bench: " + (o.quick ? "QUICK" : "full") + " run, scale factor " + o.scaleFactor + ", warm-up "
        + o.warmup + ", iterations " + o.iterations + ", parts " + o.parts);
    out.println("machine: " + machine + ", load average " + Machine.loadAverage());
    Datasets datasets = new Datasets(o.data, o.scaleFactor);
    List<String> failures = new ArrayList<>();
    Map<String, String> sections = new LinkedHashMap<>();
    if (o.parts.contains("scan")) {
      sections.put("scan", scanPart(o, datasets, machine, out, failures));
    }
    if (o.parts.contains("write")) {
      sections.put("write", writePart(o, datasets, machine, out, failures));
    }
    if (o.parts.contains("query")) {
      sections.put("query", queryPart(o, datasets, machine, out, failures));
    }
    if (!failures.isEmpty()) {
      out.println("FAILURES:");
      failures.forEach(f -> out.println("  " + f));
    }
    double minutes = (System.nanoTime() - runStart) / 60e9;
    writeResults(o, sections, failures);
    out.printf(Locale.ROOT, "wrote %s (%.1f min)%n", o.results, minutes);
    return failures.size();
  }

  /** A part's first lines: what wrote it, with which settings, on which machine, under which load. */
  private static String provenance(Options o, String machine, String loadAtStart, long startNanos) {
    return String.format(Locale.ROOT, "Written by `bench/run.sh%s` (dev.quiver.bench.Compare). Scale factor %s, "
        + "%d warm-up round(s), %d timed round(s), interleaved; this part took %.1f min.%n%n",
        o.quick ? " --quick" : "", o.scaleFactor, o.warmup, o.iterations, (System.nanoTime() - startNanos) / 60e9)
        + "Machine: " + machine + ". Load average (1, 5, 15 min) at the start of this part " + loadAtStart
        + ", at its end " + Machine.loadAverage() + " (other work shares the cores; only ratios within one run "
        + "mean anything).\n\n";
  }

  /** The scan part: every file by every engine, then the floors; returns its Markdown section. */
  private static String scanPart(Options o, Datasets datasets, String machine, PrintStream out,
      List<String> failures) throws Exception {
    long start = System.nanoTime();
    String load = Machine.loadAverage();
    List<DatasetFile> files = new ArrayList<>();
    for (DatasetFile f : datasets.ensureAll(out)) {
      if (o.only.isEmpty() || o.only.stream().anyMatch(s -> f.label().contains(s))) {
        files.add(f);
      }
    }
    double memcpy = Floors.memcpyBytesPerSecond(5);
    out.printf(Locale.ROOT, "floor: off-heap memcpy %.2f GB/s%n", memcpy / 1e9);

    List<Engine> engines = engines(o.engines);
    List<Scan> scans = new ArrayList<>();
    try {
      for (DatasetFile f : files) {
        for (String kind : o.scans) {
          Scan scan = new Scan(f, kind, kind.equals("full") ? null : f.projection());
          scans.add(scan);
          measure(scan, engines, o, out, failures);
          scan.pages = Floors.loadPages(f.path(), scan.columns);
          scan.decompressSeconds = Floors.decompressSeconds(scan.pages, o.quick ? 1 : 3);
          scan.floorSeconds = scan.decompressSeconds + scan.decodedBytes / memcpy;
        }
      }
    } finally {
      for (Engine e : engines) {
        e.close();
      }
    }
    String table = table(scans, engines);
    String floors = floors(scans, memcpy);
    out.println();
    out.println(table);
    out.println(floors);
    StringBuilder md = new StringBuilder("## Scans\n\n");
    md.append(provenance(o, machine, load, start));
    md.append("Arrow Dataset CPU threads (OMP_NUM_THREADS): ").append(ArrowDatasetEngine.cpuThreads()).append(".\n\n");
    md.append(SCAN_TEXT).append(table).append('\n');
    md.append("## Floors\n\n").append(FLOORS_TEXT).append(floors).append('\n');
    return md.toString();
  }

  /** The write part: lineitem (DuckDB's SNAPPY file) loaded once, written by each engine in each codec. */
  private static String writePart(Options o, Datasets datasets, String machine, PrintStream out,
      List<String> failures) throws Exception {
    long start = System.nanoTime();
    String load = Machine.loadAverage();
    DatasetFile source = datasets.ensureFlat(datasets.lineitem(),
        List.of(new Datasets.Variant(Writer.DUCKDB, Codec.SNAPPY)), out).get(0);
    List<WriteBench.Case> cases = new ArrayList<>();
    long rows;
    long arrowBytes;
    Path folder = Files.createTempDirectory("quiver-write-bench");
    try (SourceBatches batches = new SourceBatches(source.path())) {
      rows = batches.rows();
      arrowBytes = batches.arrowBytes();
      out.printf(Locale.ROOT, "write: %s loaded, %d rows, %.1f MB of Arrow buffers%n", source.label(), rows,
          arrowBytes / 1e6);
      WriteBench bench = new WriteBench(batches, WriteBench.allEngines(), folder);
      for (Codec codec : List.of(Codec.SNAPPY, Codec.ZSTD, Codec.UNCOMPRESSED)) {
        cases.add(bench.run(codec, o.warmup, o.iterations, out, failures));
      }
    } finally {
      Files.deleteIfExists(folder);
    }
    String table = WriteBench.table(cases, rows);
    out.println();
    out.println(table);
    StringBuilder md = new StringBuilder("## Writes\n\n");
    md.append(provenance(o, machine, load, start));
    md.append(String.format(Locale.ROOT, WRITE_TEXT, source.label(), rows, arrowBytes / 1e6));
    md.append(table).append('\n');
    return md.toString();
  }

  /** The query part: TPC-H Q1 and Q6 over the DuckDB- and parquet-java-written SNAPPY lineitem files. */
  private static String queryPart(Options o, Datasets datasets, String machine, PrintStream out,
      List<String> failures) throws Exception {
    long start = System.nanoTime();
    String load = Machine.loadAverage();
    List<DatasetFile> files = datasets.ensureFlat(datasets.lineitem(), List.of(
        new Datasets.Variant(Writer.DUCKDB, Codec.SNAPPY), new Datasets.Variant(Writer.PARQUET_JAVA_V1, Codec.SNAPPY)),
        out);
    List<QueryBench.Case> cases = new ArrayList<>();
    long rows;
    try (ParquetFileReader r = ParquetFileReader.open(files.get(0).path().toString())) {
      rows = r.metadata().numRows();
    }
    List<QueryEngine> engines = QueryBench.allEngines();
    try {
      for (DatasetFile f : files) {
        for (String q : TpchQueries.NAMES) {
          cases.add(QueryBench.run(f, q, engines, o.warmup, o.iterations, out, failures));
        }
      }
    } finally {
      for (QueryEngine e : engines) {
        e.close();
      }
    }
    String table = QueryBench.table(cases, rows);
    out.println();
    out.println(table);
    StringBuilder md = new StringBuilder("## Queries\n\n");
    md.append(provenance(o, machine, load, start));
    md.append(String.format(Locale.ROOT, QUERY_TEXT, rows));
    md.append(table).append('\n');
    return md.toString();
  }

  static List<Engine> engines(List<String> only) throws Exception {
    List<Engine> all = new ArrayList<>();
    all.add(new QuiverEngine(1));
    all.add(new QuiverEngine(2));
    all.add(new ParquetJavaColumnEngine());
    all.add(new ParquetJavaRecordEngine());
    all.add(new ArrowDatasetEngine());
    all.add(new DuckDbEngine(1));
    all.add(new DuckDbEngine(0));
    if (only.isEmpty()) {
      return all;
    }
    List<Engine> kept = new ArrayList<>();
    for (Engine e : all) {
      if (only.contains(e.name())) {
        kept.add(e);
      } else {
        e.close();
      }
    }
    return kept;
  }

  /** A verification round (every engine once, digests compared), warm-up rounds, then timed rounds. */
  static void measure(Scan scan, List<Engine> engines, Options o, PrintStream out, List<String> failures) {
    String what = scan.file.label() + " " + scan.kind;
    Digest reference = null;
    String referenceEngine = null;
    for (Engine e : engines) {
      scan.cells.put(e.name(), new Cell(e.name()));
    }
    int rounds = 1 + o.warmup + o.iterations;
    Map<String, Digest> firstDigests = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      if (round == 1) {
        // the reference is parquet-java's column API (the conformance tests' reference), else the first engine
        referenceEngine = firstDigests.containsKey("pj-column") ? "pj-column"
            : firstDigests.isEmpty() ? null : firstDigests.keySet().iterator().next();
        reference = referenceEngine == null ? null : firstDigests.get(referenceEngine);
        if (reference != null) {
          scan.rows = reference.rows();
        }
        for (Map.Entry<String, Digest> fd : firstDigests.entrySet()) {
          agrees(reference, referenceEngine, fd.getValue(), fd.getKey(), what, scan.cells.get(fd.getKey()), out,
              failures);
        }
      }
      boolean timed = round > o.warmup; // round 0 verifies, then warm-ups, then timed rounds
      for (Engine e : engines) {
        Cell cell = scan.cells.get(e.name());
        if (cell.status != null) {
          continue;
        }
        Digest d;
        long start = System.nanoTime();
        try {
          d = e.scan(scan.file, scan.columns);
        } catch (UnsupportedByEngineException u) {
          cell.status = "unsupported: " + u.getMessage();
          out.println("  " + e.name() + " on " + what + ": " + cell.status);
          continue;
        } catch (Exception | Error x) {
          cell.status = "FAILED: " + x;
          failures.add(e.name() + " on " + what + ": " + x);
          out.println("  " + e.name() + " on " + what + ": " + cell.status);
          x.printStackTrace(out);
          continue;
        }
        double secs = (System.nanoTime() - start) / 1e9;
        if (scan.decodedBytes == 0 && d.decodedBytes() > 0) {
          scan.decodedBytes = d.decodedBytes();
        }
        if (round == 0) {
          firstDigests.put(e.name(), d);
          continue; // compared once every engine has run
        }
        if (!agrees(reference, referenceEngine, d, e.name(), what, cell, out, failures)) {
          continue;
        }
        if (timed) {
          cell.seconds.add(secs);
          cell.readerSeconds.add(secs - d.foldNanos() / 1e9);
        }
      }
    }
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-38s", what));
    for (Cell c : scan.cells.values()) {
      line.append(String.format(Locale.ROOT, " %s=%s", c.engine,
          c.status != null ? (c.status.startsWith("unsupported") ? "unsupported" : "FAILED")
              : String.format(Locale.ROOT, "%.3fs", c.median())));
    }
    out.println(line);
  }

  /** Compares {@code d} with the reference; on a difference marks the cell and records one failure per column. */
  private static boolean agrees(Digest reference, String referenceEngine, Digest d, String engine, String what,
      Cell cell, PrintStream out, List<String> failures) {
    List<String> diff = reference.differences(d);
    if (diff.isEmpty()) {
      return true;
    }
    cell.status = "CHECKSUM MISMATCH";
    for (String line : diff) {
      String msg = "CHECKSUM MISMATCH: " + engine + " on " + what + " disagrees with " + referenceEngine + ": "
          + line;
      failures.add(msg);
      out.println("  " + msg);
    }
    return false;
  }

  /** The results table in Markdown, one block of rows per file and scan. */
  static String table(List<Scan> scans, List<Engine> engines) {
    StringBuilder sb = new StringBuilder();
    sb.append("| file | scan | engine | median s | min-max s | Mrows/s | decoded MB/s | time / quiver |\n");
    sb.append("|---|---|---|---:|---:|---:|---:|---:|\n");
    for (Scan s : scans) {
      Cell quiver = s.cells.get("quiver");
      double q = quiver != null && quiver.status == null ? quiver.median() : Double.NaN;
      for (Cell c : s.cells.values()) {
        sb.append("| ").append(s.file.label()).append(" | ").append(s.kind).append(" | ").append(c.engine)
            .append(" | ");
        if (c.status != null) {
          sb.append(c.status.replace('|', '/')).append(" | | | | |\n");
          continue;
        }
        double m = c.median();
        sb.append(String.format(Locale.ROOT, "%.3f | %.3f-%.3f | %.2f | %s | %s |\n", m, c.min(), c.max(),
            s.rows / m / 1e6, s.decodedBytes > 0 ? String.format(Locale.ROOT, "%.0f", s.decodedBytes / m / 1e6) : "",
            Double.isNaN(q) ? "" : String.format(Locale.ROOT, "%.2f", m / q)));
      }
    }
    return sb.toString();
  }

  /** The floors table: per file and scan, the decompression of its pages and the resulting floor. */
  static String floors(List<Scan> scans, double memcpy) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "Off-heap memcpy: %.2f GB/s.%n%n", memcpy / 1e9));
    sb.append("| file | scan | codec | pages | stored MB | decompressed MB | decompress s | GB/s | decoded MB "
        + "| floor s | quiver / floor | quiver reader-only / floor |\n");
    sb.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Scan s : scans) {
      Cell quiver = s.cells.get("quiver");
      double q = quiver != null && quiver.status == null ? quiver.median() : Double.NaN;
      double r = quiver != null && quiver.status == null
          ? Floors.median(quiver.readerSeconds.stream().mapToDouble(Double::doubleValue).toArray()) : Double.NaN;
      Floors.Pages p = s.pages;
      sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %.1f | %.1f | %.3f | %s | %.1f | %.3f | %s | %s |\n",
          s.file.label(), s.kind, p.codec(), p.count(), p.compressedBytes() / 1e6, p.uncompressedBytes() / 1e6,
          s.decompressSeconds,
          s.decompressSeconds > 0 ? String.format(Locale.ROOT, "%.2f", p.uncompressedBytes() / s.decompressSeconds
              / 1e9) : "",
          s.decodedBytes / 1e6, s.floorSeconds,
          Double.isNaN(q) ? "" : String.format(Locale.ROOT, "%.2f", q / s.floorSeconds),
          Double.isNaN(r) ? "" : String.format(Locale.ROOT, "%.2f", r / s.floorSeconds)));
    }
    return sb.toString();
  }

  private static final String SCAN_TEXT = """
      Every engine folds every value it decoded into a canonical checksum (per column, the sum of a 64-bit hash of \
      each value's canonical form); all engines agreed on every scan listed with a time, and a time counts only \
      then. Times are medians over the timed rounds, file open included; files sit in the OS page cache. \
      "decoded MB/s" is the size of the Arrow vectors the scan produces (values, offsets, validity) over the time; \
      "time / quiver" is the engine's median over Quiver's single-threaded median (above 1: Quiver is faster). \
      Single-threaded unless the name says otherwise: quiver-2t splits the row groups over two threads, duckdb-Nt \
      uses DuckDB's default thread count.

      """;

  private static final String FLOORS_TEXT = """
      The floor of a scan is the time to decompress the pages it reads (Quiver's codec over each page of the file, \
      page headers parsed; nothing for UNCOMPRESSED) plus one off-heap memcpy of the decoded bytes. \
      "quiver reader-only" is Quiver's median less the time it spent folding values into the checksum (measured \
      around each batch's fold), that is the reader's own time.

      """;

  private static final String WRITE_TEXT = """
      The source, %s (%,d rows, %.1f MB of Arrow buffers), is loaded once into Arrow batches in memory; each engine \
      writes all of them to a local file, single-threaded, in the same layout: the codec named, dictionary encoding \
      on (1 MiB dictionary page limit, then PLAIN), data pages v1 of 1 MiB and at most 20,000 rows, row groups of \
      1,048,576 rows, page-level statistics (column index), no page CRCs; the same Parquet types (INT64 DECIMAL(15,2), INT32 DATE, BYTE_ARRAY \
      STRING). quiver: `ParquetWriter.write(VectorSchemaRoot)`; pj-column: parquet-java's `ParquetFileWriter` with \
      a `ColumnChunkPageWriteStore` and `ColumnWriteStore`, `ColumnWriter.write` per value from the Arrow buffers; \
      pj-record: parquet-java's `ParquetWriter` with a `WriteSupport` reading each row from the Arrow buffers. \
      Before any time counts, each written file was read back by DuckDB and folded to the source's checksum (every \
      value, every column). Times: medians from opening the writer to the footer written (files land in the OS \
      page cache); "MB/s written" is the file size over the median; "time / quiver" above 1: Quiver is faster.

      """;

  private static final String QUERY_TEXT = """
      TPC-H Q1 and Q6 over one lineitem file (%,d rows), standard text with DATE literals and INTERVAL arithmetic \
      (Q1: `l_shipdate <= DATE '1998-12-01' - INTERVAL '90' DAY`; Q6: `l_shipdate < DATE '1994-01-01' + INTERVAL \
      '1' YEAR`), run by Quiver's engine (`Session.withThreads(n).sql(...)`) and by DuckDB JDBC (`SET threads = n`) \
      on the same file, SQL text to last result row read. Before any time counts, every engine's rows matched \
      DuckDB's with one thread (decimals exactly, averages to a relative 1e-9). "duckdb / quiver" is DuckDB's median \
      at the same thread count over Quiver's (above 1: Quiver is faster).

      """;

  /**
   * Writes the results file: a title, the sections of the parts this run measured, the sections of the other parts
   * as the previous file had them (marked by {@code <!-- part:NAME -->} comments; a file from before the parts,
   * without marks, counts as one scan section), this run's failures, and the previous file's notes.
   */
  private static void writeResults(Options o, Map<String, String> sections, List<String> failures)
      throws IOException {
    Path target = o.results.toAbsolutePath();
    Files.createDirectories(target.getParent());
    String existing = Files.exists(target) ? Files.readString(target) : "";
    int notesAt = existing.indexOf("\n## Notes");
    String generated = notesAt >= 0 ? existing.substring(0, notesAt + 1) : existing;
    StringBuilder md = new StringBuilder();
    md.append("# Benchmark results").append(o.quick ? " (QUICK run: tiny scale factor, one iteration, no warm-up; "
        + "not for conclusions)" : "").append("\n\n");
    for (String part : PARTS) {
      String body = sections.containsKey(part) ? sections.get(part) : previousSection(generated, part);
      if (body != null && !body.isBlank()) {
        md.append("<!-- part:").append(part).append(" -->\n").append(body.strip()).append("\n<!-- /part:")
            .append(part).append(" -->\n\n");
      }
    }
    if (!failures.isEmpty()) {
      md.append("## FAILURES\n\n");
      failures.forEach(f -> md.append("- ").append(f).append('\n'));
      md.append('\n');
    }
    if (notesAt >= 0) {
      md.append(existing.substring(notesAt + 1)); // hand-written notes below the generated part are kept
    }
    Files.writeString(target, md.toString());
  }

  /** A part's section from a previous results file's generated text, or null. */
  static String previousSection(String generated, String part) {
    String open = "<!-- part:" + part + " -->";
    String close = "<!-- /part:" + part + " -->";
    int a = generated.indexOf(open);
    int b = generated.indexOf(close);
    if (a >= 0 && b > a) {
      return generated.substring(a + open.length(), b);
    }
    if (part.equals("scan") && !generated.contains("<!-- part:")) {
      int from = generated.indexOf("Written by");
      int failuresAt = generated.indexOf("## FAILURES");
      if (from >= 0) {
        return "## Scans\n\n" + generated.substring(from, failuresAt > from ? failuresAt : generated.length());
      }
    }
    return null;
  }
}
