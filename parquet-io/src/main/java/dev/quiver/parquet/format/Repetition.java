package dev.quiver.parquet.format;

/** Field repetition ({@code FieldRepetitionType} in parquet.thrift), with Thrift ids in declaration order. */
public enum Repetition {
  REQUIRED,
  OPTIONAL,
  REPEATED,
  /** A fixed-size vector group (LogicalTypes.md, VECTOR). */
  VECTOR;

  private static final Repetition[] BY_ID = values();

  /** The repetition with Thrift id {@code id}, or {@code null} when unknown. */
  public static Repetition fromId(int id) {
    return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
  }
}
