package dev.quiver.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.bench.checksum.Digest;
import dev.quiver.bench.data.DatasetFile;
import dev.quiver.bench.engine.Engine;
import dev.quiver.bench.engine.ParquetJavaColumnEngine;
import dev.quiver.bench.engine.UnsupportedByEngineException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness end to end on a tiny file, and its handling of a disagreeing or an unsupporting engine. */
class CompareTest {
  @TempDir
  Path dir;

  private Compare.Options options(String... extra) {
    List<String> args = new ArrayList<>(List.of("--quick", "--sf", "0.0005", "--data", dir.resolve("data").toString(),
        "--results", dir.resolve("RESULTS.md").toString(), "--only", "lineitem/duckdb/snappy"));
    args.addAll(List.of(extra));
    return Compare.Options.parse(args.toArray(new String[0]), dir);
  }

  @Test
  void quickRunWritesTheTable() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    int failures = Compare.run(options(), new PrintStream(log, true, StandardCharsets.UTF_8));
    assertEquals(0, failures, log.toString(StandardCharsets.UTF_8));
    String md = Files.readString(dir.resolve("RESULTS.md"));
    assertTrue(md.contains("QUICK run"), md);
    for (String engine : List.of("quiver", "quiver-2t", "pj-column", "pj-record", "arrow-dataset", "duckdb-1t")) {
      assertTrue(md.contains("| lineitem/duckdb/snappy | full | " + engine + " | "), engine + "\n" + md);
    }
    assertTrue(md.contains("| lineitem/duckdb/snappy | projected | SNAPPY |"), md);
    for (String codec : List.of("snappy", "zstd", "uncompressed")) {
      for (String engine : List.of("quiver", "pj-column", "pj-record")) {
        assertTrue(md.contains("| " + codec + " | " + engine + " | "), codec + " " + engine + "\n" + md);
      }
    }
    for (String file : List.of("lineitem/duckdb/snappy", "lineitem/pj-v1/snappy")) {
      for (String query : List.of("Q1", "Q6")) {
        for (String engine : List.of("quiver-1t", "quiver-2t", "duckdb-1t", "duckdb-2t")) {
          assertTrue(md.contains("| " + file + " | " + query + " | " + engine + " | "), file + query + engine + md);
        }
      }
    }
    assertTrue(md.indexOf("<!-- part:scan -->") < md.indexOf("<!-- part:write -->")
        && md.indexOf("<!-- part:write -->") < md.indexOf("<!-- part:query -->"), md);
  }

  @Test
  void aPartialRunKeepsTheOtherSectionsAndTheNotes() throws Exception {
    String legacy = """
        # Benchmark results

        Written by `bench/run.sh` (dev.quiver.bench.Compare). Scale factor 1.0, an older run.

        | file | scan | engine | median s |
        | lineitem/duckdb/snappy | full | quiver | 1.000 |

        ## Floors

        old floors

        ## Notes

        hand-written note
        """;
    Files.writeString(dir.resolve("RESULTS.md"), legacy);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    int failures = Compare.run(options("--parts", "query"), new PrintStream(log, true, StandardCharsets.UTF_8));
    assertEquals(0, failures, log.toString(StandardCharsets.UTF_8));
    String md = Files.readString(dir.resolve("RESULTS.md"));
    assertTrue(md.contains("<!-- part:scan -->\n## Scans\n\nWritten by `bench/run.sh` (dev.quiver.bench.Compare). "
        + "Scale factor 1.0, an older run."), md);
    assertTrue(md.contains("| lineitem/duckdb/snappy | full | quiver | 1.000 |\n\n## Floors\n\nold floors"), md);
    assertTrue(md.contains("| lineitem/duckdb/snappy | Q6 | quiver-1t | "), md);
    assertTrue(md.endsWith("## Notes\n\nhand-written note\n"), md);
    assertEquals(-1, md.indexOf("part:write"), md);

    // a second partial run replaces the query section and keeps the marked scan section as it was
    failures = Compare.run(options("--parts", "query"), new PrintStream(log, true, StandardCharsets.UTF_8));
    assertEquals(0, failures, log.toString(StandardCharsets.UTF_8));
    String again = Files.readString(dir.resolve("RESULTS.md"));
    assertEquals(1, again.split("<!-- part:query -->", -1).length - 1, again);
    assertEquals(md.substring(0, md.indexOf("<!-- part:query -->")),
        again.substring(0, again.indexOf("<!-- part:query -->")));
  }

  @Test
  void unknownPartsAreRejected() {
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> options("--parts", "scan,plot"));
  }

  @Test
  void aDisagreementIsAFailureNamingEngineAndColumn() throws Exception {
    DatasetFile file = generatedFile();
    Engine wrong = new Engine() {
      @Override
      public String name() {
        return "wrong";
      }

      @Override
      public Digest scan(DatasetFile f, List<String> columns) throws Exception {
        Digest d = new ParquetJavaColumnEngine().scan(f, columns);
        d.add("l_tax", 1);
        return d;
      }
    };
    Engine lacking = new Engine() {
      @Override
      public String name() {
        return "lacking";
      }

      @Override
      public Digest scan(DatasetFile f, List<String> columns) throws UnsupportedByEngineException {
        throw new UnsupportedByEngineException("no such feature", null);
      }
    };
    Compare.Scan scan = new Compare.Scan(file, "full", null);
    List<String> failures = new ArrayList<>();
    Compare.measure(scan, List.of(new ParquetJavaColumnEngine(), wrong, lacking), options(),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), failures);
    assertEquals(1, failures.size(), failures.toString());
    assertTrue(failures.get(0).contains("wrong") && failures.get(0).contains("column l_tax"), failures.get(0));
    assertEquals("CHECKSUM MISMATCH", scan.cells.get("wrong").status);
    assertTrue(scan.cells.get("lacking").status.startsWith("unsupported"));
    assertEquals(1, scan.cells.get("pj-column").seconds.size());
  }

  private DatasetFile generatedFile() {
    return new dev.quiver.bench.data.Datasets(dir.resolve("data"), 0.0005).ensureFlat(
        new dev.quiver.bench.data.LineitemTable(0.0005),
        List.of(new dev.quiver.bench.data.Datasets.Variant(dev.quiver.bench.data.Writer.DUCKDB,
            dev.quiver.bench.data.Codec.SNAPPY)), new PrintStream(new ByteArrayOutputStream())).get(0);
  }
}
