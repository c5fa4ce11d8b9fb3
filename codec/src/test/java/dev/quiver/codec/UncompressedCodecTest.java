package dev.quiver.codec;

import static dev.quiver.codec.TestData.assertMessageContains;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class UncompressedCodecTest {
  private static final CodecName UNCOMPRESSED = CodecName.UNCOMPRESSED;

  @Test
  void copiesTheBytesAsTheyAre() {
    byte[] data = TestData.random(1000, 1);
    assertArrayEquals(data, TestData.compress(UNCOMPRESSED, data));
    assertArrayEquals(data, TestData.decompress(UNCOMPRESSED, data, data.length));
    assertEquals(1000, TestData.codec(UNCOMPRESSED).maxCompressedLength(1000));
  }

  @Test
  void requiresTheInputToBeExactlyTheDeclaredLength() {
    byte[] data = TestData.random(10, 2);
    assertMessageContains(assertThrows(CodecException.class, () -> TestData.decompress(UNCOMPRESSED, data, 11)),
        "UNCOMPRESSED: input holds 10 bytes, expected 11");
    assertThrows(CodecException.class, () -> TestData.decompress(UNCOMPRESSED, data, 9));
  }
}
