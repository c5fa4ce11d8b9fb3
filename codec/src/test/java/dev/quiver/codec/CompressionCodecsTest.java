package dev.quiver.codec;

import static dev.quiver.codec.TestData.assertMessageContains;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The factory, the exceptions, and the contract every codec shares for caller bugs and concurrent use. */
class CompressionCodecsTest {

  static Iterable<CodecName> codecs() {
    return TestData.IMPLEMENTED;
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void handsOutOneInstancePerCodec(CodecName name) {
    CompressionCodec codec = CompressionCodecs.get(name);
    assertSame(name, codec.name());
    assertSame(codec, CompressionCodecs.get(name));
    assertSame(codec, CompressionCodecs.get(name.name().toLowerCase(java.util.Locale.ROOT)));
  }

  @Test
  void findsCodecsByNameIgnoringCase() {
    assertSame(CompressionCodecs.get(CodecName.ZSTD), CompressionCodecs.get("zstd"));
    assertSame(CompressionCodecs.get(CodecName.LZ4_RAW), CompressionCodecs.get("Lz4_Raw"));
  }

  @Test
  void reportsLzoAsUnsupported() {
    UnsupportedCodecException e = assertThrows(UnsupportedCodecException.class,
        () -> CompressionCodecs.get(CodecName.LZO));
    assertSame(CodecName.LZO, e.codec());
    assertMessageContains(e, "LZO", "not supported");
    assertMessageContains(assertThrows(UnsupportedCodecException.class, () -> CompressionCodecs.get("lzo")), "LZO");
  }

  @Test
  void reportsUnknownNamesAsUnsupported() {
    UnsupportedCodecException e = assertThrows(UnsupportedCodecException.class, () -> CompressionCodecs.get("lz5"));
    assertNull(e.codec());
    assertEquals("lz5", e.requestedName());
    assertMessageContains(e, "unknown codec 'lz5'", "ZSTD");
    assertThrows(UnsupportedCodecException.class, () -> CompressionCodecs.get("LZ4")); // Parquet's name, not ours
    assertThrows(NullPointerException.class, () -> CompressionCodecs.get((String) null));
    assertThrows(NullPointerException.class, () -> CompressionCodecs.get((CodecName) null));
  }

  @Test
  void formatsCodecExceptionMessages() {
    CodecException withOffset = new CodecException(CodecName.GZIP, 12, "bad thing");
    assertEquals("GZIP: bad thing (input offset 12)", withOffset.getMessage());
    assertEquals(12, withOffset.inputOffset());
    CodecException withoutOffset = new CodecException(CodecName.ZSTD, "bad thing", new IllegalStateException());
    assertEquals("ZSTD: bad thing", withoutOffset.getMessage());
    assertEquals(CodecException.UNKNOWN_OFFSET, withoutOffset.inputOffset());
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void reportsCallerBugsWithJdkExceptions(CodecName name) {
    CompressionCodec codec = CompressionCodecs.get(name);
    byte[] data = TestData.compressible(100, 1);
    byte[] compressed = TestData.compress(name, data);

    int length = compressed.length;
    assertThrows(IndexOutOfBoundsException.class, () -> codec.decompress(compressed, 1, length, new byte[100], 0, 100));
    assertThrows(IndexOutOfBoundsException.class, () -> codec.decompress(compressed, 0, length, new byte[100], 1, 100));
    assertThrows(IndexOutOfBoundsException.class, () -> codec.decompress(compressed, -1, 1, new byte[100], 0, 100));
    assertThrows(IndexOutOfBoundsException.class,
        () -> codec.decompress(ByteBuffer.wrap(compressed), ByteBuffer.allocate(99), 100));
    assertThrows(ReadOnlyBufferException.class,
        () -> codec.decompress(ByteBuffer.wrap(compressed), ByteBuffer.allocate(100).asReadOnlyBuffer(), 100));

    int bound = codec.maxCompressedLength(data.length);
    assertThrows(IndexOutOfBoundsException.class, () -> codec.compress(data, 0, 100, new byte[bound - 1], 0));
    assertThrows(IndexOutOfBoundsException.class, () -> codec.compress(data, 0, 100, new byte[bound], 1));
    assertThrows(IndexOutOfBoundsException.class,
        () -> codec.compress(ByteBuffer.wrap(data), ByteBuffer.allocateDirect(bound - 1)));
    assertThrows(IllegalArgumentException.class, () -> codec.maxCompressedLength(-1));
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void boundsTheLargestInputsHonestly(CodecName name) {
    CompressionCodec codec = CompressionCodecs.get(name);
    if (name == CodecName.UNCOMPRESSED) {
      assertEquals(Integer.MAX_VALUE, codec.maxCompressedLength(Integer.MAX_VALUE));
    } else {
      assertThrows(IllegalArgumentException.class, () -> codec.maxCompressedLength(Integer.MAX_VALUE));
    }
  }

  @Test
  void sharedInstancesServeManyThreadsAtOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> results = new ArrayList<>();
      for (int task = 0; task < 32; task++) {
        int seed = task;
        results.add(pool.submit(() -> {
          for (int round = 0; round < 20; round++) {
            for (CodecName name : TestData.IMPLEMENTED) {
              byte[] data = TestData.compressible(1000 + 997 * ((seed + round) % 50), seed * 1000L + round);
              byte[] compressed = TestData.compress(name, data);
              assertArrayEquals(data, TestData.decompress(name, compressed, data.length), name.toString());
              assertArrayEquals(data, TestData.decompressDirect(name, compressed, data.length), name.toString());
              if (round % 5 == 0) {
                assertThrows(CodecException.class,
                    () -> TestData.decompress(name, java.util.Arrays.copyOf(compressed, compressed.length / 2),
                        data.length));
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> result : results) {
        result.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
