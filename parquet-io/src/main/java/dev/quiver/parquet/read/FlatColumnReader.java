package dev.quiver.parquet.read;

import dev.quiver.codec.CompressionCodec;
import dev.quiver.columnar.Bitmaps;
import dev.quiver.columnar.VectorFiller;
import dev.quiver.parquet.ParquetCorruptionException;
import dev.quiver.parquet.UnsupportedParquetException;
import dev.quiver.parquet.encoding.BinaryBatch;
import dev.quiver.parquet.encoding.BinaryDecoder;
import dev.quiver.parquet.encoding.BitPackedLevelDecoder;
import dev.quiver.parquet.encoding.ByteStreamSplitDecoder;
import dev.quiver.parquet.encoding.DeltaBinaryPackedDecoder;
import dev.quiver.parquet.encoding.DeltaByteArrayDecoder;
import dev.quiver.parquet.encoding.DeltaLengthByteArrayDecoder;
import dev.quiver.parquet.encoding.FixedFromBinaryDecoder;
import dev.quiver.parquet.encoding.LevelDecoder;
import dev.quiver.parquet.encoding.DictionaryBinaryDecoder;
import dev.quiver.parquet.encoding.DictionaryFixedWidthDecoder;
import dev.quiver.parquet.encoding.FixedWidthDecoder;
import dev.quiver.parquet.encoding.PlainBinaryDecoder;
import dev.quiver.parquet.encoding.PlainBooleanDecoder;
import dev.quiver.parquet.encoding.PlainFixedWidthDecoder;
import dev.quiver.parquet.encoding.RleBitPackedHybridDecoder;
import dev.quiver.parquet.encoding.RleBooleanDecoder;
import dev.quiver.parquet.format.DataPageHeader;
import dev.quiver.parquet.format.DataPageHeaderV2;
import dev.quiver.parquet.format.DictionaryPageHeader;
import dev.quiver.parquet.format.Encoding;
import dev.quiver.parquet.format.PageHeader;
import dev.quiver.parquet.format.PhysicalType;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;

/**
 * Reads one flat (top-level, non-repeated) column chunk into Arrow vectors, a batch of rows at a time: the fast
 * path of the design, after Trino's {@code FlatColumnReader} and arrow-rs's null padding.
 *
 * <p>Per batch, for each stretch of rows within one page: definition levels become validity bits directly (RLE
 * runs set whole ranges), the non-null values are decoded densely into a staging array by the page's decoder (one
 * call per stretch), converted to the Arrow layout where the two differ, then spread backwards over the null
 * slots. At the end of the batch the staging arrays are copied into the vector's buffers in bulk. Staging
 * arrays are sized by the batch, never by sizes read from the file.
 *
 * <p>Dictionary pages are decoded once per chunk straight into the Arrow layout, so dictionary data pages gather
 * without conversion. Not thread-safe.
 */
final class FlatColumnReader {
  private final ColumnPlan plan;
  private final PageSource pages;
  private final int maxDef;
  private final long chunkValues;

  // current page
  private int pageValuesLeft;
  private final RleBitPackedHybridDecoder rleLevels = new RleBitPackedHybridDecoder();
  private LevelDecoder definitionLevels;
  private FixedWidthDecoder fixedDecoder;
  private BinaryDecoder binaryDecoder;
  private boolean pageIsDictionaryEncoded;
  private long valuesRead;

  // dictionary in the output layout
  private byte[] fixedDictionary;
  private BinaryBatch binaryDictionary;
  private int dictionarySize = -1;

  // staging, sized by the batch
  private byte[] values = new byte[0];
  private byte[] physical = new byte[0];
  private byte[] validity = new byte[0];
  private byte[] bitScratch = new byte[0];
  private final int[] levelScratch = new int[1024];
  private final BinaryBatch binaryValues = new BinaryBatch(1024, 1 << 16);
  private final BinaryBatch binaryScratch = new BinaryBatch(1024, 1 << 16);
  private int[] offsets = new int[0];

