package dev.quiver.parquet.format;

/**
 * The deprecated {@code ConvertedType} annotations, with Thrift ids in declaration order. Superseded by
 * {@link LogicalType} but still the only annotation in files from older writers; LogicalTypes.md gives the
 * mapping between the two.
 */
public enum ConvertedType {
  UTF8, MAP, MAP_KEY_VALUE, LIST, ENUM, DECIMAL, DATE, TIME_MILLIS, TIME_MICROS, TIMESTAMP_MILLIS,
  TIMESTAMP_MICROS, UINT_8, UINT_16, UINT_32, UINT_64, INT_8, INT_16, INT_32, INT_64, JSON, BSON, INTERVAL;

  private static final ConvertedType[] BY_ID = values();

  /** The converted type with Thrift id {@code id}, or {@code null} when unknown (then ignored). */
  public static ConvertedType fromId(int id) {
    return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
  }
}
