package dev.quiver.parquet.read;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * How to read a file: the batch size in rows, the projected columns and row groups, whether page checksums are
 * verified, and how DECIMAL and string columns are delivered (unscaled 64-bit values, dictionary indices).
 *
 * @param batchSize rows per batch, at least 1; batches never span row groups, so the last batch of each row group
 *     may be shorter. The default, {@value #DEFAULT_BATCH_SIZE}, keeps each vector's buffers at or below 256 KiB
 *     (16-byte decimals) and a batch of a few dozen columns within a few MiB, so a consumer finds it in the CPU
 *     caches; larger batches were measured slower with glibc's malloc, which maps and unmaps (or trims and
 *     re-faults) buffers of 512 KiB and more on every batch: a 65,536-row full scan of lineitem SF1 spent about 0.6
 *     s of 1.5 s of CPU in the kernel, a 16,384-row scan almost none, the user time being the same.
 * @param columns the top-level column names to read, in the order the batches should have them; null for all.
 *     Each name at most once: {@link ParquetFileReader#read} rejects a name given twice with
 *     {@link IllegalArgumentException} naming it (as it does a name the file lacks). No null names
 *     ({@link NullPointerException}).
 * @param verifyChecksums whether to check each page's CRC-32 (when the writer stored one) before decoding it
 * @param rowGroups the 0-based row groups to read, in file order whatever the order given; null for all. Readers of
 *     disjoint row groups of one open file may run on separate threads (the way a scan is split across cores).
 * @param unscaledDecimals when true, every flat (top-level, non-repeated) column whose logical type is DECIMAL with
 *     a precision of at most 18, whatever its physical type (INT32, INT64, FIXED_LEN_BYTE_ARRAY, BYTE_ARRAY), is
 *     delivered as a signed 64-bit integer vector ({@code BigIntVector}) of its unscaled values, sign-extended; the
 *     field keeps its name and nullability and carries the field metadata {@value #DECIMAL_METADATA_KEY} ->
 *     {@code "<precision>,<scale>"} (e.g. {@code "15,2"}). INT64 decimals then take the plain INT64 path (no
 *     per-value conversion). Decimals nested in lists, maps or structs, and precisions above 18, keep their
 *     Decimal128/Decimal256 vectors. Off by default.
 * @param dictionaryColumns names of flat (top-level, non-repeated) BYTE_ARRAY string or binary columns to deliver
 *     dictionary-encoded: the batch's vector holds signed 32-bit indices (an {@code IntVector} whose field carries a
 *     {@code DictionaryEncoding}) into a dictionary of the column's values that
 *     {@link ParquetBatchReader#dictionaries()} provides, one per column chunk (row group): the chunk's dictionary
 *     page, extended with the distinct values of any pages that fell back to another encoding (PLAIN, DELTA_*),
 *     each added once, when first read (in a selective read, only the selected values are added), so equal values
 *     get equal indices within a row group. The dictionary's memory is its distinct values (it suits
 *     low-cardinality columns; past 2 GiB of distinct value bytes in one column chunk the read throws
 *     {@link dev.quiver.parquet.UnsupportedParquetException}). Names of columns
 *     that are not read, not flat, or not strings/binaries (a BYTE_ARRAY decimal, say) are ignored. Empty by
 *     default; never null (null is taken as empty); a null name in it throws {@link NullPointerException}.
 */
public record ReadOptions(int batchSize, List<String> columns, boolean verifyChecksums, List<Integer> rowGroups,
    boolean unscaledDecimals, Set<String> dictionaryColumns) {
  /** The default batch size in rows. */
  public static final int DEFAULT_BATCH_SIZE = 16384;

  /**
   * The field metadata key marking a decimal column delivered as unscaled 64-bit integers (see
   * {@link #unscaledDecimals()}); its value is {@code "<precision>,<scale>"}.
   */
  public static final String DECIMAL_METADATA_KEY = "quiver:decimal";

  /**
   * @throws IllegalArgumentException when {@code batchSize < 1}
   * @throws NullPointerException when {@code columns}, {@code rowGroups} or {@code dictionaryColumns} holds a null
   */
  public ReadOptions {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
    }
    columns = columns == null ? null : List.copyOf(columns);
    rowGroups = rowGroups == null ? null : List.copyOf(new java.util.TreeSet<>(rowGroups));
    dictionaryColumns = dictionaryColumns == null ? Set.of() : Set.copyOf(dictionaryColumns);
  }

  /**
   * Options without dictionary-encoded columns ({@code dictionaryColumns} empty).
   *
   * @throws IllegalArgumentException when {@code batchSize < 1}
   */
  public ReadOptions(int batchSize, List<String> columns, boolean verifyChecksums, List<Integer> rowGroups,
      boolean unscaledDecimals) {
    this(batchSize, columns, verifyChecksums, rowGroups, unscaledDecimals, Set.of());
  }

  /**
   * Options with decimals delivered as Decimal128/Decimal256 ({@code unscaledDecimals} false).
   *
   * @throws IllegalArgumentException when {@code batchSize < 1}
   */
  public ReadOptions(int batchSize, List<String> columns, boolean verifyChecksums, List<Integer> rowGroups) {
    this(batchSize, columns, verifyChecksums, rowGroups, false, Set.of());
  }

  /** All columns, default batch size, no checksum verification, decimals as Decimal128/Decimal256. */
  public static ReadOptions defaults() {
    return new ReadOptions(DEFAULT_BATCH_SIZE, null, false, null, false, Set.of());
  }

  /** A copy with another batch size. */
  public ReadOptions withBatchSize(int rows) {
    return new ReadOptions(rows, columns, verifyChecksums, rowGroups, unscaledDecimals, dictionaryColumns);
  }

  /**
   * A copy reading only {@code names}, in that order (see {@link #columns()}: each name once, else
   * {@link ParquetFileReader#read} throws {@link IllegalArgumentException}).
   *
   * @throws NullPointerException when {@code names} holds a null
   */
  public ReadOptions withColumns(List<String> names) {
    return new ReadOptions(batchSize, names, verifyChecksums, rowGroups, unscaledDecimals, dictionaryColumns);
  }

  /** A copy with checksum verification on or off. */
  public ReadOptions withVerifyChecksums(boolean verify) {
    return new ReadOptions(batchSize, columns, verify, rowGroups, unscaledDecimals, dictionaryColumns);
  }

  /** A copy reading only the given 0-based row groups (null for all). */
  public ReadOptions withRowGroups(List<Integer> groups) {
    return new ReadOptions(batchSize, columns, verifyChecksums, groups, unscaledDecimals, dictionaryColumns);
  }

  /**
   * A copy delivering flat decimals of precision at most 18 as unscaled 64-bit integers (on) or as
   * Decimal128/Decimal256 (off); see {@link #unscaledDecimals()}.
   */
  public ReadOptions withUnscaledDecimals(boolean on) {
    return new ReadOptions(batchSize, columns, verifyChecksums, rowGroups, on, dictionaryColumns);
  }

  /**
   * A copy delivering the named flat string/binary columns dictionary-encoded (see {@link #dictionaryColumns()});
   * replaces any names given before. Null or empty for none.
   *
   * @throws NullPointerException when {@code names} holds a null name
   */
  public ReadOptions withDictionaryColumns(Collection<String> names) {
    return new ReadOptions(batchSize, columns, verifyChecksums, rowGroups, unscaledDecimals,
        names == null ? Set.of() : Set.copyOf(names));
  }
}
