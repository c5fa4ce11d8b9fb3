package dev.quiver.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.brotli.dec.BrotliInputStream;
import org.junit.jupiter.api.Test;

/**
 * Compression levels: the output at each level is read back by an independent decoder (the JDK's
 * {@link GZIPInputStream}, Google's pure-Java Brotli decoder, zstd-jni's one-shot {@link Zstd#decompress}) and by
 * our own codec; levels really change the output (level 0 GZIP stores, the highest levels compress text better than
 * the lowest); out-of-range levels and codecs without levels are refused with messages naming them.
 */
class CompressionLevelTest {
  /** About 256 KiB of text with repeats at many distances: compresses differently at every level. */
  private static byte[] text() {
    Random random = new Random(42);
    String[] words = {"lineitem", "orders", "quantity", "extendedprice", "discount", "shipdate", "comment",
        "furiously", "carefully", "regular", "deposits", "accounts", "packages", "ironic", "final"};
    StringBuilder s = new StringBuilder();
    while (s.length() < 256 << 10) {
      s.append(words[random.nextInt(words.length)]).append(random.nextInt(1000)).append(' ');
    }
    return s.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] compress(CompressionCodec codec, byte[] input) {
    byte[] out = new byte[codec.maxCompressedLength(input.length)];
    int n = codec.compress(input, 0, input.length, out, 0);
    return Arrays.copyOf(out, n);
  }

  private static byte[] roundTrip(CompressionCodec codec, byte[] compressed, int length) {
    byte[] back = new byte[length];
    codec.decompress(compressed, 0, compressed.length, back, 0, length);
    return back;
  }

  @Test
  void gzipLevelsReadByTheJdk() throws IOException {
    byte[] input = text();
    byte[] stored = compress(CompressionCodecs.get(CodecName.GZIP, 0), input);
    byte[] fast = compress(CompressionCodecs.get(CodecName.GZIP, 1), input);
    byte[] best = compress(CompressionCodecs.get(CodecName.GZIP, 9), input);
    assertTrue(stored.length > input.length, "level 0 stores: " + stored.length);
    assertTrue(best.length < fast.length, best.length + " vs " + fast.length);
    for (byte[] c : new byte[][] {stored, fast, best}) {
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(c))) {
        assertArrayEquals(input, in.readAllBytes());
      }
      assertArrayEquals(input, roundTrip(CompressionCodecs.get(CodecName.GZIP), c, input.length));
    }
  }

  @Test
  void zstdLevelsReadByZstdJni() {
    byte[] input = text();
    byte[] negative = compress(CompressionCodecs.get(CodecName.ZSTD, -5), input);
    byte[] fast = compress(CompressionCodecs.get(CodecName.ZSTD, 1), input);
    byte[] best = compress(CompressionCodecs.get(CodecName.ZSTD, 19), input);
    assertTrue(best.length < fast.length && fast.length < negative.length,
        negative.length + " / " + fast.length + " / " + best.length);
    for (byte[] c : new byte[][] {negative, fast, best}) {
      assertArrayEquals(input, Zstd.decompress(c, input.length));
      assertArrayEquals(input, roundTrip(CompressionCodecs.get(CodecName.ZSTD), c, input.length));
    }
  }

  @Test
  void brotliQualitiesReadByTheJavaDecoder() throws IOException {
    byte[] input = text();
    byte[] fast = compress(CompressionCodecs.get(CodecName.BROTLI, 0), input);
    byte[] best = compress(CompressionCodecs.get(CodecName.BROTLI, 11), input);
    assertTrue(best.length < fast.length, best.length + " vs " + fast.length);
    for (byte[] c : new byte[][] {fast, best}) {
      try (BrotliInputStream in = new BrotliInputStream(new ByteArrayInputStream(c))) {
        assertArrayEquals(input, in.readAllBytes());
      }
    }
  }

  @Test
  void instancesAreCachedPerLevel() {
    assertSame(CompressionCodecs.get(CodecName.ZSTD, 7), CompressionCodecs.get(CodecName.ZSTD, 7));
    assertNotSame(CompressionCodecs.get(CodecName.ZSTD, 7), CompressionCodecs.get(CodecName.ZSTD, 8));
  }

  @Test
  void levelsOutsideTheRangeAndCodecsWithoutLevelsAreRefused() {
    TestData.assertMessageContains(assertThrows(IllegalArgumentException.class,
        () -> CompressionCodecs.get(CodecName.ZSTD, 23)), "ZSTD compression level must be between -7 and 22: 23");
    TestData.assertMessageContains(assertThrows(IllegalArgumentException.class,
        () -> CompressionCodecs.get(CodecName.GZIP, 10)), "GZIP compression level must be between 0 and 9: 10");
    TestData.assertMessageContains(assertThrows(IllegalArgumentException.class,
        () -> CompressionCodecs.get(CodecName.BROTLI, -1)), "BROTLI compression level must be between 0 and 11");
    TestData.assertMessageContains(assertThrows(IllegalArgumentException.class,
        () -> CompressionCodecs.get(CodecName.SNAPPY, 1)), "SNAPPY has no compression levels");
    assertThrows(UnsupportedCodecException.class, () -> CompressionCodecs.get(CodecName.LZO, 1));
  }
}
