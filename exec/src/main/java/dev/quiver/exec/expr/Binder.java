package dev.quiver.exec.expr;

import dev.quiver.exec.QueryException;
import dev.quiver.exec.types.DataType;
import dev.quiver.exec.types.DataType.Kind;
import dev.quiver.exec.vector.Batch;
import dev.quiver.exec.vector.Column;
import dev.quiver.exec.vector.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Type-checks an {@link Expr} against an input {@link Schema} and compiles it into a {@link Bound} evaluator.
 *
 * <p>Typing follows DuckDB, the engine the tests compare against: INTEGER op INTEGER is INTEGER, other integer
 * mixes BIGINT; any DOUBLE operand makes DOUBLE; a DECIMAL operand makes the integers DECIMAL(10,0) (INTEGER) or
 * DECIMAL(19,0) (BIGINT); {@code + -} give scale max(s1,s2) and precision max(p1-s1,p2-s2)+scale+1, {@code *} gives
 * scale s1+s2 and precision p1+p2 (both capped at 38); {@code /} on integers or decimals is DOUBLE. Comparisons
 * cast both sides to their common type; a VARCHAR literal compared with a DATE, TIMESTAMP or number is cast to
 * it. Sub-expressions of constants only are folded at bind time.
 *
 * @throws QueryException (from every method) on an unknown column, a type error, or an unsupported function,
 *     the message quoting the offending expression
 */
public final class Binder {
  private final Schema schema;
  /** The expressions being bound, innermost last: an OPAQUE operand is named with the expression using it. */
  private final java.util.ArrayDeque<Expr> enclosing = new java.util.ArrayDeque<>();
  /** Whether the next {@link #bind} may give an OPAQUE value (set for the operand of IS [NOT] NULL). */
  private boolean opaqueOperand;

  /** A binder resolving column names against {@code schema}. */
  public Binder(Schema schema) {
    this.schema = schema;
  }

  /**
   * Binds {@code expr}. An OPAQUE column (nested, time, ...) may be the whole expression or the operand of
   * IS [NOT] NULL; used anywhere else it is a type error naming the column and the expression.
   */
  public Bound bind(Expr expr) {
    if (shared != null && !(expr instanceof Expr.ColumnRef) && !(expr instanceof Expr.Literal)) {
      Bound known = shared.get(expr);
      if (known != null) {
        // what bindUnshared would have done first: an IS [NULL] operand allowance applies to this expression only
        // (a reviewer's finding: left on, it let the next expression take an OPAQUE column); a shared result is
        // never OPAQUE, so the allowance has nothing to admit here
        opaqueOperand = false;
        return known;
      }
      Bound b = bindUnshared(expr);
      if (b.constant() == null && Inputs.columnIndex(b) < 0) {
        b = new Shared(b);
      }
      shared.put(expr, b);
      return b;
    }
    return bindUnshared(expr);
  }

  /**
   * Makes this binder share common subexpressions: binding an expression equal to one bound before (records compare
   * by structure) returns the same evaluator, which computes its column once per batch however many expressions
   * use it (as {@code l_extendedprice * (1 - l_discount)} in two aggregates of TPC-H Q1). For the expressions of
   * one operator, which evaluates them all over each batch before the next.
   */
  public Binder sharingSubexpressions() {
    shared = new java.util.HashMap<>();
    return this;
  }

  private java.util.Map<Expr, Bound> shared;

  /**
   * An evaluator whose last result on each thread is kept with the batch it was computed for, so a second use over
   * the same batch (by identity) on that thread returns it (threads of a parallel plan each aggregate their own
   * batches through the same evaluators).
   */
  static final class Shared implements Bound {
    private record Memo(Batch batch, Column column) {}

    /** The evaluators holding a result on this thread, so {@link #releaseSharedResults} can drop them. */
    private static final ThreadLocal<java.util.ArrayList<Shared>> HOLDING =
        ThreadLocal.withInitial(java.util.ArrayList::new);

    private final Bound inner;
    private final ThreadLocal<Memo> memo = new ThreadLocal<>();

    Shared(Bound inner) {
      this.inner = inner;
    }

    /** The evaluator whose results are shared. */
    Bound inner() {
      return inner;
    }

    @Override
    public DataType type() {
      return inner.type();
    }

