package dev.quiver.parquet.write;

import java.util.Arrays;

/**
 * The shredded form of a run of rows for one leaf column: {@code count} definition and repetition levels (null
 * arrays when the column's maximum level is 0), and where the present values are in the leaf vector: positions
 * {@code valuePositions[0, valueCount)}, or, when {@code valuePositions} is null, the contiguous range from
 * {@code valueStart}. Arrays are reused from batch to batch.
 */
final class LevelBatch {
  int[] definitionLevels = new int[0];
  int[] repetitionLevels = new int[0];
  int count;
  int[] valuePositions;
  int[] positionScratch = new int[0];
  int valueStart;
  int valueCount;

  void reset(int capacity, boolean definitions, boolean repetitions) {
    if (definitions && definitionLevels.length < capacity) {
      definitionLevels = new int[Math.max(capacity, definitionLevels.length * 2)];
    }
    if (repetitions && repetitionLevels.length < capacity) {
      repetitionLevels = new int[Math.max(capacity, repetitionLevels.length * 2)];
    }
    count = 0;
    valueCount = 0;
    valueStart = 0;
    valuePositions = null;
  }

  int[] positions(int capacity) {
    if (positionScratch.length < capacity) {
      positionScratch = new int[Math.max(capacity, positionScratch.length * 2)];
    }
    valuePositions = positionScratch;
    return positionScratch;
  }

  void ensureLevels(int capacity, boolean repetitions) {
    if (definitionLevels.length < capacity) {
      definitionLevels = Arrays.copyOf(definitionLevels, Math.max(capacity, definitionLevels.length * 2));
    }
    if (repetitions && repetitionLevels.length < capacity) {
      repetitionLevels = Arrays.copyOf(repetitionLevels, Math.max(capacity, repetitionLevels.length * 2));
    }
  }
}
