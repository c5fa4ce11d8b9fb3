package dev.quiver.parquet.write;

import dev.quiver.codec.CodecName;
import dev.quiver.codec.CompressionCodec;
import dev.quiver.codec.CompressionCodecs;
import dev.quiver.parquet.bloom.SplitBlockBloomFilter;
import dev.quiver.parquet.bloom.XxHash64;
import dev.quiver.parquet.encoding.BinaryDictionary;
import dev.quiver.parquet.encoding.ByteSink;
import dev.quiver.parquet.encoding.LongDictionary;
import dev.quiver.parquet.encoding.RleBitPackedHybridEncoder;
import dev.quiver.parquet.format.BoundaryOrder;
import dev.quiver.parquet.format.ColumnIndex;
import dev.quiver.parquet.format.ColumnMetaData;
import dev.quiver.parquet.format.CompressionCodecId;
import dev.quiver.parquet.format.DataPageHeader;
import dev.quiver.parquet.format.DataPageHeaderV2;
import dev.quiver.parquet.format.DictionaryPageHeader;
import dev.quiver.parquet.format.Encoding;
import dev.quiver.parquet.format.MetadataEncoder;
import dev.quiver.parquet.format.OffsetIndex;
import dev.quiver.parquet.format.PageEncodingStats;
import dev.quiver.parquet.format.PageHeader;
import dev.quiver.parquet.format.PageLocation;
import dev.quiver.parquet.format.PageType;
import dev.quiver.parquet.format.PhysicalType;
import dev.quiver.parquet.format.SizeStatistics;
import dev.quiver.parquet.format.Statistics;
import dev.quiver.parquet.format.thrift.CompactWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import org.apache.arrow.vector.FieldVector;

/**
 * Writes one leaf column's chunk of the current row group: levels and values come in per batch, are cut into data
 * pages of about {@link WriterProperties#dataPageSize()} and at most {@link WriterProperties#dataPageRowLimit()}
 * rows (checked after each slice of at most {@value #SLICE_LEVELS} levels, on row boundaries, never per value),
 * encoded, compressed and held in memory until
 * the row group is written. Values are dictionary-encoded (RLE_DICTIONARY, PLAIN dictionary page) while the
 * dictionary stays under its size limit, then the chunk falls back to the column's encoding; it also falls back
 * after its first page when the dictionary plus that page's indices are no smaller than the page's PLAIN values
 * (parquet-java's "compression satisfying" rule), so that columns of mostly distinct values skip the hashing.
 *
 * <p>Collects the chunk statistics, the column index and offset index entries (PageIndex.md), size statistics
 * (level histograms, unencoded BYTE_ARRAY bytes) and the bloom filter (BloomFilter.md) when one is asked for.
 */
final class ColumnChunkWriter {
  static final int SLICE_LEVELS = 4096;

  final LeafColumn leaf;
  private final PhysicalType type;
  private final int width;
  private final CodecName codecName;
  private final CompressionCodec codec;
  private final Encoding encoding;
  private final boolean dictionaryEnabled;
  private final StatisticsLevel statisticsLevel;
  private final int pageVersion;
  private final long pageSize;
  private final long pageRowLimit;
  private final long dictionaryLimit;
  private final boolean checksums;
  private final int truncate;
  private final BloomFilterProperties bloomProperties;
  private final int defWidth;
  private final int repWidth;
  private final int sliceLevels;

  // the page being filled
  private int[] defs = new int[1024];
  private int[] reps = new int[1024];
  private int levelCount;
  private int pageRows;
  private int pageNulls;
  private final ValueBatch pageValues = new ValueBatch();
  private int[] indices = new int[1024];
  private int indexCount;
  private long pagePlainBytes;
  private boolean firstDictionaryPage;
  private final ValueStatistics pageStats;
  private final ValueBatch incoming = new ValueBatch();
  private final ValueGatherer gatherer = new ValueGatherer();

  // dictionary
  private boolean dictionaryActive;
  private final LongDictionary longDictionary;
  private final BinaryDictionary binaryDictionary;