    @Override
    public Column eval(Batch batch) {
      Memo m = memo.get();
      if (m != null && m.batch == batch) {
        return m.column;
      }
      Column c = inner.eval(batch);
      if (m == null) {
        HOLDING.get().add(this);
      }
      memo.set(new Memo(batch, c));
      return c;
    }

    @Override
    public Expr.Literal constant() {
      return inner.constant();
    }

    @Override
    public String toString() {
      return inner.toString();
    }
  }

  /**
   * How many shared subexpressions (see {@link #sharingSubexpressions}) hold a result on the calling thread: 0
   * whenever no batch is being aggregated on it, also after a query failed. For tests and diagnostics.
   */
  public static int sharedResultsHeld() {
    return Shared.HOLDING.get().size();
  }

  /**
   * Drops the results that shared subexpressions (see {@link #sharingSubexpressions}) keep on the calling thread,
   * with the batches they were computed for: an operator calls it when it is done with a batch, so that neither
   * stays reachable after the query (the memo is per thread, and threads outlive queries).
   */
  public static void releaseSharedResults() {
    java.util.ArrayList<Shared> holding = Shared.HOLDING.get();
    for (Shared s : holding) {
      s.memo.remove();
    }
    holding.clear();
  }

  private Bound bindUnshared(Expr expr) {
    boolean allowOpaque = enclosing.isEmpty() || opaqueOperand;
    opaqueOperand = false;
    Bound b;
    enclosing.addLast(expr);
    try {
      b = bindRaw(expr);
    } finally {
      enclosing.removeLast();
    }
    if (b.type().kind() == Kind.OPAQUE && (!allowOpaque || !(expr instanceof Expr.ColumnRef))) {
      Expr user = enclosing.isEmpty() ? expr : enclosing.peekLast();
      throw new QueryException("column '" + expr + "' has type " + b.type() + ", which cannot be used in " + user
          + "; such columns can only be selected or tested with IS [NOT] NULL");
    }
    return fold(b);
  }

  /** Binds a predicate, which must be BOOLEAN. */
  public Bound bindPredicate(Expr expr) {
    Bound b = bind(expr);
    if (b.type().kind() == Kind.NULL) {
      return cast(b, DataType.BOOLEAN, expr.toString());
    }
    if (b.type().kind() != Kind.BOOLEAN) {
      throw new QueryException("filter " + expr + " has type " + b.type() + ", not BOOLEAN");
    }
    return b;
  }

  private Bound fold(Bound b) {
    if (b.constant() != null || b instanceof Inputs.ColumnInput || !constantTree(b)) {
      return b;
    }
    if (b.type().kind() == Kind.INTERVAL) {
      return b;
    }
    Column c = b.eval(new Batch(new Column[0], 1));
    return new Inputs.Constant(literalOf(c));
  }

  private boolean constantTree(Bound b) {
    return b instanceof Folded;
  }

  /** Marker for evaluators built only from constants (foldable). */
  private interface Folded {}

  private static Expr.Literal literalOf(Column c) {
    if (c.isNull(0)) {
      return new Expr.Literal(null, c.type);
    }
    Object v;
    if (c.longs != null) {
      v = c.longs[0];
    } else if (c.doubles != null) {
      v = c.doubles[0];
    } else if (c.bools != null) {
      v = c.bools[0];
    } else {
      v = c.string(0);
    }
    return new Expr.Literal(v, c.type);
  }

