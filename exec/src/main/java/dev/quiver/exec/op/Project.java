package dev.quiver.exec.op;

import dev.quiver.exec.expr.Bound;
import dev.quiver.exec.types.DataType;
import dev.quiver.exec.vector.Batch;
import dev.quiver.exec.vector.Column;
import dev.quiver.exec.vector.Schema;
import java.util.ArrayList;
import java.util.List;

/** Computes one output column per expression, a batch at a time. */
public final class Project extends AbstractOperator {
  private final Operator child;
  private final List<Bound> exprs;
  private final Schema schema;

  /** Projects {@code child} through {@code exprs} (bound against its schema), naming the outputs {@code names}. */
  public Project(Operator child, List<Bound> exprs, List<String> names, MemoryBudget budget) {
    super(budget);
    this.child = child;
    this.exprs = List.copyOf(exprs);
    List<DataType> types = new ArrayList<>();
    for (Bound b : exprs) {
      types.add(b.type().kind() == DataType.Kind.NULL ? DataType.INTEGER : b.type());
    }
    this.schema = new Schema(names, types);
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  protected Batch compute() {
    Batch b = child.next();
    if (b == null) {
      return null;
    }
    stats.rowsIn.addAndGet(b.rowCount());
    Column[] out = new Column[exprs.size()];
    for (int i = 0; i < out.length; i++) {
      int in = dev.quiver.exec.expr.Inputs.columnIndex(exprs.get(i));
      Column c = in >= 0 ? b.columns()[in] : exprs.get(i).eval(b);
      out[i] = c.type.equals(schema.type(i)) ? c : Column.allNull(schema.type(i), b.rowCount());
    }
    return new Batch(out, b.rowCount());
  }

  @Override
  public List<Operator> children() {
    return List.of(child);
  }

  @Override
  public String describe() {
    StringBuilder sb = new StringBuilder("Project ");
    for (int i = 0; i < exprs.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(exprs.get(i)).append(" AS ").append(schema.name(i));
    }
    return sb.toString();
  }

  @Override
  public void close() {
    child.close();
  }
}
