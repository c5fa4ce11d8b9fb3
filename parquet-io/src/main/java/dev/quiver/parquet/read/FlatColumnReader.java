package dev.quiver.parquet.read;

import dev.quiver.codec.CompressionCodec;
import dev.quiver.parquet.ParquetCorruptionException;
import org.apache.arrow.vector.FieldVector;

/**
 * Reads one flat (top-level, non-repeated) column chunk into Arrow vectors, a batch of rows at a time: the fast
 * path of the design, after Trino's {@code FlatColumnReader}. Each row is one slot, so definition levels become
 * validity bits directly (RLE runs set whole ranges), and the non-null values of each stretch of rows within one
 * page are decoded densely with one call; {@link ColumnChunkReader#fill} spreads them over the nulls.
 */
final class FlatColumnReader extends ColumnChunkReader implements FieldReader {

  FlatColumnReader(ColumnPlan plan, byte[] chunk, int offset, int length, long chunkFileOffset,
      CompressionCodec codec, boolean verifyChecksums, long chunkValues, ColumnStaging staging) {
    super(plan, chunk, offset, length, chunkFileOffset, codec, verifyChecksums, chunkValues, staging);
  }

  /**
   * Reads the next {@code rows} rows into {@code vector}, which must be empty and of the plan's type.
   *
   * @throws ParquetCorruptionException when the pages hold fewer rows or do not decode
   */
  @Override
  public void readBatch(FieldVector vector, int rows) {
    if (plan.shape() == ColumnPlan.Shape.NULL) {
      // the UNKNOWN logical type holds only nulls: nothing to decode, the pages are not read
      vector.setValueCount(rows);
      return;
    }
    int valid = decodeRows(rows);
    // the levels' own count of valid slots: no pass over the bitmap to count them again
    fillCounted(vector, rows, valid);
  }

  /**
   * Decodes the next {@code rows} rows into the staging (validity bits and dense values, or in filter mode the
   * values' answers); returns how many are valid.
   */
  private int decodeRows(int rows) {
    startBatch(rows);
    int filled = 0;
    int valid = 0;
    while (filled < rows) {
      if (pageValuesLeft == 0) {
        nextDataPage();
        continue;
      }
      int n = Math.min(rows - filled, pageValuesLeft);
      int nonNull = maxDef == 0 ? n : definitionLevels.readValidity(staging.validity, filled, n, maxDef, levelScratch);
      decodeDense(nonNull);
      valid += nonNull;
      filled += n;
      pageValuesLeft -= n;
      valuesRead += n;
    }
    return valid;
  }

  /**
   * Moves past the next {@code rows} rows without producing values: levels are counted and values skipped in the
   * decoders (dictionary indices advanced, PLAIN positions moved, nothing gathered or copied), and a data page
   * lying wholly within the skipped rows is passed over without decompressing it.
   *
   * @throws ParquetCorruptionException when the pages hold fewer rows or do not decode
   */
  void skipRows(int rows) {
    if (plan.shape() == ColumnPlan.Shape.NULL) {
      return; // nothing was ever read from the pages of an all-null column
    }
    while (rows > 0) {
      if (pageValuesLeft == 0) {
        rows -= skipOrStartPage(rows);
        continue;
      }
      int n = Math.min(rows, pageValuesLeft);
      skipValues(countValid(n));
      pageValuesLeft -= n;
      valuesRead += n;
      rows -= n;
    }
  }

  /**
   * Reads only rows {@code selected[0, count)} (0-based within the next {@code batchRows} rows, strictly ascending,
   * checked by the caller) into {@code vector} ({@code count} slots, in that order), and moves past all
   * {@code batchRows} rows. Within each page's stretch of the batch, the definition levels are decoded once and the
   * decoders hand out only the selected non-null values; stretches and whole pages without selected rows are
   * skipped as in {@link #skipRows}.
   *
   * @throws ParquetCorruptionException when the pages hold fewer rows or do not decode
   */
  void readSelected(FieldVector vector, int batchRows, int[] selected, int count) {
    if (plan.shape() == ColumnPlan.Shape.NULL) {
      vector.setValueCount(count);
      return;
    }
    decodeSelected(batchRows, selected, count);
    fill(vector, count, maxDef == 0);
  }

