package dev.quiver.exec.sql;

import dev.quiver.exec.QueryException;
import dev.quiver.exec.expr.DateTimes;
import dev.quiver.exec.expr.Expr;
import dev.quiver.exec.expr.Expr.AggFunction;
import dev.quiver.exec.expr.Expr.Op;
import dev.quiver.exec.plan.Plan;
import dev.quiver.exec.types.DataType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DateTimeLiteralExpression;
import net.sf.jsqlparser.expression.DateValue;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.IntervalExpression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimestampValue;
import net.sf.jsqlparser.expression.WhenClause;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.Concat;
import net.sf.jsqlparser.expression.operators.arithmetic.Division;
import net.sf.jsqlparser.expression.operators.arithmetic.Modulo;
import net.sf.jsqlparser.expression.operators.arithmetic.Multiplication;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.TableFunction;

/**
 * Plans a SQL SELECT onto {@link Plan} nodes. Text is parsed by JSqlParser. Supported: SELECT [DISTINCT] with
 * expressions, aliases and {@code *}; FROM a quoted path or glob ({@code 'data/*.parquet'}, {@code "x.parquet"}),
 * {@code read_parquet('...')}, or a parenthesised subquery; WHERE; GROUP BY (expressions, select aliases or
 * ordinals); HAVING; ORDER BY (expressions, aliases, ordinals; ASC/DESC, NULLS FIRST/LAST; default ASC NULLS
 * LAST); LIMIT and OFFSET. Expressions: see {@link Expr} ({@code ||} is concat returning NULL on NULL input).
 * Anything else (joins, set operations, window functions, CTEs, ...) fails with a {@link QueryException} naming
 * the construct.
 */
public final class SqlPlanner {
  private static final Pattern QUOTED_TABLE = Pattern.compile("(?i)\\b(FROM|JOIN)\\s+'((?:[^']|'')*)'");

  /**
   * Runs JSqlParser's parse task on the calling thread: its plain {@code parse(String)} starts a new thread per
   * statement (3-10 ms) only to bound the parse by a timeout, which a SELECT of ours does not need.
   */
  private static final java.util.concurrent.ExecutorService CALLING_THREAD =
      new java.util.concurrent.AbstractExecutorService() {
        @Override
        public void execute(Runnable task) {
          task.run();
        }

        @Override
        public void shutdown() {}

        @Override
        public List<Runnable> shutdownNow() {
          return List.of();
        }

        @Override
        public boolean isShutdown() {
          return false;
        }

        @Override
        public boolean isTerminated() {
          return false;
        }

        @Override
        public boolean awaitTermination(long timeout, java.util.concurrent.TimeUnit unit) {
          return false;
        }
      };

  private SqlPlanner() {}

