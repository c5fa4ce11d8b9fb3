package dev.quiver.bench.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DuckDB's nested type names ({@code VARCHAR[]}, {@code STRUCT(sku BIGINT, qty INTEGER)[]}) turned into per-leaf SQL
 * that sums the hashes of a row's non-null leaf values, named as {@link dev.quiver.bench.checksum.ArrowDigester}
 * names nested leaves ({@code items[].sku}).
 */
final class DuckDbTypes {
  private DuckDbTypes() {}

  static boolean isNested(String type) {
    return type.endsWith("[]") || type.startsWith("STRUCT(");
  }

  /**
   * Adds, per leaf under {@code expr} of DuckDB type {@code type}, an expression giving one row's sum of leaf hashes
   * as HUGEINT (NULL when there is none).
   *
   * @throws UnsupportedByEngineException for MAP, UNION and other types without a canonical form
   */
  static void leafSums(String expr, String type, String path, int depth, Map<String, String> out)
      throws UnsupportedByEngineException {
    if (type.endsWith("[]")) {
      String inner = type.substring(0, type.length() - 2);
      String var = "x" + depth;
      Map<String, String> innerLeaves = new java.util.LinkedHashMap<>();
      leafSums(var, inner, path + "[]", depth + 1, innerLeaves);
      for (Map.Entry<String, String> e : innerLeaves.entrySet()) {
        out.put(e.getKey(), "list_sum(list_transform(" + expr + ", " + var + " -> " + e.getValue() + "))");
      }
    } else if (type.startsWith("STRUCT(") && type.endsWith(")")) {
      for (String[] field : fields(type.substring(7, type.length() - 1))) {
        String name = field[0];
        leafSums("struct_extract(" + expr + ", '" + name.replace("'", "''") + "')", field[1], path + "." + name,
            depth, out);
      }
    } else {
      out.put(path, "CASE WHEN " + expr + " IS NOT NULL THEN CAST(" + DuckDbEngine.hashExpression(expr, type)
          + " AS HUGEINT) END");
    }
  }

  /** Splits {@code a INT, "b c" STRUCT(x INT, y INT)} into {name, type} pairs at top-level commas. */
  static List<String[]> fields(String body) {
    List<String[]> out = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i <= body.length(); i++) {
      char c = i < body.length() ? body.charAt(i) : ',';
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        String f = body.substring(start, i).trim();
        String name;
        String type;
        if (f.startsWith("\"")) {
          int end = f.indexOf('"', 1);
          name = f.substring(1, end);
          type = f.substring(end + 1).trim();
        } else {
          int sp = f.indexOf(' ');
          name = f.substring(0, sp);
          type = f.substring(sp + 1).trim();
        }
        out.add(new String[] {name, type});
        start = i + 1;
      }
    }
    return out;
  }
}
