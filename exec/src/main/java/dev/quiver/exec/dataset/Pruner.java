package dev.quiver.exec.dataset;

import dev.quiver.exec.QueryException;
import dev.quiver.exec.expr.Binder;
import dev.quiver.exec.expr.Bound;
import dev.quiver.exec.expr.Expr;
import dev.quiver.exec.types.DataType;
import dev.quiver.exec.vector.Batch;
import dev.quiver.exec.vector.Column;
import dev.quiver.exec.vector.Schema;
import dev.quiver.parquet.format.ColumnChunk;
import dev.quiver.parquet.format.ColumnMetaData;
import dev.quiver.parquet.format.PhysicalType;
import dev.quiver.parquet.format.RowGroup;
import dev.quiver.parquet.format.Statistics;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Chooses the row groups a scan reads. A filter is split into its AND-ed conjuncts; a file is skipped when a
 * conjunct over partition columns only is not true for its partition values; a row group is skipped when a
 * conjunct {@code column op constant} ({@code = < <= > >=}, BETWEEN, IN) cannot be true for any value between the
 * column chunk's minimum and maximum statistics, or when the chunk is all nulls. Statistics are used only where
 * their order is the engine's (signed integers, decimals, dates, and strings through the unsigned
 * {@code min_value}/{@code max_value} fields); anything else is read.
 */
public final class Pruner {
  private final Dataset dataset;
  private final List<Expr> conjuncts;

  /** A pruner for {@code filter} (null: read everything) over {@code dataset}. */
  public Pruner(Dataset dataset, Expr filter) {
    this.dataset = dataset;
    this.conjuncts = new ArrayList<>();
    if (filter != null) {
      split(filter, conjuncts);
    }
  }

  /** Splits a filter into its AND-ed parts. */
  public static void split(Expr e, List<Expr> out) {
    if (e instanceof Expr.Binary b && b.op() == Expr.Op.AND) {
      split(b.left(), out);
      split(b.right(), out);
    } else if (e instanceof Expr.Between bt && !bt.negated()) {
      out.add(new Expr.Binary(Expr.Op.GE, bt.operand(), bt.low()));
      out.add(new Expr.Binary(Expr.Op.LE, bt.operand(), bt.high()));
    } else {
      out.add(e);
    }
  }

  /**
   * The scan units: for each file not skipped, its row groups not skipped, cut into units of at most
   * {@code groupsPerUnit} row groups.
   *
   * @param columns the projected column names (for the compressed-bytes estimate)
   * @param skipped receives the number of row groups skipped
   */
  public List<ScanUnit> units(List<String> columns, int groupsPerUnit, long[] skipped) {
    List<ScanUnit> units = new ArrayList<>();
    for (DataFile f : dataset.files()) {
      List<RowGroup> groups = f.metadata().rowGroups();
      if (!partitionsMatch(f)) {
        skipped[0] += groups.size();
        continue;
      }
      List<Integer> keep = new ArrayList<>();
      for (int g = 0; g < groups.size(); g++) {
        if (groups.get(g).numRows() == 0) {
          continue;
        }
        if (groupMayMatch(f, groups.get(g))) {
          keep.add(g);
        } else {
          skipped[0]++;
        }
      }
      for (int i = 0; i < keep.size(); i += groupsPerUnit) {
        List<Integer> part = keep.subList(i, Math.min(keep.size(), i + groupsPerUnit));
        long bytes = 0;
        for (int g : part) {
          for (String c : columns) {
            int ci = f.columnIndex(c);
            if (ci >= 0 && f.leafIndex().get(ci) >= 0) {
              ColumnMetaData md = groups.get(g).columns().get(f.leafIndex().get(ci)).metaData();
              bytes += md == null ? 0 : md.totalCompressedSize();
            }
          }
        }
        units.add(new ScanUnit(f, List.copyOf(part), bytes));
      }
    }
    return units;
  }

