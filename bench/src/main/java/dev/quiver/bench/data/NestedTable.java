package dev.quiver.bench.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * A nested table: {@code id BIGINT}, {@code tags LIST<VARCHAR>} (null, empty or up to 5 tags, some null),
 * {@code point STRUCT<x DOUBLE, y DOUBLE>} (10% null) and {@code items LIST<STRUCT<sku BIGINT, qty INT>>}, written
 * by parquet-java's example {@code Group} writer with the standard three-level LIST layout. Quiver does not read
 * nested columns yet: the harness reports it unsupported there and measures the peers.
 */
public final class NestedTable {
  /** The Parquet schema. */
  public static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
      message nested {
        required int64 id;
        optional group tags (LIST) { repeated group list { optional binary element (STRING); } }
        optional group point { required double x; required double y; }
        optional group items (LIST) { repeated group list { optional group element { required int64 sku; optional int32 qty; } } }
      }""");

  private final long rows;

  /** @param rows the row count, >= 0 */
  public NestedTable(long rows) {
    this.rows = rows;
  }

  /** The table's name. */
  public String name() {
    return "nested";
  }

  /** The row count. */
  public long rowCount() {
    return rows;
  }

  /** The columns a projected scan reads. */
  public List<String> projection() {
    return List.of("id", "point");
  }

  /**
   * Writes the table to {@code path} (through a temporary file) with {@code codec}.
   *
   * @throws UncheckedIOException when writing fails
   */
  public void write(Path path, Codec codec) {
    Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
    SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
    SplittableRandom r = new SplittableRandom(11);
    try {
      Files.deleteIfExists(tmp);
      try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(tmp)).withType(SCHEMA)
          .withConf(new Configuration(false)).withCompressionCodec(codec.parquetJava())
          .withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build()) {
        for (long i = 0; i < rows; i++) {
          Group g = groups.newGroup();
          g.add("id", i);
          int tagKind = r.nextInt(10);
          if (tagKind > 0) {
            Group tags = g.addGroup("tags");
            int n = tagKind == 1 ? 0 : r.nextInt(1, 6);
            for (int k = 0; k < n; k++) {
              Group e = tags.addGroup("list");
              if (r.nextInt(20) > 0) {
                e.add("element", "tag" + r.nextInt(500));
              }
            }
          }
          if (r.nextInt(10) > 0) {
            Group p = g.addGroup("point");
            p.add("x", r.nextInt(1 << 20) / 16.0);
            p.add("y", r.nextInt(1 << 20) / 16.0);
          }
          if (r.nextInt(8) > 0) {
            Group items = g.addGroup("items");
            int n = r.nextInt(0, 4);
            for (int k = 0; k < n; k++) {
              Group e = items.addGroup("list");
              if (r.nextInt(30) > 0) {
                Group item = e.addGroup("element");
                item.add("sku", r.nextLong(1_000_000));
                if (r.nextInt(5) > 0) {
                  item.add("qty", r.nextInt(1, 50));
                }
              }
            }
          }
          w.write(g);
        }
      }
      Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + path, e);
    }
  }
}