  private Bound bindRaw(Expr e) {
    if (e instanceof Expr.ColumnRef ref) {
      int i = schema.indexOf(ref.name());
      if (i < 0) {
        throw new QueryException("unknown column '" + ref.name() + "'; the input has " + schema.names());
      }
      return new Inputs.ColumnInput(i, schema.type(i), ref.name());
    }
    if (e instanceof Expr.Literal lit) {
      return new Inputs.Constant(lit);
    }
    if (e instanceof Expr.Binary bin) {
      return binary(bin);
    }
    if (e instanceof Expr.Negate neg) {
      Bound a = bind(neg.operand());
      if (!a.type().isNumeric()) {
        throw new QueryException("cannot negate " + a.type() + " in " + e);
      }
      return maybeFold(new Arithmetic.Negation(a, e.toString()), a);
    }
    if (e instanceof Expr.Not not) {
      Bound a = bool(bind(not.operand()), e);
      return maybeFold(new Logic.Negation(a, e.toString()), a);
    }
    if (e instanceof Expr.IsNull isNull) {
      opaqueOperand = true;
      Bound a = bind(isNull.operand());
      return maybeFold(new Logic.NullTest(a, isNull.negated(), e.toString()), a);
    }
    if (e instanceof Expr.Between bt) {
      Expr both = new Expr.Binary(Expr.Op.AND, new Expr.Binary(Expr.Op.GE, bt.operand(), bt.low()),
          new Expr.Binary(Expr.Op.LE, bt.operand(), bt.high()));
      return bind(bt.negated() ? new Expr.Not(both) : both);
    }
    if (e instanceof Expr.In in) {
      if (in.list().isEmpty()) {
        throw new QueryException("empty IN list in " + e);
      }
      Expr any = null;
      for (Expr item : in.list()) {
        Expr eq = new Expr.Binary(Expr.Op.EQ, in.operand(), item);
        any = any == null ? eq : new Expr.Binary(Expr.Op.OR, any, eq);
      }
      return bind(in.negated() ? new Expr.Not(any) : any);
    }
    if (e instanceof Expr.Like like) {
      Bound s = bind(like.operand());
      Bound p = bind(like.pattern());
      if (p.constant() == null || p.type().kind() != Kind.VARCHAR) {
        throw new QueryException("LIKE needs a constant VARCHAR pattern in " + e);
      }
      s = stringArg(s, e);
      if (p.constant().value() == null) {
        return new Inputs.Constant(new Expr.Literal(null, DataType.BOOLEAN));
      }
      return maybeFold(new StringFunctions.Like(s, (String) p.constant().value(), like.negated(), e.toString()), s);
    }
    if (e instanceof Expr.Case cs) {
      return caseWhen(cs);
    }
    if (e instanceof Expr.Cast c) {
      Bound a = bind(c.operand());
      return cast(a, c.target(), e.toString());
    }
    if (e instanceof Expr.Call call) {
      return call(call);
    }
    if (e instanceof Expr.Agg) {
      throw new QueryException("aggregate " + e + " is not allowed here");
    }
    throw new QueryException("unsupported expression " + e);
  }

  private Bound maybeFold(Bound b, Bound... children) {
    for (Bound c : children) {
      if (c.constant() == null) {
        return b;
      }
    }
    return fold(new FoldedBound(b));
  }

  /** Wraps an evaluator over constants so {@link #fold} evaluates it once. */
  private record FoldedBound(Bound inner) implements Bound, Folded {
    @Override
    public DataType type() {
      return inner.type();
    }

    @Override
    public Column eval(Batch batch) {
      return inner.eval(batch);
    }

    @Override
    public String toString() {
      return inner.toString();
    }
  }

  private Bound bool(Bound b, Expr where) {
    if (b.type().kind() == Kind.NULL) {
      return cast(b, DataType.BOOLEAN, where.toString());
    }
    if (b.type().kind() != Kind.BOOLEAN) {
      throw new QueryException("expected BOOLEAN but " + b + " is " + b.type() + " in " + where);
    }
    return b;
  }

  private Bound stringArg(Bound b, Expr where) {
    if (b.type().kind() == Kind.NULL) {
      return cast(b, DataType.VARCHAR, where.toString());
    }
    if (b.type().kind() != Kind.VARCHAR) {
      throw new QueryException("expected VARCHAR but " + b + " is " + b.type() + " in " + where);
    }
    return b;
  }

  private Bound intArg(Bound b, Expr where) {
    if (b.type().kind() == Kind.NULL) {
      return cast(b, DataType.BIGINT, where.toString());
    }
    if (!b.type().isInteger()) {
      throw new QueryException("expected an integer but " + b + " is " + b.type() + " in " + where);
    }
    return b;
  }

  /** {@code b} cast to {@code target} (no-op when already of it). */
  Bound cast(Bound b, DataType target, String text) {
    if (b.type().equals(target)) {
      return b;
    }
    if (!Casts.supported(b.type(), target)) {
      throw new QueryException("cannot cast " + b.type() + " to " + target + " in " + text);
    }
    return maybeFold(new Casts(b, target, text), b);
  }