  FlatColumnReader(ColumnPlan plan, byte[] chunk, int offset, int length, long chunkFileOffset,
      CompressionCodec codec, boolean verifyChecksums, long chunkValues) {
    this.plan = plan;
    this.pages = new PageSource(chunk, offset, length, chunkFileOffset, codec, verifyChecksums);
    this.maxDef = plan.column().maxDefinitionLevel();
    this.chunkValues = chunkValues;
  }

  /** The 0-based ordinal of the page being read, for error context. */
  int pageOrdinal() {
    return pages.pageOrdinal();
  }

  /**
   * Reads the next {@code rows} rows into {@code vector}, which must be empty and of the plan's type.
   *
   * @throws ParquetCorruptionException when the pages hold fewer rows or do not decode
   * @throws UnsupportedParquetException for an encoding this version does not decode
   */
  void readBatch(FieldVector vector, int rows) {
    if (plan.shape() == ColumnPlan.Shape.NULL) {
      // the UNKNOWN logical type holds only nulls: nothing to decode, the pages are not read
      vector.setValueCount(rows);
      return;
    }
    prepareStaging(rows);
    binaryValues.reset();
    int filled = 0;
    while (filled < rows) {
      if (pageValuesLeft == 0) {
        nextDataPage();
        continue;
      }
      int n = Math.min(rows - filled, pageValuesLeft);
      int nonNull = maxDef == 0 ? n : definitionLevels.readValidity(validity, filled, n, maxDef, levelScratch);
      decodeValues(filled, n, nonNull);
      filled += n;
      pageValuesLeft -= n;
      valuesRead += n;
    }
    byte[] validityOrNull = maxDef == 0 ? null : validity;
    switch (plan.shape()) {
      case FIXED -> VectorFiller.fillFixedWidth((BaseFixedWidthVector) vector, values, validityOrNull, rows);
      case BOOLEAN -> VectorFiller.fillBits((BitVector) vector, values, validityOrNull, rows, bitScratch);
      case VARIABLE -> {
        buildOffsets(rows);
        VectorFiller.fillVariableWidth((BaseVariableWidthVector) vector, offsets, binaryValues.data(),
            validityOrNull, rows);
      }
      default -> throw new IllegalStateException(plan.shape().name());
    }
  }

  private void prepareStaging(int rows) {
    int width = Math.max(plan.outputWidth(), 1);
    if (values.length < rows * width) {
      values = new byte[rows * width];
    }
    int bitmapBytes = (rows + 7) >>> 3;
    if (validity.length < bitmapBytes) {
      validity = new byte[bitmapBytes];
      bitScratch = new byte[bitmapBytes];
    }
    if (offsets.length < rows + 1) {
      offsets = new int[rows + 1];
    }
  }

  /** Decodes {@code nonNull} values of the current page for rows {@code [first, first + n)} and spreads them. */
  private void decodeValues(int first, int n, int nonNull) {
    switch (plan.shape()) {
      case BOOLEAN, FIXED -> {
        int width = plan.outputWidth();
        if (nonNull > 0) {
          if (plan.binaryConverter() != null && !pageIsDictionaryEncoded) {
            binaryScratch.reset();
            binaryDecoder.read(binaryScratch, nonNull);
            plan.binaryConverter().convert(binaryScratch, values, first * width);
          } else if (plan.fixedConverter() != null && !pageIsDictionaryEncoded) {
            int physicalBytes = nonNull * plan.physicalWidth();
            if (physical.length < physicalBytes) {
              physical = new byte[Math.max(physicalBytes, physical.length * 2)];
            }
            fixedDecoder.read(physical, 0, nonNull);
            plan.fixedConverter().convert(physical, 0, values, first * width, nonNull);
          } else {
            fixedDecoder.read(values, first * width, nonNull);
          }
        }
        if (nonNull < n) {
          spreadFixed(first, n, nonNull, width);
        }
      }
      case VARIABLE -> {
        if (nonNull > 0) {
          binaryDecoder.read(binaryValues, nonNull);
        }
      }
      default -> throw new IllegalStateException(plan.shape().name());
    }
  }

