package dev.quiver.parquet.format;

/**
 * Value and level encodings (Encodings.md), with their Thrift ids. Ids this version does not know map to
 * {@link #UNKNOWN}, so that a footer listing a future encoding still parses; decoding a page in it then fails
 * with a clear error.
 */
public enum Encoding {
  PLAIN(0),
  PLAIN_DICTIONARY(2),
  RLE(3),
  BIT_PACKED(4),
  DELTA_BINARY_PACKED(5),
  DELTA_LENGTH_BYTE_ARRAY(6),
  DELTA_BYTE_ARRAY(7),
  RLE_DICTIONARY(8),
  BYTE_STREAM_SPLIT(9),
  UNKNOWN(-1);

  private final int id;

  Encoding(int id) {
    this.id = id;
  }

  /** The Thrift id, -1 for {@link #UNKNOWN}. */
  public int id() {
    return id;
  }

  /** True for the encodings whose data pages hold dictionary indices. */
  public boolean isDictionary() {
    return this == PLAIN_DICTIONARY || this == RLE_DICTIONARY;
  }

  /** The encoding with Thrift id {@code id}, or {@link #UNKNOWN}. */
  public static Encoding fromId(int id) {
    for (Encoding e : values()) {
      if (e.id == id) {
        return e;
      }
    }
    return UNKNOWN;
  }
}
