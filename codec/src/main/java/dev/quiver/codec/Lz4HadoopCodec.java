package dev.quiver.codec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.xxhash.XXHashFactory;

/**
 * {@link CodecName#LZ4_HADOOP}: LZ4 blocks in the framing of Hadoop's {@code Lz4Codec}
 * ({@code BlockCompressorStream}): repeated blocks of
 *
 * <pre>
 * [uncompressed length: 4 bytes big-endian]
 *   ([compressed length: 4 bytes big-endian][raw LZ4 block of that length])+   until the block's length is reached
 * </pre>
 *
 * Writers other than Hadoop (Arrow C++, arrow-rs) put exactly one compressed chunk in each block; Hadoop splits a
 * large write into several chunks under one uncompressed length. Both parse here, and so does Hadoop's empty stream,
 * a lone zero length.
 *
 * <p>Files labelled LZ4 exist in two other shapes, so decoding falls back as Arrow C++ and arrow-rs do: when the
 * framing does not account for exactly every input byte and every one of the {@code uncompressedLength} output
 * bytes, the whole input is decoded as one raw LZ4 block (older Parquet C++ wrote that); when that fails too and the
 * input starts with the LZ4 frame magic {@code 0x184D2204}, it is decoded as LZ4 frames ({@code lz4_Frame_format.md}).
 * Each attempt writes only inside the output window; after a failed one the window's contents are unspecified.
 *
 * <p>Compression writes one block with one chunk: {@code [n][compressed length][raw LZ4 block]}. Stateless and
 * thread-safe; the frame fallback allocates, the other paths do not.
 */
final class Lz4HadoopCodec extends BlockCodec {
  private static final int LENGTH_BYTES = 4;
  private static final int FRAME_MAGIC = 0x184D2204;

  Lz4HadoopCodec() {
    super(CodecName.LZ4_HADOOP);
  }

  /** The raw block bound {@code n + n / 255 + 16} plus the two 4-byte lengths. */
  @Override
  public int maxCompressedLength(int uncompressedLength) {
    checkInputLength(uncompressedLength);
    return checkedBound(CodecName.LZ4_HADOOP, uncompressedLength,
        2 * LENGTH_BYTES + Lz4Library.maxBlockLength(uncompressedLength));
  }

  @Override
  void decompressArrays(byte[] in, int inOff, int inLen, byte[] out, int outOff, int n) {
    decompressBuffers(ByteBuffer.wrap(in), inOff, inLen, ByteBuffer.wrap(out), outOff, n);
  }

  @Override
  void decompressBuffers(ByteBuffer in, int inPos, int inLen, ByteBuffer out, int outPos, int n) {
    requireInput(inLen);
    if (decodeHadoopFraming(in, inPos, inLen, out, outPos, n)) {
      return;
    }
    String rawFailure;
    Throwable rawCause = null;
    try {
      int produced = Lz4Library.DECOMPRESSOR.decompress(in, inPos, inLen, out, outPos, n);
      if (produced == n) {
        return;
      }
      rawFailure = "decodes to " + produced + " bytes";
    } catch (RuntimeException e) {
      rawFailure = e.getMessage();
      rawCause = e;
    }
    if (inLen >= LENGTH_BYTES && Bytes.readIntLe(in, inPos) == FRAME_MAGIC) {
      decodeFrames(in.slice(inPos, inLen), out, outPos, n);
      return;
    }
    throw corrupt("input is neither Hadoop-framed LZ4, a raw LZ4 block nor an LZ4 frame of " + n
        + " bytes (as a raw block: " + rawFailure + ")", rawCause);
  }

