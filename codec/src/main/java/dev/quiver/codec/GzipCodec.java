package dev.quiver.codec;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * {@link CodecName#GZIP}: one or more concatenated gzip members (RFC 1952) whose uncompressed data, joined, is the
 * block. Several members in one page occur in real files (parquet-testing's {@code concatenated_gzip_members.parquet});
 * every member's header is parsed and its CRC-32 and ISIZE checked (see {@link GzipHeader}), and input left after a
 * member must be another whole member. Compression writes a single member with the default level (6), or the level
 * the codec was made with (0 to 9), and a minimal header.
 *
 * <p>The DEFLATE data goes through the JDK's zlib ({@link Inflater} / {@link Deflater} in raw mode), which reads and
 * writes heap and direct {@link ByteBuffer}s alike, so no mix needs a copy. Inflaters and deflaters are pooled
 * ({@link ContextPool}) and reset between uses; a call allocates only a {@link CRC32} and a few buffer views.
 */
final class GzipCodec extends BlockCodec {
  private final ContextPool<Inflater> inflaters = new ContextPool<>(() -> new Inflater(true), Inflater::end);
  private final ContextPool<Deflater> deflaters;

  GzipCodec() {
    this(Deflater.DEFAULT_COMPRESSION);
  }

  /** A codec compressing at {@code level} (0 to 9, or {@link Deflater#DEFAULT_COMPRESSION}; checked by the caller). */
  GzipCodec(int level) {
    super(CodecName.GZIP);
    this.deflaters = new ContextPool<>(() -> new Deflater(level, true), Deflater::end);
  }

  /**
   * zlib's {@code deflateBound} for raw DEFLATE at the default memory level (stored blocks cost 5 bytes per 16 KiB),
   * plus the 10-byte header and 8-byte trailer.
   */
  @Override
  public int maxCompressedLength(int uncompressedLength) {
    checkInputLength(uncompressedLength);
    long n = uncompressedLength;
    long deflateBound = n + (n >> 12) + (n >> 14) + (n >> 25) + 13;
    return checkedBound(CodecName.GZIP, uncompressedLength,
        deflateBound + GzipHeader.FIXED_LENGTH + GzipHeader.TRAILER_LENGTH);
  }

  @Override
  void decompressArrays(byte[] in, int inOff, int inLen, byte[] out, int outOff, int n) {
    decompressBuffers(ByteBuffer.wrap(in), inOff, inLen, ByteBuffer.wrap(out), outOff, n);
  }

  @Override
  void decompressBuffers(ByteBuffer in, int inPos, int inLen, ByteBuffer out, int outPos, int n) {
    requireInput(inLen);
    int end = inPos + inLen;
    int outEnd = outPos + n;
    ByteBuffer src = in.duplicate();
    ByteBuffer dst = out.duplicate();
    CRC32 crc = new CRC32();
    Inflater inflater = inflaters.borrow();
    try {
      int memberStart = inPos;
      int op = outPos;
      while (memberStart < end) {
        int dataStart = GzipHeader.skip(in, memberStart, end, inPos);
        inflater.reset();
        src.limit(end).position(dataStart);
        dst.limit(outEnd).position(op);
        inflater.setInput(src);
        inflateMember(inflater, dst, dataStart - inPos, n);
        int produced = dst.position() - op;
        int trailer = end - inflater.getRemaining();
        if (end - trailer < GzipHeader.TRAILER_LENGTH) {
          throw corrupt(trailer - inPos, "truncated gzip trailer (" + (end - trailer) + " of 8 bytes)");
        }
        crc.reset();
        dst.limit(op + produced).position(op);
        crc.update(dst);
        int storedCrc = Bytes.readIntLe(in, trailer);
        if (storedCrc != (int) crc.getValue()) {
          throw corrupt(trailer - inPos, String.format("gzip member CRC32 0x%08x does not match its data (0x%08x)",
              storedCrc, (int) crc.getValue()));
        }
        int storedSize = Bytes.readIntLe(in, trailer + 4);
        if (storedSize != produced) {
          throw corrupt(trailer + 4 - inPos, "gzip member ISIZE " + Integer.toUnsignedString(storedSize)
              + " does not match its " + produced + " bytes of data");
        }
        op += produced;
        memberStart = trailer + GzipHeader.TRAILER_LENGTH;
      }
      checkProduced(op - outPos, n);
    } finally {
      inflater.reset(); // drops the reference to the caller's buffer
      inflaters.release(inflater);
    }
  }

  /**
   * Inflates one member's DEFLATE data into {@code dst} (limited to the output window) until its final block ends.
   * Every round must consume input or produce output, so a stuck stream fails instead of spinning.
   */
  private void inflateMember(Inflater inflater, ByteBuffer dst, int dataOffset, int n) {
    while (!inflater.finished()) {
      long read = inflater.getBytesRead();
      int written = dst.position();
      try {
        inflater.inflate(dst);
      } catch (DataFormatException e) {
        throw new CodecException(CodecName.GZIP, dataOffset + inflater.getBytesRead(),
            "invalid DEFLATE data: " + e.getMessage(), e);
      }
      if (!inflater.finished() && inflater.getBytesRead() == read && dst.position() == written) {
        if (inflater.needsDictionary()) {
          throw corrupt(dataOffset, "DEFLATE data needs a preset dictionary, which gzip does not allow");
        }
        if (!dst.hasRemaining()) {
          throw corrupt("decompresses to more than the expected " + n + " bytes");
        }
        throw corrupt(dataOffset + read, "truncated DEFLATE data");
      }
    }
  }

  @Override
  int compressArrays(byte[] in, int inOff, int inLen, byte[] out, int outOff, int room) {
    return compressBuffers(ByteBuffer.wrap(in), inOff, inLen, ByteBuffer.wrap(out), outOff, room);
  }

  @Override
  int compressBuffers(ByteBuffer in, int inPos, int inLen, ByteBuffer out, int outPos, int room) {
    GzipHeader.writeDefault(out, outPos);
    int dataStart = outPos + GzipHeader.FIXED_LENGTH;
    ByteBuffer dst = out.slice(dataStart, room - GzipHeader.FIXED_LENGTH - GzipHeader.TRAILER_LENGTH);
    Deflater deflater = deflaters.borrow();
    try {
      deflater.setInput(in.slice(inPos, inLen));
      deflater.finish();
      while (!deflater.finished()) {
        long read = deflater.getBytesRead();
        int written = dst.position();
        deflater.deflate(dst);
        if (!deflater.finished() && deflater.getBytesRead() == read && dst.position() == written) {
          throw corrupt("compressed data exceeds maxCompressedLength(" + inLen + ")");
        }
      }
    } finally {
      deflater.reset();
      deflaters.release(deflater);
    }
    CRC32 crc = new CRC32();
    crc.update(in.slice(inPos, inLen));
    int trailer = dataStart + dst.position();
    Bytes.writeIntLe(out, trailer, (int) crc.getValue());
    Bytes.writeIntLe(out, trailer + 4, inLen);
    return trailer + GzipHeader.TRAILER_LENGTH - outPos;
  }
}
