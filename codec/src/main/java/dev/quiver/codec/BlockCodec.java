package dev.quiver.codec;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.Objects;

/**
 * What every codec shares: argument checks, the heap/direct dispatch of the {@link ByteBuffer} methods, and the rule
 * that a library's failure surfaces as a {@link CodecException}. A codec implements four primitives over ranges that
 * have already been checked against their arrays and buffers:
 *
 * <ul>
 *   <li>{@link #decompressArrays} and {@link #compressArrays} for heap arrays (also used for two array-backed
 *       buffers);
 *   <li>{@link #decompressBuffers} and {@link #compressBuffers} for any other mix of buffers, addressed by absolute
 *       index; they must not move the buffers' positions or limits. A codec whose library has no path for the mix
 *       calls {@link #decompressViaArrays} / {@link #compressViaArrays}, which copy through {@link Scratch}.
 * </ul>
 *
 * A primitive must write nothing outside {@code [outputOffset, outputOffset + length)}, must fail with a
 * {@code CodecException} unless the output is exactly the declared length, and may let library runtime exceptions
 * escape: they are wrapped here.
 */
abstract class BlockCodec implements CompressionCodec {
  private final CodecName name;

  BlockCodec(CodecName name) {
    this.name = name;
  }

  @Override
  public final CodecName name() {
    return name;
  }

  @Override
  public final int decompress(byte[] input, int inputOffset, int inputLength, byte[] output, int outputOffset,
      int uncompressedLength) {
    checkUncompressedLength(uncompressedLength);
    Objects.checkFromIndexSize(inputOffset, inputLength, input.length);
    Objects.checkFromIndexSize(outputOffset, uncompressedLength, output.length);
    try {
      decompressArrays(input, inputOffset, inputLength, output, outputOffset, uncompressedLength);
    } catch (CodecException e) {
      throw e;
    } catch (RuntimeException | LinkageError e) {
      throw wrap("malformed input", e);
    }
    return uncompressedLength;
  }

  @Override
  public final int decompress(ByteBuffer input, ByteBuffer output, int uncompressedLength) {
    checkUncompressedLength(uncompressedLength);
    if (output.isReadOnly()) {
      throw new ReadOnlyBufferException();
    }
    if (uncompressedLength > output.remaining()) {
      throw new IndexOutOfBoundsException("uncompressedLength " + uncompressedLength + " exceeds the "
          + output.remaining() + " bytes remaining in the output buffer");
    }
    int inPos = input.position();
    int inLen = input.remaining();
    int outPos = output.position();
    try {
      if (input.hasArray() && output.hasArray()) {
        decompressArrays(input.array(), input.arrayOffset() + inPos, inLen,
            output.array(), output.arrayOffset() + outPos, uncompressedLength);
      } else {
        decompressBuffers(input, inPos, inLen, output, outPos, uncompressedLength);
      }
    } catch (CodecException e) {
      throw e;
    } catch (RuntimeException | LinkageError e) {
      throw wrap("malformed input", e);
    }
    input.position(inPos + inLen);
    output.position(outPos + uncompressedLength);
    return uncompressedLength;
  }

  @Override
  public final int compress(byte[] input, int inputOffset, int inputLength, byte[] output, int outputOffset) {
    Objects.checkFromIndexSize(inputOffset, inputLength, input.length);
    Objects.checkIndex(outputOffset, output.length + 1);
    int room = checkRoom(inputLength, output.length - outputOffset);
    int written;
    try {
      written = compressArrays(input, inputOffset, inputLength, output, outputOffset, room);
    } catch (CodecException e) {
      throw e;
    } catch (RuntimeException | LinkageError e) {
      throw wrap("compression failed", e);
    }
    return written;
  }

  @Override
  public final int compress(ByteBuffer input, ByteBuffer output) {
    if (output.isReadOnly()) {
      throw new ReadOnlyBufferException();
    }
    int inPos = input.position();
    int inLen = input.remaining();
    int outPos = output.position();
    int room = checkRoom(inLen, output.remaining());
    int written;
    try {
      if (input.hasArray() && output.hasArray()) {
        written = compressArrays(input.array(), input.arrayOffset() + inPos, inLen,
            output.array(), output.arrayOffset() + outPos, room);
      } else {
        written = compressBuffers(input, inPos, inLen, output, outPos, room);
      }
    } catch (CodecException e) {
      throw e;
    } catch (RuntimeException | LinkageError e) {
      throw wrap("compression failed", e);
    }
    input.position(inPos + inLen);
    output.position(outPos + written);
    return written;
  }

  /**
   * Decompresses {@code in[inOff, inOff + inLen)} into exactly {@code out[outOff, outOff + n)}; the ranges are valid.
   */
  abstract void decompressArrays(byte[] in, int inOff, int inLen, byte[] out, int outOff, int n);

  /**
   * Decompresses {@code in[inPos, inPos + inLen)} into exactly {@code out[outPos, outPos + n)} (absolute indexes;
   * positions and limits untouched). At least one buffer is not array-backed; {@code out} is writable.
   */
  abstract void decompressBuffers(ByteBuffer in, int inPos, int inLen, ByteBuffer out, int outPos, int n);