  private boolean partitionsMatch(DataFile f) {
    List<String> parts = dataset.partitionColumns();
    if (parts.isEmpty()) {
      return true;
    }
    Schema ds = dataset.schema();
    List<String> names = new ArrayList<>();
    List<DataType> types = new ArrayList<>();
    Column[] cols = new Column[parts.size()];
    for (int i = 0; i < parts.size(); i++) {
      String p = parts.get(i);
      DataType t = ds.type(ds.indexOf(p));
      names.add(p);
      types.add(t);
      cols[i] = partitionColumn(t, Dataset.value(f.partitionValues(), p), 1);
    }
    Schema schema = new Schema(names, types);
    Batch one = new Batch(cols, 1);
    for (Expr c : conjuncts) {
      Set<String> refs = new HashSet<>();
      columnsOf(c, refs);
      if (refs.isEmpty() || !schemaHasAll(schema, refs)) {
        continue;
      }
      Bound b = new Binder(schema).bindPredicate(c);
      Column r = b.eval(one);
      if (r.isNull(0) || !r.bools[0]) {
        return false;
      }
    }
    return true;
  }

  /** A column of {@code rows} copies of a partition value (null when absent) as {@code type}. */
  public static Column partitionColumn(DataType type, String value, int rows) {
    if (value == null) {
      return Column.allNull(type, rows);
    }
    if (type.kind() == DataType.Kind.BIGINT) {
      long[] v = new long[rows];
      java.util.Arrays.fill(v, Long.parseLong(value));
      return Column.ofLongs(type, v, null, rows);
    }
    byte[] one = value.getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[one.length * rows];
    int[] offsets = new int[rows + 1];
    for (int i = 0; i < rows; i++) {
      System.arraycopy(one, 0, bytes, i * one.length, one.length);
      offsets[i + 1] = (i + 1) * one.length;
    }
    return Column.ofStrings(bytes, offsets, null, rows);
  }

  private static boolean schemaHasAll(Schema s, Set<String> refs) {
    for (String r : refs) {
      if (s.indexOf(r) < 0) {
        return false;
      }
    }
    return true;
  }

  /** Adds the names of the columns {@code e} references to {@code out} (lower case). */
  public static void columnsOf(Expr e, Set<String> out) {
    if (e instanceof Expr.ColumnRef r) {
      out.add(r.name().toLowerCase(Locale.ROOT));
    } else if (e instanceof Expr.Binary b) {
      columnsOf(b.left(), out);
      columnsOf(b.right(), out);
    } else if (e instanceof Expr.Negate n) {
      columnsOf(n.operand(), out);
    } else if (e instanceof Expr.Not n) {
      columnsOf(n.operand(), out);
    } else if (e instanceof Expr.IsNull n) {
      columnsOf(n.operand(), out);
    } else if (e instanceof Expr.In in) {
      columnsOf(in.operand(), out);
      in.list().forEach(x -> columnsOf(x, out));
    } else if (e instanceof Expr.Between bt) {
      columnsOf(bt.operand(), out);
      columnsOf(bt.low(), out);
      columnsOf(bt.high(), out);
    } else if (e instanceof Expr.Like l) {
      columnsOf(l.operand(), out);
      columnsOf(l.pattern(), out);
    } else if (e instanceof Expr.Case c) {
      for (Expr.When w : c.whens()) {
        columnsOf(w.condition(), out);
        columnsOf(w.result(), out);
      }
      if (c.otherwise() != null) {
        columnsOf(c.otherwise(), out);
      }
    } else if (e instanceof Expr.Cast c) {
      columnsOf(c.operand(), out);
    } else if (e instanceof Expr.Call c) {
      c.args().forEach(x -> columnsOf(x, out));
    } else if (e instanceof Expr.Agg a) {
      if (a.arg() != null) {
        columnsOf(a.arg(), out);
      }
    }
  }

  private boolean groupMayMatch(DataFile f, RowGroup group) {
    for (Expr c : conjuncts) {
      if (c instanceof Expr.Binary b && b.op().isComparison() && b.op() != Expr.Op.NE) {
        if (b.left() instanceof Expr.ColumnRef ref && !mayMatch(f, group, ref.name(), b.op(), List.of(b.right()))) {
          return false;
        }
        if (b.right() instanceof Expr.ColumnRef ref
            && !mayMatch(f, group, ref.name(), b.op().mirrored(), List.of(b.left()))) {
          return false;
        }
      } else if (c instanceof Expr.In in && !in.negated() && in.operand() instanceof Expr.ColumnRef ref
          && !mayMatch(f, group, ref.name(), Expr.Op.EQ, in.list())) {
        return false;
      }
    }
    return true;
  }

