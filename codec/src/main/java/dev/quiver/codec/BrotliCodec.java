package dev.quiver.codec;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.decoder.DecoderJNI;
import com.aayushatharva.brotli4j.encoder.Encoder;
import com.aayushatharva.brotli4j.encoder.EncoderJNI;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * {@link CodecName#BROTLI}: one Brotli stream (RFC 7932). The stream must end exactly at the end of the input.
 *
 * <p>Uses brotli4j, Google's C decoder and encoder behind JNI, with one native library per platform (Linux x86-64
 * and aarch64, macOS x86-64 and aarch64, Windows x86-64 are on the classpath). The library is loaded on first use;
 * where it cannot load, every call fails with a {@link CodecException} naming the platform and the cause, and the
 * other codecs are unaffected.
 *
 * <p>Both directions stream through brotli4j's JNI wrappers: input is handed over in chunks of up to 64 KiB through
 * the wrapper's native buffer, and output is copied out of the native ring buffer straight into the caller's window,
 * refusing any byte past it, so heap and direct buffers mix freely. brotli4j has no way to reset a decoder or
 * encoder, so each call creates and destroys one (native state plus a window-sized ring buffer); that is the
 * library's price. Compression uses quality 8 (Arrow C++'s default) unless made with another (0 to 11), and the
 * smallest window that holds the input.
 */
final class BrotliCodec extends BlockCodec {
  /** Arrow C++'s default quality. */
  static final int DEFAULT_QUALITY = 8;
  private static final int MIN_WINDOW_BITS = 10;
  private static final int MAX_WINDOW_BITS = 24;
  private static final int CHUNK = 64 << 10;

  private final int quality;

  BrotliCodec() {
    this(DEFAULT_QUALITY);
  }

  /** A codec compressing at {@code quality} (0 to 11, checked by the caller). */
  BrotliCodec(int quality) {
    super(CodecName.BROTLI);
    this.quality = quality;
  }

  /** {@code BrotliEncoderMaxCompressedSize}: {@code n + 2 + 4 * (n >> 14) + 3 + 1}, and 2 for {@code n = 0}. */
  @Override
  public int maxCompressedLength(int uncompressedLength) {
    checkInputLength(uncompressedLength);
    if (uncompressedLength == 0) {
      return 2;
    }
    long n = uncompressedLength;
    return checkedBound(CodecName.BROTLI, uncompressedLength, n + 2 + 4 * (n >> 14) + 3 + 1);
  }

  @Override
  void decompressArrays(byte[] in, int inOff, int inLen, byte[] out, int outOff, int n) {
    decompressBuffers(ByteBuffer.wrap(in), inOff, inLen, ByteBuffer.wrap(out), outOff, n);
  }

  @Override
  void decompressBuffers(ByteBuffer in, int inPos, int inLen, ByteBuffer out, int outPos, int n) {
    requireInput(inLen);
    NativeLibrary.ensureLoaded();
    DecoderJNI.Wrapper decoder = newDecoder(Math.min(inLen, CHUNK));
    try {
      int ip = inPos;
      int end = inPos + inLen;
      int op = outPos;
      int outEnd = outPos + n;
      boolean drained = false;
      while (true) {
        DecoderJNI.Status status = decoder.getStatus();
        if (status == DecoderJNI.Status.DONE) {
          if (decoder.hasOutput()) {
            op = copyOut(decoder.pull(), out, op, outEnd, n);
            continue;
          }
          break;
        }
        switch (status) {
          case NEEDS_MORE_INPUT:
            if (ip < end) {
              ByteBuffer buffer = decoder.getInputBuffer();
              int k = Math.min(buffer.capacity(), end - ip);
              buffer.clear();
              buffer.put(0, in, ip, k);
              decoder.push(k);
              ip += k;
            } else if (!drained) {
              decoder.push(0); // lets the decoder finish what it holds before calling the stream truncated
              drained = true;
            } else {
              throw corrupt(inLen, "truncated Brotli stream");
            }
            break;
          case NEEDS_MORE_OUTPUT:
            op = copyOut(decoder.pull(), out, op, outEnd, n);
            break;
          case OK:
            decoder.push(0);
            break;
          default:
            throw corrupt("malformed Brotli stream (decoder error after reading up to input offset "
                + (ip - inPos) + ")");
        }
      }
      if (ip < end) {
        throw corrupt(ip - inPos, "input continues after the end of the Brotli stream");
      }
      checkProduced(op - outPos, n);
    } finally {
      decoder.destroy();
    }
  }