  /**
   * Compresses {@code in[inOff, inOff + inLen)} into {@code out} from {@code outOff}, which has {@code room} bytes,
   * at least {@link #maxCompressedLength(int)}; returns the number of bytes written.
   */
  abstract int compressArrays(byte[] in, int inOff, int inLen, byte[] out, int outOff, int room);

  /** As {@link #compressArrays} over buffers by absolute index; at least one is not array-backed. */
  abstract int compressBuffers(ByteBuffer in, int inPos, int inLen, ByteBuffer out, int outPos, int room);

  /** {@link #decompressBuffers} by way of {@link #decompressArrays}, copying each non-array side through scratch. */
  final void decompressViaArrays(ByteBuffer in, int inPos, int inLen, ByteBuffer out, int outPos, int n) {
    byte[] inArray;
    int inOff;
    if (in.hasArray()) {
      inArray = in.array();
      inOff = in.arrayOffset() + inPos;
    } else {
      inArray = Scratch.input(inLen);
      inOff = 0;
      in.get(inPos, inArray, 0, inLen);
    }
    if (out.hasArray()) {
      decompressArrays(inArray, inOff, inLen, out.array(), out.arrayOffset() + outPos, n);
    } else {
      byte[] outArray = Scratch.output(n);
      decompressArrays(inArray, inOff, inLen, outArray, 0, n);
      out.put(outPos, outArray, 0, n);
    }
  }

  /** {@link #compressBuffers} by way of {@link #compressArrays}, copying each non-array side through scratch. */
  final int compressViaArrays(ByteBuffer in, int inPos, int inLen, ByteBuffer out, int outPos, int room) {
    byte[] inArray;
    int inOff;
    if (in.hasArray()) {
      inArray = in.array();
      inOff = in.arrayOffset() + inPos;
    } else {
      inArray = Scratch.input(inLen);
      inOff = 0;
      in.get(inPos, inArray, 0, inLen);
    }
    if (out.hasArray()) {
      return compressArrays(inArray, inOff, inLen, out.array(), out.arrayOffset() + outPos, room);
    }
    int bound = maxCompressedLength(inLen);
    byte[] outArray = Scratch.output(bound);
    int written = compressArrays(inArray, inOff, inLen, outArray, 0, bound);
    out.put(outPos, outArray, 0, written);
    return written;
  }

  /** A {@code CodecException} of this codec at {@code inputOffset} bytes into the block. */
  final CodecException corrupt(long inputOffset, String detail) {
    return new CodecException(name, inputOffset, detail);
  }

  /** A {@code CodecException} of this codec at no known offset. */
  final CodecException corrupt(String detail) {
    return new CodecException(name, detail);
  }

  /** A {@code CodecException} of this codec caused by a library's exception. */
  final CodecException corrupt(String detail, Throwable cause) {
    return new CodecException(name, detail, cause);
  }

  /**
   * Rejects an empty input: every compressed format here needs at least a header, and some libraries would read
   * an empty block as an empty stream.
   */
  final void requireInput(int inLen) {
    if (inLen == 0) {
      throw corrupt(0, "empty input holds no " + name + " data");
    }
  }

  /** Fails unless the library produced exactly the declared number of bytes. */
  final void checkProduced(long produced, int expected) {
    if (produced != expected) {
      throw corrupt("decompressed to " + produced + " bytes, expected " + expected);
    }
  }

  /** {@code value} as an {@code int}, or {@link IllegalArgumentException} for a bound past 2 GiB. */
  static int checkedBound(CodecName codec, int inputLength, long value) {
    if (value > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(codec + ": the compressed size of " + inputLength
          + " bytes may exceed " + Integer.MAX_VALUE + " bytes");
    }
    return (int) value;
  }

  /** Rejects a negative input length given to {@link #maxCompressedLength(int)}. */
  static void checkInputLength(int inputLength) {
    if (inputLength < 0) {
      throw new IllegalArgumentException("negative input length: " + inputLength);
    }
  }

  private void checkUncompressedLength(int uncompressedLength) {
    if (uncompressedLength < 0) {
      throw corrupt("negative uncompressed length " + uncompressedLength);
    }
  }

  /**
   * Checks that {@code available} bytes of output hold the bound and returns the bound: the room the library is
   * given, so that whatever it scribbles past its result (Snappy and zstd use the output as scratch) stays inside
   * the documented window.
   */
  private int checkRoom(int inputLength, int available) {
    int bound = maxCompressedLength(inputLength);
    if (available < bound) {
      throw new IndexOutOfBoundsException(name + ": output has room for " + available + " bytes; compressing "
          + inputLength + " bytes needs maxCompressedLength = " + bound);
    }
    return bound;
  }

  private CodecException wrap(String what, Throwable e) {
    if (e instanceof LinkageError) {
      return corrupt("native library unavailable on this platform (" + System.getProperty("os.name") + " "
          + System.getProperty("os.arch") + "): " + e, e);
    }
    return corrupt(what + ": " + e, e);
  }
}
