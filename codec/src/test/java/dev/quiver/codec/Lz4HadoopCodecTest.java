package dev.quiver.codec;

import static dev.quiver.codec.TestData.ascii;
import static dev.quiver.codec.TestData.assertMessageContains;
import static dev.quiver.codec.TestData.concat;
import static dev.quiver.codec.TestData.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.junit.jupiter.api.Test;

/**
 * LZ4_HADOOP: Hadoop framing built by hand around blocks from lz4-java's pure-Java compressor, in the one-chunk
 * shape Arrow writes and the several-chunk shape Hadoop writes, and the fallbacks to a raw block and to LZ4 frames.
 */
class Lz4HadoopCodecTest {
  private static final CodecName LZ4_HADOOP = CodecName.LZ4_HADOOP;
  private static final LZ4Compressor JAVA_COMPRESSOR = LZ4Factory.safeInstance().fastCompressor();

  @Test
  void writesOneBlockWithBigEndianLengths() {
    byte[] data = TestData.compressible(70_000, 1);
    byte[] framed = TestData.compress(LZ4_HADOOP, data);

    ByteBuffer header = ByteBuffer.wrap(framed);
    assertEquals(data.length, header.getInt(0));
    assertEquals(framed.length - 8, header.getInt(4));
    byte[] decoded = new byte[data.length];
    LZ4Factory.safeInstance().safeDecompressor().decompress(framed, 8, framed.length - 8, decoded, 0, data.length);
    assertArrayEquals(data, decoded);
  }

  @Test
  void readsSeveralOneChunkBlocks() {
    byte[] data = TestData.compressible(100_000, 2);
    byte[] framed = concat(block(data, 0, 40_000), block(data, 40_000, 100_000), block(data, 100_000, 100_000));

    assertArrayEquals(data, TestData.decompress(LZ4_HADOOP, framed, data.length));
    assertArrayEquals(data, TestData.decompressDirect(LZ4_HADOOP, framed, data.length));
  }

  @Test
  void readsHadoopBlocksSplitIntoSeveralChunks() {
    byte[] data = TestData.compressible(600_000, 3);
    // BlockCompressorStream: one uncompressed length for the whole write, then a chunk per buffer-full
    byte[] framed = concat(intBe(data.length), chunk(data, 0, 262_000), chunk(data, 262_000, 524_000),
        chunk(data, 524_000, data.length));

    assertArrayEquals(data, TestData.decompress(LZ4_HADOOP, framed, data.length));
    assertArrayEquals(data, TestData.decompressDirect(LZ4_HADOOP, framed, data.length));
  }

  @Test
  void readsBothEncodingsOfNothing() {
    assertArrayEquals(new byte[0], TestData.decompress(LZ4_HADOOP, hex("00000000"), 0)); // Hadoop
    assertArrayEquals(new byte[0], TestData.decompress(LZ4_HADOOP, hex("00000000 00000001 00"), 0)); // Arrow
  }

  @Test
  void fallsBackToARawBlock() {
    byte[] data = TestData.compressible(50_000, 4);
    byte[] raw = JAVA_COMPRESSOR.compress(data);

    assertArrayEquals(data, TestData.decompress(LZ4_HADOOP, raw, data.length));
    assertArrayEquals(data, TestData.decompressDirect(LZ4_HADOOP, raw, data.length));
  }

  @Test
  void doesNotTrustFramingThatDoesNotAddUp() {
    byte[] data = TestData.compressible(1000, 5);
    byte[] framed = block(data, 0, data.length);
    framed[3] ^= 1; // declares 1001 bytes; its chunk decodes to 1000

    assertThrows(CodecException.class, () -> TestData.decompress(LZ4_HADOOP, framed, data.length));
  }

  @Test
  void readsARawBlockWhoseBytesLookLikeALengthPrefix() {
    byte[] raw = hex("a0 00000000 00000001 0102"); // a raw block of 10 literals
    assertArrayEquals(hex("00000000 00000001 0102"), TestData.decompress(LZ4_HADOOP, raw, 10));
  }

  @Test
  void fallsBackToLz4FramesFromTheCommandLineTool() {
    byte[] expected = ascii("hello frame hello frame hello frame hello frame");
    // printf 'hello frame hello frame hello frame hello frame' | lz4 -c (with, then without, content checksum)
    byte[] withChecksum = hex("04224d186440a716000000cf68656c6c6f206672616d65200c000b506672616d6500000000c5ef5372");
    byte[] withoutChecksum = hex("04224d1860408216000000cf68656c6c6f206672616d65200c000b506672616d6500000000");

    assertArrayEquals(expected, TestData.decompress(LZ4_HADOOP, withChecksum, expected.length));
    assertArrayEquals(expected, TestData.decompressDirect(LZ4_HADOOP, withoutChecksum, expected.length));

    byte[] corrupt = withChecksum.clone();
    corrupt[corrupt.length - 1] ^= 1;
    assertMessageContains(assertThrows(CodecException.class,
        () -> TestData.decompress(LZ4_HADOOP, corrupt, expected.length)), "LZ4 frame");
    assertThrows(CodecException.class, () -> TestData.decompress(LZ4_HADOOP, withChecksum, expected.length - 1));
    assertThrows(CodecException.class, () -> TestData.decompress(LZ4_HADOOP, withChecksum, expected.length + 1));
  }

  @Test
  void fallsBackToMultiBlockFramesIntoDirectOutput() throws IOException {
    byte[] data = TestData.compressible(300_000, 6);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (LZ4FrameOutputStream out = new LZ4FrameOutputStream(bytes, LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB)) {
      out.write(data);
    }

    assertArrayEquals(data, TestData.decompressDirect(LZ4_HADOOP, bytes.toByteArray(), data.length));
  }

  @Test
  void namesAllThreeReadingsWhenNoneFits() {
    CodecException e = assertThrows(CodecException.class,
        () -> TestData.decompress(LZ4_HADOOP, hex("00000010 00000003 414243"), 16));
    assertMessageContains(e, "LZ4_HADOOP: input is neither Hadoop-framed LZ4, a raw LZ4 block nor an LZ4 frame");
  }

  /** One Arrow-style block: {@code [uncompressed length][compressed length][raw block]} of {@code data[from, to)}. */
  private static byte[] block(byte[] data, int from, int to) {
    return concat(intBe(to - from), chunk(data, from, to));
  }

  /** {@code [compressed length][raw block]} of {@code data[from, to)}. */
  private static byte[] chunk(byte[] data, int from, int to) {
    byte[] compressed = JAVA_COMPRESSOR.compress(Arrays.copyOfRange(data, from, to));
    return concat(intBe(compressed.length), compressed);
  }

  private static byte[] intBe(int value) {
    return ByteBuffer.allocate(4).putInt(value).array();
  }
}
