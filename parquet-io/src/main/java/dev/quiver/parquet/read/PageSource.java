package dev.quiver.parquet.read;

import dev.quiver.codec.CodecException;
import dev.quiver.codec.CodecName;
import dev.quiver.codec.CompressionCodec;
import dev.quiver.parquet.ParquetCorruptionException;
import dev.quiver.parquet.format.MetadataDecoder;
import dev.quiver.parquet.format.PageHeader;
import dev.quiver.parquet.format.thrift.CompactReader;
import java.util.zip.CRC32;

/**
 * The pages of one column chunk, held in memory: parses each page header, checks the page's sizes against the
 * chunk's bytes, verifies the CRC-32 when asked, and decompresses page bodies into a buffer reused from page to
 * page. Does no I/O: the chunk's bytes were fetched before.
 */
final class PageSource {
  /**
   * The largest uncompressed page accepted, in bytes: bounds the buffer a corrupt size could make us allocate. A
   * larger page raises {@link dev.quiver.parquet.UnsupportedParquetException}.
   */
  static final int MAX_PAGE_SIZE = 1 << 30;

  private final byte[] chunk;
  private final int end;
  private final long chunkFileOffset;
  private final int chunkStart;
  private final CompressionCodec codec;
  private final boolean verifyChecksums;
  private final CRC32 crc = new CRC32();

  private int pos;
  private int pageOrdinal = -1;
  private long pageFileOffset;
  private final ColumnStaging staging;

  /** The header of the current page. */
  PageHeader header;
  /** The current page's body as stored: {@code chunk[bodyStart, bodyStart + header.compressedPageSize())}. */
  int bodyStart;

  PageSource(byte[] chunk, int offset, int length, long chunkFileOffset, CompressionCodec codec,
      boolean verifyChecksums, ColumnStaging staging) {
    this.staging = staging;
    this.chunk = chunk;
    this.chunkStart = offset;
    this.pos = offset;
    this.end = offset + length;
    this.chunkFileOffset = chunkFileOffset;
    this.codec = codec;
    this.verifyChecksums = verifyChecksums;
  }

  /** The chunk's bytes, in which {@link #bodyStart} indexes. */
  byte[] chunk() {
    return chunk;
  }

  /** The 0-based ordinal of the current page in the chunk. */
  int pageOrdinal() {
    return pageOrdinal;
  }

  /** The file offset of the current page's header. */
  long pageFileOffset() {
    return pageFileOffset;
  }

  /** True while the chunk holds more bytes after the current page. */
  boolean hasMore() {
    return pos < end;
  }

  /**
   * Moves to the next page: parses its header and checks its body lies within the chunk.
   *
   * @throws ParquetCorruptionException when the header does not parse, the body runs past the chunk or the
   *     checksum does not match
   */
  void next() {
    pageOrdinal++;
    pageFileOffset = chunkFileOffset + (pos - chunkStart);
    CompactReader reader = new CompactReader(chunk, pos, end - pos, pageFileOffset);
    header = MetadataDecoder.pageHeader(reader);
    bodyStart = pos + reader.consumed();
    int length = header.compressedPageSize();
    if (length > end - bodyStart) {
      throw new ParquetCorruptionException("page of " + length + " bytes runs past the end of its column chunk ("
          + (end - bodyStart) + " bytes left)").at(pageFileOffset);
    }
    if (header.uncompressedPageSize() > MAX_PAGE_SIZE) {
      // not necessarily corrupt (large_string_map.brotli.parquet has such pages), but more than one buffer holds
      throw new dev.quiver.parquet.UnsupportedParquetException("page at offset " + pageFileOffset + " claims "
          + header.uncompressedPageSize() + " uncompressed bytes; pages over 1 GiB are not supported");
    }
    pos = bodyStart + length;
    if (verifyChecksums && header.crc() != null) {
      crc.reset();
      crc.update(chunk, bodyStart, length);
      if ((int) crc.getValue() != header.crc()) {
        throw new ParquetCorruptionException(String.format("page checksum mismatch: stored CRC-32 %08x, computed "
            + "%08x", header.crc(), (int) crc.getValue())).at(pageFileOffset);
      }
    }
  }

  /**
   * Decompresses {@code chunk[from, from + storedLength)} to exactly {@code uncompressedLength} bytes.
   *
   * @param compressed whether the bytes are compressed with the chunk's codec
   * @return the array holding the result from index 0, or {@link #chunk()} itself (from {@code from}) when the
   *     bytes are stored uncompressed; the caller learns which through {@link #decompressedOffset}
   */
  byte[] decompress(int from, int storedLength, int uncompressedLength, boolean compressed) {
    if (!compressed || codec.name() == CodecName.UNCOMPRESSED) {
      if (storedLength != uncompressedLength) {
        throw new ParquetCorruptionException("uncompressed page section of " + storedLength
            + " bytes, but the header says " + uncompressedLength).at(pageFileOffset);
      }
      decompressedOffset = from;
      return chunk;
    }
    if (uncompressedLength < 0) {
      throw new ParquetCorruptionException("negative uncompressed size " + uncompressedLength).at(pageFileOffset);
    }
    decompressedOffset = 0;
    if (uncompressedLength == 0 && storedLength == 0) {
      return staging.pageBuffer; // nothing stored, nothing to decompress (an empty v2 page: not a valid stream for most codecs)
    }
    if (staging.pageBuffer.length < uncompressedLength) {
      staging.pageBuffer = new byte[Math.max(uncompressedLength, Math.min(MAX_PAGE_SIZE, staging.pageBuffer.length * 2))];
    }
    try {
      codec.decompress(chunk, from, storedLength, staging.pageBuffer, 0, uncompressedLength);
    } catch (CodecException e) {
      throw new ParquetCorruptionException("page does not decompress with " + codec.name() + ": "
          + e.getMessage(), e).at(pageFileOffset);
    }
    return staging.pageBuffer;
  }

  /** Where the bytes returned by the last {@link #decompress} call start. */
  int decompressedOffset;
}
