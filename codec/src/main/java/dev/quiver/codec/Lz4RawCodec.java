package dev.quiver.codec;

import java.nio.ByteBuffer;

/**
 * {@link CodecName#LZ4_RAW}: a single LZ4 block with no framing (LZ4 Block Format, {@code lz4_Block_format.md}): a
 * sequence of [token, literal length bytes, literals, 2-byte little-endian offset, match length bytes], the last
 * sequence literals only. The block must end exactly at the end of the input and decode to exactly
 * {@code uncompressedLength} bytes.
 *
 * <p>Uses lz4-java's safe decompressor and fast compressor ({@link Lz4Library}), whose {@link ByteBuffer} methods
 * take any mix of heap and direct buffers, so nothing is copied. Stateless and thread-safe; no allocation per call.
 */
final class Lz4RawCodec extends BlockCodec {

  Lz4RawCodec() {
    super(CodecName.LZ4_RAW);
  }

  /** {@code LZ4_COMPRESSBOUND(n) = n + n / 255 + 16}. */
  @Override
  public int maxCompressedLength(int uncompressedLength) {
    checkInputLength(uncompressedLength);
    return checkedBound(CodecName.LZ4_RAW, uncompressedLength, Lz4Library.maxBlockLength(uncompressedLength));
  }

  @Override
  void decompressArrays(byte[] in, int inOff, int inLen, byte[] out, int outOff, int n) {
    requireInput(inLen);
    checkProduced(Lz4Library.DECOMPRESSOR.decompress(in, inOff, inLen, out, outOff, n), n);
  }

  @Override
  void decompressBuffers(ByteBuffer in, int inPos, int inLen, ByteBuffer out, int outPos, int n) {
    requireInput(inLen);
    checkProduced(Lz4Library.DECOMPRESSOR.decompress(in, inPos, inLen, out, outPos, n), n);
  }

  @Override
  int compressArrays(byte[] in, int inOff, int inLen, byte[] out, int outOff, int room) {
    return Lz4Library.COMPRESSOR.compress(in, inOff, inLen, out, outOff, room);
  }

  @Override
  int compressBuffers(ByteBuffer in, int inPos, int inLen, ByteBuffer out, int outPos, int room) {
    return Lz4Library.COMPRESSOR.compress(in, inPos, inLen, out, outPos, room);
  }
}
