package dev.quiver.codec;

/**
 * The block codecs Quiver knows by name. The names follow the codecs a Parquet file may declare, but this module
 * knows nothing of Parquet: the format layer maps its own codec ids onto these.
 */
public enum CodecName {
  /** Bytes stored as they are. */
  UNCOMPRESSED,
  /** Snappy raw block format (no framing). */
  SNAPPY,
  /** GZIP (RFC 1952), possibly several concatenated members. */
  GZIP,
  /** LZO: known by name so that it can be reported; no implementation. */
  LZO,
  /** Brotli (RFC 7932). */
  BROTLI,
  /** LZ4 blocks in Hadoop's framing (big-endian uncompressed and compressed lengths before each block). */
  LZ4_HADOOP,
  /** Zstandard frames (RFC 8878). */
  ZSTD,
  /** A raw LZ4 block with no framing. */
  LZ4_RAW
}
