package dev.quiver.codec;

import static dev.quiver.codec.TestData.ascii;
import static dev.quiver.codec.TestData.assertMessageContains;
import static dev.quiver.codec.TestData.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

/** SNAPPY against blocks assembled from {@code format_description.txt} and snappy-java's own one-shot calls. */
class SnappyCodecTest {
  private static final CodecName SNAPPY = CodecName.SNAPPY;

  @Test
  void readsABlockAssembledFromTheFormatDescription() {
    byte[] block = hex(
        "12" // varint: 18 uncompressed bytes
        + "08 616263" // literal, length 3: "abc"
        + "15 03" // copy with 1-byte offset: length 4 + 5 = 9, offset 3
        + "16 0c00"); // copy with 2-byte offset: length 5 + 1 = 6, offset 12
    byte[] expected = ascii("abcabcabcabcabcabc");

    assertArrayEquals(expected, TestData.decompress(SNAPPY, block, expected.length));
    assertArrayEquals(expected, TestData.decompressDirect(SNAPPY, block, expected.length));
  }

  @Test
  void agreesWithSnappyJavaBothWays() throws IOException {
    byte[] data = TestData.compressible(200_000, 4);

    assertArrayEquals(data, Snappy.uncompress(TestData.compress(SNAPPY, data)));
    assertArrayEquals(data, TestData.decompress(SNAPPY, Snappy.compress(data), data.length));
  }

  @Test
  void checksTheHeaderLengthBeforeWriting() {
    byte[] block = hex("0c 08 616263 15 03"); // declares 12 bytes

    CodecException e = assertThrows(CodecException.class, () -> TestData.decompress(SNAPPY, block, 13));
    assertMessageContains(e, "SNAPPY: header declares 12 uncompressed bytes, expected 13");
    assertEquals(0, e.inputOffset());
  }

  @Test
  void reportsAHugeDeclaredLengthUnsigned() {
    byte[] block = hex("ffffffff0f 00"); // varint 2^32 - 1

    assertMessageContains(assertThrows(CodecException.class, () -> TestData.decompress(SNAPPY, block, 1)),
        "4294967295");
  }
}
