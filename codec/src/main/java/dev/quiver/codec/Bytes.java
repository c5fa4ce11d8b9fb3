package dev.quiver.codec;

import java.nio.ByteBuffer;

/**
 * Fixed-width integers in the byte orders the framings use (gzip little-endian, Hadoop big-endian), read and
 * written by absolute index whatever the buffer's own {@link java.nio.ByteOrder}.
 */
final class Bytes {
  private Bytes() {}

  static int readIntLe(ByteBuffer in, int pos) {
    return (in.get(pos) & 0xff) | (in.get(pos + 1) & 0xff) << 8 | (in.get(pos + 2) & 0xff) << 16
        | (in.get(pos + 3) & 0xff) << 24;
  }

  static void writeIntLe(ByteBuffer out, int pos, int value) {
    out.put(pos, (byte) value);
    out.put(pos + 1, (byte) (value >>> 8));
    out.put(pos + 2, (byte) (value >>> 16));
    out.put(pos + 3, (byte) (value >>> 24));
  }

  static long readUnsignedIntBe(ByteBuffer in, int pos) {
    return (in.get(pos) & 0xffL) << 24 | (in.get(pos + 1) & 0xff) << 16 | (in.get(pos + 2) & 0xff) << 8
        | (in.get(pos + 3) & 0xff);
  }

  static void writeIntBe(ByteBuffer out, int pos, int value) {
    out.put(pos, (byte) (value >>> 24));
    out.put(pos + 1, (byte) (value >>> 16));
    out.put(pos + 2, (byte) (value >>> 8));
    out.put(pos + 3, (byte) value);
  }
}
