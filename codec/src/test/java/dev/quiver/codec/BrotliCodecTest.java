package dev.quiver.codec;

import static dev.quiver.codec.TestData.ascii;
import static dev.quiver.codec.TestData.assertMessageContains;
import static dev.quiver.codec.TestData.concat;
import static dev.quiver.codec.TestData.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.aayushatharva.brotli4j.encoder.BrotliOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.brotli.dec.BrotliInputStream;
import org.junit.jupiter.api.Test;

/** BROTLI against streams assembled from RFC 7932, Google's pure-Java decoder, and brotli4j's stream classes. */
class BrotliCodecTest {
  private static final CodecName BROTLI = CodecName.BROTLI;

  /** WBITS = 16 (one 0 bit), then ISLAST = 1, ISLASTEMPTY = 1. */
  private static final byte[] EMPTY_STREAM = hex("06");

  /**
   * WBITS = 16; a meta-block with ISLAST = 0, MNIBBLES = 4, MLEN - 1 = 4, ISUNCOMPRESSED = 1, padding, "hello";
   * then an empty last meta-block.
   */
  private static final byte[] HELLO_STREAM = hex("400010 68656c6c6f 03");

  @Test
  void readsStreamsAssembledFromTheRfc() throws IOException {
    assertArrayEquals(new byte[0], TestData.decompress(BROTLI, EMPTY_STREAM, 0));
    assertArrayEquals(ascii("hello"), TestData.decompress(BROTLI, HELLO_STREAM, 5));
    assertArrayEquals(ascii("hello"), TestData.decompressDirect(BROTLI, HELLO_STREAM, 5));
    assertArrayEquals(ascii("hello"), googleDecode(HELLO_STREAM), "the hand-made stream is valid for Google's decoder");
  }

  @Test
  void writesWhatGooglesJavaDecoderReads() throws IOException {
    for (byte[] data : new byte[][] {new byte[0], TestData.random(1, 1), TestData.compressible(300_000, 2),
        TestData.random(100_000, 3)}) {
      assertArrayEquals(data, googleDecode(TestData.compress(BROTLI, data)));
    }
  }

  @Test
  void readsBrotli4jStreams() throws IOException {
    byte[] data = TestData.compressible(200_000, 4);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (BrotliOutputStream out = new BrotliOutputStream(bytes)) {
      out.write(data);
    }

    assertArrayEquals(data, TestData.decompress(BROTLI, bytes.toByteArray(), data.length));
  }

  @Test
  void rejectsBytesAfterTheStream() {
    assertMessageContains(assertThrows(CodecException.class,
        () -> TestData.decompress(BROTLI, concat(HELLO_STREAM, hex("00")), 5)), "BROTLI");
    byte[] data = TestData.compressible(200_000, 5);
    byte[] longStream = concat(TestData.compress(BROTLI, data), hex("06"));
    assertThrows(CodecException.class, () -> TestData.decompress(BROTLI, longStream, data.length));
  }

  @Test
  void namesOutputBeyondTheDeclaredLength() {
    assertMessageContains(assertThrows(CodecException.class, () -> TestData.decompress(BROTLI, HELLO_STREAM, 4)),
        "BROTLI: decompresses to more than the expected 4 bytes");
    assertMessageContains(assertThrows(CodecException.class, () -> TestData.decompress(BROTLI, HELLO_STREAM, 6)),
        "decompressed to 5 bytes, expected 6");
  }

  private static byte[] googleDecode(byte[] stream) throws IOException {
    try (BrotliInputStream in = new BrotliInputStream(new ByteArrayInputStream(stream))) {
      return in.readAllBytes();
    }
  }
}
