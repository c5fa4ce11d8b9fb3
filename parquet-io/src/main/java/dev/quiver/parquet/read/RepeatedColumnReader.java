package dev.quiver.parquet.read;

import dev.quiver.codec.CompressionCodec;
import dev.quiver.columnar.Bitmaps;
import dev.quiver.parquet.ParquetCorruptionException;
import java.util.Arrays;
import org.apache.arrow.vector.FieldVector;

/**
 * Reads the levels and values of one leaf column under a nested field, a batch of rows at a time, for the
 * {@link NestedFieldReader} to assemble. A row is the run of level entries from one repetition level 0 to the next,
 * so the reader decodes levels ahead into a small buffer and stops at the first entry of the row after the
 * batch; rows may span pages (v1 pages do not have to start at a row boundary). Non-null values, one per entry at
 * the column's maximum definition level, are decoded densely per page as their entries are consumed.
 */
final class RepeatedColumnReader extends ColumnChunkReader {
  private static final int LOOKAHEAD = 4096;
  /**
   * The most level entries one batch may hold: far beyond real rows (each entry is a list element), and a bound on
   * what a corrupt run of repetition levels can make the batch buffer.
   */
  static final int MAX_BATCH_ENTRIES = 1 << 27;

  private final int[] pendingRep = new int[LOOKAHEAD];
  private final int[] pendingDef = new int[LOOKAHEAD];
  private int pendingPos;
  private int pendingLength;

  /** Repetition levels of the batch's entries. */
  int[] rep = new int[1024];
  /** Definition levels of the batch's entries. */
  int[] def = new int[1024];
  /** Entries in the batch. */
  int entries;
  /** Leaf slots assembled so far in the batch. */
  private int slots;

  RepeatedColumnReader(ColumnPlan plan, byte[] chunk, int offset, int length, long chunkFileOffset,
      CompressionCodec codec, boolean verifyChecksums, long chunkValues, ColumnStaging staging) {
    super(plan, chunk, offset, length, chunkFileOffset, codec, verifyChecksums, chunkValues, staging);
  }

  /** The column's path, for messages. */
  String path() {
    return plan.column().dottedPath();
  }

  /**
   * Reads the level entries of the next {@code rows} rows and decodes their values.
   *
   * @throws ParquetCorruptionException when the chunk holds fewer rows, a level exceeds its maximum, or the first
   *     entry of a row does not have repetition level 0
   */
  void readLevels(int rows) {
    startBatch(Math.min(rows, 1 << 16));
    entries = 0;
    slots = 0;
    int rowsStarted = 0;
    int pendingValues = 0;
    while (true) {
      if (pendingPos == pendingLength) {
        consumeValues(pendingValues);
        pendingValues = 0;
        if (pageValuesLeft == 0) {
          if (!hasMorePages()) {
            break;
          }
          nextDataPage();
          continue;
        }
        refill();
      }
      // take the pending entries up to the first one that starts the row after the batch, in tight loops: find
      // the end, check the levels, copy them, count the values
      int start = pendingPos;
      int[] pr = pendingRep;
      int[] pd = pendingDef;
      if (rowsStarted == 0 && pr[start] != 0) {
        throw new ParquetCorruptionException("repetition level " + pr[start] + " where a row must start (level 0)");
      }
      int end = start;
      boolean batchDone = false;
      int limit = pendingLength;
      while (end < limit) {
        if (pr[end] == 0) {
          if (rowsStarted == rows) {
            batchDone = true;
            break;
          }
          rowsStarted++;
        }
        end++;
      }
      int n = end - start;
      int bad = 0;
      int values = 0;
      int mr = maxRep;
      int md = maxDef;
      for (int i = start; i < end; i++) {
        int r = pr[i];
        int d = pd[i];
        bad |= (mr - r) | (md - d) | r | d; // negative when a level is above its maximum (or negative)
        values += d == md ? 1 : 0;
      }
      if (bad < 0) {
        for (int i = start; i < end; i++) {
          if (pr[i] > maxRep || pd[i] > maxDef || pr[i] < 0 || pd[i] < 0) {
            throw new ParquetCorruptionException("level out of range: repetition " + pr[i] + " (max " + maxRep
                + "), definition " + pd[i] + " (max " + maxDef + ")");
          }
        }
      }
      if (entries + n > rep.length) {
        if ((long) entries + n > MAX_BATCH_ENTRIES) {
          throw new dev.quiver.parquet.UnsupportedParquetException("more than " + MAX_BATCH_ENTRIES
              + " list elements in a batch of " + rows + " rows of " + path() + "; read with a smaller batch size");
        }
        int capacity = Math.max(entries + n, Math.min(rep.length * 2, MAX_BATCH_ENTRIES));
        rep = Arrays.copyOf(rep, capacity);
        def = Arrays.copyOf(def, capacity);
      }
      System.arraycopy(pr, start, rep, entries, n);
      System.arraycopy(pd, start, def, entries, n);
      entries += n;
      pendingValues += values;
      pendingPos = end;
      if (batchDone) {
        break;
      }
    }
    consumeValues(pendingValues);
    if (rowsStarted < rows) {
      throw new ParquetCorruptionException("column chunk ends after " + (valuesRead - (pendingLength - pendingPos))
          + " level entries, " + (rows - rowsStarted) + " rows short of its row group");
    }
  }

