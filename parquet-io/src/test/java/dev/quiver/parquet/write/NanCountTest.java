package dev.quiver.parquet.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.quiver.parquet.format.ColumnChunk;
import dev.quiver.parquet.format.thrift.CompactReader;
import dev.quiver.parquet.read.ParquetFileReader;
import dev.quiver.parquet.testing.LeakCheckedAllocator;
import dev.quiver.store.local.LocalFileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * parquet.thrift's {@code Statistics.nan_count} (field 9, "must be set for floating point types, even if it is
 * zero") and {@code ColumnIndex.nan_counts} (field 8), and {@code FileMetaData.version} 1; the counts are checked
 * against counts made from the input, the column index bytes decoded field by field, and parquet-java and DuckDB
 * still read the file.
 */
class NanCountTest {
  private static final int ROWS = 3000;
  private static final int PAGE_ROWS = 500;

  /** Field 8 of the Thrift compact ColumnIndex struct in {@code bytes}, or null when absent. */
  private static long[] nanCounts(byte[] bytes) {
    CompactReader r = new CompactReader(bytes, 0, bytes.length, 0);
    r.beginStruct();
    long[] out = null;
    while (r.nextField()) {
      if (r.fieldId() == 8) {
        out = new long[r.listField(CompactReader.I64)];
        for (int i = 0; i < out.length; i++) {
          out[i] = r.readI64();
        }
      } else {
        r.skipField();
      }
    }
    return out;
  }

  @Test
  void floatingPointColumnsCarryNanCountsAndTheFooterVersionIsOne(@TempDir Path dir) throws Exception {
    Schema schema = new Schema(List.of(
        Field.nullable("f", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)),
        Field.nullable("d", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
        Field.nullable("i", new ArrowType.Int(64, true))));
    long[] expectedPageNans = new long[ROWS / PAGE_ROWS];
    long nanTotal = 0;
    double finiteSum = 0;
    try (LeakCheckedAllocator a = new LeakCheckedAllocator(); LocalFileSystem fs = new LocalFileSystem(dir);
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, a.get())) {
      Float4Vector f = (Float4Vector) root.getVector("f");
      Float8Vector d = (Float8Vector) root.getVector("d");
      BigIntVector i = (BigIntVector) root.getVector("i");
      root.allocateNew();
      for (int r = 0; r < ROWS; r++) {
        if (r % 7 == 0) {
          f.setNull(r);
        } else if (r % 3 == 0 && (r / PAGE_ROWS) % 2 == 0) { // NaNs in every other page only
          f.set(r, Float.NaN);
          expectedPageNans[r / PAGE_ROWS]++;
          nanTotal++;
        } else {
          f.set(r, r * 0.5f);
          finiteSum += r * 0.5f;
        }
        d.set(r, r * 0.25);
        i.set(r, r);
      }
      root.setRowCount(ROWS);
      try (ParquetWriter w = ParquetWriter.open(fs, "n.parquet", schema, WriterProperties.builder()
          .dictionary(false).dataPageRowLimit(PAGE_ROWS).build())) {
        w.write(root);
      }
    }
    byte[] file = Files.readAllBytes(dir.resolve("n.parquet"));
    try (ParquetFileReader r = ParquetFileReader.open(dir.resolve("n.parquet").toString())) {
      assertEquals(1, r.metadata().version());
      List<ColumnChunk> chunks = r.metadata().rowGroups().get(0).columns();
      assertEquals(nanTotal, chunks.get(0).metaData().statistics().nanCount());
      assertEquals(0L, chunks.get(1).metaData().statistics().nanCount(), "set even when zero");
      assertNull(chunks.get(2).metaData().statistics().nanCount(), "integers have none");
      long[] want = {ROWS / PAGE_ROWS, 0, 0};
      for (int c = 0; c < 3; c++) {
        ColumnChunk chunk = chunks.get(c);
        assertNotNull(chunk.columnIndexOffset(), "column index of column " + c);
        int at = (int) (long) chunk.columnIndexOffset();
        long[] got = nanCounts(Arrays.copyOfRange(file, at, at + chunk.columnIndexLength()));
        if (c == 0) {
          assertArrayEquals(expectedPageNans, got);
        } else if (c == 1) {
          assertArrayEquals(new long[(int) want[0]], got);
        } else {
          assertNull(got);
        }
      }
    }
    try (org.apache.parquet.hadoop.ParquetFileReader r = org.apache.parquet.hadoop.ParquetFileReader.open(
        new org.apache.parquet.io.LocalInputFile(dir.resolve("n.parquet")))) {
      assertEquals(ROWS, r.getRecordCount());
      var chunk = r.getFooter().getBlocks().get(0).getColumns().get(0);
      assertEquals(ROWS / PAGE_ROWS, r.readColumnIndex(chunk).getMinValues().size());
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FILTER (WHERE isnan(f)), sum(f) FILTER (WHERE NOT isnan(f)),"
            + " sum(i) FROM read_parquet('" + dir.resolve("n.parquet").toString().replace("'", "''") + "')")) {
      rs.next();
      assertEquals(nanTotal, rs.getLong(1));
      assertEquals(finiteSum, rs.getDouble(2), 1e-3 * finiteSum);
      assertEquals((long) ROWS * (ROWS - 1) / 2, rs.getLong(3));
    }
  }
}
