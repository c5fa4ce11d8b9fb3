package dev.quiver.cli.convert;

import java.util.Locale;

/** The input formats {@code quiver convert} reads, and how it tells them apart by the file name. */
public enum InputFormat {
  /** Comma (or {@code --delimiter}) separated values; {@code .csv}, or {@code .tsv} with tabs. */
  CSV,
  /** One JSON object per line; {@code .jsonl}, {@code .ndjson}, {@code .json}. */
  JSONL,
  /** Apache Parquet; {@code .parquet}, {@code .parq}, {@code .pq}. */
  PARQUET;

  /**
   * The format named by the input's extension (case-insensitive), or null when the extension says nothing.
   *
   * @param location a path or URL
   */
  public static InputFormat byExtension(String location) {
    String name = location.toLowerCase(Locale.ROOT);
    int slash = name.lastIndexOf('/');
    name = name.substring(slash + 1);
    if (name.endsWith(".csv") || name.endsWith(".tsv")) {
      return CSV;
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
      return JSONL;
    }
    if (name.endsWith(".parquet") || name.endsWith(".parq") || name.endsWith(".pq")) {
      return PARQUET;
    }
    return null;
  }

  /** The format called {@code name} ({@code csv}, {@code jsonl}/{@code json}/{@code ndjson}, {@code parquet}). */
  public static InputFormat parse(String name) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "csv":
      case "tsv":
        return CSV;
      case "jsonl":
      case "json":
      case "ndjson":
        return JSONL;
      case "parquet":
        return PARQUET;
      default:
        throw new IllegalArgumentException("unknown format '" + name + "' (csv, jsonl or parquet)");
    }
  }
}
