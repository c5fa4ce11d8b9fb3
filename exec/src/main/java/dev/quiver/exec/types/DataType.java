package dev.quiver.exec.types;

/**
 * The SQL type of a column or expression as the engine computes with it.
 *
 * <p>Storage inside the engine: BOOLEAN in {@code boolean[]}; INTEGER, BIGINT, DECIMAL (unscaled value), DATE (days
 * since 1970-01-01) and TIMESTAMP (microseconds since the epoch, no time zone) in {@code long[]}; DOUBLE in
 * {@code double[]}; VARCHAR as UTF-8 bytes plus offsets. DECIMAL carries precision (1..38) and scale; its unscaled
 * value must fit a signed 64-bit integer, and arithmetic that leaves that range fails with
 * {@link dev.quiver.exec.QueryException} (decimal overflow); the exception is a SUM result, summed in 128 bits and
 * returned as DECIMAL(38,s) up to 38 digits (see {@link dev.quiver.exec.vector.Column#high}). INTERVAL exists only for literals added to dates and
 * timestamps; NULL is the type of an untyped {@code NULL} literal.
 *
 * <p>OPAQUE is a column the engine carries but does not compute with: nested (struct, list, map, union), time,
 * interval, duration, fixed-size binary and other Arrow types outside the ones above. Its values stay in Arrow
 * vectors (see {@link dev.quiver.exec.vector.ArrowValues}); the engine's {@code long[]} holds one reference per
 * row to a row of such a vector. Opaque columns can be selected, filtered, sorted by other columns, limited and
 * tested with IS [NOT] NULL; any other use is a type error when the query is planned. The result returns them as
 * the Arrow type in {@link #arrowField()}.
 *
 * @param kind the type family
 * @param precision decimal precision in digits (0 for other kinds)
 * @param scale decimal scale in digits after the point (0 for other kinds)
 * @param arrowField for OPAQUE the Arrow field the values have (type and children; its name is the source
 *     column's), null for every other kind
 */
public record DataType(Kind kind, int precision, int scale, org.apache.arrow.vector.types.pojo.Field arrowField) {

  /** The type families. */
  public enum Kind { BOOLEAN, INTEGER, BIGINT, DOUBLE, DECIMAL, VARCHAR, DATE, TIMESTAMP, INTERVAL, NULL, OPAQUE }

  /** A type of a kind other than OPAQUE. */
  public DataType(Kind kind, int precision, int scale) {
    this(kind, precision, scale, null);
  }

  /**
   * The OPAQUE type of values shaped as {@code field}.
   *
   * @throws NullPointerException when field is null
   */
  public static DataType opaque(org.apache.arrow.vector.types.pojo.Field field) {
    return new DataType(Kind.OPAQUE, 0, 0, java.util.Objects.requireNonNull(field, "field"));
  }

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

  /** Whether values live in the {@code long[]} storage (OPAQUE included: its longs are row references). */
  public boolean isLongBacked() {
    return kind == Kind.INTEGER || kind == Kind.BIGINT || kind == Kind.DECIMAL || kind == Kind.DATE
        || kind == Kind.TIMESTAMP || kind == Kind.OPAQUE;
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
    if (kind == Kind.OPAQUE) {
      return describe(arrowField);
    }
    return kind == Kind.DECIMAL ? "DECIMAL(" + precision + "," + scale + ")" : kind.name();
  }

  private static String describe(org.apache.arrow.vector.types.pojo.Field f) {
    StringBuilder sb = new StringBuilder(f.getType().toString());
    if (!f.getChildren().isEmpty()) {
      sb.append('<');
      for (int i = 0; i < f.getChildren().size(); i++) {
        org.apache.arrow.vector.types.pojo.Field c = f.getChildren().get(i);
        sb.append(i == 0 ? "" : ", ").append(c.getName()).append(": ").append(describe(c));
      }
      sb.append('>');
    }
    return sb.toString();
  }
}