  // the chunk so far
  private final ByteSink pages = new ByteSink(64 * 1024);
  private final ValueStatistics chunkStats;
  private final List<long[]> pageLocations = new ArrayList<>(); // {offset in pages, size, first row}
  private final List<Boolean> nullPages = new ArrayList<>();
  private final List<byte[]> mins = new ArrayList<>();
  private final List<byte[]> maxes = new ArrayList<>();
  private final List<Long> nullCounts = new ArrayList<>();
  private final List<Long> nanCounts = new ArrayList<>();
  private boolean columnIndexValid = true;
  private final Map<Encoding, Integer> dataPageEncodings = new EnumMap<>(Encoding.class);
  private long numValues;
  private long uncompressedBytes;
  private long compressedBytes;
  private long chunkRows;
  private final long[] defHistogram;
  private final long[] repHistogram;
  private long unencodedBytes;
  private SplitBlockBloomFilter bloom;

  // scratch
  private final ByteSink body = new ByteSink(64 * 1024);
  private final ByteSink levels = new ByteSink(4 * 1024);
  private final ByteSink scratch = new ByteSink(1024);
  private final CompactWriter header = new CompactWriter(128);
  private byte[] compressed = new byte[0];
  private final CRC32 crc = new CRC32();

  ColumnChunkWriter(LeafColumn leaf, WriterProperties p) {
    this.leaf = leaf;
    String path = leaf.dottedPath();
    this.type = leaf.physicalType();
    this.width = leaf.typeLength();
    this.codecName = p.codec(path);
    Integer level = p.compressionLevel(path);
    this.codec = level == null ? CompressionCodecs.get(codecName) : CompressionCodecs.get(codecName, level);
    Encoding e = p.encoding(path);
    // a per-column encoding was checked at open; a file-wide one falls back to PLAIN where it does not suit
    this.encoding = PlainValues.suits(e, type) ? e : Encoding.PLAIN;
    this.dictionaryEnabled = p.dictionary(path) && type != PhysicalType.BOOLEAN;
    this.statisticsLevel = p.statistics(path);
    this.pageVersion = p.dataPageVersion();
    this.pageSize = p.dataPageSize();
    this.pageRowLimit = p.dataPageRowLimit();
    this.dictionaryLimit = p.dictionaryPageSizeLimit();
    this.checksums = p.pageChecksums();
    this.truncate = p.statisticsTruncateLength();
    this.bloomProperties = type == PhysicalType.BOOLEAN ? null : p.bloomFilter(path);
    this.defWidth = RleBitPackedHybridEncoder.bitWidth(leaf.maxDefinitionLevel());
    this.repWidth = RleBitPackedHybridEncoder.bitWidth(leaf.maxRepetitionLevel());
    this.sliceLevels = (int) Math.max(8, Math.min(SLICE_LEVELS, pageSize / 8));
    this.pageStats = new ValueStatistics(leaf.order(), width);
    this.chunkStats = new ValueStatistics(leaf.order(), width);
    boolean binary = type == PhysicalType.BYTE_ARRAY || type == PhysicalType.FIXED_LEN_BYTE_ARRAY;
    this.longDictionary = dictionaryEnabled && !binary ? new LongDictionary() : null;
    this.binaryDictionary = dictionaryEnabled && binary ? new BinaryDictionary() : null;
    this.defHistogram = leaf.maxDefinitionLevel() > 0 ? new long[leaf.maxDefinitionLevel() + 1] : null;
    this.repHistogram = leaf.maxRepetitionLevel() > 0 ? new long[leaf.maxRepetitionLevel() + 1] : null;
    startChunk();
  }

  private void startChunk() {
    dictionaryActive = dictionaryEnabled;
    firstDictionaryPage = true;
    if (longDictionary != null) {
      longDictionary.clear();
    }
    if (binaryDictionary != null) {
      binaryDictionary.clear();
    }
    pages.reset();
    chunkStats.reset();
    pageLocations.clear();
    nullPages.clear();
    mins.clear();
    maxes.clear();
    nullCounts.clear();
    nanCounts.clear();
    columnIndexValid = true;
    dataPageEncodings.clear();
    numValues = 0;
    uncompressedBytes = 0;
    compressedBytes = 0;
    chunkRows = 0;
    unencodedBytes = 0;
    if (defHistogram != null) {
      Arrays.fill(defHistogram, 0);
    }
    if (repHistogram != null) {
      Arrays.fill(repHistogram, 0);
    }
    bloom = bloomProperties == null ? null
        : new SplitBlockBloomFilter(SplitBlockBloomFilter.optimalNumBytes(bloomProperties.ndv(),
            bloomProperties.fpp()));
  }

