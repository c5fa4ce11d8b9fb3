package dev.quiver.parquet.format;

/** The header of a dictionary page: {@code numValues} entries in {@code encoding} (PLAIN or PLAIN_DICTIONARY). */
public record DictionaryPageHeader(int numValues, Encoding encoding, boolean sorted) {}
