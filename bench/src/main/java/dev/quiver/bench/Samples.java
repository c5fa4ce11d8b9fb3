package dev.quiver.bench;

import java.util.Arrays;
import java.util.List;

/** Order statistics of timing samples (seconds), as the harness tables print them. */
public final class Samples {
  private Samples() {}

  /** The median of {@code values} (mean of the middle two for an even count); NaN when empty. */
  public static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double[] a = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(a);
    int n = a.length;
    return n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
  }

  /** The smallest value; NaN when empty. */
  public static double min(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  /** The largest value; NaN when empty. */
  public static double max(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }
}
