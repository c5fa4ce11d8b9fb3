package dev.quiver.parquet.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

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
