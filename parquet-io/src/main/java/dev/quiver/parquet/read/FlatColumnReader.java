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
    startBatch(rows);
    int filled = 0;
    while (filled < rows) {
      if (pageValuesLeft == 0) {
        nextDataPage();
        continue;
      }
      int n = Math.min(rows - filled, pageValuesLeft);
      int nonNull = maxDef == 0 ? n : definitionLevels.readValidity(staging.validity, filled, n, maxDef, levelScratch);
      decodeDense(nonNull);
      filled += n;
      pageValuesLeft -= n;
      valuesRead += n;
    }
    fill(vector, rows, maxDef == 0);
  }

  @Override
  public String column() {
    return plan.column().dottedPath();
  }
}
