package dev.quiver.parquet.write;

/**
 * The order min/max statistics follow for a leaf (parquet.thrift, "ColumnOrder" and the sort orders of
 * LogicalTypes.md).
 */
enum SortOrder {
  /** false before true. */
  BOOLEAN,
  /** Signed 32-bit (INT32, signed INTEGER, DATE, TIME, DECIMAL on INT32). */
  INT32_SIGNED,
  /** Unsigned 32-bit (UINT_8/16/32). */
  INT32_UNSIGNED,
  /** Signed 64-bit. */
  INT64_SIGNED,
  /** Unsigned 64-bit (UINT_64). */
  INT64_UNSIGNED,
  /** IEEE 754 single, NaN excluded, -0.0 as min and +0.0 as max of a zero. */
  FLOAT,
  /** IEEE 754 double, as FLOAT. */
  DOUBLE,
  /** IEEE 754 half precision on FIXED_LEN_BYTE_ARRAY(2), as FLOAT. */
  FLOAT16,
  /** Bytes compared as unsigned, lexicographically (strings, binary, UUID). */
  BYTES_UNSIGNED,
  /** Big-endian two's complement (DECIMAL on FIXED_LEN_BYTE_ARRAY). */
  BYTES_SIGNED,
  /** No defined order (INTERVAL): no min/max. */
  NONE
}
