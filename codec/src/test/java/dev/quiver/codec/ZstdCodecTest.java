package dev.quiver.codec;

import static dev.quiver.codec.TestData.ascii;
import static dev.quiver.codec.TestData.assertMessageContains;
import static dev.quiver.codec.TestData.concat;
import static dev.quiver.codec.TestData.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** ZSTD against zstd-jni's streaming classes, the zstd command line tool and frames assembled from RFC 8878. */
class ZstdCodecTest {
  private static final CodecName ZSTD = CodecName.ZSTD;

  /** Magic, a Single_Segment descriptor with a 1-byte content size of 0, one empty last raw block (RFC 8878). */
  private static final byte[] EMPTY_FRAME = hex("28b52ffd 20 00 010000");

  @Test
  void decodesAValidStreamOfZeroBytes() throws IOException {
    assertArrayEquals(new byte[0], TestData.decompress(ZSTD, EMPTY_FRAME, 0));
    assertArrayEquals(new byte[0], TestData.decompressDirect(ZSTD, EMPTY_FRAME, 0));
    try (ZstdInputStream in = new ZstdInputStream(new ByteArrayInputStream(EMPTY_FRAME))) {
      assertEquals(-1, in.read(), "the hand-made frame is valid for zstd itself");
    }
    assertArrayEquals(new byte[0], TestData.decompress(ZSTD, zstdStream(new byte[0]), 0));
    assertArrayEquals(new byte[0], TestData.decompress(ZSTD, TestData.compress(ZSTD, new byte[0]), 0));

    assertThrows(CodecException.class, () -> TestData.decompress(ZSTD, EMPTY_FRAME, 1));
  }

  @Test
  void decodesFramesWithoutAContentSize() throws IOException {
    byte[] data = TestData.compressible(300_000, 8);
    byte[] frame = zstdStream(data);
    int descriptor = frame[4] & 0xff;
    assertEquals(0, descriptor >>> 6, "streaming frames declare no content size");
    assertEquals(0, descriptor & 0x20, "and are not single-segment");

    assertArrayEquals(data, TestData.decompress(ZSTD, frame, data.length));
    assertArrayEquals(data, TestData.decompressDirect(ZSTD, frame, data.length));
  }

  @Test
  void decodesConcatenatedFramesAndSkipsSkippableOnes() throws IOException {
    byte[] first = TestData.compressible(70_000, 1);
    byte[] second = TestData.random(1000, 2);
    byte[] skippable = hex("502a4d18 03000000 aabbcc");
    byte[] stream = concat(zstdStream(first), skippable, TestData.compress(ZSTD, second), EMPTY_FRAME);

    assertArrayEquals(concat(first, second), TestData.decompress(ZSTD, stream, first.length + second.length));
  }

  @Test
  void readsTheCommandLineToolsOutput() {
    // printf 'zstd from the command line, zstd from the command line\n' | zstd -c --check
    byte[] frame = hex("28b52ffd04581d0100e87a7374642066726f6d2074686520636f6d6d616e64206c696e652c20"
        + "0a0100bc3d9ddc23be29");
    byte[] expected = ascii("zstd from the command line, zstd from the command line\n");

    assertArrayEquals(expected, TestData.decompress(ZSTD, frame, expected.length));
    byte[] corrupt = frame.clone();
    corrupt[corrupt.length - 1] ^= 1; // the XXH64 checksum
    assertThrows(CodecException.class, () -> TestData.decompress(ZSTD, corrupt, expected.length));
  }

  @Test
  void writesWhatZstdInputStreamReads() throws IOException {
    byte[] data = TestData.compressible(500_000, 3);
    try (ZstdInputStream in = new ZstdInputStream(new ByteArrayInputStream(TestData.compress(ZSTD, data)))) {
      assertArrayEquals(data, in.readAllBytes());
    }
  }

  @Test
  void namesOutputBeyondTheDeclaredLength() {
    byte[] data = TestData.compressible(10_000, 5);
    byte[] frame = TestData.compress(ZSTD, data);

    assertMessageContains(assertThrows(CodecException.class, () -> TestData.decompress(ZSTD, frame, 9_999)),
        "ZSTD: decompresses to more than the expected 9999 bytes");
    assertMessageContains(assertThrows(CodecException.class, () -> TestData.decompress(ZSTD, frame, 10_001)),
        "decompressed to 10000 bytes, expected 10001");
  }

  @Test
  void rejectsAnEmptyInput() {
    assertMessageContains(assertThrows(CodecException.class, () -> TestData.decompress(ZSTD, new byte[0], 0)),
        "empty input");
  }

  @Test
  void aFailedCallLeavesTheCodecUsable() {
    byte[] data = TestData.compressible(1000, 6);
    byte[] frame = TestData.compress(ZSTD, data);
    for (int i = 0; i < 50; i++) {
      byte[] broken = Arrays.copyOf(frame, frame.length / 2);
      assertThrows(CodecException.class, () -> TestData.decompress(ZSTD, broken, data.length));
      assertArrayEquals(data, TestData.decompress(ZSTD, frame, data.length));
    }
  }

  private static byte[] zstdStream(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZstdOutputStream out = new ZstdOutputStream(bytes)) {
      out.write(data);
    }
    return bytes.toByteArray();
  }
}
