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
 * <p>Errors are split by whose fault they are. Bad <em>data</em> (truncated, corrupt or foreign input, a size other
 * than declared, a negative {@code uncompressedLength}) raises {@link CodecException} and nothing else; after one,
 * bytes inside the output window are unspecified and bytes outside it untouched. Caller <em>bugs</em> (a range
 * outside its array, an output buffer too small or read-only) raise the JDK's {@link IndexOutOfBoundsException} or
 * {@link java.nio.ReadOnlyBufferException} before anything is read or written.
 *
 * <p>Instances are stateless or keep only pooled scratch state: they may be shared by threads. Obtain them from
 * {@link CompressionCodecs#get(CodecName)}.
 */
public interface CompressionCodec {

  /**
   * The codec this instance implements.
   *
   * @return the codec's name, never {@code null}
   */
  CodecName name();

  /**
   * Decompresses {@code input[inputOffset, inputOffset + inputLength)} into
   * {@code output[outputOffset, outputOffset + uncompressedLength)}.
   *
   * @param input the array holding the compressed block
   * @param inputOffset index of the block's first byte in {@code input}
   * @param inputLength the block's length in bytes: all of it must be consumed
   * @param output the array to decompress into
   * @param outputOffset index in {@code output} of the first decompressed byte
   * @param uncompressedLength the exact number of bytes the input must decompress to; {@code >= 0}
   * @return {@code uncompressedLength}
   * @throws CodecException when the input is malformed, or decompresses to a size other than
   *     {@code uncompressedLength}, or {@code uncompressedLength} is negative; the message names the codec and,
   *     where known, the offset into the input
   * @throws IndexOutOfBoundsException when an offset/length pair lies outside its array (a caller bug, not bad data)
   */
  int decompress(byte[] input, int inputOffset, int inputLength, byte[] output, int outputOffset, int uncompressedLength);

  /**
   * Decompresses the remaining bytes of {@code input} into {@code output}, starting at {@code output.position()}.
   * Either buffer may be heap or direct. On return {@code input} is fully consumed (position = limit) and
   * {@code output}'s position has advanced by the uncompressed size; on failure neither position has moved.
   * Limits and byte orders are never changed.
   *
   * @param input the compressed block, between its position and its limit; heap, direct or read-only
   * @param output where to decompress, from its position; heap or direct, writable
   * @param uncompressedLength the exact number of bytes the input must decompress to; must fit in
   *     {@code output.remaining()}
   * @return {@code uncompressedLength}
   * @throws CodecException as {@link #decompress(byte[], int, int, byte[], int, int)}
   * @throws IndexOutOfBoundsException when {@code uncompressedLength > output.remaining()}
   * @throws java.nio.ReadOnlyBufferException when {@code output} is read-only
   */
  int decompress(ByteBuffer input, ByteBuffer output, int uncompressedLength);

  /**
   * The largest number of bytes {@link #compress} can produce for {@code uncompressedLength} input bytes, so a
   * caller can size its output buffer once. Computed without loading any native library.
   *
   * @param uncompressedLength the number of bytes to be compressed; {@code >= 0}
   * @return the bound in bytes, framing included
   * @throws IllegalArgumentException when {@code uncompressedLength} is negative or the bound exceeds
   *     {@link Integer#MAX_VALUE}
   */
  int maxCompressedLength(int uncompressedLength);

  /**
   * Compresses {@code input[inputOffset, inputOffset + inputLength)} into {@code output} from
   * {@code outputOffset}; {@code output} must have room for {@link #maxCompressedLength(int)} bytes. Only
   * {@code output[outputOffset, outputOffset + maxCompressedLength(inputLength))} is written; bytes in it past the
   * returned count are unspecified (some libraries use them as scratch).
   *
   * @param input the array holding the bytes to compress
   * @param inputOffset index of the first byte to compress
   * @param inputLength the number of bytes to compress
   * @param output the array to write the compressed block into
   * @param outputOffset index in {@code output} of the block's first byte
   * @return the number of compressed bytes written
   * @throws CodecException when the codec cannot compress (for example its native library is unavailable)
   * @throws IndexOutOfBoundsException when the input range lies outside its array, or fewer than
   *     {@code maxCompressedLength(inputLength)} bytes follow {@code outputOffset}
   */
  int compress(byte[] input, int inputOffset, int inputLength, byte[] output, int outputOffset);

  /**
   * Compresses the remaining bytes of {@code input} into {@code output} from its position. Either buffer may be
   * heap or direct. On return {@code input} is consumed and {@code output}'s position has advanced. As with
   * arrays, only the first {@code maxCompressedLength(input.remaining())} bytes from the position are written.
   *
   * @param input the bytes to compress, between its position and its limit; heap, direct or read-only
   * @param output where to write the compressed block, from its position; heap or direct, writable
   * @return the number of compressed bytes written
   * @throws CodecException as {@link #compress(byte[], int, int, byte[], int)}
   * @throws IndexOutOfBoundsException when {@code output.remaining() < maxCompressedLength(input.remaining())}
   * @throws java.nio.ReadOnlyBufferException when {@code output} is read-only
   */
  int compress(ByteBuffer input, ByteBuffer output);
}
