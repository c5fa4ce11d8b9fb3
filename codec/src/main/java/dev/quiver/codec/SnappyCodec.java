package dev.quiver.codec;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.xerial.snappy.Snappy;
import org.xerial.snappy.SnappyError;

/**
 * {@link CodecName#SNAPPY}: one raw Snappy block (no framing), as described in Snappy's
 * {@code format_description.txt}: a varint of the uncompressed length, then literal and copy elements.
 *
 * <p>Uses snappy-java's JNI binding. Its native decompressor trusts the output buffer to hold as many bytes as the
 * block's header declares, so the header is read first ({@code Snappy.uncompressedLength}) and must equal
 * {@code uncompressedLength} before anything is written; snappy itself then refuses any element that would write
 * past that length. snappy-java has array-to-array and direct-to-direct entry points only; a heap/direct mix is
 * copied through {@link Scratch}.
 *
 * <p>Stateless and thread-safe; no allocation per call beyond two buffer views on the direct path.
 */
final class SnappyCodec extends BlockCodec {

  SnappyCodec() {
    super(CodecName.SNAPPY);
  }

  /** Snappy's own bound, {@code 32 + n + n / 6} ({@code snappy::MaxCompressedLength}). */
  @Override
  public int maxCompressedLength(int uncompressedLength) {
    checkInputLength(uncompressedLength);
    return checkedBound(CodecName.SNAPPY, uncompressedLength, 32L + uncompressedLength + uncompressedLength / 6);
  }

  @Override
  void decompressArrays(byte[] in, int inOff, int inLen, byte[] out, int outOff, int n) {
    try {
      requireInput(inLen);
      checkDeclaredLength(Snappy.uncompressedLength(in, inOff, inLen), n);
      checkProduced(Snappy.uncompress(in, inOff, inLen, out, outOff), n);
    } catch (IOException | SnappyError e) {
      throw corrupt("malformed Snappy block: " + e.getMessage(), e);
    }
  }

  @Override
  void decompressBuffers(ByteBuffer in, int inPos, int inLen, ByteBuffer out, int outPos, int n) {
    if (!in.isDirect() || !out.isDirect()) {
      decompressViaArrays(in, inPos, inLen, out, outPos, n);
      return;
    }
    try {
      requireInput(inLen);
      ByteBuffer src = in.slice(inPos, inLen);
      checkDeclaredLength(Snappy.uncompressedLength(src), n);
      checkProduced(Snappy.uncompress(src, out.slice(outPos, n)), n);
    } catch (IOException | SnappyError e) {
      throw corrupt("malformed Snappy block: " + e.getMessage(), e);
    }
  }

  @Override
  int compressArrays(byte[] in, int inOff, int inLen, byte[] out, int outOff, int room) {
    try {
      return Snappy.compress(in, inOff, inLen, out, outOff);
    } catch (IOException | SnappyError e) {
      throw corrupt("compression failed: " + e.getMessage(), e);
    }
  }

  @Override
  int compressBuffers(ByteBuffer in, int inPos, int inLen, ByteBuffer out, int outPos, int room) {
    if (!in.isDirect() || !out.isDirect()) {
      return compressViaArrays(in, inPos, inLen, out, outPos, room);
    }
    try {
      return Snappy.compress(in.slice(inPos, inLen), out.slice(outPos, room));
    } catch (IOException | SnappyError e) {
      throw corrupt("compression failed: " + e.getMessage(), e);
    }
  }

  /** The header's varint, checked before the native decoder may write anything. */
  private void checkDeclaredLength(int declared, int n) {
    if (declared != n) {
      throw corrupt(0, "header declares " + Integer.toUnsignedString(declared) + " uncompressed bytes, expected " + n);
    }
  }
}
