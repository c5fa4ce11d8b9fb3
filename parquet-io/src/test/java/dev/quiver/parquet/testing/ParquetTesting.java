package dev.quiver.parquet.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Locates the Apache parquet-testing corpus for tests: the folder named by {@code QUIVER_PARQUET_TESTING}, else the
 * default the build passes ({@code ../shared/parquet-testing} beside the checkout). A missing corpus fails the test
 * loudly: the conformance tests must never pass by reading nothing.
 */
public final class ParquetTesting {
  private ParquetTesting() {}

  /** The corpus root (holding {@code data/} and {@code bad_data/}). */
  public static Path root() {
    String explicit = System.getenv("QUIVER_PARQUET_TESTING");
    String fallback = System.getenv("QUIVER_PARQUET_TESTING_DEFAULT");
    String chosen = explicit != null && !explicit.isBlank() ? explicit : fallback;
    if (chosen == null) {
      throw new IllegalStateException("parquet-testing corpus not configured: set QUIVER_PARQUET_TESTING");
    }
    Path root = Paths.get(chosen).toAbsolutePath().normalize();
    if (!Files.isDirectory(root.resolve("data")) || !Files.isDirectory(root.resolve("bad_data"))) {
      throw new IllegalStateException("parquet-testing corpus missing at " + root
          + " (set QUIVER_PARQUET_TESTING to the folder holding data/ and bad_data/)");
    }
    return root;
  }

  /** {@code data/}: valid files. */
  public static Path data() {
    return root().resolve("data");
  }

  /** {@code bad_data/}: corrupt files. */
  public static Path badData() {
    return root().resolve("bad_data");
  }

  /** One file of {@code data/}, which must exist. */
  public static Path dataFile(String name) {
    Path p = data().resolve(name);
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException("parquet-testing file missing: " + p);
    }
    return p;
  }
}
