package dev.quiver.codec;

import java.nio.ByteBuffer;

/**
 * {@link CodecName#UNCOMPRESSED}: bytes stored as they are. Decompression is a copy that fails unless the input is
 * exactly {@code uncompressedLength} bytes long; {@code maxCompressedLength(n) = n}.
 */
final class UncompressedCodec extends BlockCodec {

  UncompressedCodec() {
    super(CodecName.UNCOMPRESSED);
  }

  @Override
  public int maxCompressedLength(int uncompressedLength) {
    checkInputLength(uncompressedLength);
    return uncompressedLength;
  }

  @Override
  void decompressArrays(byte[] in, int inOff, int inLen, byte[] out, int outOff, int n) {
    checkLength(inLen, n);
    System.arraycopy(in, inOff, out, outOff, n);
  }

  @Override
  void decompressBuffers(ByteBuffer in, int inPos, int inLen, ByteBuffer out, int outPos, int n) {
    checkLength(inLen, n);
    out.put(outPos, in, inPos, n);
  }

  @Override
  int compressArrays(byte[] in, int inOff, int inLen, byte[] out, int outOff, int room) {
    System.arraycopy(in, inOff, out, outOff, inLen);
    return inLen;
  }

  @Override
  int compressBuffers(ByteBuffer in, int inPos, int inLen, ByteBuffer out, int outPos, int room) {
    out.put(outPos, in, inPos, inLen);
    return inLen;
  }

  private void checkLength(int inLen, int n) {
    if (inLen != n) {
      throw corrupt("input holds " + inLen + " bytes, expected " + n);
    }
  }
}
