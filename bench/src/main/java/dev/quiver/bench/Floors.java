package dev.quiver.bench;

import dev.quiver.codec.CodecName;
import dev.quiver.codec.CompressionCodec;
import dev.quiver.codec.CompressionCodecs;
import dev.quiver.parquet.format.ColumnMetaData;
import dev.quiver.parquet.format.CompressionCodecId;
import dev.quiver.parquet.format.DataPageHeaderV2;
import dev.quiver.parquet.format.MetadataDecoder;
import dev.quiver.parquet.format.PageHeader;
import dev.quiver.parquet.format.PageType;
import dev.quiver.parquet.format.RowGroup;
import dev.quiver.parquet.format.thrift.CompactReader;
import dev.quiver.parquet.read.ParquetFileReader;
import dev.quiver.parquet.schema.ColumnDescriptor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.memory.util.MemoryUtil;

/**
 * The floors of a scan on this machine: how fast memory copies off-heap, and how fast the file's own pages
 * decompress with Quiver's codecs ({@link CompressionCodecs}), page by page as a reader must (page headers parsed
 * with Quiver's Thrift reader; a v2 page's levels are stored uncompressed and are not counted).
 */
public final class Floors {
  private Floors() {}

  /**
   * Off-heap memcpy throughput in bytes per second: the median of {@code rounds} rounds, each copying a 64 MiB
   * Arrow buffer into another 8 times.
   */
  public static double memcpyBytesPerSecond(int rounds) {
    long size = 64L << 20;
    try (BufferAllocator allocator = new RootAllocator();
         ArrowBuf src = allocator.buffer(size);
         ArrowBuf dst = allocator.buffer(size)) {
      src.setOne(0, size);
      MemoryUtil.copyMemory(src.memoryAddress(), dst.memoryAddress(), size); // fault the pages in
      double[] rates = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        long start = System.nanoTime();
        for (int k = 0; k < 8; k++) {
          MemoryUtil.copyMemory(src.memoryAddress(), dst.memoryAddress(), size);
        }
        rates[r] = 8.0 * size / ((System.nanoTime() - start) / 1e9);
      }
      return median(rates);
    }
  }

  /** The compressed pages of some column chunks, ready to decompress. */
  public static final class Pages {
    final List<byte[]> chunks = new ArrayList<>();
    final List<int[]> pages = new ArrayList<>(); // {chunk index, offset, length, uncompressed length}
    CodecName codec;
    long compressedBytes;
    long uncompressedBytes;

    /** The codec of the pages (the first chunk's; the generated files use one codec throughout). */
    public CodecName codec() {
      return codec;
    }

    /** Stored bytes of the compressed sections. */
    public long compressedBytes() {
      return compressedBytes;
    }

    /** Bytes after decompression. */
    public long uncompressedBytes() {
      return uncompressedBytes;
    }

    /** The largest uncompressed page, in bytes. */
    public int maxUncompressedPage() {
      int max = 0;
      for (int[] p : pages) {
        max = Math.max(max, p[3]);
      }
      return max;
    }

    /** The number of pages. */
    public int count() {
      return pages.size();
    }
  }

  /**
   * Loads the pages (dictionary and data) of the column chunks of {@code columns} (top-level names; null for all)
   * of {@code file}.
   *
   * @throws IOException when the file cannot be read
   */
  public static Pages loadPages(Path file, List<String> columns) throws IOException {
    Pages out = new Pages();
    try (ParquetFileReader reader = ParquetFileReader.open(file.toString());
         FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      for (RowGroup rg : reader.metadata().rowGroups()) {
        for (ColumnDescriptor c : reader.schema().columns()) {
          if (columns != null && !columns.contains(c.path().get(0))) {
            continue;
          }
          ColumnMetaData md = rg.columns().get(c.index()).metaData();
          CodecName codec = CompressionCodecId.fromId(md.codecId());
          if (out.codec == null) {
            out.codec = codec;
          }
          long start = md.dataPageOffset();
          if (md.dictionaryPageOffset() != null && md.dictionaryPageOffset() > 0
              && md.dictionaryPageOffset() < start) {
            start = md.dictionaryPageOffset();
          }
          byte[] chunk = new byte[Math.toIntExact(md.totalCompressedSize())];
          ByteBuffer bb = ByteBuffer.wrap(chunk);
          while (bb.hasRemaining()) {
            if (ch.read(bb, start + bb.position()) < 0) {
              throw new IOException("unexpected end of " + file);
            }
          }
          int chunkIndex = out.chunks.size();
          out.chunks.add(chunk);
          int pos = 0;
          while (pos < chunk.length) {
            CompactReader r = new CompactReader(chunk, pos, chunk.length - pos, start + pos);
            PageHeader h = MetadataDecoder.pageHeader(r);
            int body = pos + r.consumed();
            int stored = h.compressedPageSize();
            int uncompressed = h.uncompressedPageSize();
            boolean compressed = true;
            if (h.type() == PageType.DATA_PAGE_V2) {
              DataPageHeaderV2 v2 = h.dataPageHeaderV2();
              int levels = v2.definitionLevelsByteLength() + v2.repetitionLevelsByteLength();
              body += levels;
              stored -= levels;
              uncompressed -= levels;
              compressed = v2.compressed();
            }
            if (h.type() == PageType.DATA_PAGE || h.type() == PageType.DICTIONARY_PAGE
                || h.type() == PageType.DATA_PAGE_V2) {
              if (compressed && codec != CodecName.UNCOMPRESSED && stored > 0) {
                out.pages.add(new int[] {chunkIndex, body, stored, uncompressed});
                out.compressedBytes += stored;
                out.uncompressedBytes += uncompressed;
              }
            }
            pos = pos + r.consumed() + h.compressedPageSize();
          }
        }
      }
    }
    return out;
  }

  /**
   * Seconds to decompress all {@code pages} once, the median of {@code rounds} rounds; 0 when nothing is compressed.
   */
  public static double decompressSeconds(Pages pages, int rounds) {
    if (pages.pages.isEmpty()) {
      return 0;
    }
    byte[] out = new byte[pages.maxUncompressedPage()];
    double[] secs = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long start = System.nanoTime();
      decompressOnce(pages, out);
      secs[r] = (System.nanoTime() - start) / 1e9;
    }
    return median(secs);
  }

  /**
   * Decompresses every page into {@code out} (at least {@link Pages#maxUncompressedPage()} bytes), one after the
   * other.
   *
   * @return the sum of the first byte of every decompressed page (to keep the work observable)
   */
  public static long decompressOnce(Pages pages, byte[] out) {
    CompressionCodec codec = CompressionCodecs.get(pages.codec);
    long sum = 0;
    for (int[] p : pages.pages) {
      codec.decompress(pages.chunks.get(p[0]), p[1], p[2], out, 0, p[3]);
      sum += out[0];
    }
    return sum;
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }
}
