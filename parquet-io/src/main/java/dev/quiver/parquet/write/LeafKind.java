package dev.quiver.parquet.write;

/**
 * How an Arrow leaf vector's values become Parquet physical values (see {@link WriteSchema} for the mapping).
 */
enum LeafKind {
  /** Bit vector to BOOLEAN. */
  BOOL,
  /** 1-byte signed ints to INT32, sign-extended. */
  INT8,
  /** 2-byte signed ints to INT32, sign-extended. */
  INT16,
  /** 1-byte unsigned ints to INT32, zero-extended. */
  UINT8,
  /** 2-byte unsigned ints to INT32, zero-extended. */
  UINT16,
  /** 4-byte values to INT32 as they are (int32, uint32 bits, date32, time32 millis, float bits). */
  FIXED4,
  /** 8-byte values to INT64 (or DOUBLE bits) as they are. */
  FIXED8,
  /** 8-byte seconds to INT64 milliseconds. */
  SECONDS_TO_MILLIS,
  /** 16-byte little-endian decimal to INT32 (its low 4 bytes). */
  DECIMAL_TO_INT32,
  /** 16-byte little-endian decimal to INT64 (its low 8 bytes). */
  DECIMAL_TO_INT64,
  /** 16- or 32-byte little-endian decimal to big-endian FIXED_LEN_BYTE_ARRAY of the leaf's width. */
  DECIMAL_TO_FIXED,
  /** Fixed-width bytes to FIXED_LEN_BYTE_ARRAY as they are (fixed-size binary, float16). */
  FIXED_BYTES,
  /** MONTH_DAY_NANO interval to INTERVAL FIXED_LEN_BYTE_ARRAY(12) (months, days, milliseconds). */
  INTERVAL,
  /** Variable-width binary with 32-bit offsets to BYTE_ARRAY. */
  BINARY,
  /** Variable-width binary with 64-bit offsets to BYTE_ARRAY. */
  LARGE_BINARY,
  /** The Null type: every value null, written as an optional INT32 of logical type UNKNOWN. */
  NULL
}
