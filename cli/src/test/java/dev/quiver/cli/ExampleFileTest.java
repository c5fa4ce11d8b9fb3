package dev.quiver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quiver.cli.tools.ExampleWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code examples/trips.parquet} is what examples/README.md says: written by {@link ExampleWriter} (parquet-java),
 * which writes the same rows today, and {@code quiver cat} prints it as parquet-java reads it. The bytes are not
 * compared: parquet-java lists a chunk's encodings in hash-set order, which varies from run to run.
 */
class ExampleFileTest {
  @TempDir
  Path tmp;

  /** The committed example, found from the module folder the build runs tests in. */
  static Path committedExample() {
    Path file = Paths.get(System.getProperty("basedir", ".")).toAbsolutePath().resolve("../examples/trips.parquet")
        .normalize();
    assertTrue(Files.isRegularFile(file), "missing " + file);
    return file;
  }

  @Test
  void theCommittedExampleHoldsTheRowsTheWriterWrites() throws IOException {
    Path fresh = tmp.resolve("trips.parquet");
    ExampleWriter.write(fresh);
    List<ObjectNode> expected = ParquetJavaJsonl.read(fresh, null);
    List<ObjectNode> committed = ParquetJavaJsonl.read(committedExample(), null);
    assertEquals(ExampleWriter.ROWS, expected.size());
    assertEquals(expected, committed);
  }

  @Test
  void theExampleIsSmallSnappyAndHasSeveralRowGroups() throws IOException {
    Path file = committedExample();
    assertTrue(Files.size(file) < 100 * 1024, "commit-size small");
    ParquetMetadata footer;
    try (org.apache.parquet.hadoop.ParquetFileReader reader =
             org.apache.parquet.hadoop.ParquetFileReader.open(new LocalInputFile(file))) {
      footer = reader.getFooter();
    }
    assertEquals(ExampleWriter.SCHEMA, footer.getFileMetaData().getSchema());
    assertTrue(footer.getBlocks().size() > 1);
    for (BlockMetaData block : footer.getBlocks()) {
      for (ColumnChunkMetaData c : block.getColumns()) {
        assertEquals(CompressionCodecName.SNAPPY, c.getCodec());
      }
    }
  }

  @Test
  void catPrintsTheExampleAsParquetJavaReadsIt() throws IOException {
    Path file = committedExample();
    List<ObjectNode> expected = ParquetJavaJsonl.read(file, null);
    Cli.Result r = Cli.run("cat", file.toString());
    assertEquals(0, r.status(), r::toString);
    List<JsonNode> actual = JsonTrees.parseLines(r.out());
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      assertNull(JsonTrees.difference(expected.get(i), actual.get(i), "row " + i));
    }
    // the first row, by hand from the file's documentation (examples/README.md)
    assertEquals("{\"id\":1,\"vendor\":\"Metro Taxi\",\"pickup_time\":\"2024-03-01T00:23:11Z\",\"fare\":26.69,"
        + "\"passengers\":2,\"tip\":\"5.07\",\"pickup_date\":\"2024-03-01\",\"card\":true}", r.outLines().get(0));
  }
}