  private Bound binary(Expr.Binary e) {
    Bound l = bind(e.left());
    Bound r = bind(e.right());
    String text = e.toString();
    Expr.Op op = e.op();
    if (op == Expr.Op.AND || op == Expr.Op.OR) {
      l = bool(l, e);
      r = bool(r, e);
      return maybeFold(new Logic.Connective(op == Expr.Op.AND, l, r, text), l, r);
    }
    if (op.isComparison()) {
      DataType common = comparisonType(l, r, e);
      if (l.type().kind() == Kind.DATE && r.type().kind() == Kind.TIMESTAMP && midnight(r)) {
        common = DataType.DATE;
      } else if (r.type().kind() == Kind.DATE && l.type().kind() == Kind.TIMESTAMP && midnight(l)) {
        common = DataType.DATE;
      }
      l = cast(l, common, text);
      r = cast(r, common, text);
      return maybeFold(new Comparison(op, l, r, text), l, r);
    }
    return arithmetic(op, l, r, e);
  }

  private static boolean midnight(Bound b) {
    Expr.Literal c = b.constant();
    return c != null && c.value() != null && Math.floorMod((Long) c.value(), DateTimes.MICROS_PER_DAY) == 0;
  }

  private Bound arithmetic(Expr.Op op, Bound l, Bound r, Expr e) {
    String text = e.toString();
    Kind lk = l.type().kind();
    Kind rk = r.type().kind();
    // dates and timestamps with intervals and day counts
    if ((lk == Kind.DATE || lk == Kind.TIMESTAMP) && rk == Kind.INTERVAL && (op == Expr.Op.ADD || op == Expr.Op.SUB)) {
      Expr.Interval iv = (Expr.Interval) r.constant().value();
      return maybeFold(new DateFunctions.AddInterval(l, iv, op == Expr.Op.ADD ? 1 : -1, text), l);
    }
    if (lk == Kind.INTERVAL && (rk == Kind.DATE || rk == Kind.TIMESTAMP) && op == Expr.Op.ADD) {
      Expr.Interval iv = (Expr.Interval) l.constant().value();
      return maybeFold(new DateFunctions.AddInterval(r, iv, 1, text), r);
    }
    if (lk == Kind.DATE && r.type().isInteger() && (op == Expr.Op.ADD || op == Expr.Op.SUB)) {
      Bound days = cast(r, DataType.BIGINT, text);
      Bound sum = new Arithmetic(op, new Relabel(l, DataType.BIGINT), days, DataType.BIGINT, text);
      return maybeFold(new Relabel(sum, DataType.DATE), l, r);
    }
    if (lk == Kind.DATE && rk == Kind.DATE && op == Expr.Op.SUB) {
      return maybeFold(new Arithmetic(op, new Relabel(l, DataType.BIGINT), new Relabel(r, DataType.BIGINT),
          DataType.BIGINT, text), l, r);
    }
    if (lk == Kind.NULL) {
      l = cast(l, rk == Kind.NULL ? DataType.INTEGER : r.type(), text);
    }
    if (r.type().kind() == Kind.NULL) {
      r = cast(r, l.type(), text);
    }
    if (!l.type().isNumeric() || !r.type().isNumeric()) {
      throw new QueryException("operator " + op.symbol + " does not apply to " + l.type() + " and " + r.type()
          + " in " + text);
    }
    DataType lt = l.type();
    DataType rt = r.type();
    if (lt.kind() == Kind.DOUBLE || rt.kind() == Kind.DOUBLE || op == Expr.Op.DIV) {
      l = cast(l, DataType.DOUBLE, text);
      r = cast(r, DataType.DOUBLE, text);
      return maybeFold(new Arithmetic(op, l, r, DataType.DOUBLE, text), l, r);
    }
    if (lt.kind() != Kind.DECIMAL && rt.kind() != Kind.DECIMAL) {
      DataType t = lt.kind() == Kind.INTEGER && rt.kind() == Kind.INTEGER ? DataType.INTEGER : DataType.BIGINT;
      l = cast(l, t, text);
      r = cast(r, t, text);
      return maybeFold(new Arithmetic(op, l, r, t, text), l, r);
    }
    DataType ld = asDecimal(lt);
    DataType rd = asDecimal(rt);
    l = cast(l, ld, text);
    r = cast(r, rd, text);
    if (op == Expr.Op.MUL) {
      DataType t = DataType.decimal(Math.min(38, ld.precision() + rd.precision()), Math.min(38,
          ld.scale() + rd.scale()));
      return maybeFold(new Arithmetic(op, l, r, t, text), l, r);
    }
    int s = Math.max(ld.scale(), rd.scale());
    int whole = Math.max(ld.precision() - ld.scale(), rd.precision() - rd.scale());
    int p = Math.min(38, whole + s + (op == Expr.Op.MOD ? 0 : 1));
    l = cast(l, DataType.decimal(Math.min(38, ld.precision() + s - ld.scale()), s), text);
    r = cast(r, DataType.decimal(Math.min(38, rd.precision() + s - rd.scale()), s), text);
    return maybeFold(new Arithmetic(op, l, r, DataType.decimal(p, s), text), l, r);
  }