  /** The decoding of {@link #readSelected} into the staging (or, in filter mode, the values' answers). */
  private void decodeSelected(int batchRows, int[] selected, int count) {
    startBatch(count);
    if (staging.positions.length < count) {
      staging.positions = new int[Math.max(count, staging.positions.length * 2)];
    }
    int[] positions = staging.positions;
    int filled = 0;
    int k = 0;
    while (filled < batchRows) {
      if (k == count) {
        skipRows(batchRows - filled);
        break;
      }
      if (pageValuesLeft == 0) {
        // pages wholly before the next selected row are passed over undecoded
        filled += skipOrStartPage(selected[k] - filled);
        continue;
      }
      int n = Math.min(batchRows - filled, pageValuesLeft);
      int end = filled + n;
      int kEnd = k;
      while (kEnd < count && selected[kEnd] < end) {
        kEnd++;
      }
      if (kEnd == k) {
        skipValues(countValid(n));
      } else if (maxDef == 0) {
        for (int i = k; i < kEnd; i++) {
          positions[i - k] = selected[i] - filled;
        }
        decodeDenseSelected(positions, kEnd - k, n);
      } else {
        int bitmapBytes = (n + 7) >>> 3;
        if (staging.levelBits.length < bitmapBytes) {
          staging.levelBits = new byte[Math.max(bitmapBytes, staging.levelBits.length * 2)];
        }
        byte[] levels = staging.levelBits;
        int nonNull = definitionLevels.readValidity(levels, 0, n, maxDef, levelScratch);
        if (nonNull == n) {
          // no nulls in this stretch (the usual case of a nullable column): positions are the rows
          for (int i = k; i < kEnd; i++) {
            positions[i - k] = selected[i] - filled;
          }
          dev.quiver.columnar.Bitmaps.setRange(staging.validity, k, kEnd - k, true);
          decodeDenseSelected(positions, kEnd - k, n);
          filled = end;
          pageValuesLeft -= n;
          valuesRead += n;
          k = kEnd;
          continue;
        }
        int p = 0;
        int rank = 0;
        int previous = 0;
        for (int i = k; i < kEnd; i++) {
          int r = selected[i] - filled;
          rank += dev.quiver.columnar.Bitmaps.countSet(levels, previous, r);
          previous = r;
          boolean valid = dev.quiver.columnar.Bitmaps.get(levels, r);
          dev.quiver.columnar.Bitmaps.set(staging.validity, i, valid);
          if (valid) {
            positions[p++] = rank;
          }
        }
        decodeDenseSelected(positions, p, nonNull);
      }
      filled = end;
      pageValuesLeft -= n;
      valuesRead += n;
      k = kEnd;
    }
  }

