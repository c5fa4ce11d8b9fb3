package dev.quiver.parquet.format;

/**
 * The header of a v2 data page: repetition then definition levels, always RLE without a length prefix and never
 * compressed, then values compressed when {@code compressed}.
 */
public record DataPageHeaderV2(int numValues, int numNulls, int numRows, Encoding encoding,
    int definitionLevelsByteLength, int repetitionLevelsByteLength, boolean compressed, Statistics statistics) {}
