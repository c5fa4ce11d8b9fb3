package dev.quiver.parquet.format;

/** The physical (storage) types of Parquet values ({@code Type} in parquet.thrift), with their Thrift ids. */
public enum PhysicalType {
  BOOLEAN(-1),
  INT32(4),
  INT64(8),
  /** Deprecated 12-byte timestamps: 8 bytes of nanoseconds in the day, then 4 bytes of Julian day. */
  INT96(12),
  FLOAT(4),
  DOUBLE(8),
  BYTE_ARRAY(-1),
  FIXED_LEN_BYTE_ARRAY(-1);

  private static final PhysicalType[] BY_ID = values();
  private final int byteWidth;

  PhysicalType(int byteWidth) {
    this.byteWidth = byteWidth;
  }

  /** Bytes one PLAIN value takes, or -1 for BOOLEAN (bits), BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY (per column). */
  public int byteWidth() {
    return byteWidth;
  }

  /** The type with Thrift id {@code id}, or {@code null} when the id is unknown. */
  public static PhysicalType fromId(int id) {
    return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
  }
}
