package dev.quiver.codec;

import static dev.quiver.codec.TestData.ascii;
import static dev.quiver.codec.TestData.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.api.Test;

/**
 * LZ4_RAW against blocks assembled from the LZ4 block format and against lz4-java's pure-Java implementation (the
 * codec itself runs the JNI binding where it loads).
 */
class Lz4RawCodecTest {
  private static final CodecName LZ4_RAW = CodecName.LZ4_RAW;
  private static final LZ4Factory JAVA = LZ4Factory.safeInstance();

  @Test
  void readsABlockAssembledFromTheBlockFormat() {
    byte[] block = hex(
        "44 61626364 0400" // token: 4 literals "abcd", match of 4 + 4 = 8 at offset 4
        + "50 767778797a"); // last sequence: 5 literals "vwxyz"
    byte[] expected = ascii("abcdabcdabcdvwxyz");

    assertArrayEquals(expected, TestData.decompress(LZ4_RAW, block, expected.length));
    assertArrayEquals(expected, TestData.decompressDirect(LZ4_RAW, block, expected.length));
  }

  @Test
  void agreesWithThePureJavaImplementationBothWays() {
    byte[] data = TestData.compressible(300_000, 12);

    byte[] ours = TestData.compress(LZ4_RAW, data);
    byte[] decoded = new byte[data.length];
    assertEquals(data.length, JAVA.safeDecompressor().decompress(ours, 0, ours.length, decoded, 0, data.length));
    assertArrayEquals(data, decoded);

    byte[] theirs = JAVA.highCompressor().compress(data);
    assertArrayEquals(data, TestData.decompress(LZ4_RAW, theirs, data.length));
  }

  @Test
  void rejectsABlockWithTrailingBytes() {
    byte[] block = hex("50 68656c6c6f"); // "hello"
    assertArrayEquals(ascii("hello"), TestData.decompress(LZ4_RAW, block, 5));

    byte[] longer = Arrays.copyOf(block, block.length + 1);
    assertThrows(CodecException.class, () -> TestData.decompress(LZ4_RAW, longer, 5));
  }

  @Test
  void rejectsAMatchReachingBeforeTheOutput() {
    byte[] block = hex("14 61 0500 50 7677787980"); // one literal, then a match at offset 5
    assertThrows(CodecException.class, () -> TestData.decompress(LZ4_RAW, block, 11));
  }
}
