package dev.quiver.exec.types;

/**
 * The SQL type of a column or expression as the engine computes with it.
 *
 * <p>Storage inside the engine: BOOLEAN in {@code boolean[]}; INTEGER, BIGINT, DECIMAL (unscaled value), DATE (days
 * since 1970-01-01) and TIMESTAMP (microseconds since the epoch, no time zone) in {@code long[]}; DOUBLE in
 * {@code double[]}; VARCHAR as UTF-8 bytes plus offsets. DECIMAL carries precision (1..38) and scale; its unscaled
 * value must fit a signed 64-bit integer, and arithmetic that leaves that range fails with
 * {@link dev.quiver.exec.QueryException} (decimal overflow). INTERVAL exists only for literals added to dates and
 * timestamps; NULL is the type of an untyped {@code NULL} literal.
 *
 * @param kind the type family
 * @param precision decimal precision in digits (0 for other kinds)
 * @param scale decimal scale in digits after the point (0 for other kinds)
 */
public record DataType(Kind kind, int precision, int scale) {

  /** The type families. */
  public enum Kind { BOOLEAN, INTEGER, BIGINT, DOUBLE, DECIMAL, VARCHAR, DATE, TIMESTAMP, INTERVAL, NULL }

  /** The BOOLEAN type. */
  public static final DataType BOOLEAN = new DataType(Kind.BOOLEAN, 0, 0);
  /** The INTEGER type. */
  public static final DataType INTEGER = new DataType(Kind.INTEGER, 0, 0);
  /** The BIGINT type. */
  public static final DataType BIGINT = new DataType(Kind.BIGINT, 0, 0);
  /** The DOUBLE type. */
  public static final DataType DOUBLE = new DataType(Kind.DOUBLE, 0, 0);
  /** The VARCHAR type. */
  public static final DataType VARCHAR = new DataType(Kind.VARCHAR, 0, 0);
  /** The DATE type. */
  public static final DataType DATE = new DataType(Kind.DATE, 0, 0);
  /** The TIMESTAMP type. */
  public static final DataType TIMESTAMP = new DataType(Kind.TIMESTAMP, 0, 0);
  /** The INTERVAL type. */
  public static final DataType INTERVAL = new DataType(Kind.INTERVAL, 0, 0);
  /** The NULL type. */
  public static final DataType NULL = new DataType(Kind.NULL, 0, 0);

  /** Largest decimal precision. */
  public static final int MAX_PRECISION = 38;

  /**
   * A DECIMAL(precision, scale) type.
   *
   * @throws IllegalArgumentException unless 1 &lt;= precision &lt;= 38 and 0 &lt;= scale &lt;= precision
   */
  public static DataType decimal(int precision, int scale) {
    if (precision < 1 || precision > MAX_PRECISION || scale < 0 || scale > precision) {
      throw new IllegalArgumentException("invalid DECIMAL(" + precision + ", " + scale + ")");
    }
    return new DataType(Kind.DECIMAL, precision, scale);
  }

  /** Whether values live in the {@code long[]} storage. */
  public boolean isLongBacked() {
    return kind == Kind.INTEGER || kind == Kind.BIGINT || kind == Kind.DECIMAL || kind == Kind.DATE
        || kind == Kind.TIMESTAMP;
  }

  /** Whether the type is INTEGER, BIGINT, DOUBLE or DECIMAL. */
  public boolean isNumeric() {
    return kind == Kind.INTEGER || kind == Kind.BIGINT || kind == Kind.DOUBLE || kind == Kind.DECIMAL;
  }

  /** Whether the type is INTEGER or BIGINT. */
  public boolean isInteger() {
    return kind == Kind.INTEGER || kind == Kind.BIGINT;
  }

  @Override
  public String toString() {
    return kind == Kind.DECIMAL ? "DECIMAL(" + precision + "," + scale + ")" : kind.name();
  }
}
