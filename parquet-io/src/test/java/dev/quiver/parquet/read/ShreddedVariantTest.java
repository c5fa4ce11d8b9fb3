package dev.quiver.parquet.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quiver.parquet.testing.ParquetTesting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The {@code shredded_variant/} corpus: every Parquet file reads, as the nested structure it stores (a VARIANT group
 * of {@code metadata}, {@code value} and shredded {@code typed_value} fields, read as an Arrow struct), value for
 * value as parquet-java's record assembly reads it. Rebuilding the variant values themselves (unshredding into the
 * Variant binary encoding, checked against the {@code .variant.bin} files) is a later step.
 *
 * <p>The guard: every file of the folder is a Parquet file named by {@code cases.json}, a variant binary, or one
 * of the two documents, and every Parquet file {@code cases.json} names is present.
 */
class ShreddedVariantTest {
  private static Path folder() {
    return ParquetTesting.root().resolve("shredded_variant");
  }

  @Test
  void everyFileIsACaseFileOrADocument() throws IOException {
    TreeSet<String> named = new TreeSet<>();
    for (JsonNode c : new ObjectMapper().readTree(folder().resolve("cases.json").toFile())) {
      if (c.hasNonNull("parquet_file")) {
        named.add(c.get("parquet_file").asText());
      }
    }
    TreeSet<String> parquet = new TreeSet<>();
    try (Stream<Path> files = Files.list(folder())) {
      for (Path p : files.toList()) {
        String name = p.getFileName().toString();
        if (name.endsWith(".parquet")) {
          parquet.add(name);
        } else {
          assertTrue(name.endsWith(".variant.bin") || name.equals("cases.json") || name.equals("README.md"),
              "a file of shredded_variant/ without an expectation: " + name);
        }
      }
    }
    assertEquals(named, parquet, "the Parquet files and the cases naming them");
    assertTrue(parquet.size() > 100, "the corpus is there: " + parquet.size());
  }

  @TestFactory
  Stream<DynamicTest> everyFileReadsAsParquetJavaReadsIt() throws IOException {
    try (Stream<Path> files = Files.list(folder())) {
      return files.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList().stream()
          .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(),
              () -> ConformanceTest.compareWithParquetJava(f, f)));
    }
  }
}
