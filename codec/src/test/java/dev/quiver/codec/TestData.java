package dev.quiver.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/** Inputs, sentinels and buffer shapes shared by the codec tests. */
final class TestData {
  /** What every byte outside a call's declared output window must still hold afterwards. */
  static final byte SENTINEL = (byte) 0xA5;

  /** Every codec with an implementation. */
  static final List<CodecName> IMPLEMENTED = Arrays.stream(CodecName.values())
      .filter(name -> name != CodecName.LZO)
      .collect(Collectors.toUnmodifiableList());

  /** Sizes around the edges of words, vectors, LZ4/Snappy/zstd block sizes, and one past a power of two. */
  static final int[] AWKWARD_SIZES = {0, 1, 7, 8, 9, 31, 32, 33, 1000, 65536, (1 << 20) + 3};

  private static final String[] WORDS = {
    "parquet", "arrow", "quiver", "page", "row", "group", "column", "chunk", "dictionary", "null", "0", "42",
    "2024-01-01", "\n", ", ", "  "
  };

  private TestData() {}

  /** Fails unless {@code e}'s message contains every one of {@code parts}. */
  static void assertMessageContains(Throwable e, String... parts) {
    for (String part : parts) {
      if (e.getMessage() == null || !e.getMessage().contains(part)) {
        fail("message \"" + e.getMessage() + "\" lacks \"" + part + "\"", e);
      }
    }
  }

  static CompressionCodec codec(CodecName name) {
    return CompressionCodecs.get(name);
  }

  /** Incompressible bytes. */
  static byte[] random(int size, long seed) {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    return data;
  }

  /** Text-like bytes with repeats at short and long distances, so matches of every kind occur. */
  static byte[] compressible(int size, long seed) {
    Random random = new Random(seed);
    ByteArrayOutputStream out = new ByteArrayOutputStream(size + 32);
    while (out.size() < size) {
      int choice = random.nextInt(10);
      if (choice < 7) {
        out.writeBytes(WORDS[random.nextInt(WORDS.length)].getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      } else if (choice < 9) {
        int run = 1 + random.nextInt(300);
        byte value = (byte) random.nextInt(256);
        for (int i = 0; i < run; i++) {
          out.write(value);
        }
      } else {
        byte[] noise = new byte[1 + random.nextInt(20)];
        random.nextBytes(noise);
        out.writeBytes(noise);
      }
    }
    return Arrays.copyOf(out.toByteArray(), size);
  }

  static byte[] sentinels(int size) {
    byte[] array = new byte[size];
    Arrays.fill(array, SENTINEL);
    return array;
  }

  /** Fails unless every byte of {@code array} outside {@code [from, to)} is still the sentinel. */
  static void assertUntouchedOutside(byte[] array, int from, int to) {
    for (int i = 0; i < array.length; i++) {
      if ((i < from || i >= to) && array[i] != SENTINEL) {
        fail("byte " + i + " outside the window [" + from + ", " + to + ") was overwritten");
      }
    }
  }

  /** Fails unless every byte of {@code buffer} (by absolute index, to its capacity) outside the window is a sentinel. */
  static void assertUntouchedOutside(ByteBuffer buffer, int from, int to) {
    ByteBuffer whole = buffer.duplicate().clear();
    for (int i = 0; i < whole.capacity(); i++) {
      if ((i < from || i >= to) && whole.get(i) != SENTINEL) {
        fail("byte " + i + " outside the window [" + from + ", " + to + ") was overwritten");
      }
    }
  }

  static byte[] compress(CodecName name, byte[] data) {
    CompressionCodec codec = codec(name);
    byte[] out = new byte[codec.maxCompressedLength(data.length)];
    int written = codec.compress(data, 0, data.length, out, 0);
    return Arrays.copyOf(out, written);
  }

  static byte[] decompress(CodecName name, byte[] compressed, int uncompressedLength) {
    byte[] out = new byte[uncompressedLength];
    assertEquals(uncompressedLength, codec(name).decompress(compressed, 0, compressed.length, out, 0,
        uncompressedLength));
    return out;
  }

  /** Decompresses through a direct input and a direct output, the path Arrow buffers take. */
  static byte[] decompressDirect(CodecName name, byte[] compressed, int uncompressedLength) {
    ByteBuffer in = ByteBuffer.allocateDirect(compressed.length).put(compressed).flip();
    ByteBuffer out = ByteBuffer.allocateDirect(uncompressedLength);
    codec(name).decompress(in, out, uncompressedLength);
    byte[] result = new byte[uncompressedLength];
    out.flip().get(result);
    return result;
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  static byte[] hex(String hex) {
    String digits = hex.replaceAll("\\s", "");
    byte[] bytes = new byte[digits.length() / 2];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
    }
    return bytes;
  }

  static byte[] ascii(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  /** How a test hands bytes to a codec's {@link ByteBuffer} methods. */
  enum Kind {
    HEAP(false, false),
    DIRECT(true, false),
    READ_ONLY_HEAP(false, true),
    READ_ONLY_DIRECT(true, true);

    final boolean direct;
    final boolean readOnly;

    Kind(boolean direct, boolean readOnly) {
      this.direct = direct;
      this.readOnly = readOnly;
    }

    /**
     * A buffer of {@code pad + content.length + pad} bytes, sentinels around {@code content}, positioned on it and
     * limited to its end. A heap buffer is a slice of a larger array, so its array offset is not zero.
     */
    ByteBuffer input(byte[] content, int pad) {
      ByteBuffer buffer = allocate(pad + content.length + pad);
      buffer.put(pad, content);
      buffer.limit(pad + content.length).position(pad);
      return readOnly ? buffer.asReadOnlyBuffer() : buffer;
    }

    /** A writable buffer of {@code pad + room + pad} sentinels, positioned at {@code pad}, limited at {@code pad + room}. */
    ByteBuffer output(int room, int pad) {
      ByteBuffer buffer = allocate(pad + room + pad);
      buffer.limit(pad + room).position(pad);
      return buffer;
    }

    private ByteBuffer allocate(int capacity) {
      ByteBuffer buffer;
      if (direct) {
        buffer = ByteBuffer.allocateDirect(capacity);
      } else {
        buffer = ByteBuffer.wrap(new byte[capacity + 3]).position(3).slice();
      }
      for (int i = 0; i < capacity; i++) {
        buffer.put(i, SENTINEL);
      }
      return buffer;
    }
  }
}
