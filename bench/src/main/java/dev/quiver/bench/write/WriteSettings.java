package dev.quiver.bench.write;

import dev.quiver.bench.data.Codec;

/**
 * The layout every writer of the write benchmark is given, so that all write the same file shape: codec, data page
 * size, dictionary page size limit, row group size; at most {@link #PAGE_ROW_LIMIT} rows per data page (the default
 * of both parquet-java and Quiver); dictionary encoding on, data pages v1, page-level statistics (chunk statistics
 * and column index), no page CRCs, single-threaded.
 *
 * @param codec the compression codec of every column chunk
 * @param dataPageSize the target size of a data page, bytes (before compression)
 * @param dictionaryPageSize the dictionary page size limit past which a column falls back to PLAIN, bytes
 * @param rowGroupRows the number of rows per row group (the last may hold fewer); this is what cuts row groups,
 *     the byte limit being set far above it for every writer
 */
public record WriteSettings(Codec codec, int dataPageSize, int dictionaryPageSize, int rowGroupRows) {
  /** Default data page and dictionary page size: 1 MiB (parquet-java's and Quiver's default). */
  public static final int PAGE_SIZE = 1 << 20;
  /** Default row group size: 1,048,576 rows (Quiver's default; six row groups at SF1). */
  public static final int ROW_GROUP_ROWS = 1 << 20;
  /** Most rows in one data page: 20,000 (parquet-java's and Quiver's default). */
  public static final int PAGE_ROW_LIMIT = 20_000;
  /** A byte limit on row groups high enough that the row count always cuts them: 1 GiB. */
  public static final long ROW_GROUP_BYTES_UNBOUNDED = 1L << 30;

  /** The default layout with {@code codec}. */
  public static WriteSettings of(Codec codec) {
    return new WriteSettings(codec, PAGE_SIZE, PAGE_SIZE, ROW_GROUP_ROWS);
  }
}
