package dev.quiver.codec;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import java.nio.ByteBuffer;

/**
 * {@link CodecName#ZSTD}: one or more Zstandard frames (RFC 8878), possibly with skippable frames between them.
 * Frames need not declare their content size (streaming writers omit it), and a valid frame may decompress to zero
 * bytes (parquet-testing's {@code page_v2_empty_compressed.parquet}). An empty input is rejected: it holds no frame.
 *
 * <p>Uses zstd-jni's one-shot context calls ({@code ZSTD_decompressDCtx}), which decode every frame in the input
 * into an output window of exactly {@code uncompressedLength} bytes and fail with {@code dstSize_tooSmall} rather
 * than write past it. Heap arrays, direct buffers and the array/direct mixes for decompression go straight to the
 * library; only compression of a heap/direct mix is copied through {@link Scratch}. Compression writes one frame at
 * level 3 (zstd's default) unless made with another level, with the content size in its header and no checksum.
 *
 * <p>Contexts are pooled ({@link ContextPool}); a context that failed mid-call is discarded, not reused.
 */
final class ZstdCodec extends BlockCodec {
  /** zstd's default level. */
  static final int DEFAULT_LEVEL = 3;
  /** The levels zstd-jni accepts here: the fast negative levels down to -7 and the ordinary ones up to 22. */
  static final int MIN_LEVEL = -7;
  static final int MAX_LEVEL = 22;
  private static final int BLOCK_SIZE_MAX = 128 << 10;

  private final ContextPool<ZstdDecompressCtx> decompressors =
      new ContextPool<>(ZstdDecompressCtx::new, ZstdDecompressCtx::close);
  private final ContextPool<ZstdCompressCtx> compressors;

  ZstdCodec() {
    this(DEFAULT_LEVEL);
  }

  /** A codec compressing at {@code level} ({@link #MIN_LEVEL} to {@link #MAX_LEVEL}, checked by the caller). */
  ZstdCodec(int level) {
    super(CodecName.ZSTD);
    this.compressors = new ContextPool<>(() -> new ZstdCompressCtx().setLevel(level), ZstdCompressCtx::close);
  }

  /** {@code ZSTD_COMPRESSBOUND} from {@code zstd.h}, computed here so that sizing a buffer loads no native code. */
  @Override
  public int maxCompressedLength(int uncompressedLength) {
    checkInputLength(uncompressedLength);
    long n = uncompressedLength;
    long margin = n < BLOCK_SIZE_MAX ? (BLOCK_SIZE_MAX - n) >> 11 : 0;
    return checkedBound(CodecName.ZSTD, uncompressedLength, n + (n >> 8) + margin);
  }

  @Override
  void decompressArrays(byte[] in, int inOff, int inLen, byte[] out, int outOff, int n) {
    requireInput(inLen);
    ZstdDecompressCtx context = decompressors.borrow();
    boolean reusable = false;
    try {
      int produced = context.decompressByteArray(out, outOff, n, in, inOff, inLen);
      reusable = true;
      checkProduced(produced, n);
    } catch (ZstdException e) {
      throw translate(e, n);
    } finally {
      returnContext(context, reusable);
    }
  }

  @Override
  void decompressBuffers(ByteBuffer in, int inPos, int inLen, ByteBuffer out, int outPos, int n) {
    boolean inDirect = in.isDirect();
    boolean outDirect = out.isDirect();
    if (!(inDirect || in.hasArray()) || !(outDirect || out.hasArray())) {
      decompressViaArrays(in, inPos, inLen, out, outPos, n); // a read-only heap buffer: no array to hand over
      return;
    }
    requireInput(inLen);
    ZstdDecompressCtx context = decompressors.borrow();
    boolean reusable = false;
    try {
      int produced;
      if (inDirect && outDirect) {
        produced = context.decompressDirectByteBuffer(out, outPos, n, in, inPos, inLen);
      } else if (inDirect) {
        produced = context.decompressDirectByteBufferToByteArray(
            out.array(), out.arrayOffset() + outPos, n, in, inPos, inLen);
      } else {
        produced = context.decompressByteArrayToDirectByteBuffer(
            out, outPos, n, in.array(), in.arrayOffset() + inPos, inLen);
      }
      reusable = true;
      checkProduced(produced, n);
    } catch (ZstdException e) {
      throw translate(e, n);
    } finally {
      returnContext(context, reusable);
    }
  }

  @Override
  int compressArrays(byte[] in, int inOff, int inLen, byte[] out, int outOff, int room) {
    ZstdCompressCtx context = compressors.borrow();
    boolean reusable = false;
    try {
      int written = context.compressByteArray(out, outOff, room, in, inOff, inLen);
      reusable = true;
      return written;
    } finally {
      returnContext(context, reusable);
    }
  }

  @Override
  int compressBuffers(ByteBuffer in, int inPos, int inLen, ByteBuffer out, int outPos, int room) {
    if (!in.isDirect() || !out.isDirect()) {
      return compressViaArrays(in, inPos, inLen, out, outPos, room);
    }
    ZstdCompressCtx context = compressors.borrow();
    boolean reusable = false;
    try {
      int written = context.compressDirectByteBuffer(out, outPos, room, in, inPos, inLen);
      reusable = true;
      return written;
    } finally {
      returnContext(context, reusable);
    }
  }

  private void returnContext(ZstdDecompressCtx context, boolean reusable) {
    if (reusable) {
      decompressors.release(context);
    } else {
      decompressors.discard(context);
    }
  }

  private void returnContext(ZstdCompressCtx context, boolean reusable) {
    if (reusable) {
      compressors.release(context);
    } else {
      compressors.discard(context);
    }
  }

  private CodecException translate(ZstdException e, int n) {
    if (e.getErrorCode() == Zstd.errDstSizeTooSmall()) {
      return corrupt("decompresses to more than the expected " + n + " bytes", e);
    }
    return corrupt("malformed Zstandard data: " + e.getMessage(), e);
  }
}
