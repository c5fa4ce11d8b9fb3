package dev.quiver.bench.query;

import dev.quiver.bench.Samples;
import dev.quiver.bench.data.DatasetFile;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The query part of the comparison harness: TPC-H Q1 and Q6 ({@link TpchQueries}) over one lineitem file by each
 * {@link QueryEngine} (Quiver and DuckDB at 1 and 2 threads), in interleaved rounds. Round 0 verifies: every
 * engine's rows must equal the reference engine's (the first DuckDB engine), decimals exactly and floating point to
 * {@link ResultRows#TOLERANCE}, or its cell fails and no time of it counts. Then warm-up rounds, then timed rounds.
 * Time: from submitting the SQL text to the last result row read (planning, scan and aggregation included).
 */
public final class QueryBench {
  /** One engine on one query over one file. */
  public static final class Cell {
    /** The engine's name. */
    public final String engine;
    /** Timed seconds, one per timed round. */
    public final List<Double> seconds = new ArrayList<>();
    /** Null while fine; otherwise why no time counts. */
    public String status;

    Cell(String engine) {
      this.engine = engine;
    }
  }

  /** One query over one file: its cells and result row count. */
  public static final class Case {
    /** The file. */
    public final DatasetFile file;
    /** The query's name. */
    public final String query;
    /** Engine name to its cell, in the engines' order. */
    public final Map<String, Cell> cells = new LinkedHashMap<>();
    /** Result rows of the reference engine. */
    public int resultRows;

    Case(DatasetFile file, String query) {
      this.file = file;
      this.query = query;
    }
  }

  private QueryBench() {}

  /**
   * Quiver and DuckDB at 1 and 2 threads: {@code quiver-1t, quiver-2t, duckdb-1t, duckdb-2t}.
   *
   * @throws java.sql.SQLException when DuckDB cannot start
   */
  public static List<QueryEngine> allEngines() throws java.sql.SQLException {
    List<QueryEngine> engines = new ArrayList<>();
    engines.add(new QuiverQueryEngine(1));
    engines.add(new QuiverQueryEngine(2));
    engines.add(new DuckDbQueryEngine(1));
    engines.add(new DuckDbQueryEngine(2));
    return engines;
  }

  /**
   * Runs query {@code query} over {@code file}: a verification round, {@code warmup} untimed rounds,
   * {@code iterations} timed rounds. A failing or disagreeing engine is recorded in its cell's status and in
   * {@code failures}.
   */
  public static Case run(DatasetFile file, String query, List<QueryEngine> engines, int warmup, int iterations,
      PrintStream out, List<String> failures) {
    Case result = new Case(file, query);
    String sql = TpchQueries.sql(query, file.path().toString());
    String what = query + " on " + file.label();
    QueryEngine reference = engines.stream().filter(e -> e instanceof DuckDbQueryEngine).findFirst()
        .orElse(engines.get(0));
    for (QueryEngine e : engines) {
      result.cells.put(e.name(), new Cell(e.name()));
    }
    List<List<Object>> expected = null;
    try {
      expected = reference.run(sql);
      result.resultRows = expected.size();
    } catch (Exception x) {
      failures.add(reference.name() + " " + what + ": " + x);
      result.cells.get(reference.name()).status = "FAILED: " + x;
    }
    for (int round = 0; round < 1 + warmup + iterations; round++) {
      for (QueryEngine e : engines) {
        Cell cell = result.cells.get(e.name());
        if (cell.status != null) {
          continue;
        }
        List<List<Object>> rows;
        long start = System.nanoTime();
        try {
          rows = e.run(sql);
        } catch (Exception | Error x) {
          cell.status = "FAILED: " + x;
          failures.add(e.name() + " " + what + ": " + x);
          x.printStackTrace(out);
          continue;
        }
        double secs = (System.nanoTime() - start) / 1e9;
        if (round == 0) {
          String diff = expected == null ? "no reference result" : ResultRows.difference(expected, rows);
          if (diff != null) {
            cell.status = "RESULT MISMATCH";
            String msg = "RESULT MISMATCH: " + e.name() + " " + what + " disagrees with " + reference.name() + ": "
                + diff;
            failures.add(msg);
            out.println("  " + msg);
          }
        } else if (round > warmup) {
          cell.seconds.add(secs);
        }
      }
    }
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-34s", what));
    for (Cell c : result.cells.values()) {
      line.append(' ').append(c.engine).append('=').append(c.status != null ? c.status
          : String.format(Locale.ROOT, "%.3fs", Samples.median(c.seconds)));
    }
    out.println(line);
    return result;
  }

  /**
   * The Markdown table: per file, query and engine the median and min-max seconds, million lineitem rows/s, and
   * DuckDB's time at the same thread count over Quiver's (above 1: Quiver is faster).
   */
  public static String table(List<Case> cases, long rows) {
    StringBuilder sb = new StringBuilder();
    sb.append("| file | query | engine | median s | min-max s | Mrows/s | duckdb / quiver (same threads) |\n");
    sb.append("|---|---|---|---:|---:|---:|---:|\n");
    for (Case c : cases) {
      for (Cell cell : c.cells.values()) {
        sb.append("| ").append(c.file.label()).append(" | ").append(c.query).append(" | ").append(cell.engine)
            .append(" | ");
        if (cell.status != null) {
          sb.append(cell.status.replace('|', '/')).append(" | | | |\n");
          continue;
        }
        double m = Samples.median(cell.seconds);
        String ratio = "";
        if (cell.engine.startsWith("quiver-")) {
          Cell duck = c.cells.get("duckdb-" + cell.engine.substring("quiver-".length()));
          if (duck != null && duck.status == null) {
            ratio = String.format(Locale.ROOT, "%.2f", Samples.median(duck.seconds) / m);
          }
        }
        sb.append(String.format(Locale.ROOT, "%.3f | %.3f-%.3f | %.1f | %s |\n", m, Samples.min(cell.seconds),
            Samples.max(cell.seconds), rows / m / 1e6, ratio));
      }
    }
    return sb.toString();
  }
}
