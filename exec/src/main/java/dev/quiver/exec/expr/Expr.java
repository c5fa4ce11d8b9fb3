package dev.quiver.exec.expr;

import dev.quiver.exec.types.DataType;
import java.math.BigDecimal;
import java.util.List;

/**
 * An unbound, untyped expression as the DataFrame API and the SQL planner build it; {@link Binder} checks it
 * against an input schema and compiles it into a typed {@link Bound} evaluator. {@link #toString()} renders it in
 * SQL-like text, which type errors quote to name the expression.
 */
public sealed interface Expr {

  /** A column of the input, by name (case-insensitive). */
  record ColumnRef(String name) implements Expr {
    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * A constant. {@code value} is null (SQL NULL), a {@link Boolean}, {@link Long} (INTEGER/BIGINT, DATE days,
   * TIMESTAMP micros, DECIMAL unscaled), {@link Double}, {@link String} or {@link Interval}.
   */
  record Literal(Object value, DataType type) implements Expr {
    @Override
    public String toString() {
      if (value == null) {
        return "NULL";
      }
      if (type.kind() == DataType.Kind.VARCHAR) {
        return "'" + value + "'";
      }
      if (type.kind() == DataType.Kind.DECIMAL) {
        return BigDecimal.valueOf((Long) value, type.scale()).toPlainString();
      }
      if (type.kind() == DataType.Kind.DATE) {
        return "DATE '" + java.time.LocalDate.ofEpochDay((Long) value) + "'";
      }
      if (type.kind() == DataType.Kind.TIMESTAMP) {
        return "TIMESTAMP '" + DateTimes.formatTimestamp((Long) value) + "'";
      }
      return String.valueOf(value);
    }
  }

  /** Binary operators. */
  enum Op {
    ADD("+"), SUB("-"), MUL("*"), DIV("/"), MOD("%"), EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">="),
    AND("AND"), OR("OR");

    /** The operator's SQL spelling. */
    public final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    /** Whether the operator compares. */
    public boolean isComparison() {
      return ordinal() >= EQ.ordinal() && ordinal() <= GE.ordinal();
    }

    /** Whether the operator is arithmetic. */
    public boolean isArithmetic() {
      return ordinal() <= MOD.ordinal();
    }

    /**
     * The operator with its operands swapped: {@code c < x} is {@code x > c}; = and <> (and the rest) stay as
     * they are.
     */
    public Op mirrored() {
      switch (this) {
        case LT:
          return GT;
        case LE:
          return GE;
        case GT:
          return LT;
        case GE:
          return LE;
        default:
          return this;
      }
    }
  }

  /** {@code left op right}. */
  record Binary(Op op, Expr left, Expr right) implements Expr {
    @Override
    public String toString() {
      return "(" + left + " " + op.symbol + " " + right + ")";
    }
  }

  /** {@code -operand}. */
  record Negate(Expr operand) implements Expr {
    @Override
    public String toString() {
      return "(-" + operand + ")";
    }
  }

  /** {@code NOT operand}. */
  record Not(Expr operand) implements Expr {
    @Override
    public String toString() {
      return "(NOT " + operand + ")";
    }
  }

  /** {@code operand IS [NOT] NULL}. */
  record IsNull(Expr operand, boolean negated) implements Expr {
    @Override
    public String toString() {
      return "(" + operand + (negated ? " IS NOT NULL)" : " IS NULL)");
    }
  }

  /** {@code operand [NOT] IN (list)}. */
  record In(Expr operand, List<Expr> list, boolean negated) implements Expr {
    @Override
    public String toString() {
      return "(" + operand + (negated ? " NOT IN " : " IN ") + list.toString().replace('[', '(').replace(']', ')')
          + ")";
    }
  }

  /** {@code operand [NOT] BETWEEN low AND high}. */
  record Between(Expr operand, Expr low, Expr high, boolean negated) implements Expr {
    @Override
    public String toString() {
      return "(" + operand + (negated ? " NOT BETWEEN " : " BETWEEN ") + low + " AND " + high + ")";
    }
  }

  /** {@code operand [NOT] LIKE pattern} with {@code %} and {@code _}; the pattern must be a constant. */
  record Like(Expr operand, Expr pattern, boolean negated) implements Expr {
    @Override
    public String toString() {
      return "(" + operand + (negated ? " NOT LIKE " : " LIKE ") + pattern + ")";
    }
  }

  /** One {@code WHEN condition THEN result} arm. */
  record When(Expr condition, Expr result) {}

  /** {@code CASE WHEN ... THEN ... [ELSE otherwise] END}; {@code otherwise} may be null (NULL). */
  record Case(List<When> whens, Expr otherwise) implements Expr {
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder("CASE");
      for (When w : whens) {
        sb.append(" WHEN ").append(w.condition).append(" THEN ").append(w.result);
      }
      if (otherwise != null) {
        sb.append(" ELSE ").append(otherwise);
      }
      return sb.append(" END").toString();
    }
  }

  /** {@code CAST(operand AS target)}. */
  record Cast(Expr operand, DataType target) implements Expr {
    @Override
    public String toString() {
      return "CAST(" + operand + " AS " + target + ")";
    }
  }

  /**
   * A scalar function call: {@code length, lower, upper, substring, concat, starts_with, extract (first argument a
   * VARCHAR literal naming the field), date_trunc, abs, round, coalesce}.
   */
  record Call(String function, List<Expr> args) implements Expr {
    @Override
    public String toString() {
      return function + args.toString().replace('[', '(').replace(']', ')');
    }
  }

  /** Aggregate functions. */
  enum AggFunction { SUM, COUNT, COUNT_STAR, MIN, MAX, AVG, COUNT_DISTINCT }

  /** An aggregate call; legal only as an aggregate of {@code groupBy/agg} or in SQL select lists and HAVING. */
  record Agg(AggFunction function, Expr arg) implements Expr {
    @Override
    public String toString() {
      switch (function) {
        case COUNT_STAR:
          return "count_star()";
        case COUNT_DISTINCT:
          return "count(DISTINCT " + arg + ")";
        default:
          return function.name().toLowerCase(java.util.Locale.ROOT) + "(" + arg + ")";
      }
    }
  }

  /**
   * An interval constant: months, days and microseconds, added field by field (months first) as SQL does.
   *
   * @param months calendar months
   * @param days calendar days
   * @param micros microseconds
   */
  record Interval(int months, int days, long micros) {
    @Override
    public String toString() {
      return "INTERVAL '" + months + " months " + days + " days " + micros + " us'";
    }
  }
}
