package dev.quiver.parquet.encoding;

/**
 * A decoder of repetition or definition levels: the RLE/bit-packed hybrid ({@link RleBitPackedHybridDecoder}) or
 * the deprecated BIT_PACKED encoding ({@link BitPackedLevelDecoder}). Reads a batch per call.
 */
public interface LevelDecoder {
  /**
   * Decodes the next {@code count} levels into {@code out[offset, offset + count)}.
   *
   * @throws dev.quiver.parquet.ParquetCorruptionException when the data ends early or is malformed
   */
  void read(int[] out, int offset, int count);

  /**
   * Decodes {@code count} levels into validity bits from {@code bitOffset}: set where the level equals
   * {@code maxLevel}.
   *
   * <p>The default decodes through {@link #read} into {@code scratch}; run-length decoders set whole runs.
   *
   * @param scratch an array of at least 8 ints
   * @return how many levels equal {@code maxLevel}
   * @throws dev.quiver.parquet.ParquetCorruptionException as {@link #read}
   */
  default int readValidity(byte[] validity, int bitOffset, int count, int maxLevel, int[] scratch) {
    int nonNull = 0;
    while (count > 0) {
      int n = Math.min(count, scratch.length);
      read(scratch, 0, n);
      for (int i = 0; i < n; i++) {
        boolean valid = scratch[i] == maxLevel;
        dev.quiver.columnar.Bitmaps.set(validity, bitOffset + i, valid);
        nonNull += valid ? 1 : 0;
      }
      bitOffset += n;
      count -= n;
    }
    return nonNull;
  }

  /** Skips the next {@code count} levels. @throws dev.quiver.parquet.ParquetCorruptionException as {@link #read} */
  void skip(int count);
}
