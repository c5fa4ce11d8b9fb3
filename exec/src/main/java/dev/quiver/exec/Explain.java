package dev.quiver.exec;

import dev.quiver.exec.op.Operator;

/** Renders an operator tree: one operator a line, children indented, with run-time counters for EXPLAIN ANALYZE. */
public final class Explain {
  private Explain() {}

  /** The tree under {@code root}; {@code analyze} adds each operator's {@link dev.quiver.exec.op.OperatorStats}. */
  public static String render(Operator root, boolean analyze) {
    StringBuilder sb = new StringBuilder();
    render(root, analyze, 0, sb);
    return sb.toString();
  }

  private static void render(Operator op, boolean analyze, int depth, StringBuilder sb) {
    sb.append("  ".repeat(depth)).append(depth == 0 ? "" : "-> ").append(op.describe());
    if (analyze) {
      sb.append("  [").append(op.stats()).append(']');
    }
    sb.append('\n');
    // a parallel plan prints each thread's copy of its chain, each with its own counters
    for (Operator child : op.children()) {
      render(child, analyze, depth + 1, sb);
    }
  }
}