  /** Estimated bytes this chunk holds: stored pages plus the pending page's encoded estimate. */
  long estimatedBytes() {
    return pages.size() + pendingBytes() + dictionaryBytes();
  }

  /** Appends the shredded levels and values of one batch. */
  void append(LevelBatch b, FieldVector values) {
    incoming.clear();
    gatherer.gather(leaf, values, b, incoming);
    int maxDef = leaf.maxDefinitionLevel();
    boolean repeated = leaf.maxRepetitionLevel() > 0;
    int valueFrom = 0;
    int start = 0;
    while (start < b.count) {
      // flat columns: one level per row, so the slice also stops at the page's row limit
      int room = (int) Math.max(1, Math.min(sliceLevels, pageRowLimit - pageRows));
      int end = Math.min(b.count, start + room);
      if (repeated) {
        while (end < b.count && b.repetitionLevels[end] != 0) {
          end++;
        }
      }
      int n = end - start;
      int present = n;
      if (maxDef > 0 && b.valueCount != b.count) { // every level a value: no need to count
        present = 0;
        int[] d = b.definitionLevels;
        for (int i = start; i < end; i++) {
          present += d[i] == maxDef ? 1 : 0;
        }
      }
      appendSlice(b, start, n, valueFrom, present);
      valueFrom += present;
      start = end;
      if (pendingBytes() >= pageSize || pageRows >= pageRowLimit) {
        flushPage();
      }
    }
  }

  private void appendSlice(LevelBatch b, int start, int n, int valueFrom, int present) {
    if (levelCount + n > defs.length) {
      int cap = Math.max(levelCount + n, defs.length * 2);
      defs = Arrays.copyOf(defs, cap);
      reps = Arrays.copyOf(reps, cap);
    }
    int maxDef = leaf.maxDefinitionLevel();
    if (maxDef > 0) {
      System.arraycopy(b.definitionLevels, start, defs, levelCount, n);
      if (maxDef == 1) {
        defHistogram[1] += present; // the flat nullable case: the histogram is the null count
        defHistogram[0] += n - present;
      } else {
        for (int i = start; i < start + n; i++) {
          defHistogram[b.definitionLevels[i]]++;
        }
      }
    }
    int rows = n;
    if (leaf.maxRepetitionLevel() > 0) {
      System.arraycopy(b.repetitionLevels, start, reps, levelCount, n);
      rows = 0;
      for (int i = start; i < start + n; i++) {
        int r = b.repetitionLevels[i];
        repHistogram[r]++;
        rows += r == 0 ? 1 : 0;
      }
    }
    levelCount += n;
    pageRows += rows;
    pageNulls += n - present;
    pageStats.nullCount += n - present;
    if (leaf.kind() == LeafKind.NULL) {
      return;
    }
    pageStats.update(incoming, valueFrom, present);
    if (type == PhysicalType.BYTE_ARRAY) {
      unencodedBytes += incoming.offsets[valueFrom + present] - incoming.offsets[valueFrom];
    }
    if (bloom != null) {
      insertBloom(valueFrom, present);
    }
    if (dictionaryActive) {
      pagePlainBytes += type == PhysicalType.BYTE_ARRAY
          ? incoming.offsets[valueFrom + present] - incoming.offsets[valueFrom] + 4L * present
          : (long) present * (type == PhysicalType.FIXED_LEN_BYTE_ARRAY ? width
              : type == PhysicalType.INT64 || type == PhysicalType.DOUBLE ? 8 : 4);
      addToDictionary(valueFrom, present);
      if (dictionaryBytes() > dictionaryLimit) {
        flushPage();
        dictionaryActive = false; // fall back for the rest of the chunk (Encodings.md, dictionary encoding)
      }
    } else {
      pageValues.append(incoming, valueFrom, present, type == PhysicalType.FIXED_LEN_BYTE_ARRAY ? width : 0,
          type == PhysicalType.BYTE_ARRAY, type == PhysicalType.INT64 || type == PhysicalType.DOUBLE);
    }
  }

