package dev.quiver.exec;

import dev.quiver.exec.expr.DateTimes;
import dev.quiver.exec.expr.Expr;
import dev.quiver.exec.expr.Expr.AggFunction;
import dev.quiver.exec.expr.Expr.Op;
import dev.quiver.exec.plan.Plan;
import dev.quiver.exec.types.DataType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Builders of expressions for the {@link DataFrame} API: {@code col("x").gt(lit(5))}, {@code sum(col("x"))},
 * {@code date("1998-12-01")}, {@code desc(col("k"))}. Types are checked when the query is planned.
 */
public final class Exprs {
  private Exprs() {}

  /**
   * An expression with an optional output name.
   *
   * @param expr the expression
   * @param alias the output name, or null to use the expression's text (a column's name for a column)
   */
  public record E(Expr expr, String alias) {
    /** The output name. */
    public String name() {
      if (alias != null) {
        return alias;
      }
      return expr instanceof Expr.ColumnRef c ? c.name() : expr.toString();
    }

    /** Names the output. */
    public E as(String name) {
      return new E(expr, name);
    }

    private E bin(Op op, E other) {
      return new E(new Expr.Binary(op, expr, other.expr), null);
    }

    /** {@code this + o}. */
    public E plus(E o) {
      return bin(Op.ADD, o);
    }

    /** {@code this - o}. */
    public E minus(E o) {
      return bin(Op.SUB, o);
    }

    /** {@code this * o}. */
    public E times(E o) {
      return bin(Op.MUL, o);
    }

    /** {@code this / o}. */
    public E div(E o) {
      return bin(Op.DIV, o);
    }

    /** {@code this % o}. */
    public E mod(E o) {
      return bin(Op.MOD, o);
    }

    /** {@code this = o}. */
    public E eq(E o) {
      return bin(Op.EQ, o);
    }

    /** {@code this <> o}. */
    public E ne(E o) {
      return bin(Op.NE, o);
    }

    /** {@code this < o}. */
    public E lt(E o) {
      return bin(Op.LT, o);
    }

    /** {@code this <= o}. */
    public E le(E o) {
      return bin(Op.LE, o);
    }

    /** {@code this > o}. */
    public E gt(E o) {
      return bin(Op.GT, o);
    }

    /** {@code this >= o}. */
    public E ge(E o) {
      return bin(Op.GE, o);
    }

    /** {@code this AND o}. */
    public E and(E o) {
      return bin(Op.AND, o);
    }

    /** {@code this OR o}. */
    public E or(E o) {
      return bin(Op.OR, o);
    }

    /** {@code NOT this}. */
    public E not() {
      return new E(new Expr.Not(expr), null);
    }

    /** {@code this IS NULL}. */
    public E isNull() {
      return new E(new Expr.IsNull(expr, false), null);
    }

    /** {@code this IS NOT NULL}. */
    public E isNotNull() {
      return new E(new Expr.IsNull(expr, true), null);
    }

    /** {@code this BETWEEN lo AND hi}. */
    public E between(E lo, E hi) {
      return new E(new Expr.Between(expr, lo.expr, hi.expr, false), null);
    }

    /** {@code this IN (items)}. */
    public E in(E... items) {
      List<Expr> list = new ArrayList<>();
      for (E i : items) {
        list.add(i.expr);
      }
      return new E(new Expr.In(expr, list, false), null);
    }

    /** {@code this LIKE pattern}. */
    public E like(String pattern) {
      return new E(new Expr.Like(expr, new Expr.Literal(pattern, DataType.VARCHAR), false), null);
    }

    /** {@code CAST(this AS type)}. */
    public E cast(DataType type) {
      return new E(new Expr.Cast(expr, type), null);
    }
  }

  /** A column by name. */
  public static E col(String name) {
    return new E(new Expr.ColumnRef(name), null);
  }

  /**
   * A constant: {@link Integer} (INTEGER), {@link Long} (BIGINT), {@link Double}, {@link BigDecimal} (DECIMAL of its
   * precision and scale), {@link String} (VARCHAR), {@link Boolean}, or null.
   */
  public static E lit(Object value) {
    if (value == null) {
      return new E(new Expr.Literal(null, DataType.NULL), null);
    }
    if (value instanceof Integer i) {
      return new E(new Expr.Literal((long) i, DataType.INTEGER), null);
    }
    if (value instanceof Long l) {
      return new E(new Expr.Literal(l, DataType.BIGINT), null);
    }
    if (value instanceof Double d) {
      return new E(new Expr.Literal(d, DataType.DOUBLE), null);
    }
    if (value instanceof BigDecimal bd) {
      int scale = Math.max(0, bd.scale());
      BigDecimal s = bd.setScale(scale);
      int precision = Math.max(scale, s.precision());
      return new E(new Expr.Literal(s.unscaledValue().longValueExact(), DataType.decimal(Math.max(1, precision),
          scale)), null);
    }
    if (value instanceof String s) {
      return new E(new Expr.Literal(s, DataType.VARCHAR), null);
    }
    if (value instanceof Boolean b) {
      return new E(new Expr.Literal(b, DataType.BOOLEAN), null);
    }
    throw new IllegalArgumentException("no literal for " + value.getClass().getName());
  }

  /** A DATE constant from {@code YYYY-MM-DD}. */
  public static E date(String text) {
    return new E(new Expr.Literal(DateTimes.parseDate(text), DataType.DATE), null);
  }

  /** A TIMESTAMP constant from {@code YYYY-MM-DD HH:MM:SS[.f]}. */
  public static E timestamp(String text) {
    return new E(new Expr.Literal(DateTimes.parseTimestamp(text), DataType.TIMESTAMP), null);
  }

  /** An INTERVAL constant. */
  public static E interval(int months, int days, long micros) {
    return new E(new Expr.Literal(new Expr.Interval(months, days, micros), DataType.INTERVAL), null);
  }

  /** A scalar function call ({@code lower}, {@code substring}, {@code date_trunc}, ...; see {@link Expr.Call}). */
  public static E call(String function, E... args) {
    List<Expr> list = new ArrayList<>();
    for (E a : args) {
      list.add(a.expr);
    }
    return new E(new Expr.Call(function, list), null);
  }

  private static E agg(AggFunction fn, E arg) {
    return new E(new Expr.Agg(fn, arg == null ? null : arg.expr), null);
  }

  /** SUM. */
  public static E sum(E x) {
    return agg(AggFunction.SUM, x);
  }

  /** AVG. */
  public static E avg(E x) {
    return agg(AggFunction.AVG, x);
  }

  /** MIN. */
  public static E min(E x) {
    return agg(AggFunction.MIN, x);
  }

  /** MAX. */
  public static E max(E x) {
    return agg(AggFunction.MAX, x);
  }

  /** COUNT(x). */
  public static E count(E x) {
    return agg(AggFunction.COUNT, x);
  }

  /** COUNT(*). */
  public static E countStar() {
    return agg(AggFunction.COUNT_STAR, null);
  }

  /** COUNT(DISTINCT x). */
  public static E countDistinct(E x) {
    return agg(AggFunction.COUNT_DISTINCT, x);
  }

  /** Ascending, nulls last. */
  public static Plan.SortKey asc(E x) {
    return new Plan.SortKey(x.expr, false, false);
  }

  /** Descending, nulls last. */
  public static Plan.SortKey desc(E x) {
    return new Plan.SortKey(x.expr, true, false);
  }
}
