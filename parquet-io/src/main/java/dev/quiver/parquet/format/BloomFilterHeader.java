package dev.quiver.parquet.format;

/**
 * The header before a bloom filter's bitset ({@code BloomFilterHeader} in parquet.thrift, BloomFilter.md). The only
 * algorithm, hash and compression the spec defines are implied: split-block, xxHash64, uncompressed.
 *
 * @param numBytes bytes of the bitset that follows the header
 */
public record BloomFilterHeader(int numBytes) {}