  private void insertBloom(int from, int n) {
    switch (type) {
      case INT32, FLOAT -> {
        for (int i = from; i < from + n; i++) {
          bloom.insert(XxHash64.hashInt(incoming.ints[i]));
        }
      }
      case INT64, DOUBLE -> {
        for (int i = from; i < from + n; i++) {
          bloom.insert(XxHash64.hashLong(incoming.longs[i]));
        }
      }
      case BYTE_ARRAY -> {
        for (int i = from; i < from + n; i++) {
          int s = incoming.offsets[i];
          bloom.insert(XxHash64.hash(incoming.bytes, s, incoming.offsets[i + 1] - s));
        }
      }
      case FIXED_LEN_BYTE_ARRAY -> {
        for (int i = from; i < from + n; i++) {
          bloom.insert(XxHash64.hash(incoming.bytes, i * width, width));
        }
      }
      default -> { }
    }
  }

  private void addToDictionary(int from, int n) {
    if (indexCount + n > indices.length) {
      indices = Arrays.copyOf(indices, Math.max(indexCount + n, indices.length * 2));
    }
    int[] out = indices;
    int k = indexCount;
    switch (type) {
      case INT32, FLOAT -> {
        for (int i = from; i < from + n; i++) {
          out[k++] = longDictionary.indexOf(incoming.ints[i]);
        }
      }
      case INT64, DOUBLE -> {
        for (int i = from; i < from + n; i++) {
          out[k++] = longDictionary.indexOf(incoming.longs[i]);
        }
      }
      case BYTE_ARRAY -> {
        for (int i = from; i < from + n; i++) {
          int s = incoming.offsets[i];
          out[k++] = binaryDictionary.indexOf(incoming.bytes, s, incoming.offsets[i + 1] - s);
        }
      }
      default -> {
        for (int i = from; i < from + n; i++) {
          out[k++] = binaryDictionary.indexOf(incoming.bytes, i * width, width);
        }
      }
    }
    indexCount = k;
  }

  private int dictionarySize() {
    return longDictionary != null ? longDictionary.size() : binaryDictionary != null ? binaryDictionary.size() : 0;
  }

  private long dictionaryBytes() {
    if (longDictionary != null) {
      return (long) longDictionary.size() * (type == PhysicalType.INT64 || type == PhysicalType.DOUBLE ? 8 : 4);
    }
    if (binaryDictionary != null) {
      return binaryDictionary.byteSize() + (type == PhysicalType.BYTE_ARRAY ? 4L * binaryDictionary.size() : 0);
    }
    return 0;
  }

  private long pendingBytes() {
    long levelBytes = ((long) levelCount * (defWidth + repWidth) + 7) / 8;
    if (dictionaryActive) {
      return levelBytes + ((long) indexCount * Math.max(1, RleBitPackedHybridEncoder.bitWidth(dictionarySize())) + 7)
          / 8;
    }
    return levelBytes + PlainValues.plainSize(type, width, pageValues);
  }

