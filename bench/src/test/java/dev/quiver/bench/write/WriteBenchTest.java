package dev.quiver.bench.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.bench.data.Codec;
import dev.quiver.bench.data.Datasets;
import dev.quiver.bench.data.Writer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write part: good writers pass DuckDB's read-back and are timed; a writer that loses a row is caught. */
class WriteBenchTest {
  @TempDir
  Path dir;

  @Test
  void goodWritersAreTimedALossyOneFails() throws Exception {
    Datasets datasets = new Datasets(dir.resolve("data"), 0.0005);
    Path file = datasets.ensureFlat(datasets.lineitem(), List.of(new Datasets.Variant(Writer.DUCKDB, Codec.SNAPPY)),
        new PrintStream(new ByteArrayOutputStream())).get(0).path();
    WriteEngine lossy = new WriteEngine() {
      @Override
      public String name() {
        return "lossy";
      }

      @Override
      public void write(Schema schema, List<VectorSchemaRoot> batches, Path out, WriteSettings settings)
          throws Exception {
        VectorSchemaRoot last = batches.get(batches.size() - 1);
        try (VectorSchemaRoot shorter = last.slice(0, last.getRowCount() - 1)) {
          List<VectorSchemaRoot> all = new ArrayList<>(batches.subList(0, batches.size() - 1));
          all.add(shorter);
          new QuiverWriteEngine().write(schema, all, out, settings);
        }
      }
    };
    List<String> failures = new ArrayList<>();
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try (SourceBatches source = new SourceBatches(file)) {
      List<WriteEngine> engines = new ArrayList<>(WriteBench.allEngines());
      engines.add(lossy);
      WriteBench bench = new WriteBench(source, engines, dir.resolve("out"));
      WriteBench.Case c = bench.run(Codec.ZSTD, 0, 2, new PrintStream(log, true, StandardCharsets.UTF_8), failures);
      for (String engine : List.of("quiver", "pj-column", "pj-record")) {
        WriteBench.Cell cell = c.cells.get(engine);
        assertNull(cell.status, engine + ": " + log.toString(StandardCharsets.UTF_8));
        assertEquals(2, cell.seconds.size());
        assertTrue(cell.fileBytes > 0);
      }
      assertEquals("CHECKSUM MISMATCH", c.cells.get("lossy").status);
      assertEquals(1, failures.size(), failures.toString());
      assertTrue(failures.get(0).contains("lossy") && failures.get(0).contains("differs"), failures.get(0));
      String table = WriteBench.table(List.of(c), source.rows());
      assertTrue(table.contains("| zstd | pj-column | "), table);
      assertTrue(table.contains("| zstd | lossy | CHECKSUM MISMATCH |"), table);
    }
  }
}
