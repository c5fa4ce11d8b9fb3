package dev.quiver.codec;

import static dev.quiver.codec.TestData.assertUntouchedOutside;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.quiver.codec.TestData.Kind;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input to every codec: truncated, byte-flipped, garbage, or declared with the wrong length. Each raises a
 * {@link CodecException} and nothing else, on the array path and on several buffer mixes alike, and never writes
 * outside the declared output window (every byte around it is a sentinel before and after the call).
 */
class MalformedInputTest {
  private static final int PAD = 16;
  private static final int[] SAMPLE_SIZES = {0, 1, 100, 5000};
  private static final Kind[][] BUFFER_MIXES = {
    {Kind.DIRECT, Kind.DIRECT}, {Kind.HEAP, Kind.DIRECT}, {Kind.DIRECT, Kind.HEAP}, {Kind.READ_ONLY_HEAP, Kind.HEAP}
  };

  static Iterable<CodecName> codecs() {
    return TestData.IMPLEMENTED;
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void truncatedInputFails(CodecName name) {
    for (int size : SAMPLE_SIZES) {
      byte[] data = TestData.compressible(size, size + 1);
      byte[] compressed = TestData.compress(name, data);
      for (int length : prefixLengths(compressed.length)) {
        if (name == CodecName.LZ4_HADOOP && size == 0 && (length == 1 || length == 4)) {
          continue; // [00] is an empty raw LZ4 block (the fallback), [00000000] Hadoop's encoding of nothing
        }
        byte[] prefix = Arrays.copyOf(compressed, length);
        CodecException e = expectFailure(name, prefix, size);
        assertSame(name, e.codec());
        assertTrue(e.getMessage().startsWith(name + ": "), e.getMessage());
      }
    }
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void wrongUncompressedLengthFails(CodecName name) {
    for (int size : SAMPLE_SIZES) {
      byte[] compressed = TestData.compress(name, TestData.compressible(size, size + 2));
      expectFailure(name, compressed, size + 1);
      expectFailure(name, compressed, 2 * size + 1000);
      if (size > 0) {
        expectFailure(name, compressed, size - 1);
        expectFailure(name, compressed, 0);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void negativeUncompressedLengthFails(CodecName name) {
    byte[] compressed = TestData.compress(name, TestData.compressible(100, 3));
    TestData.assertMessageContains(expectFailure(name, compressed, -1), "negative uncompressed length -1");
    expectFailure(name, compressed, Integer.MIN_VALUE);
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void garbageFails(CodecName name) {
    long seed = 1;
    for (int length : new int[] {3, 9, 64, 1000}) {
      for (int n : new int[] {0, 1, 100, 5000}) {
        if (name == CodecName.UNCOMPRESSED && length == n) {
          continue; // any bytes are a valid uncompressed block of their own length
        }
        expectFailure(name, TestData.random(length, seed++), n);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void flippedBytesFailCleanlyOrDecode(CodecName name) {
    for (int size : new int[] {100, 3000}) {
      byte[] data = TestData.compressible(size, 17 * size);
      byte[] compressed = TestData.compress(name, data);
      int step = Math.max(1, compressed.length / 150);
      for (int position = 0; position < compressed.length; position += step) {
        for (int mask : new int[] {0x01, 0x80, 0xff}) {
          byte[] flipped = compressed.clone();
          flipped[position] ^= (byte) mask;
          CodecException failure = attempt(name, flipped, size);
          if (name == CodecName.GZIP && mustBeCaughtByGzipChecks(position, mask, compressed.length)) {
            assertNotNull(failure, "GZIP accepted a flip of 0x" + Integer.toHexString(mask) + " at " + position);
          }
        }
      }
    }
  }

  /**
   * Every bit of a gzip member but the FTEXT hint, the free header fields (MTIME, XFL, OS) and the last DEFLATE
   * byte (whose padding bits are ignored) is covered by the header checks, the DEFLATE decoder, the CRC-32 or the
   * ISIZE.
   */
  private static boolean mustBeCaughtByGzipChecks(int position, int mask, int length) {
    if (position == 3) {
      return mask != 0x01;
    }
    return position < 3 || (position >= 10 && position != length - 9);
  }

  private static int[] prefixLengths(int length) {
    if (length <= 300) {
      int[] all = new int[length];
      Arrays.setAll(all, i -> i);
      return all;
    }
    return new int[] {0, 1, 2, 3, 4, 5, 8, 9, 10, 17, length / 3, length / 2, length - 9, length - 8, length - 2,
      length - 1};
  }

  /** Runs {@link #attempt} and fails the test unless the input was rejected. */
  private static CodecException expectFailure(CodecName name, byte[] input, int uncompressedLength) {
    CodecException failure = attempt(name, input, uncompressedLength);
    if (failure == null) {
      fail(name + " accepted bad input of " + input.length + " bytes as " + uncompressedLength + " bytes");
    }
    return failure;
  }

  /**
   * Decompresses {@code input} through the array method and each buffer mix, checking every time that nothing
   * outside the output window changed, that the input is unchanged, and that a failure left the buffers'
   * positions alone. Any exception other than {@code CodecException} escapes and fails the test.
   *
   * @return the array path's {@code CodecException}, or {@code null} when every path decoded the input
   */
  private static CodecException attempt(CodecName name, byte[] input, int uncompressedLength) {
    CompressionCodec codec = TestData.codec(name);
    int room = Math.max(uncompressedLength, 0);

    byte[] in = TestData.sentinels(3 + input.length + 5);
    System.arraycopy(input, 0, in, 3, input.length);
    byte[] out = TestData.sentinels(PAD + room + PAD);
    CodecException arrayFailure = null;
    try {
      assertEquals(uncompressedLength, codec.decompress(in, 3, input.length, out, PAD, uncompressedLength));
    } catch (CodecException e) {
      arrayFailure = e;
    }
    assertUntouchedOutside(out, PAD, PAD + room);
    assertUntouchedOutside(in, 3, 3 + input.length);
    assertArrayEquals(input, Arrays.copyOfRange(in, 3, 3 + input.length), "input modified");

    for (Kind[] mix : BUFFER_MIXES) {
      ByteBuffer source = mix[0].input(input, 4);
      ByteBuffer target = mix[1].output(room, PAD);
      boolean failed = false;
      try {
        codec.decompress(source, target, uncompressedLength);
        assertEquals(4 + input.length, source.position());
        assertEquals(PAD + uncompressedLength, target.position());
      } catch (CodecException e) {
        failed = true;
        assertEquals(4, source.position(), "input position moved on failure");
        assertEquals(PAD, target.position(), "output position moved on failure");
      }
      assertUntouchedOutside(target, PAD, PAD + room);
      assertEquals(arrayFailure != null, failed, name + " " + mix[0] + " -> " + mix[1]
          + " disagrees with the array path about " + input.length + " bytes as " + uncompressedLength);
    }
    return arrayFailure;
  }
}
