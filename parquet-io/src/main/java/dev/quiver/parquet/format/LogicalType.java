package dev.quiver.parquet.format;

/**
 * The {@code LogicalType} union of parquet.thrift (LogicalTypes.md): one record per member. A member this version
 * does not know parses as {@link Unrecognized} so that the column reads as its physical type, as the spec asks of
 * old readers meeting new writers.
 */
public sealed interface LogicalType {
  /** UTF-8 text on BYTE_ARRAY. */
  record StringType() implements LogicalType {}
  /** A map group. */
  record MapType() implements LogicalType {}
  /** A list group. */
  record ListType() implements LogicalType {}
  /** UTF-8 enum symbols on BYTE_ARRAY. */
  record EnumType() implements LogicalType {}
  /** An unscaled integer times 10^-scale, on INT32, INT64, FIXED_LEN_BYTE_ARRAY or BYTE_ARRAY. */
  record DecimalType(int scale, int precision) implements LogicalType {}
  /** Days since 1970-01-01 on INT32. */
  record DateType() implements LogicalType {}
  /** Time of day in a unit since midnight; INT32 for millis, INT64 otherwise. */
  record TimeType(boolean adjustedToUtc, TimeUnit unit) implements LogicalType {}
  /** An instant (adjusted to UTC) or a local date-time, in a unit since the epoch, on INT64. */
  record TimestampType(boolean adjustedToUtc, TimeUnit unit) implements LogicalType {}
  /** A signed or unsigned integer of 8, 16, 32 or 64 bits, on INT32 or INT64. */
  record IntType(int bitWidth, boolean signed) implements LogicalType {}
  /** Always null ({@code NullType}, union member UNKNOWN). */
  record NullType() implements LogicalType {}
  /** A JSON document on BYTE_ARRAY. */
  record JsonType() implements LogicalType {}
  /** A BSON document on BYTE_ARRAY. */
  record BsonType() implements LogicalType {}
  /** A UUID on FIXED_LEN_BYTE_ARRAY(16), big-endian. */
  record UuidType() implements LogicalType {}
  /** An IEEE half-precision float on FIXED_LEN_BYTE_ARRAY(2), little-endian. */
  record Float16Type() implements LogicalType {}
  /** A variant group. */
  record VariantType(int specificationVersion) implements LogicalType {}
  /** WKB geometry on BYTE_ARRAY; {@code crs} may be null (OGC:CRS84). */
  record GeometryType(String crs) implements LogicalType {}
  /** WKB geography on BYTE_ARRAY; {@code crs} may be null, {@code algorithm} is the edge interpolation id or -1. */
  record GeographyType(String crs, int algorithm) implements LogicalType {}
  /** A fixed-size vector group. */
  record VectorType() implements LogicalType {}
  /** A union member this version does not know, by its field id. */
  record Unrecognized(int fieldId) implements LogicalType {}
}
