package dev.quiver.bench.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.bench.checksum.Digest;
import dev.quiver.bench.data.DatasetFile;
import dev.quiver.bench.data.Datasets;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every engine reads every generated file (nested included), full and projected, to the same digest as
 * parquet-java's column API.
 */
class EnginesAgreeTest {
  @TempDir
  static Path dir;
  static List<DatasetFile> files;
  static List<Engine> engines = new ArrayList<>();

  @BeforeAll
  static void generate() throws Exception {
    files = new Datasets(dir, 0.0005).ensureAll(new PrintStream(OutputStream.nullOutputStream()));
    engines.add(new QuiverEngine(1));
    engines.add(new QuiverEngine(2));
    engines.add(new ParquetJavaRecordEngine());
    engines.add(new ArrowDatasetEngine());
    engines.add(new DuckDbEngine(1));
    engines.add(new DuckDbEngine(0));
  }

  @AfterAll
  static void close() throws Exception {
    for (Engine e : engines) {
      e.close();
    }
  }

  @Test
  void allEnginesAgreeOnEveryFile() throws Exception {
    ParquetJavaColumnEngine reference = new ParquetJavaColumnEngine();
    int compared = 0;
    for (DatasetFile f : files) {
      for (List<String> columns : java.util.Arrays.asList(null, f.projection())) {
        Digest expected = reference.scan(f, columns);
        assertTrue(expected.rows() > 0, f.label());
        for (Engine e : engines) {
          Digest got = e.scan(f, columns); // every engine reads every generated file today, nested included
          assertEquals(List.of(), expected.differences(got), e.name() + " on " + f.label() + " " + columns);
          compared++;
        }
      }
    }
    assertTrue(compared > 40, "compared " + compared);
  }
}
