package dev.quiver.parquet.read;

import dev.quiver.parquet.encoding.BinaryBatch;

/**
 * The reusable heap buffers of one column's reader: staging for a batch's values, validity and offsets, scratch
 * for conversions, and the page decompression buffer. Kept by the batch reader across row groups, so a new row
 * group's column reader allocates nothing that the previous one already grew; each array grows on demand and is
 * bounded by the batch size or the largest page, never by a size read from the file alone.
 */
final class ColumnStaging {
  /** Dense, then spread, values of fixed width (one byte per boolean). */
  byte[] values = new byte[0];
  /** Physical values before conversion. */
  byte[] physical = new byte[0];
  /** Validity bits of the batch's slots. */
  byte[] validity = new byte[0];
  /** Bit-packing scratch for booleans. */
  byte[] bitScratch = new byte[0];
  /** Arrow offsets of variable-width values. */
  int[] offsets = new int[0];
  /** Dense variable-width values of the batch; null until a variable-width column needs them. */
  private BinaryBatch binaryValues;
  /** Variable-width values on their way to a fixed-width conversion; null until needed. */
  private BinaryBatch binaryScratch;

  /** The dense variable-width values of the batch (made on first use: fixed-width columns never need them). */
  BinaryBatch binaryValues() {
    if (binaryValues == null) {
      binaryValues = new BinaryBatch(1024, 1 << 16);
    }
    return binaryValues;
  }

  /** Empties {@link #binaryValues()}, if it was ever made. */
  void resetBinaryValues() {
    if (binaryValues != null) {
      binaryValues.reset();
    }
  }

  /** The scratch batch of variable-width values on their way to a fixed-width conversion (made on first use). */
  BinaryBatch binaryScratch() {
    if (binaryScratch == null) {
      binaryScratch = new BinaryBatch(64, 1024);
    }
    return binaryScratch;
  }
  /** Selective reads: validity bits of one page's stretch of a batch's rows, and skipped rows' levels. */
  byte[] levelBits = new byte[0];
  /** Selective reads: the dense positions of the selected values within one page's stretch. */
  int[] positions = new int[0];
  /** Dictionary output: fixed-width values of a page that fell back, on their way to be interned. */
  byte[] internScratch = new byte[0];
  /** Decompressed page bodies. */
  byte[] pageBuffer = new byte[0];
}