  /** Moves {@code nonNull} dense values at rows {@code [first, first + nonNull)} onto their valid rows. */
  private void spreadFixed(int first, int n, int nonNull, int width) {
    int j = nonNull - 1;
    for (int i = n - 1; i >= 0 && j < i; i--) {
      int row = first + i;
      if (Bitmaps.get(validity, row)) {
        System.arraycopy(values, (first + j) * width, values, row * width, width);
        j--;
      } else {
        java.util.Arrays.fill(values, row * width, (row + 1) * width, (byte) 0);
      }
    }
  }

  /** Arrow offsets for the batch: dense value lengths laid over the validity (null rows get no bytes). */
  private void buildOffsets(int rows) {
    int[] dense = binaryValues.offsets();
    offsets[0] = 0;
    if (maxDef == 0) {
      System.arraycopy(dense, 0, offsets, 0, rows + 1);
      return;
    }
    int j = 0;
    for (int i = 0; i < rows; i++) {
      if (Bitmaps.get(validity, i)) {
        j++;
      }
      offsets[i + 1] = dense[j];
    }
  }

  private void nextDataPage() {
    while (true) {
      if (!pages.hasMore()) {
        throw new ParquetCorruptionException("column chunk ends after " + valuesRead + " values, but its metadata "
            + "claims " + chunkValues + " and the row group needs more");
      }
      pages.next();
      PageHeader header = pages.header;
      if (header.type() == null) {
        continue; // unknown page type: skip, as the spec allows
      }
      switch (header.type()) {
        case DICTIONARY_PAGE -> readDictionary(header);
        case DATA_PAGE -> {
          startDataPageV1(header);
          if (pageValuesLeft > 0) {
            return;
          }
        }
        case DATA_PAGE_V2 -> {
          startDataPageV2(header);
          if (pageValuesLeft > 0) {
            return;
          }
        }
        default -> {
          // index pages carry nothing we read
        }
      }
    }
  }

  private void startDataPageV1(PageHeader header) {
    DataPageHeader dp = header.dataPageHeader();
    byte[] data = pages.decompress(pages.bodyStart, header.compressedPageSize(), header.uncompressedPageSize(), true);
    int pos = pages.decompressedOffset;
    int end = pos + header.uncompressedPageSize();
    if (plan.column().maxRepetitionLevel() > 0) {
      throw new UnsupportedParquetException("repeated column " + plan.column().dottedPath() + " is not supported yet");
    }
    if (maxDef > 0 && dp.definitionLevelEncoding() == Encoding.BIT_PACKED) {
      int length = BitPackedLevelDecoder.byteLength(dp.numValues(), bitWidth(maxDef));
      if (length > end - pos) {
        throw new ParquetCorruptionException("BIT_PACKED definition levels of " + length + " bytes in a page with "
            + (end - pos) + " left");
      }
      definitionLevels = new BitPackedLevelDecoder(data, pos, length, bitWidth(maxDef));
      pos += length;
    } else if (maxDef > 0) {
      if (dp.definitionLevelEncoding() != Encoding.RLE) {
        throw new ParquetCorruptionException("definition levels in " + dp.definitionLevelEncoding()
            + " encoding (must be RLE or BIT_PACKED)");
      }
      if (end - pos < 4) {
        throw new ParquetCorruptionException("data page too short for its definition-level length");
      }
      int length = (data[pos] & 0xFF) | (data[pos + 1] & 0xFF) << 8 | (data[pos + 2] & 0xFF) << 16
          | (data[pos + 3] & 0xFF) << 24;
      pos += 4;
      if (length < 0 || length > end - pos) {
        throw new ParquetCorruptionException("definition levels of " + Integer.toUnsignedString(length)
            + " bytes in a page with " + (end - pos) + " left");
      }
      rleLevels.init(data, pos, length, bitWidth(maxDef));
      definitionLevels = rleLevels;
      pos += length;
    }
    startValues(dp.encoding(), data, pos, end - pos);
    pageValuesLeft = dp.numValues();
  }

