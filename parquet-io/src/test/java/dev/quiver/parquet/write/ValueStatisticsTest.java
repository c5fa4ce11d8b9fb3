package dev.quiver.parquet.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.parquet.testing.LeakCheckedAllocator;
import dev.quiver.store.local.LocalFileSystem;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Min/max rules of parquet.thrift that the file-level tests do not reach on their own. */
class ValueStatisticsTest {

  @Test
  void truncatedBinaryMaxIsRoundedUpAndMinIsAPrefix() {
    byte[] v = {1, 2, (byte) 0xFF, (byte) 0xFF, 5};
    assertArrayEquals(new byte[] {1, 3}, ValueStatistics.truncateMax(v, 4, false));
    assertArrayEquals(new byte[] {1, 2, (byte) 0xFF, (byte) 0xFF}, ValueStatistics.truncateMin(v, 4, false));
    byte[] allFf = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
    assertArrayEquals(allFf, ValueStatistics.truncateMax(allFf, 2, false), "no upper bound shorter: kept whole");
  }

  @Test
  void truncatedTextKeepsWholeCharacters() {
    String s = "aé中😀b";
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8); // 1 + 2 + 3 + 4 + 1 bytes
    assertEquals("aé", new String(ValueStatistics.truncateMin(utf8, 5, true), StandardCharsets.UTF_8));
    byte[] max = ValueStatistics.truncateMax(utf8, 5, true);
    assertEquals("aê", new String(max, StandardCharsets.UTF_8));
    assertTrue(Arrays.compareUnsigned(max, utf8) > 0);
    byte[] top = new String(Character.toChars(Character.MAX_CODE_POINT)).repeat(3).getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(top, ValueStatistics.truncateMax(top, 5, true), "nothing to round up: kept whole");
  }

  @Test
  void truncatedMaxOfInvalidUtf8IsStillAnUpperBound() {
    byte[] allFf = new byte[100];
    Arrays.fill(allFf, (byte) 0xFF);
    assertArrayEquals(allFf, ValueStatistics.truncateMax(allFf, 64, true), "no shorter upper bound: kept whole");
    byte[] broken = new byte[100];
    Arrays.fill(broken, (byte) 'z');
    broken[0] = 'a';
    broken[1] = (byte) 0xC3; // a lead byte followed by no continuation byte
    byte[] max = ValueStatistics.truncateMax(broken, 64, true);
    assertTrue(max.length <= 64 && Arrays.compareUnsigned(max, broken) > 0, Arrays.toString(max));
    assertArrayEquals(Arrays.copyOf(broken, 63), Arrays.copyOf(max, 63));
    assertEquals('z' + 1, max[63]);
  }

  /**
   * A text column holding bytes that are not UTF-8: the chunk max and the column index max that parquet-java reads
   * are at least the largest value, compared as unsigned bytes.
   */
  @Test
  void invalidUtf8TextMaxStaysAnUpperBoundInTheFile(@TempDir Path dir) throws Exception {
    Schema schema = new Schema(List.of(Field.nullable("s", ArrowType.Utf8.INSTANCE)));
    byte[] top = new byte[100];
    Arrays.fill(top, (byte) 0xFF);
    try (LeakCheckedAllocator a = new LeakCheckedAllocator(); LocalFileSystem fs = new LocalFileSystem(dir);
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, a.get())) {
      VarCharVector s = (VarCharVector) root.getVector("s");
      s.allocateNew();
      s.setSafe(0, "abc".getBytes(StandardCharsets.UTF_8));
      s.setSafe(1, top);
      root.setRowCount(2);
      try (ParquetWriter w = ParquetWriter.open(fs, "t.parquet", schema, WriterProperties.builder()
          .dictionary(false).build())) {
        w.write(root);
      }
    }
    try (org.apache.parquet.hadoop.ParquetFileReader r = org.apache.parquet.hadoop.ParquetFileReader.open(
        new org.apache.parquet.io.LocalInputFile(dir.resolve("t.parquet")))) {
      var chunk = r.getFooter().getBlocks().get(0).getColumns().get(0);
      byte[] chunkMax = chunk.getStatistics().getMaxBytes();
      assertTrue(Arrays.compareUnsigned(chunkMax, top) >= 0, "chunk max " + Arrays.toString(chunkMax));
      ByteBuffer indexMax = r.readColumnIndex(chunk).getMaxValues().get(0);
      byte[] im = new byte[indexMax.remaining()];
      indexMax.duplicate().get(im);
      assertTrue(Arrays.compareUnsigned(im, top) >= 0, "column index max " + Arrays.toString(im));
    }
  }

  @Test
  void halfPrecisionConversionsMatchTheBinary16Definition() {
    for (int h = 0; h < 0x10000; h++) {
      int exp = (h >>> 10) & 0x1F;
      int mant = h & 0x3FF;
      double sign = (h & 0x8000) != 0 ? -1 : 1;
      double want = exp == 0 ? sign * mant * Math.pow(2, -24)
          : exp == 31 ? (mant == 0 ? sign * Double.POSITIVE_INFINITY : Double.NaN)
          : sign * (1 + mant / 1024.0) * Math.pow(2, exp - 15);
      float got = ValueStatistics.halfToFloat(h);
      if (Double.isNaN(want)) {
        assertTrue(Float.isNaN(got));
        continue;
      }
      assertEquals(want, got, 0.0, "half " + Integer.toHexString(h));
      assertEquals(h, ValueStatistics.floatToHalf(got), "back to half " + Integer.toHexString(h));
    }
  }

  @Test
  void unsignedLongsAndSignedDecimalsOrder() {
    ValueBatch v = new ValueBatch();
    v.longs = new long[] {-1L, 5L, Long.MIN_VALUE};
    v.count = 3;
    ValueStatistics u = new ValueStatistics(SortOrder.INT64_UNSIGNED, 0);
    u.update(v, 0, 3);
    assertArrayEquals(le(5L), u.min(64, false));
    assertArrayEquals(le(-1L), u.max(64, false));
    ValueBatch d = new ValueBatch();
    d.bytes = new byte[] {(byte) 0xFF, 0x00, 0x01, 0x00, 0x7F, 0x00};
    d.count = 3;
    ValueStatistics s = new ValueStatistics(SortOrder.BYTES_SIGNED, 2);
    s.update(d, 0, 3);
    assertArrayEquals(new byte[] {(byte) 0xFF, 0x00}, s.min(64, false));
    assertArrayEquals(new byte[] {0x7F, 0x00}, s.max(64, false));
  }

  private static byte[] le(long x) {
    byte[] b = new byte[8];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (x >>> (8 * i));
    }
    return b;
  }
}