  /** Encodes, compresses and stores the pending page (nothing when it is empty). */
  void flushPage() {
    if (levelCount == 0) {
      return;
    }
    int valueCount = levelCount - pageNulls;
    body.reset();
    Encoding valueEncoding;
    boolean dictionaryPage = dictionaryActive && dictionarySize() > 0;
    if (dictionaryPage) {
      valueEncoding = Encoding.RLE_DICTIONARY;
      int bw = Math.max(1, RleBitPackedHybridEncoder.bitWidth(dictionarySize() - 1));
      body.writeByte(bw);
      RleBitPackedHybridEncoder.encode(indices, 0, indexCount, bw, body);
      if (firstDictionaryPage) {
        firstDictionaryPage = false;
        if (body.size() + dictionaryBytes() >= pagePlainBytes) {
          fallBackAfterThisPage = true;
        }
      }
    } else {
      valueEncoding = dictionaryActive ? Encoding.PLAIN : encoding;
      PlainValues.encode(valueEncoding, type, width, pageValues, body, scratch);
    }
    levels.reset();
    int repLength = 0;
    int defLength = 0;
    if (leaf.maxRepetitionLevel() > 0) {
      repLength = encodeLevels(reps, repWidth);
    }
    if (leaf.maxDefinitionLevel() > 0) {
      defLength = encodeLevels(defs, defWidth);
    }
    PageHeader h;
    int storedLength;
    byte[] stored;
    int uncompressedLength = levels.size() + body.size();
    if (pageVersion == 1) {
      levels.write(body);
      stored = compress(levels.array(), levels.size());
      storedLength = storedSize;
      h = null;
      h = new PageHeader(PageType.DATA_PAGE, uncompressedLength, storedLength, crcOf(stored, storedLength),
          new DataPageHeader(levelCount, valueEncoding, Encoding.RLE, Encoding.RLE, null), null, null);
    } else {
      boolean compress = codecName != CodecName.UNCOMPRESSED;
      byte[] values = compress ? compress(body.array(), body.size()) : body.array();
      int valuesLength = compress ? storedSize : body.size();
      levels.write(values, 0, valuesLength);
      stored = levels.array();
      storedLength = levels.size();
      h = new PageHeader(PageType.DATA_PAGE_V2, uncompressedLength, storedLength, crcOf(stored, storedLength), null,
          null, new DataPageHeaderV2(levelCount, pageNulls, pageRows, valueEncoding, defLength, repLength, compress,
              null));
    }
    long offset = pages.size();
    header.reset();
    MetadataEncoder.pageHeader(header, h);
    pages.write(header.buffer(), 0, header.size());
    pages.write(stored, 0, storedLength);
    int pageBytes = header.size() + storedLength;
    pageLocations.add(new long[] {offset, pageBytes, chunkRows});
    uncompressedBytes += header.size() + uncompressedLength;
    compressedBytes += pageBytes;
    dataPageEncodings.merge(valueEncoding, 1, Integer::sum);
    numValues += levelCount;
    chunkRows += pageRows;
    // column index entry (PageIndex.md): null pages have empty min/max
    boolean nullPage = valueCount == 0;
    nullPages.add(nullPage);
    nullCounts.add((long) pageNulls);
    nanCounts.add(pageStats.nanCount);
    if (nullPage) {
      mins.add(new byte[0]);
      maxes.add(new byte[0]);
    } else if (pageStats.hasMinMax()) {
      mins.add(pageStats.min(truncate, leaf.utf8()));
      maxes.add(pageStats.max(truncate, leaf.utf8()));
    } else {
      columnIndexValid = false; // a page of NaNs only, or an order without min/max
      mins.add(new byte[0]);
      maxes.add(new byte[0]);
    }
    chunkStats.merge(pageStats);
    pageStats.reset();
    levelCount = 0;
    pageRows = 0;
    pageNulls = 0;
    indexCount = 0;
    pagePlainBytes = 0;
    pageValues.clear();
    if (fallBackAfterThisPage) {
      fallBackAfterThisPage = false;
      dictionaryActive = false;
    }
  }

  private boolean fallBackAfterThisPage;

  private int storedSize;

  private byte[] compress(byte[] data, int length) {
    if (codecName == CodecName.UNCOMPRESSED) {
      storedSize = length;
      return data;
    }
    int bound = codec.maxCompressedLength(length);
    if (compressed.length < bound) {
      compressed = new byte[Math.max(bound, compressed.length * 2)];
    }
    storedSize = codec.compress(data, 0, length, compressed, 0);
    return compressed;
  }

  private Integer crcOf(byte[] data, int length) {
    if (!checksums) {
      return null;
    }
    crc.reset();
    crc.update(data, 0, length);
    return (int) crc.getValue();
  }

  /** Appends levels to {@link #levels} (v1: with a 4-byte length prefix) and returns their byte length. */
  private int encodeLevels(int[] values, int bitWidth) {
    int at = levels.size();
    if (pageVersion == 1) {
      levels.writeInt(0);
    }
    int from = levels.size();
    RleBitPackedHybridEncoder.encode(values, 0, levelCount, bitWidth, levels);
    int length = levels.size() - from;
    if (pageVersion == 1) {
      byte[] a = levels.array();
      a[at] = (byte) length;
      a[at + 1] = (byte) (length >>> 8);
      a[at + 2] = (byte) (length >>> 16);
      a[at + 3] = (byte) (length >>> 24);
    }
    return length;
  }

  /** The finished chunk of a row group: its pages (dictionary page first) and what the footer needs. */
  record Chunk(byte[] dictionaryPage, int dictionaryPageLength, ByteSink dataPages, ColumnMetaData metaData,
      ColumnIndex columnIndex, OffsetIndex offsetIndex, SplitBlockBloomFilter bloomFilter, long uncompressedSize) {}

