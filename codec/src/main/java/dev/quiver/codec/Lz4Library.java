package dev.quiver.codec;

import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * The lz4-java pieces both LZ4 codecs use, created on first use (so that {@link CompressionCodecs} can be
 * initialised without loading native code). {@code LZ4Factory.fastestInstance()} is the JNI binding where its
 * library loads and the pure-Java implementation elsewhere; both are thread-safe and stateless.
 *
 * <p>Only the <em>safe</em> decompressor is used: it is told the compressed length and the output room and never
 * reads or writes outside them, whatever the input (the "fast" decompressor trusts its input and must not see a
 * file's bytes).
 */
final class Lz4Library {
  static final LZ4SafeDecompressor DECOMPRESSOR;
  static final LZ4Compressor COMPRESSOR;

  static {
    LZ4Factory factory = LZ4Factory.fastestInstance();
    DECOMPRESSOR = factory.safeDecompressor();
    COMPRESSOR = factory.fastCompressor();
  }

  private Lz4Library() {}

  /** {@code LZ4_COMPRESSBOUND(n) = n + n / 255 + 16}: the largest raw block for {@code n} input bytes. */
  static long maxBlockLength(int n) {
    return (long) n + n / 255 + 16;
  }
}