  /** True while {@link #skipRows} runs: values are skipped in the decoders instead of decoded. */
  private boolean skipping;

  private void consumeValues(int count) {
    if (skipping) {
      skipValues(count);
    } else {
      decodeDense(count);
    }
  }

  /**
   * Moves past the next {@code rows} rows: their levels are read (and checked) as {@link #readLevels} does, their
   * values skipped in the decoders (dictionary indices advanced, nothing gathered or copied); nothing is left to
   * assemble.
   *
   * @throws ParquetCorruptionException as {@link #readLevels}
   */
  void skipRows(int rows) {
    skipping = true;
    try {
      readLevels(rows);
    } finally {
      skipping = false;
      entries = 0;
    }
  }

  private void refill() {
    int n = Math.min(LOOKAHEAD, pageValuesLeft);
    if (repetitionLevels != null) {
      repetitionLevels.read(pendingRep, 0, n);
    } else {
      Arrays.fill(pendingRep, 0, n, 0);
    }
    if (definitionLevels != null) {
      definitionLevels.read(pendingDef, 0, n);
    } else {
      Arrays.fill(pendingDef, 0, n, 0);
    }
    pageValuesLeft -= n;
    valuesRead += n;
    pendingPos = 0;
    pendingLength = n;
  }

  /** Appends one leaf slot to the batch, valid (holding the next dense value) or null. */
  void addSlot(boolean valid) {
    if ((slots & 1023) == 0) {
      ensureSlots(slots + 1024);
    }
    Bitmaps.set(staging.validity, slots, valid);
    slots++;
  }

  /** Appends {@code n} leaf slots, slot {@code i} valid (holding the next dense value) when {@code def[i] >= present}. */
  void addSlots(int[] def, int n, int present) {
    ensureSlots(slots + n);
    NestedFieldReader.setValidity(staging.validity, slots, def, n, present);
    slots += n;
  }

  /**
   * Appends a leaf slot for each of the {@code n} entries whose definition level is at least {@code slotLevel},
   * valid (holding the next dense value) when it is at least {@code present}.
   */
  void addSlotsReaching(int[] def, int n, int slotLevel, int present) {
    int count = 0;
    for (int i = 0; i < n; i++) {
      count += def[i] >= slotLevel ? 1 : 0;
    }
    ensureSlots(slots + count);
    byte[] validity = staging.validity;
    int s = slots;
    for (int i = 0; i < n; i++) {
      int d = def[i];
      if (d >= slotLevel) {
        Bitmaps.set(validity, s++, d >= present);
      }
    }
    slots = s;
  }

  /** Fills {@code vector} with the slots assembled for this batch. */
  void fillSlots(FieldVector vector) {
    fill(vector, slots, false);
  }
}
