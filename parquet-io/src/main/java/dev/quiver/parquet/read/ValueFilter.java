package dev.quiver.parquet.read;

import org.apache.arrow.vector.FieldVector;

/**
 * A predicate on one column's values, evaluated a vector at a time, that
 * {@link ParquetBatchReader#filterColumn} pushes into the decoding of a column chunk. The reader calls it on vectors
 * of the column's value type, as the batches deliver it ({@code ParquetBatchReader.schema()}'s field type, e.g. a
 * {@code BigIntVector} of unscaled values for a DECIMAL read with {@link ReadOptions#unscaledDecimals()}): on a
 * column chunk's dictionary entries, once per chunk for one filter object (another object passed for the same chunk
 * tests them afresh; each data page's indices then only look their answers up), and on the values of a page that is
 * not dictionary-encoded, a stretch at a time.
 *
 * <p>It must be a pure function of each value: the answer for an entry may not depend on the other entries of the
 * vector, nor on how often or in which order the reader calls it. A value that is null never passes, whatever the
 * predicate answers for it (SQL's WHERE keeps only rows whose predicate is true).
 */
@FunctionalInterface
public interface ValueFilter {
  /**
   * Tests entries {@code [0, count)} of {@code values}.
   *
   * @param values a vector of the column's value type holding at least {@code count} entries; the reader's own, valid
   *     only during the call (not to be closed or kept)
   * @param count how many entries to test, {@code >= 0}
   * @param out receives, at {@code [0, count)}, whether each entry passes; at least {@code count} long. The answers
   *     at null entries are ignored.
   */
  void test(FieldVector values, int count, boolean[] out);
}
