package dev.quiver.bench.write;

import dev.quiver.bench.Samples;
import dev.quiver.bench.checksum.Digest;
import dev.quiver.bench.data.Codec;
import dev.quiver.bench.data.DatasetFile;
import dev.quiver.bench.data.Writer;
import dev.quiver.bench.engine.DuckDbEngine;
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
 * The write part of the comparison harness: the same in-memory Arrow batches ({@link SourceBatches}) written to a
 * local Parquet file by each {@link WriteEngine} with each codec, single-threaded, in interleaved rounds (each round
 * runs every engine once, so drift of the machine hits all alike). Round 0 verifies: each written file is read back
 * by DuckDB (JDBC, one thread) into the canonical checksum, which must equal the source batches' checksum (every
 * value of every column, and the row count), or the engine's cell fails and no time of it counts. Then warm-up
 * rounds, then timed rounds. Time: from opening the writer to closing it (footer written, file complete).
 */
public final class WriteBench {
  /** One engine writing with one codec: its times and the size of what it wrote. */
  public static final class Cell {
    /** The engine's name. */
    public final String engine;
    /** Timed seconds, one per timed round. */
    public final List<Double> seconds = new ArrayList<>();
    /** Size of the written file, bytes. */
    public long fileBytes;
    /** Null while fine; otherwise why no time counts. */
    public String status;

    Cell(String engine) {
      this.engine = engine;
    }
  }

  /** The cells of one codec. */
  public static final class Case {
    /** The codec. */
    public final Codec codec;
    /** Engine name to its cell, in the engines' order. */
    public final Map<String, Cell> cells = new LinkedHashMap<>();

    Case(Codec codec) {
      this.codec = codec;
    }
  }

  private final SourceBatches source;
  private final List<WriteEngine> engines;
  private final Path folder;

  /**
   * @param source the batches to write
   * @param engines the writers, Quiver's first for the ratios
   * @param folder where files are written (each engine's file replaced every round, removed at the end)
   */
  public WriteBench(SourceBatches source, List<WriteEngine> engines, Path folder) {
    this.source = source;
    this.engines = engines;
    this.folder = folder;
  }

  /** The three engines: Quiver, parquet-java's column API, parquet-java's record API. */
  public static List<WriteEngine> allEngines() {
    return List.of(new QuiverWriteEngine(), new ParquetJavaColumnWriteEngine(), new ParquetJavaRecordWriteEngine());
  }

  /**
   * Runs the rounds for {@code codec}: a verification round, {@code warmup} untimed rounds, {@code iterations} timed
   * rounds. A failing or disagreeing engine is recorded in its cell's status and in {@code failures}.
   *
   * @throws IOException when the folder cannot be written
   */
  public Case run(Codec codec, int warmup, int iterations, PrintStream out, List<String> failures)
      throws IOException {
    Files.createDirectories(folder);
    Case result = new Case(codec);
    WriteSettings settings = WriteSettings.of(codec);
    for (WriteEngine e : engines) {
      result.cells.put(e.name(), new Cell(e.name()));
    }
    try (DuckDbEngine duck = new DuckDbEngine(1)) {
      for (int round = 0; round < 1 + warmup + iterations; round++) {
        for (WriteEngine e : engines) {
          Cell cell = result.cells.get(e.name());
          if (cell.status != null) {
            continue;
          }
          Path file = folder.resolve("write-" + e.name() + "-" + codec.duckdb() + ".parquet");
          long start = System.nanoTime();
          try {
            e.write(source.schema(), source.batches(), file, settings);
          } catch (Exception | Error x) {
            cell.status = "FAILED: " + x;
            failures.add("write " + e.name() + " " + codec + ": " + x);
            x.printStackTrace(out);
            continue;
          }
          double secs = (System.nanoTime() - start) / 1e9;
          if (round == 0) {
            cell.fileBytes = Files.size(file);
            String mismatch = verify(duck, file, codec);
            if (mismatch != null) {
              cell.status = "CHECKSUM MISMATCH";
              failures.add("write " + e.name() + " " + codec + ": " + mismatch);
              out.println("  write " + e.name() + " " + codec + ": " + mismatch);
            }
          } else if (round > warmup) {
            cell.seconds.add(secs);
          }
        }
      }
    } catch (java.sql.SQLException x) {
      throw new IllegalStateException("DuckDB did not start: " + x.getMessage(), x);
    } finally {
      for (WriteEngine e : engines) {
        Files.deleteIfExists(folder.resolve("write-" + e.name() + "-" + codec.duckdb() + ".parquet"));
      }
    }
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "write lineitem %-12s", codec.duckdb()));
    for (Cell c : result.cells.values()) {
      line.append(' ').append(c.engine).append('=').append(c.status != null ? c.status
          : String.format(Locale.ROOT, "%.3fs", Samples.median(c.seconds)));
    }
    out.println(line);
    return result;
  }

  /** Null when DuckDB reads back from {@code file} exactly the source's values; otherwise what differs. */
  String verify(DuckDbEngine duck, Path file, Codec codec) {
    Digest back;
    try {
      back = duck.scan(new DatasetFile("lineitem", Writer.DUCKDB, codec, file, List.of(), false), null);
    } catch (Exception x) {
      return "DuckDB cannot read the written file: " + x;
    }
    List<String> diff = source.digest().differences(back);
    return diff.isEmpty() ? null : "read back by DuckDB, differs from the source: " + diff;
  }

  /**
   * The Markdown table: per codec and engine the median and min-max seconds, million rows/s, MB/s written (file
   * bytes over the median), the file size, and the engine's median over Quiver's.
   */
  public static String table(List<Case> cases, long rows) {
    StringBuilder sb = new StringBuilder();
    sb.append("| codec | engine | median s | min-max s | Mrows/s | MB/s written | file MB | time / quiver |\n");
    sb.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
    for (Case c : cases) {
      Cell quiver = c.cells.get("quiver");
      double q = quiver != null && quiver.status == null ? Samples.median(quiver.seconds) : Double.NaN;
      for (Cell cell : c.cells.values()) {
        sb.append("| ").append(c.codec.duckdb()).append(" | ").append(cell.engine).append(" | ");
        if (cell.status != null) {
          sb.append(cell.status.replace('|', '/')).append(" | | | | | |\n");
          continue;
        }
        double m = Samples.median(cell.seconds);
        sb.append(String.format(Locale.ROOT, "%.3f | %.3f-%.3f | %.2f | %.0f | %.1f | %s |\n", m,
            Samples.min(cell.seconds), Samples.max(cell.seconds), rows / m / 1e6, cell.fileBytes / m / 1e6,
            cell.fileBytes / 1e6, Double.isNaN(q) ? "" : String.format(Locale.ROOT, "%.2f", m / q)));
      }
    }
    return sb.toString();
  }
}
