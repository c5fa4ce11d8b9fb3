package dev.quiver.parquet.write;

/**
 * A split-block bloom filter asked for one column (BloomFilter.md): sized for {@code ndv} distinct values at a
 * false-positive probability of {@code fpp}, per column chunk.
 *
 * @param ndv the expected number of distinct values per column chunk, {@code > 0}
 * @param fpp the wanted false-positive probability, in (0, 1)
 */
public record BloomFilterProperties(long ndv, double fpp) {
  /** @throws IllegalArgumentException when {@code ndv <= 0} or {@code fpp} is not in (0, 1) */
  public BloomFilterProperties {
    if (ndv <= 0) {
      throw new IllegalArgumentException("bloom filter ndv must be positive, got " + ndv);
    }
    if (!(fpp > 0 && fpp < 1)) {
      throw new IllegalArgumentException("bloom filter fpp must be in (0, 1), got " + fpp);
    }
  }
}