  /**
   * Flushes the pending page and describes the chunk as starting at file offset {@code start}. The returned
   * {@link Chunk} shares this writer's page buffer: write it out before the next {@link #append}.
   */
  Chunk finish(long start) {
    flushPage();
    byte[] dictPage = null;
    int dictLength = 0;
    long dictUncompressed = 0;
    int dictEntries = dictionarySize();
    boolean usedDictionary = dataPageEncodings.containsKey(Encoding.RLE_DICTIONARY);
    if (usedDictionary) {
      ByteSink plain = new ByteSink((int) Math.min(Integer.MAX_VALUE - 16, dictionaryBytes() + 16));
      if (longDictionary != null) {
        long[] keys = longDictionary.values();
        if (type == PhysicalType.INT64 || type == PhysicalType.DOUBLE) {
          plain.writeLongs(keys, 0, dictEntries);
        } else {
          for (int i = 0; i < dictEntries; i++) {
            plain.writeInt((int) keys[i]);
          }
        }
      } else if (type == PhysicalType.BYTE_ARRAY) {
        int[] o = binaryDictionary.offsets();
        for (int i = 0; i < dictEntries; i++) {
          plain.writeInt(o[i + 1] - o[i]);
          plain.write(binaryDictionary.data(), o[i], o[i + 1] - o[i]);
        }
      } else {
        plain.write(binaryDictionary.data(), 0, binaryDictionary.byteSize());
      }
      byte[] stored = compress(plain.array(), plain.size());
      int storedLength = storedSize;
      PageHeader h = new PageHeader(PageType.DICTIONARY_PAGE, plain.size(), storedLength,
          crcOf(stored, storedLength), null, new DictionaryPageHeader(dictEntries, Encoding.PLAIN, false), null);
      header.reset();
      MetadataEncoder.pageHeader(header, h);
      ByteSink page = new ByteSink(header.size() + storedLength);
      page.write(header.buffer(), 0, header.size());
      page.write(stored, 0, storedLength);
      dictPage = page.array();
      dictLength = page.size();
      dictUncompressed = header.size() + plain.size();
    }
    long dataStart = start + dictLength;
    Set<Encoding> encodings = new LinkedHashSet<>();
    if (usedDictionary) {
      encodings.add(Encoding.PLAIN);
    }
    encodings.addAll(dataPageEncodings.keySet());
    encodings.add(Encoding.RLE);
    List<PageEncodingStats> encodingStats = new ArrayList<>();
    if (usedDictionary) {
      encodingStats.add(new PageEncodingStats(PageType.DICTIONARY_PAGE, Encoding.PLAIN, 1));
    }
    PageType dataType = pageVersion == 1 ? PageType.DATA_PAGE : PageType.DATA_PAGE_V2;
    for (Map.Entry<Encoding, Integer> e : dataPageEncodings.entrySet()) {
      encodingStats.add(new PageEncodingStats(dataType, e.getKey(), e.getValue()));
    }
    Statistics statistics = null;
    boolean floating = leaf.order() == SortOrder.FLOAT || leaf.order() == SortOrder.DOUBLE
        || leaf.order() == SortOrder.FLOAT16;
    if (statisticsLevel != StatisticsLevel.NONE) {
      boolean binary = type == PhysicalType.BYTE_ARRAY || type == PhysicalType.FIXED_LEN_BYTE_ARRAY;
      statistics = new Statistics(null, null, chunkStats.nullCount, null,
          chunkStats.max(truncate, leaf.utf8()), chunkStats.min(truncate, leaf.utf8()),
          binary && chunkStats.hasMinMax() ? chunkStats.maxExact(truncate, leaf.utf8()) : null,
          binary && chunkStats.hasMinMax() ? chunkStats.minExact(truncate) : null,
          floating ? chunkStats.nanCount : null); // "must be set for floating point types, even if it is zero"
    }
    SizeStatistics size = new SizeStatistics(type == PhysicalType.BYTE_ARRAY ? unencodedBytes : null,
        repHistogram == null ? null : repHistogram.clone(), defHistogram == null ? null : defHistogram.clone());
    long totalUncompressed = uncompressedBytes + dictUncompressed;
    long totalCompressed = compressedBytes + dictLength;
    ColumnMetaData meta = new ColumnMetaData(type, List.copyOf(encodings), leaf.path(),
        CompressionCodecId.idOf(codecName), numValues, totalUncompressed, totalCompressed, List.of(), dataStart,
        null, usedDictionary ? start : null, statistics, encodingStats, null, null, size);
    List<PageLocation> locations = new ArrayList<>(pageLocations.size());
    for (long[] l : pageLocations) {
      locations.add(new PageLocation(dataStart + l[0], (int) l[1], l[2]));
    }
    OffsetIndex offsetIndex = new OffsetIndex(locations, null);
    ColumnIndex columnIndex = null;
    if (statisticsLevel == StatisticsLevel.PAGE && columnIndexValid && !locations.isEmpty()) {
      long[] counts = new long[nullCounts.size()];
      for (int i = 0; i < counts.length; i++) {
        counts[i] = nullCounts.get(i);
      }
      long[] nans = null;
      if (floating) {
        nans = new long[nanCounts.size()];
        for (int i = 0; i < nans.length; i++) {
          nans[i] = nanCounts.get(i);
        }
      }
      columnIndex = new ColumnIndex(List.copyOf(nullPages), List.copyOf(mins), List.copyOf(maxes),
          boundaryOrder(), counts, null, null, nans);
    }
    Chunk chunk = new Chunk(dictPage, dictLength, pages, meta, columnIndex, offsetIndex, bloom, totalUncompressed);
    return chunk;
  }

