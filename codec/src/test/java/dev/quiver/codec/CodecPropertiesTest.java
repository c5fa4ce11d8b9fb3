package dev.quiver.codec;

import static dev.quiver.codec.TestData.assertUntouchedOutside;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Properties over random inputs, for every codec: round trips, and arbitrary bytes never escaping the rules. */
class CodecPropertiesTest {

  @Provide
  Arbitrary<CodecName> codecs() {
    return Arbitraries.of(TestData.IMPLEMENTED);
  }

  @Property(tries = 400)
  void roundTripsAnyBytesAtAnyOffsets(@ForAll("codecs") CodecName name, @ForAll @Size(max = 4000) byte[] data,
      @ForAll @IntRange(max = 9) int inOffset, @ForAll @IntRange(max = 9) int outOffset) {
    CompressionCodec codec = TestData.codec(name);
    byte[] input = TestData.sentinels(inOffset + data.length);
    System.arraycopy(data, 0, input, inOffset, data.length);
    byte[] compressed = new byte[outOffset + codec.maxCompressedLength(data.length)];
    int written = codec.compress(input, inOffset, data.length, compressed, outOffset);

    byte[] output = TestData.sentinels(inOffset + data.length + outOffset);
    codec.decompress(compressed, outOffset, written, output, inOffset, data.length);
    assertArrayEquals(data, Arrays.copyOfRange(output, inOffset, inOffset + data.length));
    assertUntouchedOutside(output, inOffset, inOffset + data.length);
  }

  @Property(tries = 1000)
  void arbitraryBytesDecodeOrFailWithCodecException(@ForAll("codecs") CodecName name,
      @ForAll @Size(max = 300) byte[] input, @ForAll @IntRange(max = 2000) int uncompressedLength) {
    byte[] output = TestData.sentinels(8 + uncompressedLength + 8);
    try {
      TestData.codec(name).decompress(input, 0, input.length, output, 8, uncompressedLength);
    } catch (CodecException expected) {
      // the only exception bad data may raise
    }
    assertUntouchedOutside(output, 8, 8 + uncompressedLength);
  }

  @Property(tries = 1000)
  void mutatedBlocksDecodeOrFailWithCodecException(@ForAll("codecs") CodecName name,
      @ForAll @Size(min = 1, max = 2000) byte[] data, @ForAll @IntRange(max = Integer.MAX_VALUE - 1) int where,
      @ForAll byte mask, @ForAll @IntRange(min = -2, max = 2) int lengthError) {
    byte[] compressed = TestData.compress(name, data);
    compressed[where % compressed.length] ^= mask;
    int uncompressedLength = Math.max(0, data.length + lengthError);
    byte[] output = TestData.sentinels(8 + uncompressedLength + 8);
    try {
      TestData.codec(name).decompress(compressed, 0, compressed.length, output, 8, uncompressedLength);
    } catch (CodecException expected) {
      // the only exception bad data may raise
    }
    assertUntouchedOutside(output, 8, 8 + uncompressedLength);
  }
}
