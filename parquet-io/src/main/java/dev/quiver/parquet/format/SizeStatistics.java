package dev.quiver.parquet.format;

/**
 * Sizes to estimate decoded memory ({@code SizeStatistics} in parquet.thrift).
 *
 * @param unencodedByteArrayDataBytes BYTE_ARRAY payload bytes without length prefixes, or null
 * @param repetitionLevelHistogram counts per repetition level, or null
 * @param definitionLevelHistogram counts per definition level, or null
 */
public record SizeStatistics(Long unencodedByteArrayDataBytes, long[] repetitionLevelHistogram,
    long[] definitionLevelHistogram) {}
