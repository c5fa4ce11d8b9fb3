package dev.quiver.parquet.format;

/** A key-value metadata entry; {@code value} may be null (a key written without value). */
public record KeyValue(String key, String value) {}