  /** Prepares for the next row group's chunk (after the previous {@link Chunk} was written out). */
  void reset() {
    startChunk();
  }

  private BoundaryOrder boundaryOrder() {
    boolean ascending = true;
    boolean descending = true;
    byte[] prevMin = null;
    byte[] prevMax = null;
    for (int i = 0; i < nullPages.size(); i++) {
      if (nullPages.get(i)) {
        continue;
      }
      byte[] min = mins.get(i);
      byte[] max = maxes.get(i);
      if (prevMin != null) {
        int cMin = compareEncoded(prevMin, min);
        int cMax = compareEncoded(prevMax, max);
        ascending &= cMin <= 0 && cMax <= 0;
        descending &= cMin >= 0 && cMax >= 0;
      }
      prevMin = min;
      prevMax = max;
    }
    return ascending ? BoundaryOrder.ASCENDING : descending ? BoundaryOrder.DESCENDING : BoundaryOrder.UNORDERED;
  }

  /** Compares two encoded min/max values in the leaf's sort order. */
  private int compareEncoded(byte[] a, byte[] b) {
    switch (leaf.order()) {
      case BOOLEAN:
        return Byte.compare(a[0], b[0]);
      case INT32_SIGNED:
        return Integer.compare(le32(a), le32(b));
      case INT32_UNSIGNED:
        return Integer.compareUnsigned(le32(a), le32(b));
      case INT64_SIGNED:
        return Long.compare(le64(a), le64(b));
      case INT64_UNSIGNED:
        return Long.compareUnsigned(le64(a), le64(b));
      case FLOAT:
        return Float.compare(Float.intBitsToFloat(le32(a)) + 0.0f, Float.intBitsToFloat(le32(b)) + 0.0f);
      case DOUBLE:
        return Double.compare(Double.longBitsToDouble(le64(a)) + 0.0, Double.longBitsToDouble(le64(b)) + 0.0);
      case FLOAT16:
        return Float.compare(ValueStatistics.halfToFloat((a[0] & 0xFF) | (a[1] & 0xFF) << 8) + 0.0f,
            ValueStatistics.halfToFloat((b[0] & 0xFF) | (b[1] & 0xFF) << 8) + 0.0f);
      case BYTES_SIGNED:
        if (a.length > 0 && b.length > 0 && a[0] != b[0]) {
          return Byte.compare(a[0], b[0]);
        }
        return Arrays.compareUnsigned(a, b);
      default:
        return Arrays.compareUnsigned(a, b);
    }
  }

  private static int le32(byte[] a) {
    return (a[0] & 0xFF) | (a[1] & 0xFF) << 8 | (a[2] & 0xFF) << 16 | (a[3] & 0xFF) << 24;
  }

  private static long le64(byte[] a) {
    return (le32(a) & 0xFFFFFFFFL) | (long) le32(Arrays.copyOfRange(a, 4, 8)) << 32;
  }
}
