package dev.quiver.codec;

import java.nio.ByteBuffer;

/**
 * One block compression codec: compresses or decompresses a whole block (a Parquet page) at a time.
 *
 * <p>Both directions come in two shapes: heap arrays with explicit offsets and lengths, and {@link ByteBuffer}s
 * that may be heap or direct (off-heap), in any combination. The implementation picks the fastest path its
 * library offers for the combination and copies through a scratch array only where the library cannot.
 *
 * <p>Sizes are in bytes. Decompression is told the exact uncompressed size (Parquet page headers carry it), and
 * fails when the input does not decompress to exactly that many bytes, so a corrupt page can never write past
 * the caller's buffer or leave part of it stale.
 *
 * <p>Instances are stateless or keep only reusable scratch state: they may be shared by threads unless the
 * implementation's Javadoc says otherwise. Obtain them from {@link CompressionCodecs#get(CodecName)}.
 */
public interface CompressionCodec {

  /** The codec this instance implements. */
  CodecName name();

  /**
   * Decompresses {@code input[inputOffset, inputOffset + inputLength)} into
   * {@code output[outputOffset, outputOffset + uncompressedLength)}.
   *
   * @param uncompressedLength the exact number of bytes the input must decompress to; {@code >= 0}
   * @return {@code uncompressedLength}
   * @throws CodecException when the input is malformed, or decompresses to a size other than
   *     {@code uncompressedLength}; the message names the codec and, where the library reports it, the offset
   * @throws IndexOutOfBoundsException when an offset/length pair lies outside its array (a caller bug, not bad data)
   */
  int decompress(byte[] input, int inputOffset, int inputLength, byte[] output, int outputOffset, int uncompressedLength);

  /**
   * Decompresses the remaining bytes of {@code input} into {@code output}, starting at {@code output.position()}.
   * Either buffer may be heap or direct. On return {@code input} is fully consumed (position = limit) and
   * {@code output}'s position has advanced by the uncompressed size.
   *
   * @param uncompressedLength the exact number of bytes the input must decompress to; must fit in
   *     {@code output.remaining()}
   * @return {@code uncompressedLength}
   * @throws CodecException as {@link #decompress(byte[], int, int, byte[], int, int)}
   */
  int decompress(ByteBuffer input, ByteBuffer output, int uncompressedLength);

  /**
   * The largest number of bytes {@link #compress} can produce for {@code uncompressedLength} input bytes, so a
   * caller can size its output buffer once.
   */
  int maxCompressedLength(int uncompressedLength);

  /**
   * Compresses {@code input[inputOffset, inputOffset + inputLength)} into {@code output} from
   * {@code outputOffset}; {@code output} must have room for {@link #maxCompressedLength(int)} bytes.
   *
   * @return the number of compressed bytes written
   * @throws CodecException when the codec cannot compress (for example a codec this build only decodes)
   */
  int compress(byte[] input, int inputOffset, int inputLength, byte[] output, int outputOffset);

  /**
   * Compresses the remaining bytes of {@code input} into {@code output} from its position. Either buffer may be
   * heap or direct. On return {@code input} is consumed and {@code output}'s position has advanced.
   *
   * @return the number of compressed bytes written
   * @throws CodecException as {@link #compress(byte[], int, int, byte[], int)}
   */
  int compress(ByteBuffer input, ByteBuffer output);
}
