/**
 * Parquet split-block bloom filters and their hash (BloomFilter.md): {@link dev.quiver.parquet.bloom.XxHash64} and
 * {@link dev.quiver.parquet.bloom.SplitBlockBloomFilter}, shared by the writer (building) and readers (probing).
 */
package dev.quiver.parquet.bloom;