  /**
   * Reads the next {@code batchRows} rows (or only rows {@code selected[0, count)} among them, as
   * {@link #readSelected} takes them) of a column whose output is 4- or 8-byte little-endian signed integers
   * straight into {@code values}, sign-extended, without an Arrow vector; moves past all {@code batchRows}. Null
   * slots get 0.
   *
   * @return null when no slot is null, else a new array marking the null slots
   * @throws ParquetCorruptionException when the pages hold fewer rows or do not decode
   */
  boolean[] readLongs(int batchRows, int[] selected, int count, long[] values) {
    int slots = selected == null ? batchRows : count;
    if (plan.shape() == ColumnPlan.Shape.NULL) {
      // the UNKNOWN logical type holds only nulls: nothing to decode, the pages are not read
      java.util.Arrays.fill(values, 0, slots, 0L);
      boolean[] nulls = new boolean[slots];
      java.util.Arrays.fill(nulls, true);
      return nulls;
    }
    int valid = decodeCounted(batchRows, selected, count);
    int width = plan.outputWidth();
    byte[] dense = staging.values;
    if (valid == slots) {
      if (width == 8) {
        java.nio.ByteBuffer.wrap(dense, 0, 8 * slots).order(java.nio.ByteOrder.LITTLE_ENDIAN).asLongBuffer()
            .get(values, 0, slots);
      } else {
        for (int i = 0; i < slots; i++) {
          values[i] = (int) INTS.get(dense, i << 2);
        }
      }
      return null;
    }
    boolean[] nulls = new boolean[slots];
    byte[] validity = staging.validity;
    int j = 0;
    for (int i = 0; i < slots; i++) {
      if ((validity[i >>> 3] & (1 << (i & 7))) != 0) {
        values[i] = width == 8 ? (long) LONGS.get(dense, j << 3) : (int) INTS.get(dense, j << 2);
        j++;
      } else {
        values[i] = 0;
        nulls[i] = true;
      }
    }
    return nulls;
  }

  /**
   * Decodes the next {@code batchRows} rows, or rows {@code selected[0, count)} among them, into the staging and
   * returns how many of the slots are valid.
   *
   * @throws ParquetCorruptionException when the levels' valid slots differ from the values decoded
   */
  private int decodeCounted(int batchRows, int[] selected, int count) {
    int valid;
    if (selected == null) {
      valid = decodeRows(batchRows);
    } else {
      decodeSelected(batchRows, selected, count);
      valid = maxDef == 0 ? count : dev.quiver.columnar.Bitmaps.countSet(staging.validity, count);
    }
    if (valid != denseCount) {
      throw new ParquetCorruptionException("levels mark " + valid + " values present but " + denseCount
          + " were decoded");
    }
    return valid;
  }

  private static final java.lang.invoke.VarHandle INTS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  /**
   * Filters the next {@code batchRows} rows (or only rows {@code selected[0, count)} among them, as
   * {@link #readSelected} takes them) by {@code filter} and moves past all {@code batchRows}: the positions (into the
   * batch's rows, or into {@code selected}) of the rows whose value is non-null and passes go to {@code passed} in
   * ascending order, and, when {@code values} is not null, their values into it, all valid. A dictionary-encoded
   * page's entries are tested once per column chunk and its indices only looked up; only passing values are gathered.
   * The column must be of the FIXED shape, without dictionary output.
   *
   * @param passed at least as long as the rows filtered (a position may be written before it is known to pass)
   * @return how many rows passed
   * @throws ParquetCorruptionException when the pages hold fewer rows or do not decode
   */
  int filterBatch(int batchRows, int[] selected, int count, ValueFilter filter,
      org.apache.arrow.memory.BufferAllocator allocator, int[] passed, FieldVector values) {
    int slots = selected == null ? batchRows : count;
    startFilter(filter, values != null, allocator, passed);
    int valid;
    try {
      valid = decodeCounted(batchRows, selected, count);
    } finally {
      endFilter();
    }
    int p = passing();
    if (valid < slots && p > 0) {
      // the passing values' dense positions become their slots: the j-th passing value is the passed[j]-th valid
      // slot (in place: a slot is never below its dense position)
      byte[] validity = staging.validity;
      int j = 0;
      int rank = 0;
      for (int i = 0; i < slots && j < p; i++) {
        if ((validity[i >>> 3] & (1 << (i & 7))) != 0) {
          if (passed[j] == rank) {
            passed[j++] = i;
          }
          rank++;
        }
      }
    }
    if (values != null) {
      dev.quiver.columnar.VectorFiller.fillFixedWidth((org.apache.arrow.vector.BaseFixedWidthVector) values,
          staging.values, null, p);
    }
    return p;
  }

  @Override
  public String column() {
    return plan.column().dottedPath();
  }
}
