package dev.quiver.bench.data;

import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/** The compression codecs datasets are written with. */
public enum Codec {
  /** Snappy. */
  SNAPPY("snappy", CompressionCodecName.SNAPPY),
  /** Zstandard at the writer's default level. */
  ZSTD("zstd", CompressionCodecName.ZSTD),
  /** GZIP (deflate). */
  GZIP("gzip", CompressionCodecName.GZIP),
  /** LZ4 raw blocks. */
  LZ4_RAW("lz4_raw", CompressionCodecName.LZ4_RAW),
  /** No compression. */
  UNCOMPRESSED("uncompressed", CompressionCodecName.UNCOMPRESSED);

  private final String duckdb;
  private final CompressionCodecName parquetJava;

  Codec(String duckdb, CompressionCodecName parquetJava) {
    this.duckdb = duckdb;
    this.parquetJava = parquetJava;
  }

  /** The name DuckDB's {@code COPY ... (COMPRESSION x)} takes; also used in file names. */
  public String duckdb() {
    return duckdb;
  }

  /** parquet-java's name for the codec. */
  public CompressionCodecName parquetJava() {
    return parquetJava;
  }
}