  /**
   * Decodes the Hadoop framing into the output window and answers whether it accounted for exactly every input
   * and output byte. Never throws for bad data: a {@code false} sends the caller to the next interpretation.
   */
  private static boolean decodeHadoopFraming(ByteBuffer in, int inPos, int inLen, ByteBuffer out, int outPos, int n) {
    int ip = inPos;
    int end = inPos + inLen;
    int op = outPos;
    int outEnd = outPos + n;
    while (ip < end) {
      if (end - ip < LENGTH_BYTES) {
        return false;
      }
      long blockLength = Bytes.readUnsignedIntBe(in, ip);
      ip += LENGTH_BYTES;
      if (blockLength > outEnd - op) {
        return false;
      }
      if (blockLength == 0 && ip == end) {
        break; // Hadoop's whole encoding of an empty stream
      }
      long produced = 0;
      do {
        if (end - ip < LENGTH_BYTES) {
          return false;
        }
        long chunkLength = Bytes.readUnsignedIntBe(in, ip);
        ip += LENGTH_BYTES;
        if (chunkLength == 0 || chunkLength > end - ip) {
          return false;
        }
        int got;
        try {
          got = Lz4Library.DECOMPRESSOR.decompress(in, ip, (int) chunkLength, out, op, (int) (blockLength - produced));
        } catch (RuntimeException e) {
          return false;
        }
        ip += (int) chunkLength;
        op += got;
        produced += got;
      } while (produced < blockLength);
    }
    return op == outEnd;
  }

  /** The last resort: LZ4 frames (with lz4-java's checks of the frame descriptor and block checksums). */
  private void decodeFrames(ByteBuffer input, ByteBuffer out, int outPos, int n) {
    int outEnd = outPos + n;
    int op = outPos;
    try (InputStream frames = new LZ4FrameInputStream(new BufferInputStream(input), Lz4Library.DECOMPRESSOR,
        XXHashFactory.fastestInstance().hash32())) {
      byte[] chunk = out.hasArray() ? null : new byte[Math.min(n, 64 << 10)];
      while (op < outEnd) {
        int got;
        if (chunk == null) {
          got = frames.read(out.array(), out.arrayOffset() + op, outEnd - op);
        } else {
          got = frames.read(chunk, 0, Math.min(chunk.length, outEnd - op));
          if (got > 0) {
            out.put(op, chunk, 0, got);
          }
        }
        if (got <= 0) {
          throw corrupt("LZ4 frame decodes to " + (op - outPos) + " bytes, expected " + n);
        }
        op += got;
      }
      if (frames.read() >= 0) {
        throw corrupt("LZ4 frame decodes to more than the expected " + n + " bytes");
      }
    } catch (IOException e) {
      throw corrupt("malformed LZ4 frame after " + (op - outPos) + " output bytes: " + e.getMessage(), e);
    }
  }

  @Override
  int compressArrays(byte[] in, int inOff, int inLen, byte[] out, int outOff, int room) {
    return compressBuffers(ByteBuffer.wrap(in), inOff, inLen, ByteBuffer.wrap(out), outOff, room);
  }

  @Override
  int compressBuffers(ByteBuffer in, int inPos, int inLen, ByteBuffer out, int outPos, int room) {
    int blockStart = outPos + 2 * LENGTH_BYTES;
    int written = Lz4Library.COMPRESSOR.compress(in, inPos, inLen, out, blockStart, room - 2 * LENGTH_BYTES);
    Bytes.writeIntBe(out, outPos, inLen);
    Bytes.writeIntBe(out, outPos + LENGTH_BYTES, written);
    return 2 * LENGTH_BYTES + written;
  }

  /** An {@link InputStream} over a buffer's remaining bytes (heap or direct), for lz4-java's frame reader. */
  private static final class BufferInputStream extends InputStream {
    private final ByteBuffer buffer;

    BufferInputStream(ByteBuffer buffer) {
      this.buffer = buffer;
    }

    @Override
    public int read() {
      return buffer.hasRemaining() ? buffer.get() & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      if (!buffer.hasRemaining()) {
        return -1;
      }
      int n = Math.min(len, buffer.remaining());
      buffer.get(b, off, n);
      return n;
    }

    @Override
    public int available() {
      return buffer.remaining();
    }
  }
}