  private void startDataPageV2(PageHeader header) {
    DataPageHeaderV2 dp = header.dataPageHeaderV2();
    int levelBytes = dp.repetitionLevelsByteLength() + dp.definitionLevelsByteLength();
    if (levelBytes < 0 || levelBytes > header.compressedPageSize() || levelBytes > header.uncompressedPageSize()) {
      throw new ParquetCorruptionException("level sections of " + levelBytes + " bytes exceed the page's size");
    }
    if (plan.column().maxRepetitionLevel() > 0) {
      throw new UnsupportedParquetException("repeated column " + plan.column().dottedPath() + " is not supported yet");
    }
    byte[] chunk = pages.chunk();
    int levelsStart = pages.bodyStart + dp.repetitionLevelsByteLength();
    if (maxDef > 0) {
      rleLevels.init(chunk, levelsStart, dp.definitionLevelsByteLength(), bitWidth(maxDef));
      definitionLevels = rleLevels;
    }
    int valuesStart = pages.bodyStart + levelBytes;
    byte[] data = pages.decompress(valuesStart, header.compressedPageSize() - levelBytes,
        header.uncompressedPageSize() - levelBytes, dp.compressed());
    startValues(dp.encoding(), data, pages.decompressedOffset, header.uncompressedPageSize() - levelBytes);
    pageValuesLeft = dp.numValues();
  }

  private void startValues(Encoding encoding, byte[] data, int offset, int length) {
    PhysicalType pt = plan.column().leaf().physicalType();
    fixedDecoder = null;
    binaryDecoder = null;
    pageIsDictionaryEncoded = encoding.isDictionary();
    if (pageIsDictionaryEncoded) {
      if (dictionarySize < 0) {
        throw new ParquetCorruptionException("dictionary-encoded data page without a dictionary page");
      }
      if (fixedDictionary != null) {
        fixedDecoder = new DictionaryFixedWidthDecoder(data, offset, length, fixedDictionary, dictionarySize,
            plan.outputWidth());
      } else {
        binaryDecoder = new DictionaryBinaryDecoder(data, offset, length, binaryDictionary);
      }
      return;
    }
    switch (encoding) {
      case PLAIN -> {
        if (pt == PhysicalType.BOOLEAN) {
          fixedDecoder = new PlainBooleanDecoder(data, offset, length);
        } else if (pt == PhysicalType.BYTE_ARRAY) {
          binaryDecoder = new PlainBinaryDecoder(data, offset, length);
        } else {
          fixedDecoder = new PlainFixedWidthDecoder(data, offset, length, plan.physicalWidth());
        }
      }
      case RLE -> {
        if (pt != PhysicalType.BOOLEAN) {
          throw new ParquetCorruptionException("RLE value encoding on a " + pt + " column (only BOOLEAN allows it)");
        }
        fixedDecoder = new RleBooleanDecoder(data, offset, length);
      }
      case DELTA_BINARY_PACKED -> {
        if (pt != PhysicalType.INT32 && pt != PhysicalType.INT64) {
          throw new ParquetCorruptionException("DELTA_BINARY_PACKED on a " + pt + " column (only INT32 and INT64)");
        }
        fixedDecoder = new DeltaBinaryPackedDecoder(data, offset, length, pt == PhysicalType.INT32);
      }
      case DELTA_LENGTH_BYTE_ARRAY -> binaryDecoder = binaryOrFixed(new DeltaLengthByteArrayDecoder(data, offset,
          length), pt, encoding);
      case DELTA_BYTE_ARRAY -> binaryDecoder = binaryOrFixed(new DeltaByteArrayDecoder(data, offset, length), pt,
          encoding);
      case BYTE_STREAM_SPLIT -> {
        if (pt == PhysicalType.BOOLEAN || pt == PhysicalType.BYTE_ARRAY || pt == PhysicalType.INT96) {
          throw new ParquetCorruptionException("BYTE_STREAM_SPLIT on a " + pt + " column");
        }
        fixedDecoder = new ByteStreamSplitDecoder(data, offset, length, plan.physicalWidth());
      }
      default -> throw new ParquetCorruptionException("unknown or invalid value encoding " + encoding);
    }
  }