  /** Copies one pulled chunk of output into the window, refusing to go past {@code outEnd}. */
  private int copyOut(ByteBuffer chunk, ByteBuffer out, int op, int outEnd, int n) {
    int k = chunk.remaining();
    if (k > outEnd - op) {
      throw corrupt("decompresses to more than the expected " + n + " bytes");
    }
    out.put(op, chunk, chunk.position(), k);
    return op + k;
  }

  @Override
  int compressArrays(byte[] in, int inOff, int inLen, byte[] out, int outOff, int room) {
    return compressBuffers(ByteBuffer.wrap(in), inOff, inLen, ByteBuffer.wrap(out), outOff, room);
  }

  @Override
  int compressBuffers(ByteBuffer in, int inPos, int inLen, ByteBuffer out, int outPos, int room) {
    NativeLibrary.ensureLoaded();
    EncoderJNI.Wrapper encoder = newEncoder(Math.max(1, Math.min(inLen, CHUNK)), windowBits(inLen));
    try {
      int ip = inPos;
      int end = inPos + inLen;
      int op = outPos;
      int outEnd = outPos + room;
      boolean lastPushed = false;
      while (true) {
        if (!encoder.isSuccess()) {
          throw corrupt("Brotli encoder failed");
        }
        if (encoder.hasMoreOutput()) {
          ByteBuffer chunk = encoder.pull();
          int k = chunk.remaining();
          if (k > outEnd - op) {
            throw corrupt("compressed data exceeds maxCompressedLength(" + inLen + ")");
          }
          out.put(op, chunk, chunk.position(), k);
          op += k;
        } else if (encoder.hasRemainingInput()) {
          encoder.push(lastPushed ? EncoderJNI.Operation.FINISH : EncoderJNI.Operation.PROCESS, 0);
        } else if (encoder.isFinished()) {
          return op - outPos;
        } else if (!lastPushed) {
          ByteBuffer buffer = encoder.getInputBuffer();
          int k = Math.min(buffer.capacity(), end - ip);
          buffer.clear();
          buffer.put(0, in, ip, k);
          ip += k;
          lastPushed = ip == end;
          encoder.push(lastPushed ? EncoderJNI.Operation.FINISH : EncoderJNI.Operation.PROCESS, k);
        } else {
          encoder.push(EncoderJNI.Operation.FINISH, 0);
        }
      }
    } finally {
      encoder.destroy();
    }
  }

  /** The smallest window (10 to 24 bits) that covers the whole input, so small pages get small encoder state. */
  private static int windowBits(int inputLength) {
    int bits = 32 - Integer.numberOfLeadingZeros(Math.max(inputLength - 1, 1));
    return Math.max(MIN_WINDOW_BITS, Math.min(MAX_WINDOW_BITS, bits));
  }

  private DecoderJNI.Wrapper newDecoder(int inputBufferSize) {
    try {
      return new DecoderJNI.Wrapper(inputBufferSize);
    } catch (IOException e) {
      throw corrupt("cannot create a Brotli decoder: " + e.getMessage(), e);
    }
  }

  private EncoderJNI.Wrapper newEncoder(int inputBufferSize, int windowBits) {
    try {
      return new EncoderJNI.Wrapper(inputBufferSize, quality, windowBits, Encoder.Mode.GENERIC);
    } catch (IOException e) {
      throw corrupt("cannot create a Brotli encoder: " + e.getMessage(), e);
    }
  }

  /** brotli4j's native library, loaded once on first use; a failure is kept and reported on every call. */
  private static final class NativeLibrary {
    private static final Throwable FAILURE = load();

    private static Throwable load() {
      try {
        Brotli4jLoader.ensureAvailability();
        return null;
      } catch (Throwable e) { // UnsatisfiedLinkError, or a class missing from a trimmed classpath
        return e;
      }
    }

    static void ensureLoaded() {
      if (FAILURE != null) {
        Throwable cause = FAILURE.getCause() != null ? FAILURE.getCause() : FAILURE;
        throw new CodecException(CodecName.BROTLI, "native library unavailable on this platform ("
            + System.getProperty("os.name") + " " + System.getProperty("os.arch") + "): " + cause, FAILURE);
      }
    }
  }
}