  /**
   * The plan of one SELECT statement.
   *
   * @throws QueryException on a syntax error or an unsupported construct
   */
  public static Plan plan(String sql) {
    Matcher m = QUOTED_TABLE.matcher(sql);
    String rewritten = m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + " read_parquet('" + r.group(2)
        + "')"));
    Statement st;
    try {
      st = CCJSqlParserUtil.parse(rewritten, CALLING_THREAD, null);
    } catch (JSQLParserException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      String msg = cause.getMessage() == null ? e.toString() : cause.getMessage();
      int nl = msg.indexOf('\n');
      throw new QueryException("SQL syntax error: " + (nl > 0 ? msg.substring(0, nl) : msg), e);
    }
    if (!(st instanceof Select select)) {
      throw new QueryException("only SELECT statements are supported, not " + st.getClass().getSimpleName());
    }
    return new SqlPlanner().select(select);
  }

  private Plan select(Select select) {
    if (select instanceof ParenthesedSelect ps) {
      return select(ps.getSelect());
    }
    if (!(select instanceof PlainSelect ps)) {
      throw new QueryException("unsupported: " + select.getClass().getSimpleName()
          + " (set operations such as UNION are not supported)");
    }
    if (ps.getWithItemsList() != null && !ps.getWithItemsList().isEmpty()) {
      throw new QueryException("unsupported: WITH (common table expressions)");
    }
    if (ps.getJoins() != null && !ps.getJoins().isEmpty()) {
      throw new QueryException("unsupported: JOIN (" + ps.getJoins().get(0) + ")");
    }
    if (ps.getFromItem() == null) {
      throw new QueryException("unsupported: SELECT without FROM");
    }
    Plan source = from(ps.getFromItem());
    if (ps.getWhere() != null) {
      Expr where = expr(ps.getWhere());
      if (containsAgg(where)) {
        throw new QueryException("aggregates are not allowed in WHERE: " + where);
      }
      source = new Plan.Filter(source, where);
    }
    // the select list
    List<Expr> items = new ArrayList<>();
    List<String> names = new ArrayList<>();
    boolean star = false;
    for (SelectItem<?> item : ps.getSelectItems()) {
      Expression e = item.getExpression();
      if (e instanceof AllColumns) {
        star = true;
        continue;
      }
      Expr x = expr(e);
      items.add(x);
      names.add(item.getAlias() != null ? unquote(item.getAlias().getName()) : defaultName(x));
    }
    if (star && !items.isEmpty()) {
      throw new QueryException("unsupported: * together with other select items");
    }
    boolean distinct = ps.getDistinct() != null;
    List<Expr> groupBy = new ArrayList<>();
    if (ps.getGroupBy() != null) {
      ExpressionList<?> list = ps.getGroupBy().getGroupByExpressionList();
      if (list != null) {
        for (Object o : list) {
          groupBy.add(resolveAlias(expr((Expression) o), items, names));
        }
      }
    }
    Expr having = ps.getHaving() == null ? null : expr(ps.getHaving());
    List<Plan.SortKey> order = new ArrayList<>();
    if (ps.getOrderByElements() != null) {
      for (OrderByElement o : ps.getOrderByElements()) {
        Expr k = resolveAlias(expr(o.getExpression()), items, names);
        boolean desc = !o.isAsc();
        boolean nullsFirst = o.getNullOrdering() == OrderByElement.NullOrdering.NULLS_FIRST;
        order.add(new Plan.SortKey(k, desc, nullsFirst));
      }
    }
    boolean aggregate = !groupBy.isEmpty() || having != null || distinct || items.stream().anyMatch(this::containsAgg)
        || order.stream().anyMatch(k -> containsAgg(k.expr()));
    Plan plan = source;
    if (aggregate) {
      if (star) {
        throw new QueryException("unsupported: SELECT * with GROUP BY, DISTINCT or aggregates");
      }
      if (distinct) {
        if (!groupBy.isEmpty() || items.stream().anyMatch(this::containsAgg)) {
          throw new QueryException("unsupported: SELECT DISTINCT with GROUP BY or aggregates");
        }
        groupBy.addAll(items);
      }
      List<Expr.Agg> aggs = new ArrayList<>();
      List<String> keyNames = new ArrayList<>();
      for (int i = 0; i < groupBy.size(); i++) {
        keyNames.add("$k" + i);
      }
      Function<Expr, Expr> rewrite = e -> rewriteAggregated(e, groupBy, aggs);
      List<Expr> newItems = new ArrayList<>();
      for (Expr e : items) {
        newItems.add(checkGrouped(rewrite.apply(e), e));
      }
      Expr newHaving = having == null ? null : checkGrouped(rewrite.apply(having), having);
      List<Plan.SortKey> newOrder = new ArrayList<>();
      for (Plan.SortKey k : order) {
        newOrder.add(new Plan.SortKey(checkGrouped(rewrite.apply(k.expr()), k.expr()), k.descending(),
            k.nullsFirst()));
      }
      List<String> aggNames = new ArrayList<>();
      for (int i = 0; i < aggs.size(); i++) {
        aggNames.add("$a" + i);
      }
      plan = new Plan.Aggregate(plan, groupBy, keyNames, aggs, aggNames);
      if (newHaving != null) {
        plan = new Plan.Filter(plan, newHaving);
      }
      items = newItems;
      order = newOrder;
    }
    if (!order.isEmpty()) {
      plan = new Plan.Sort(plan, order);
    }
    if (!star) {
      plan = new Plan.Project(plan, items, names);
    }
    long limit = Long.MAX_VALUE;
    long offset = 0;
    if (ps.getLimit() != null) {
      if (ps.getLimit().getRowCount() != null && !ps.getLimit().isLimitAll() && !ps.getLimit().isLimitNull()) {
        limit = constantLong(ps.getLimit().getRowCount(), "LIMIT");
      }
      if (ps.getLimit().getOffset() != null) {
        offset = constantLong(ps.getLimit().getOffset(), "OFFSET");
      }
    }
    if (ps.getOffset() != null) {
      offset = constantLong(ps.getOffset().getOffset(), "OFFSET");
    }
    if (ps.getFetch() != null) {
      throw new QueryException("unsupported: FETCH (use LIMIT)");
    }
    if (limit != Long.MAX_VALUE || offset != 0) {
      plan = new Plan.Limit(plan, offset, limit);
    }
    return plan;
  }

  private static long constantLong(Expression e, String clause) {
    if (e instanceof LongValue lv) {
      long v = lv.getValue();
      if (v < 0) {
        throw new QueryException(clause + " must not be negative: " + v);
      }
      return v;
    }
    throw new QueryException(clause + " must be an integer constant, not " + e);
  }

  private static String defaultName(Expr x) {
    return x instanceof Expr.ColumnRef c ? c.name() : x.toString();
  }

  /** A bare name or ordinal naming a select item stands for that item. */
  private static Expr resolveAlias(Expr e, List<Expr> items, List<String> names) {
    if (e instanceof Expr.ColumnRef c) {
      for (int i = 0; i < names.size(); i++) {
        // an alias wins over a table column of the same name (as in DuckDB's ORDER BY), also when the aliased
        // item is itself a plain column
        if (names.get(i).equalsIgnoreCase(c.name())) {
          return items.get(i);
        }
      }
    }
    if (e instanceof Expr.Literal l && l.value() instanceof Long pos && l.type().isInteger()) {
      if (pos < 1 || pos > items.size()) {
        throw new QueryException("position " + pos + " is not in the select list (1.." + items.size() + ")");
      }
      return items.get((int) (pos - 1));
    }
    return e;
  }

  private Expr rewriteAggregated(Expr e, List<Expr> keys, List<Expr.Agg> aggs) {
    return map(e, x -> {
      for (int i = 0; i < keys.size(); i++) {
        if (keys.get(i).equals(x)) {
          return new Expr.ColumnRef("$k" + i);
        }
      }
      if (x instanceof Expr.Agg a) {
        if (a.arg() != null && containsAgg(a.arg())) {
          throw new QueryException("nested aggregates are not allowed: " + a);
        }
        int at = aggs.indexOf(a);
        if (at < 0) {
          aggs.add(a);
          at = aggs.size() - 1;
        }
        return new Expr.ColumnRef("$a" + at);
      }
      return null;
    });
  }

  private static Expr checkGrouped(Expr rewritten, Expr original) {
    java.util.Set<String> cols = new java.util.HashSet<>();
    dev.quiver.exec.dataset.Pruner.columnsOf(rewritten, cols);
    for (String c : cols) {
      if (!c.startsWith("$")) {
        throw new QueryException("column " + c + " must appear in the GROUP BY clause or be used in an aggregate "
            + "function: " + original);
      }
    }
    return rewritten;
  }

  private boolean containsAgg(Expr e) {
    boolean[] found = new boolean[1];
    map(e, x -> {
      if (x instanceof Expr.Agg) {
        found[0] = true;
        return x;
      }
      return null;
    });
    return found[0];
  }

  /** Rebuilds {@code e} top-down: where {@code f} gives a replacement it is used, else children are mapped. */
  static Expr map(Expr e, Function<Expr, Expr> f) {
    if (e == null) {
      return null;
    }
    Expr r = f.apply(e);
    if (r != null) {
      return r;
    }
    if (e instanceof Expr.Binary b) {
      return new Expr.Binary(b.op(), map(b.left(), f), map(b.right(), f));
    }
    if (e instanceof Expr.Negate n) {
      return new Expr.Negate(map(n.operand(), f));
    }
    if (e instanceof Expr.Not n) {
      return new Expr.Not(map(n.operand(), f));
    }
    if (e instanceof Expr.IsNull n) {
      return new Expr.IsNull(map(n.operand(), f), n.negated());
    }
    if (e instanceof Expr.In in) {
      List<Expr> list = new ArrayList<>();
      in.list().forEach(x -> list.add(map(x, f)));
      return new Expr.In(map(in.operand(), f), list, in.negated());
    }
    if (e instanceof Expr.Between bt) {
      return new Expr.Between(map(bt.operand(), f), map(bt.low(), f), map(bt.high(), f), bt.negated());
    }
    if (e instanceof Expr.Like l) {
      return new Expr.Like(map(l.operand(), f), map(l.pattern(), f), l.negated());
    }
    if (e instanceof Expr.Case c) {
      List<Expr.When> whens = new ArrayList<>();
      c.whens().forEach(w -> whens.add(new Expr.When(map(w.condition(), f), map(w.result(), f))));
      return new Expr.Case(whens, map(c.otherwise(), f));
    }
    if (e instanceof Expr.Cast c) {
      return new Expr.Cast(map(c.operand(), f), c.target());
    }
    if (e instanceof Expr.Call c) {
      List<Expr> args = new ArrayList<>();
      c.args().forEach(x -> args.add(map(x, f)));
      return new Expr.Call(c.function(), args);
    }
    if (e instanceof Expr.Agg a) {
      return new Expr.Agg(a.function(), map(a.arg(), f));
    }
    return e;
  }

  private Plan from(FromItem item) {
    if (item instanceof ParenthesedSelect ps) {
      return select(ps.getSelect());
    }
    if (item instanceof TableFunction tf) {
      String name = tf.getFunction().getName().toLowerCase(Locale.ROOT);
      if (!name.equals("read_parquet") && !name.equals("parquet_scan")) {
        throw new QueryException("unsupported table function " + tf.getFunction().getName()
            + " (only read_parquet)");
      }
      ExpressionList<?> params = tf.getFunction().getParameters();
      if (params == null || params.size() != 1 || !(params.get(0) instanceof StringValue sv)) {
        throw new QueryException("read_parquet takes one quoted path or glob: " + tf);
      }
      return new Plan.Read(sv.getValue());
    }
    if (item instanceof Table t) {
      String name = t.getFullyQualifiedName();
      return new Plan.Read(unquote(name));
    }
    throw new QueryException("unsupported FROM item: " + item);
  }

  private static String unquote(String s) {
    if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("`") && s.endsWith("`"))) {
      return s.substring(1, s.length() - 1);
    }
    return s;
  }

  Expr expr(Expression e) {
    if (e instanceof Parenthesis p) {
      return expr(p.getExpression());
    }
    if (e instanceof net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList<?> pl
        && pl.size() == 1) {
      return expr((Expression) pl.get(0));
    }
    if (e instanceof net.sf.jsqlparser.expression.DateUnitExpression du) {
      return new Expr.ColumnRef(du.toString()); // a column named like a date unit (year, month, ...)
    }
    if (e instanceof Column c) {
      String name = unquote(c.getColumnName());
      if (c.getTable() == null && (name.equalsIgnoreCase("true") || name.equalsIgnoreCase("false"))) {
        return new Expr.Literal(name.equalsIgnoreCase("true"), DataType.BOOLEAN);
      }
      return new Expr.ColumnRef(name);
    }
    if (e instanceof LongValue lv) {
      java.math.BigInteger v = lv.getBigIntegerValue();
      if (v.bitLength() < 32) {
        return new Expr.Literal(v.longValue(), DataType.INTEGER);
      }
      if (v.bitLength() < 64) {
        return new Expr.Literal(v.longValue(), DataType.BIGINT);
      }
      throw new QueryException("integer literal out of range: " + v);
    }
    if (e instanceof DoubleValue dv) {
      String text = dv.toString();
      if (text.contains("e") || text.contains("E")) {
        return new Expr.Literal(dv.getValue(), DataType.DOUBLE);
      }
      BigDecimal bd = new BigDecimal(text);
      int scale = Math.max(0, bd.scale());
      int precision = Math.max(scale + 1, bd.precision());
      if (precision > 18) {
        return new Expr.Literal(dv.getValue(), DataType.DOUBLE);
      }
      return new Expr.Literal(bd.setScale(scale).unscaledValue().longValueExact(),
          DataType.decimal(precision, scale));
    }
    if (e instanceof StringValue sv) {
      return new Expr.Literal(sv.getValue(), DataType.VARCHAR);
    }
    if (e instanceof NullValue) {
      return new Expr.Literal(null, DataType.NULL);
    }
    if (e instanceof BooleanValue bv) {
      return new Expr.Literal(bv.getValue(), DataType.BOOLEAN);
    }
    if (e instanceof DateTimeLiteralExpression dt) {
      String v = dt.getValue();
      if (v.startsWith("'") && v.endsWith("'")) {
        v = v.substring(1, v.length() - 1);
      }
      switch (dt.getType()) {
        case DATE:
          return new Expr.Literal(DateTimes.parseDate(v), DataType.DATE);
        case TIMESTAMP:
          return new Expr.Literal(DateTimes.parseTimestamp(v), DataType.TIMESTAMP);
        default:
          throw new QueryException("unsupported literal type " + dt.getType() + ": " + e);
      }
    }
    if (e instanceof DateValue dv) {
      return new Expr.Literal(dv.getValue().toLocalDate().toEpochDay(), DataType.DATE);
    }
    if (e instanceof TimestampValue tv) {
      return new Expr.Literal(DateTimes.parseTimestamp(tv.getValue().toString()), DataType.TIMESTAMP);
    }
    if (e instanceof IntervalExpression iv) {
      return interval(iv);
    }
    if (e instanceof SignedExpression se) {
      Expr inner = expr(se.getExpression());
      if (se.getSign() == '+') {
        return inner;
      }
      if (inner instanceof Expr.Literal l && l.value() instanceof Long v) {
        return new Expr.Literal(-v, l.type());
      }
      if (inner instanceof Expr.Literal l && l.value() instanceof Double v) {
        return new Expr.Literal(-v, l.type());
      }
      return new Expr.Negate(inner);
    }
    if (e instanceof AndExpression a) {
      return new Expr.Binary(Op.AND, expr(a.getLeftExpression()), expr(a.getRightExpression()));
    }
    if (e instanceof OrExpression o) {
      return new Expr.Binary(Op.OR, expr(o.getLeftExpression()), expr(o.getRightExpression()));
    }
    if (e instanceof NotExpression n) {
      return new Expr.Not(expr(n.getExpression()));
    }
    if (e instanceof Concat c) {
      // a || b: NULL when either side is NULL
      Expr l = expr(c.getLeftExpression());
      Expr r = expr(c.getRightExpression());
      return new Expr.Case(List.of(new Expr.When(new Expr.Binary(Op.OR, new Expr.IsNull(l, false),
          new Expr.IsNull(r, false)), new Expr.Literal(null, DataType.VARCHAR))),
          new Expr.Call("concat", List.of(l, r)));
    }
    if (e instanceof LikeExpression like) {
      if (like.isCaseInsensitive() || like.getEscape() != null) {
        throw new QueryException("unsupported: " + (like.getEscape() != null ? "LIKE ... ESCAPE" : "ILIKE") + " in "
            + e);
      }
      if (!like.getLikeKeyWord().name().equals("LIKE")) {
        throw new QueryException("unsupported: " + like.getLikeKeyWord() + " in " + e);
      }
      return new Expr.Like(expr(like.getLeftExpression()), expr(like.getRightExpression()), like.isNot());
    }
    if (e instanceof BinaryExpression b) {
      Op op = binaryOp(b);
      if (op == null) {
        throw new QueryException("unsupported operator " + b.getStringExpression() + " in " + e);
      }
      return new Expr.Binary(op, expr(b.getLeftExpression()), expr(b.getRightExpression()));
    }
    if (e instanceof IsNullExpression n) {
      return new Expr.IsNull(expr(n.getLeftExpression()), n.isNot());
    }
    if (e instanceof Between bt) {
      return new Expr.Between(expr(bt.getLeftExpression()), expr(bt.getBetweenExpressionStart()),
          expr(bt.getBetweenExpressionEnd()), bt.isNot());
    }
    if (e instanceof InExpression in) {
      Expression right = in.getRightExpression();
      if (!(right instanceof ExpressionList<?> list)) {
        throw new QueryException("unsupported: IN with a subquery in " + e);
      }
      List<Expr> items = new ArrayList<>();
      for (Object o : list) {
        items.add(expr((Expression) o));
      }
      return new Expr.In(expr(in.getLeftExpression()), items, in.isNot());
    }
    if (e instanceof CaseExpression c) {
      Expr subject = c.getSwitchExpression() == null ? null : expr(c.getSwitchExpression());
      List<Expr.When> whens = new ArrayList<>();
      for (WhenClause w : c.getWhenClauses()) {
        Expr cond = expr(w.getWhenExpression());
        if (subject != null) {
          cond = new Expr.Binary(Op.EQ, subject, cond);
        }
        whens.add(new Expr.When(cond, expr(w.getThenExpression())));
      }
      return new Expr.Case(whens, c.getElseExpression() == null ? null : expr(c.getElseExpression()));
    }
    if (e instanceof CastExpression c) {
      return new Expr.Cast(expr(c.getLeftExpression()), type(c.getColDataType()));
    }
    if (e instanceof ExtractExpression x) {
      return new Expr.Call("extract", List.of(new Expr.Literal(x.getName(), DataType.VARCHAR),
          expr(x.getExpression())));
    }
    if (e instanceof net.sf.jsqlparser.expression.Function f) {
      return function(f);
    }
    throw new QueryException("unsupported SQL expression: " + e + " (" + e.getClass().getSimpleName() + ")");
  }

  private static Op binaryOp(BinaryExpression b) {
    if (b instanceof Addition) {
      return Op.ADD;
    }
    if (b instanceof Subtraction) {
      return Op.SUB;
    }
    if (b instanceof Multiplication) {
      return Op.MUL;
    }
    if (b instanceof Division) {
      return Op.DIV;
    }
    if (b instanceof Modulo) {
      return Op.MOD;
    }
    if (b instanceof EqualsTo) {
      return Op.EQ;
    }
    if (b instanceof NotEqualsTo) {
      return Op.NE;
    }
    if (b instanceof MinorThan) {
      return Op.LT;
    }
    if (b instanceof MinorThanEquals) {
      return Op.LE;
    }
    if (b instanceof GreaterThan) {
      return Op.GT;
    }
    if (b instanceof GreaterThanEquals) {
      return Op.GE;
    }
    return null;
  }

  private Expr function(net.sf.jsqlparser.expression.Function f) {
    String name = f.getName().toLowerCase(Locale.ROOT);
    List<Expr> args = new ArrayList<>();
    boolean allColumns = f.isAllColumns();
    if (f.getParameters() != null) {
      for (Object o : f.getParameters()) {
        if (o instanceof AllColumns) {
          allColumns = true;
        } else {
          args.add(expr((Expression) o));
        }
      }
    }
    if (f.getOrderByElements() != null || f.getHavingClause() != null || f.getNamedParameters() != null) {
      throw new QueryException("unsupported function syntax: " + f);
    }
    switch (name) {
      case "count":
        if (allColumns || args.isEmpty()) {
          return new Expr.Agg(AggFunction.COUNT_STAR, null);
        }
        one(f, args);
        return new Expr.Agg(f.isDistinct() ? AggFunction.COUNT_DISTINCT : AggFunction.COUNT, args.get(0));
      case "count_star":
        return new Expr.Agg(AggFunction.COUNT_STAR, null);
      case "sum":
      case "min":
      case "max":
      case "avg":
      case "mean":
        one(f, args);
        if (f.isDistinct() && !name.equals("min") && !name.equals("max")) {
          throw new QueryException("unsupported: DISTINCT in " + f);
        }
        return new Expr.Agg(name.equals("sum") ? AggFunction.SUM : name.equals("min") ? AggFunction.MIN
            : name.equals("max") ? AggFunction.MAX : AggFunction.AVG, args.get(0));
      default:
        if (f.isDistinct()) {
          throw new QueryException("unsupported: DISTINCT in " + f);
        }
        return new Expr.Call(name, args);
    }
  }

  private static void one(net.sf.jsqlparser.expression.Function f, List<Expr> args) {
    if (args.size() != 1) {
      throw new QueryException(f.getName() + " takes one argument: " + f);
    }
  }

  private static DataType type(net.sf.jsqlparser.statement.create.table.ColDataType t) {
    String n = t.getDataType().toUpperCase(Locale.ROOT).trim();
    List<String> a = t.getArgumentsStringList();
    int paren = n.indexOf('(');
    if (paren > 0 && n.endsWith(")")) {
      a = List.of(n.substring(paren + 1, n.length() - 1).split(","));
      n = n.substring(0, paren).trim();
    }
    switch (n) {
      case "INT":
      case "INTEGER":
      case "INT4":
      case "SMALLINT":
      case "TINYINT":
        return DataType.INTEGER;
      case "BIGINT":
      case "INT8":
      case "LONG":
        return DataType.BIGINT;
      case "DOUBLE":
      case "DOUBLE PRECISION":
      case "FLOAT":
      case "FLOAT8":
      case "REAL":
      case "FLOAT4":
        return DataType.DOUBLE;
      case "DECIMAL":
      case "NUMERIC":
        if (a == null || a.isEmpty()) {
          return DataType.decimal(18, 3);
        }
        try {
          int p = Integer.parseInt(a.get(0).trim());
          int s = a.size() > 1 ? Integer.parseInt(a.get(1).trim()) : 0;
          return DataType.decimal(p, s);
        } catch (IllegalArgumentException e) {
          throw new QueryException("invalid DECIMAL" + a + ": " + e.getMessage());
        }
      case "VARCHAR":
      case "TEXT":
      case "STRING":
      case "CHAR":
        return DataType.VARCHAR;
      case "DATE":
        return DataType.DATE;
      case "TIMESTAMP":
      case "DATETIME":
        return DataType.TIMESTAMP;
      case "BOOLEAN":
      case "BOOL":
        return DataType.BOOLEAN;
      default:
        throw new QueryException("unsupported CAST target type " + t);
    }
  }

  private static Expr interval(IntervalExpression iv) {
    String text;
    if (iv.getExpression() != null) {
      Expression x = iv.getExpression();
      text = x instanceof StringValue sv ? sv.getValue() : x.toString();
    } else {
      text = iv.getParameter();
    }
    text = text.trim();
    if (text.startsWith("'") && text.endsWith("'")) {
      text = text.substring(1, text.length() - 1).trim();
    }
    String unit = iv.getIntervalType();
    if (unit == null && iv.getIntervalQualifier() != null) {
      unit = iv.getIntervalQualifier().toString().trim();
    }
    String[] parts = text.split("\\s+");
    int months = 0;
    int days = 0;
    long micros = 0;
    for (int i = 0; i < parts.length; i++) {
      long n;
      try {
        n = Long.parseLong(parts[i]);
      } catch (NumberFormatException e) {
        throw new QueryException("unsupported INTERVAL '" + text + "'");
      }
      String u = i + 1 < parts.length ? parts[++i] : unit;
      if (u == null) {
        throw new QueryException("INTERVAL without a unit: " + iv);
      }
      u = u.toLowerCase(Locale.ROOT);
      if (u.endsWith("s")) {
        u = u.substring(0, u.length() - 1);
      }
      switch (u) {
        case "year":
          months += (int) (12 * n);
          break;
        case "month":
          months += (int) n;
          break;
        case "week":
          days += (int) (7 * n);
          break;
        case "day":
          days += (int) n;
          break;
        case "hour":
          micros += n * 3_600_000_000L;
          break;
        case "minute":
          micros += n * 60_000_000L;
          break;
        case "second":
          micros += n * 1_000_000L;
          break;
        default:
          throw new QueryException("unsupported INTERVAL unit " + u + " in " + iv);
      }
    }
    return new Expr.Literal(new Expr.Interval(months, days, micros), DataType.INTERVAL);
  }
}