  /** False only when no value in the chunk's [min, max] can satisfy {@code column op value} for any value. */
  private boolean mayMatch(DataFile f, RowGroup group, String column, Expr.Op op, List<Expr> values) {
    int ci = f.columnIndex(column);
    if (ci < 0 || !f.prunable().get(ci)) {
      return true;
    }
    ColumnChunk chunk = group.columns().get(f.leafIndex().get(ci));
    ColumnMetaData md = chunk.metaData();
    if (md == null || md.statistics() == null) {
      return true;
    }
    Statistics st = md.statistics();
    if (st.nullCount() != null && st.nullCount() == group.numRows()) {
      return false;
    }
    DataType type = f.columnTypes().get(ci);
    // the deprecated min/max were ordered by old writers as signed bytes for BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY:
    // trust them only for the integer physical types, whose order is the same either way
    boolean legacyOk = md.type() == PhysicalType.INT32 || md.type() == PhysicalType.INT64;
    Expr.Literal min = decode(md.type(), type, st.minValue() != null ? st.minValue() : legacyOk ? st.min() : null);
    Expr.Literal max = decode(md.type(), type, st.maxValue() != null ? st.maxValue() : legacyOk ? st.max() : null);
    if (min == null || max == null) {
      return true;
    }
    Binder constants = new Binder(new Schema(List.of(), List.of()));
    for (Expr v : values) {
      Boolean ok;
      try {
        switch (op) {
          case EQ:
            ok = and(test(constants, Expr.Op.LE, min, v), test(constants, Expr.Op.GE, max, v));
            break;
          case LT:
            ok = test(constants, Expr.Op.LT, min, v);
            break;
          case LE:
            ok = test(constants, Expr.Op.LE, min, v);
            break;
          case GT:
            ok = test(constants, Expr.Op.GT, max, v);
            break;
          default:
            ok = test(constants, Expr.Op.GE, max, v);
        }
      } catch (QueryException notConstant) {
        return true;
      }
      if (ok == null || ok) {
        return true;
      }
    }
    return false;
  }

  private static Boolean and(Boolean a, Boolean b) {
    if (a == null || b == null) {
      return a == null ? (b == null || b ? null : false) : (a ? null : false);
    }
    return a && b;
  }

  private static Boolean test(Binder constants, Expr.Op op, Expr.Literal stat, Expr value) {
    Bound b = constants.bind(new Expr.Binary(op, stat, value));
    if (b.constant() == null) {
      throw new QueryException("not constant");
    }
    return (Boolean) b.constant().value();
  }

  private static Expr.Literal decode(PhysicalType physical, DataType type, byte[] raw) {
    if (raw == null) {
      return null;
    }
    ByteBuffer bb = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    switch (type.kind()) {
      case VARCHAR:
        if (physical != PhysicalType.BYTE_ARRAY) {
          return null;
        }
        // strictly: a lossy decode (U+FFFD for bad bytes) would order differently from the raw bytes the engine
        // compares, and could skip a row group that holds matching rows; bad UTF-8 means no pruning on it
        try {
          return new Expr.Literal(StandardCharsets.UTF_8.newDecoder()
              .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
              .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(raw)).toString(), type);
        } catch (java.nio.charset.CharacterCodingException notUtf8) {
          return null;
        }
      case INTEGER:
      case BIGINT:
      case DATE:
      case DECIMAL:
        if (physical == PhysicalType.INT32 && raw.length == 4) {
          return new Expr.Literal((long) bb.getInt(0), type);
        }
        if (physical == PhysicalType.INT64 && raw.length == 8) {
          return new Expr.Literal(bb.getLong(0), type);
        }
        if (type.kind() == DataType.Kind.DECIMAL && raw.length > 0 && (physical == PhysicalType.FIXED_LEN_BYTE_ARRAY
            || physical == PhysicalType.BYTE_ARRAY)) {
          BigInteger v = new BigInteger(raw);
          return v.bitLength() < 64 ? new Expr.Literal(v.longValue(), type) : null;
        }
        return null;
      default:
        return null;
    }
  }
}
