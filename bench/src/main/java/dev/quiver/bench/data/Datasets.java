package dev.quiver.bench.data;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The catalog of files a run measures, generated into a cache folder on first use and reused after (a file is
 * written under a temporary name and renamed when complete, so an interrupted run never leaves a partial file
 * that a later run would take for done).
 *
 * <p>For scale factor {@code sf}: TPC-H lineitem (6,001,215 rows at SF1) written by DuckDB in SNAPPY, ZSTD and
 * UNCOMPRESSED, by parquet-java with v1 pages in the same three, with v2 pages (v1 encodings) in SNAPPY, and with v2
 * pages and parquet-java's v2 encodings (DELTA_*) in SNAPPY; the string-heavy table ({@code 1,000,000 * sf} rows)
 * and the wide table ({@code 100,000 * sf} rows, 210 columns) by DuckDB and parquet-java v1 in SNAPPY; the nested
 * table ({@code 500,000 * sf} rows) by parquet-java v1 in SNAPPY.
 */
public final class Datasets {
  /** Bumped whenever generated content changes, so that stale caches are not reused. */
  static final String GENERATION = "g1";

  private final Path folder;
  private final double scaleFactor;

  /**
   * @param folder the cache folder; created when missing
   * @param scaleFactor the TPC-H scale factor, > 0
   */
  public Datasets(Path folder, double scaleFactor) {
    this.folder = folder;
    this.scaleFactor = scaleFactor;
  }

  /** The default cache folder: {@code $QUIVER_BENCH_DATA}, else {@code bench/target/datasets} under {@code base}. */
  public static Path defaultFolder(Path base) {
    String env = System.getenv("QUIVER_BENCH_DATA");
    return env != null && !env.isBlank() ? Path.of(env) : base.resolve("bench/target/datasets");
  }

  /** The scale factor as it appears in file names: {@code sf1}, {@code sf0.01}. */
  public String scaleLabel() {
    String s = String.format(Locale.ROOT, "%.6f", scaleFactor).replaceAll("0+$", "").replaceAll("\\.$", "");
    return "sf" + s;
  }

  /** The lineitem table at this scale factor. */
  public Table lineitem() {
    return new LineitemTable(scaleFactor);
  }

  /** The string-heavy table at this scale factor. */
  public Table strings() {
    return new StringsTable(Math.max(1000, Math.round(1_000_000 * scaleFactor)));
  }

  /** The wide table at this scale factor. */
  public Table wide() {
    return new WideTable(Math.max(500, Math.round(100_000 * scaleFactor)));
  }

  /** The nested table at this scale factor. */
  public NestedTable nested() {
    return new NestedTable(Math.max(1000, Math.round(500_000 * scaleFactor)));
  }

  /**
   * Every file of the catalog, generating those missing from the cache; progress goes to {@code log}.
   *
   * @throws UncheckedIOException when a file cannot be written
   */
  public List<DatasetFile> ensureAll(PrintStream log) {
    List<DatasetFile> out = new ArrayList<>();
    out.addAll(ensureFlat(lineitem(), List.of(
        new Variant(Writer.DUCKDB, Codec.SNAPPY), new Variant(Writer.DUCKDB, Codec.ZSTD),
        new Variant(Writer.DUCKDB, Codec.UNCOMPRESSED),
        new Variant(Writer.PARQUET_JAVA_V1, Codec.SNAPPY), new Variant(Writer.PARQUET_JAVA_V1, Codec.ZSTD),
        new Variant(Writer.PARQUET_JAVA_V1, Codec.UNCOMPRESSED),
        new Variant(Writer.PARQUET_JAVA_V2, Codec.SNAPPY), new Variant(Writer.PARQUET_JAVA_V2_DELTA, Codec.SNAPPY)),
        log));
    List<Variant> two = List.of(new Variant(Writer.DUCKDB, Codec.SNAPPY),
        new Variant(Writer.PARQUET_JAVA_V1, Codec.SNAPPY));
    out.addAll(ensureFlat(strings(), two, log));
    out.addAll(ensureFlat(wide(), two, log));
    out.add(ensureNested(log));
    return out;
  }

  /** A writer and codec to write a table with. */
  public record Variant(Writer writer, Codec codec) {}

  /**
   * The files of {@code table} in the given variants, writing the missing ones in one pass over its rows.
   *
   * @throws UncheckedIOException when a file cannot be written
   */
  public List<DatasetFile> ensureFlat(Table table, List<Variant> variants, PrintStream log) {
    List<DatasetFile> files = new ArrayList<>();
    List<DatasetFile> missing = new ArrayList<>();
    for (Variant v : variants) {
      DatasetFile f = new DatasetFile(table.name(), v.writer(), v.codec(), pathOf(table.name(), v),
          table.projection(), false);
      files.add(f);
      if (!Files.exists(f.path())) {
        missing.add(f);
      }
    }
    if (!missing.isEmpty()) {
      long start = System.nanoTime();
      log.printf("generating %s at %s: %s%n", table.name(), scaleLabel(),
          missing.stream().map(DatasetFile::label).toList());
      createFolder();
      TableWriters.write(table, missing);
      log.printf("generated %s in %.1f s%n", table.name(), (System.nanoTime() - start) / 1e9);
    }
    return files;
  }

  /** The nested table's file, written when missing. */
  public DatasetFile ensureNested(PrintStream log) {
    NestedTable table = nested();
    Variant v = new Variant(Writer.PARQUET_JAVA_V1, Codec.SNAPPY);
    DatasetFile f = new DatasetFile(table.name(), v.writer(), v.codec(), pathOf(table.name(), v),
        table.projection(), true);
    if (!Files.exists(f.path())) {
      long start = System.nanoTime();
      log.printf("generating %s at %s%n", table.name(), scaleLabel());
      createFolder();
      table.write(f.path(), v.codec());
      log.printf("generated %s in %.1f s%n", table.name(), (System.nanoTime() - start) / 1e9);
    }
    return f;
  }

  private void createFolder() {
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + folder, e);
    }
  }

  private Path pathOf(String table, Variant v) {
    return folder.resolve(table + "-" + scaleLabel() + "-" + v.writer().label() + "-" + v.codec().duckdb() + "-"
        + GENERATION + ".parquet");
  }
}