  private static DataType asDecimal(DataType t) {
    if (t.kind() == Kind.DECIMAL) {
      return t;
    }
    return t.kind() == Kind.INTEGER ? DataType.decimal(10, 0) : DataType.decimal(19, 0);
  }

  /** The type both sides of a comparison are cast to. */
  private DataType comparisonType(Bound l, Bound r, Expr e) {
    DataType lt = l.type();
    DataType rt = r.type();
    if (lt.equals(rt)) {
      return lt;
    }
    if (lt.kind() == Kind.NULL) {
      return rt;
    }
    if (rt.kind() == Kind.NULL) {
      return lt;
    }
    if (lt.kind() == Kind.VARCHAR && l.constant() != null && rt.kind() != Kind.VARCHAR) {
      return rt;
    }
    if (rt.kind() == Kind.VARCHAR && r.constant() != null && lt.kind() != Kind.VARCHAR) {
      return lt;
    }
    DataType common = commonType(lt, rt);
    if (common == null) {
      throw new QueryException("cannot compare " + lt + " with " + rt + " in " + e);
    }
    return common;
  }

  /** The common supertype of two types (numeric widening, DATE with TIMESTAMP), or null when there is none. */
  public static DataType commonType(DataType a, DataType b) {
    if (a.equals(b)) {
      return a;
    }
    if (a.kind() == Kind.NULL) {
      return b;
    }
    if (b.kind() == Kind.NULL) {
      return a;
    }
    if (a.isNumeric() && b.isNumeric()) {
      if (a.kind() == Kind.DOUBLE || b.kind() == Kind.DOUBLE) {
        return DataType.DOUBLE;
      }
      if (a.kind() == Kind.DECIMAL || b.kind() == Kind.DECIMAL) {
        DataType ad = asDecimal(a);
        DataType bd = asDecimal(b);
        int s = Math.max(ad.scale(), bd.scale());
        int whole = Math.max(ad.precision() - ad.scale(), bd.precision() - bd.scale());
        return DataType.decimal(Math.min(38, whole + s), s);
      }
      return DataType.BIGINT;
    }
    if ((a.kind() == Kind.DATE && b.kind() == Kind.TIMESTAMP) || (a.kind() == Kind.TIMESTAMP
        && b.kind() == Kind.DATE)) {
      return DataType.TIMESTAMP;
    }
    return null;
  }

  private Bound caseWhen(Expr.Case cs) {
    String text = cs.toString();
    List<Bound> conds = new ArrayList<>();
    List<Bound> results = new ArrayList<>();
    for (Expr.When w : cs.whens()) {
      conds.add(bool(bind(w.condition()), cs));
      results.add(bind(w.result()));
    }
    Bound otherwise = bind(cs.otherwise() == null ? new Expr.Literal(null, DataType.NULL) : cs.otherwise());
    DataType t = otherwise.type();
    for (Bound r : results) {
      DataType c = commonType(t, r.type());
      if (c == null) {
        throw new QueryException("CASE arms have types " + t + " and " + r.type() + " in " + text);
      }
      t = c;
    }
    if (t.kind() == Kind.NULL) {
      t = DataType.INTEGER;
    }
    for (int i = 0; i < results.size(); i++) {
      results.set(i, cast(results.get(i), t, text));
    }
    otherwise = cast(otherwise, t, text);
    return new Logic.CaseWhen(conds, results, otherwise, t, text);
  }

