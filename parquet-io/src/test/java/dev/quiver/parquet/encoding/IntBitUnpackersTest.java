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

  /**
   * The word path (groups read as 64-bit words) and the byte path at the array's end: groups packed at an offset
   * into arrays that end exactly after the data, a few bytes later, or far later, so every split between the two
   * paths occurs at every width.
   */
  @Test
  void wordAndBytePathsAgreeWhereverTheArrayEnds() {
    SplittableRandom random = new SplittableRandom(12);
    for (int width = 0; width <= 32; width++) {
      BytePacker packer = Packer.LITTLE_ENDIAN.newBytePacker(width);
      for (int padding : new int[] {0, 1, 7, 8, 40}) {
        for (int start : new int[] {0, 3}) {
          int groups = 1 + random.nextInt(12);
          int[] values = new int[8 * groups];
          for (int i = 0; i < values.length; i++) {
            values[i] = width == 32 ? random.nextInt() : width == 0 ? 0 : (int) random.nextLong(1L << width);
          }
          byte[] packed = new byte[start + width * groups + padding];
          random.nextBytes(packed); // bytes around the data must not leak into the values
          for (int g = 0; g < groups; g++) {
            packer.pack8Values(values, 8 * g, packed, start + width * g);
          }
          int[] out = new int[values.length];
          IntBitUnpackers.unpack(width, packed, start, out, 0, groups);
          assertArrayEquals(values, out, "width " + width + ", padding " + padding + ", start " + start);
        }
      }
    }
  }
}