  /**
   * A DELTA_*_BYTE_ARRAY decoder for a BYTE_ARRAY column, or, for FIXED_LEN_BYTE_ARRAY (which DELTA_BYTE_ARRAY also
   * serves), a fixed-width decoder that checks every value has the column's length.
   */
  private BinaryDecoder binaryOrFixed(BinaryDecoder decoder, PhysicalType pt, Encoding encoding) {
    if (pt == PhysicalType.BYTE_ARRAY) {
      return decoder;
    }
    if (pt != PhysicalType.FIXED_LEN_BYTE_ARRAY) {
      throw new ParquetCorruptionException(encoding + " on a " + pt + " column");
    }
    fixedDecoder = new FixedFromBinaryDecoder(decoder, plan.physicalWidth());
    return null;
  }

  private void readDictionary(PageHeader header) {
    if (dictionarySize >= 0) {
      throw new ParquetCorruptionException("second dictionary page in one column chunk");
    }
    DictionaryPageHeader dp = header.dictionaryPageHeader();
    if (dp.encoding() != Encoding.PLAIN && dp.encoding() != Encoding.PLAIN_DICTIONARY) {
      throw new ParquetCorruptionException("dictionary page in " + dp.encoding() + " encoding (must be PLAIN)");
    }
    byte[] data = pages.decompress(pages.bodyStart, header.compressedPageSize(), header.uncompressedPageSize(), true);
    int offset = pages.decompressedOffset;
    int length = header.uncompressedPageSize();
    int count = dp.numValues();
    PhysicalType pt = plan.column().leaf().physicalType();
    if (pt == PhysicalType.BOOLEAN) {
      throw new ParquetCorruptionException("dictionary page for a BOOLEAN column");
    }
    if (pt == PhysicalType.BYTE_ARRAY) {
      if ((long) count * 4 > length) {
        throw new ParquetCorruptionException("dictionary of " + count + " BYTE_ARRAY values in " + length + " bytes");
      }
      BinaryBatch dictionary = new BinaryBatch(count, length - 4 * count);
      new PlainBinaryDecoder(data, offset, length).read(dictionary, count);
      if (plan.binaryConverter() != null) {
        fixedDictionary = new byte[count * plan.outputWidth()];
        plan.binaryConverter().convert(dictionary, fixedDictionary, 0);
      } else {
        binaryDictionary = dictionary;
      }
    } else {
      int width = plan.physicalWidth();
      if ((long) count * width > length) {
        throw new ParquetCorruptionException("dictionary of " + count + " values of " + width + " bytes in "
            + length + " bytes");
      }
      byte[] raw = new byte[count * width];
      new PlainFixedWidthDecoder(data, offset, length, width).read(raw, 0, count);
      if (plan.fixedConverter() != null) {
        fixedDictionary = new byte[count * plan.outputWidth()];
        plan.fixedConverter().convert(raw, 0, fixedDictionary, 0, count);
      } else {
        fixedDictionary = raw;
      }
    }
    dictionarySize = count;
  }

  private static int bitWidth(int maxLevel) {
    return 32 - Integer.numberOfLeadingZeros(maxLevel);
  }
}
