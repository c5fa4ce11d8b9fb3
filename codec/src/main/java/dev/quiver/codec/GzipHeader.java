package dev.quiver.codec;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * The framing of one gzip member, RFC 1952 section 2.3: a header of at least 10 bytes with optional fields, the raw
 * DEFLATE data (RFC 1951), and an 8-byte trailer holding the CRC-32 and the length mod 2^32 of the uncompressed
 * data, both little-endian.
 *
 * <pre>
 * +---+---+---+---+---+---+---+---+---+---+
 * |ID1|ID2|CM |FLG|     MTIME     |XFL|OS | (more--&gt;)
 * +---+---+---+---+---+---+---+---+---+---+
 * (if FLG.FEXTRA) XLEN (2 bytes) + XLEN bytes; (if FLG.FNAME) zero-terminated name;
 * (if FLG.FCOMMENT) zero-terminated comment; (if FLG.FHCRC) CRC16 of the header so far (2 bytes)
 * </pre>
 */
final class GzipHeader {
  /** Bytes of the fixed part of the header. */
  static final int FIXED_LENGTH = 10;
  /** Bytes of the trailer: CRC32 and ISIZE. */
  static final int TRAILER_LENGTH = 8;

  private static final int ID1 = 0x1f;
  private static final int ID2 = 0x8b;
  private static final int CM_DEFLATE = 8;
  private static final int FHCRC = 0x02;
  private static final int FEXTRA = 0x04;
  private static final int FNAME = 0x08;
  private static final int FCOMMENT = 0x10;
  private static final int FLG_RESERVED = 0xe0;
  private static final int OS_UNKNOWN = 0xff;

  private GzipHeader() {}

  /**
   * Skips the member header that starts at {@code in[start]} and returns the index of its first DEFLATE byte.
   *
   * @param end index past the last input byte
   * @param base index of the block's first byte, to report offsets relative to the block
   * @throws CodecException when the header is truncated, has the wrong magic or method, sets reserved flags, or its
   *     CRC16 does not match
   */
  static int skip(ByteBuffer in, int start, int end, int base) {
    if (end - start < FIXED_LENGTH) {
      throw corrupt(start - base, "truncated gzip member header (" + (end - start) + " bytes)");
    }
    int id1 = in.get(start) & 0xff;
    int id2 = in.get(start + 1) & 0xff;
    if (id1 != ID1 || id2 != ID2) {
      throw corrupt(start - base, String.format("not a gzip member: magic 0x%02x%02x, expected 0x1f8b", id1, id2));
    }
    int method = in.get(start + 2) & 0xff;
    if (method != CM_DEFLATE) {
      throw corrupt(start + 2 - base, "unsupported gzip compression method " + method + ", expected 8 (deflate)");
    }
    int flags = in.get(start + 3) & 0xff;
    if ((flags & FLG_RESERVED) != 0) {
      throw corrupt(start + 3 - base, String.format("gzip header sets reserved flag bits 0x%02x", flags));
    }
    int pos = start + FIXED_LENGTH;
    if ((flags & FEXTRA) != 0) {
      if (end - pos < 2) {
        throw corrupt(pos - base, "truncated gzip FEXTRA length");
      }
      int extraLength = (in.get(pos) & 0xff) | (in.get(pos + 1) & 0xff) << 8;
      pos += 2;
      if (end - pos < extraLength) {
        throw corrupt(pos - base, "truncated gzip FEXTRA field of " + extraLength + " bytes");
      }
      pos += extraLength;
    }
    if ((flags & FNAME) != 0) {
      pos = skipZeroTerminated(in, pos, end, base, "FNAME");
    }
    if ((flags & FCOMMENT) != 0) {
      pos = skipZeroTerminated(in, pos, end, base, "FCOMMENT");
    }
    if ((flags & FHCRC) != 0) {
      if (end - pos < 2) {
        throw corrupt(pos - base, "truncated gzip header CRC16");
      }
      CRC32 crc = new CRC32();
      crc.update(in.slice(start, pos - start));
      int expected = (int) crc.getValue() & 0xffff;
      int stored = (in.get(pos) & 0xff) | (in.get(pos + 1) & 0xff) << 8;
      if (stored != expected) {
        throw corrupt(pos - base, String.format("gzip header CRC16 0x%04x does not match 0x%04x", stored, expected));
      }
      pos += 2;
    }
    return pos;
  }

  /** Writes the 10-byte header Quiver emits: no optional fields, MTIME 0, XFL 0, OS 255 (unknown). */
  static void writeDefault(ByteBuffer out, int pos) {
    out.put(pos, (byte) ID1);
    out.put(pos + 1, (byte) ID2);
    out.put(pos + 2, (byte) CM_DEFLATE);
    for (int i = 3; i < 9; i++) {
      out.put(pos + i, (byte) 0); // FLG, MTIME (4 bytes), XFL
    }
    out.put(pos + 9, (byte) OS_UNKNOWN);
  }

  private static int skipZeroTerminated(ByteBuffer in, int pos, int end, int base, String field) {
    for (int i = pos; i < end; i++) {
      if (in.get(i) == 0) {
        return i + 1;
      }
    }
    throw corrupt(pos - base, "unterminated gzip " + field + " field");
  }

  private static CodecException corrupt(long offset, String detail) {
    return new CodecException(CodecName.GZIP, offset, detail);
  }
}
