package dev.quiver.bench.data;

/**
 * A flat column of a generated table.
 *
 * @param name the column name
 * @param type its type
 * @param nullable whether rows may hold null in it
 */
public record Column(String name, ColumnType type, boolean nullable) {}
