package dev.quiver.parquet.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.apache.parquet.column.values.bitpacking.BytePacker;
import org.apache.parquet.column.values.bitpacking.Packer;
import org.junit.jupiter.api.Test;

/** The generated unpackers against parquet-java's little-endian {@link BytePacker}, every width 0 to 32. */
class IntBitUnpackersTest {
  @Test
  void everyWidthUnpacksWhatParquetJavaPacks() {
    SplittableRandom random = new SplittableRandom(11);
    for (int width = 0; width <= 32; width++) {
      BytePacker packer = Packer.LITTLE_ENDIAN.newBytePacker(width);
      for (int trial = 0; trial < 50; trial++) {
        int groups = 1 + random.nextInt(5);
        int[] values = new int[8 * groups];
        for (int i = 0; i < values.length; i++) {
          values[i] = width == 32 ? random.nextInt() : width == 0 ? 0 : (int) random.nextLong(1L << width);
        }
        byte[] packed = new byte[width * groups + 3]; // trailing bytes that must not be read
        for (int g = 0; g < groups; g++) {
          packer.pack8Values(values, 8 * g, packed, width * g);
        }
        int[] out = new int[values.length + 2];
        IntBitUnpackers.unpack(width, packed, 0, out, 1, groups);
        int[] got = java.util.Arrays.copyOfRange(out, 1, 1 + values.length);
        assertArrayEquals(values, got, "width " + width);
      }
    }
  }
}