  private Bound call(Expr.Call call) {
    String fn = call.function().toLowerCase(Locale.ROOT);
    List<Expr> args = call.args();
    String text = call.toString();
    switch (fn) {
      case "length":
      case "char_length":
      case "lower":
      case "upper": {
        arity(call, 1, 1);
        Bound s = stringArg(bind(args.get(0)), call);
        StringFunctions.Unary u = fn.equals("lower") ? StringFunctions.Unary.LOWER
            : fn.equals("upper") ? StringFunctions.Unary.UPPER : StringFunctions.Unary.LENGTH;
        return maybeFold(new StringFunctions.UnaryFunction(u, s, text), s);
      }
      case "substring":
      case "substr": {
        arity(call, 2, 3);
        Bound s = stringArg(bind(args.get(0)), call);
        Bound st = cast(intArg(bind(args.get(1)), call), DataType.BIGINT, text);
        Bound ct = args.size() > 2 ? cast(intArg(bind(args.get(2)), call), DataType.BIGINT, text) : null;
        return ct == null ? maybeFold(new StringFunctions.Substring(s, st, null, text), s, st)
            : maybeFold(new StringFunctions.Substring(s, st, ct, text), s, st, ct);
      }
      case "concat": {
        arity(call, 1, Integer.MAX_VALUE);
        List<Bound> parts = new ArrayList<>();
        for (Expr a : args) {
          Bound b = bind(a);
          parts.add(b.type().kind() == Kind.VARCHAR ? b : cast(b, DataType.VARCHAR, text));
        }
        return maybeFold(new StringFunctions.Concat(parts, text), parts.toArray(new Bound[0]));
      }
      case "starts_with": {
        arity(call, 2, 2);
        Bound s = stringArg(bind(args.get(0)), call);
        Bound p = stringArg(bind(args.get(1)), call);
        return maybeFold(new StringFunctions.StartsWith(s, p, text), s, p);
      }
      case "extract":
      case "date_part":
      case "date_trunc": {
        arity(call, 2, 2);
        Bound part = bind(args.get(0));
        if (part.constant() == null || !(part.constant().value() instanceof String)) {
          throw new QueryException(fn + " needs a constant part name in " + text);
        }
        Bound x = bind(args.get(1));
        if (x.type().kind() != Kind.DATE && x.type().kind() != Kind.TIMESTAMP) {
          throw new QueryException(fn + " needs a DATE or TIMESTAMP but " + args.get(1) + " is " + x.type()
              + " in " + text);
        }
        DateFunctions.Part p = DateFunctions.part((String) part.constant().value(), text);
        return fn.equals("date_trunc") ? maybeFold(new DateFunctions.Trunc(p, x, text), x)
            : maybeFold(new DateFunctions.Extract(p, x, text), x);
      }
      case "coalesce": {
        arity(call, 1, Integer.MAX_VALUE);
        List<Expr.When> whens = new ArrayList<>();
        for (int i = 0; i < args.size() - 1; i++) {
          whens.add(new Expr.When(new Expr.IsNull(args.get(i), true), args.get(i)));
        }
        return bind(new Expr.Case(whens, args.get(args.size() - 1)));
      }
      case "abs": {
        arity(call, 1, 1);
        Expr x = args.get(0);
        return bind(new Expr.Case(List.of(new Expr.When(new Expr.Binary(Expr.Op.LT, x,
            new Expr.Literal(0L, DataType.INTEGER)), new Expr.Negate(x))), x));
      }
      default:
        throw new QueryException("unknown function " + call.function() + " in " + text);
    }
  }

  private static void arity(Expr.Call call, int min, int max) {
    int n = call.args().size();
    if (n < min || n > max) {
      throw new QueryException(call.function() + " takes " + (min == max ? "" + min : min + " or more")
          + " arguments, not " + n + ", in " + call);
    }
  }

  /** The same values under another type of the same storage (DATE as BIGINT days and back). */
  private record Relabel(Bound inner, DataType type) implements Bound {
    @Override
    public Column eval(Batch batch) {
      return inner.eval(batch).withType(type);
    }

    @Override
    public String toString() {
      return inner.toString();
    }
  }
}
