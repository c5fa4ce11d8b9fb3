package dev.quiver.bench.jmh;

import dev.quiver.bench.data.Datasets;
import java.nio.file.Path;

/** Where benchmarks find the dataset cache. */
final class BenchData {
  private BenchData() {}

  /** {@code -Dquiver.bench.data}, else {@code $QUIVER_BENCH_DATA}, else {@code bench/target/datasets} under the root. */
  static Path folder() {
    String prop = System.getProperty("quiver.bench.data");
    if (prop != null) {
      return Path.of(prop);
    }
    return Datasets.defaultFolder(Path.of(System.getProperty("quiver.root", ".")));
  }
}
