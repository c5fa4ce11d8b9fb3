package dev.quiver.codec;

import static dev.quiver.codec.TestData.assertUntouchedOutside;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.codec.TestData.Kind;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every codec round-trips awkward sizes of incompressible and compressible data through the array methods (with
 * non-zero offsets) and through the buffer methods for every mix of heap, direct and read-only input with heap and
 * direct output, writing nothing outside the window it was given.
 */
class CodecRoundTripTest {

  static List<Arguments> codecsAndSizes() {
    List<Arguments> cases = new ArrayList<>();
    for (CodecName codec : TestData.IMPLEMENTED) {
      for (int size : TestData.AWKWARD_SIZES) {
        cases.add(Arguments.of(codec, size));
      }
    }
    return cases;
  }

  static List<Arguments> codecsSizesAndKinds() {
    List<Arguments> cases = new ArrayList<>();
    for (Arguments codecAndSize : codecsAndSizes()) {
      for (Kind in : Kind.values()) {
        for (Kind out : new Kind[] {Kind.HEAP, Kind.DIRECT}) {
          cases.add(Arguments.of(codecAndSize.get()[0], codecAndSize.get()[1], in, out));
        }
      }
    }
    return cases;
  }

  @ParameterizedTest(name = "{0} {1} bytes")
  @MethodSource("codecsAndSizes")
  void arraysWithOffsets(CodecName name, int size) {
    for (byte[] data : inputs(size)) {
      CompressionCodec codec = TestData.codec(name);
      byte[] input = TestData.sentinels(5 + size + 4);
      System.arraycopy(data, 0, input, 5, size);

      int bound = codec.maxCompressedLength(size);
      byte[] compressed = TestData.sentinels(7 + bound + 6);
      int written = codec.compress(input, 5, size, compressed, 7);
      assertTrue(written > 0 || name == CodecName.UNCOMPRESSED, "wrote nothing");
      assertTrue(written <= bound, "wrote " + written + " > maxCompressedLength " + bound);
      assertUntouchedOutside(compressed, 7, 7 + bound); // past the result, inside the bound, is scratch

      byte[] output = TestData.sentinels(11 + size + 13);
      assertEquals(size, codec.decompress(compressed, 7, written, output, 11, size));
      assertUntouchedOutside(output, 11, 11 + size);
      assertArrayEquals(data, java.util.Arrays.copyOfRange(output, 11, 11 + size));
    }
  }

  @ParameterizedTest(name = "{0} {1} bytes {2} -> {3}")
  @MethodSource("codecsSizesAndKinds")
  void buffers(CodecName name, int size, Kind inKind, Kind outKind) {
    for (byte[] data : inputs(size)) {
      CompressionCodec codec = TestData.codec(name);
      int bound = codec.maxCompressedLength(size);

      ByteBuffer input = inKind.input(data, 9);
      ByteBuffer compressed = outKind.output(bound + 17, 6); // room to spare past the bound: limit, not bound, rules
      compressed.order(ByteOrder.LITTLE_ENDIAN); // byte order must not matter to the framings
      int written = codec.compress(input, compressed);
      assertTrue(written <= bound, "wrote " + written + " > maxCompressedLength " + bound);
      assertEquals(9 + size, input.position(), "input not consumed");
      assertEquals(6 + written, compressed.position());
      assertEquals(6 + bound + 17, compressed.limit(), "limit moved");
      assertUntouchedOutside(compressed, 6, 6 + bound);

      byte[] compressedBytes = new byte[written];
      compressed.get(6, compressedBytes);
      ByteBuffer source = inKind.input(compressedBytes, 4);
      ByteBuffer output = outKind.output(size, 8);
      assertEquals(size, codec.decompress(source, output, size));
      assertEquals(4 + written, source.position(), "input not consumed");
      assertEquals(8 + size, output.position());
      assertEquals(8 + size, output.limit(), "limit moved");
      assertUntouchedOutside(output, 8, 8 + size);
      byte[] result = new byte[size];
      output.get(8, result);
      assertArrayEquals(data, result);

      // and what the buffer path wrote, the array path reads
      assertArrayEquals(data, TestData.decompress(name, compressedBytes, size));
    }
  }

  private static List<byte[]> inputs(int size) {
    return List.of(TestData.random(size, size), TestData.compressible(size, 31L * size + 1));
  }
}
