package dev.quiver.exec.expr;

/** Null-flag helpers shared by the kernels. */
final class Nulls {
  private Nulls() {}

  /** Rows null in either input (null when neither has nulls). */
  static boolean[] or(boolean[] a, boolean[] b, int n) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    boolean[] out = new boolean[n];
    for (int i = 0; i < n; i++) {
      out[i] = a[i] | b[i];
    }
    return out;
  }

  /** A copy of {@code a} (or a fresh all-false array). */
  static boolean[] copy(boolean[] a, int n) {
    return a == null ? new boolean[n] : java.util.Arrays.copyOf(a, n);
  }
}
