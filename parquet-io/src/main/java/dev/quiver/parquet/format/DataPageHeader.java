package dev.quiver.parquet.format;

/** The header of a v1 data page: levels and values share one (possibly compressed) body. */
public record DataPageHeader(int numValues, Encoding encoding, Encoding definitionLevelEncoding,
    Encoding repetitionLevelEncoding, Statistics statistics) {}
