package dev.quiver.parquet.format;

/** How many pages of one type used one encoding in a column chunk. */
public record PageEncodingStats(PageType pageType, Encoding encoding, int count) {}
