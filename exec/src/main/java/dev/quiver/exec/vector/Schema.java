package dev.quiver.exec.vector;

import dev.quiver.exec.types.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * The names and types of a relation's columns, in order.
 *
 * @param names column names (may repeat; lookup is case-insensitive and takes the first match)
 * @param types column types, as many as names
 */
public record Schema(List<String> names, List<DataType> types) {

  /** Copies the lists; they must be of equal length. */
  public Schema {
    names = List.copyOf(names);
    types = List.copyOf(types);
    if (names.size() != types.size()) {
      throw new IllegalArgumentException("names and types differ in count");
    }
  }

  /** Number of columns. */
  public int size() {
    return names.size();
  }

  /** The type of column {@code i}. */
  public DataType type(int i) {
    return types.get(i);
  }

  /** The name of column {@code i}. */
  public String name(int i) {
    return names.get(i);
  }

  /** Index of the column named {@code name} (case-insensitive), or -1. */
  public int indexOf(String name) {
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  /** A schema of the given columns. */
  public static Schema of(List<String> names, List<DataType> types) {
    return new Schema(names, types);
  }

  /** This schema followed by {@code other}'s columns. */
  public Schema concat(Schema other) {
    List<String> n = new ArrayList<>(names);
    n.addAll(other.names);
    List<DataType> t = new ArrayList<>(types);
    t.addAll(other.types);
    return new Schema(n, t);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(names.get(i)).append(' ').append(types.get(i));
    }
    return sb.append(')').toString();
  }
}
