package dev.quiver.parquet.format;

/**
 * Column chunk or page statistics ({@code Statistics} in parquet.thrift). Values are PLAIN-encoded without a
 * length prefix. Every field may be absent (null).
 *
 * @param max deprecated max, signed order
 * @param min deprecated min, signed order
 * @param nullCount number of nulls, when written
 * @param distinctCount number of distinct values, when written
 * @param maxValue upper bound in the column order
 * @param minValue lower bound in the column order
 * @param maxValueExact whether {@code maxValue} is an actual value
 * @param minValueExact whether {@code minValue} is an actual value
 * @param nanCount number of NaNs for floating point columns, when written
 */
public record Statistics(
    byte[] max,
    byte[] min,
    Long nullCount,
    Long distinctCount,
    byte[] maxValue,
    byte[] minValue,
    Boolean maxValueExact,
    Boolean minValueExact,
    Long nanCount) {}
