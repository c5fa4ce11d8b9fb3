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
import dev.quiver.parquet.encoding.DictionaryIndexReader;
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
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * The pages and values of one column chunk: what the flat and the repeated column readers share. Iterates the
 * chunk's pages, decodes the dictionary page once straight into the Arrow layout, starts level and value decoders
 * per data page (chosen once per page from the physical type and encoding), and decodes non-null values densely
 * into staging arrays, a batch per call, converting them to the Arrow layout where the two differ.
 *
 * <p>At the end of a batch, {@link #fill} spreads the dense values backwards over the null slots of a validity
 * bitmap (arrow-rs's null padding) and copies the staging arrays into the vector's buffers in bulk. Staging arrays
 * are sized by the batch, never by sizes read from the file. Not thread-safe.
 */
abstract class ColumnChunkReader {
  protected final ColumnPlan plan;
  protected final PageSource pages;
  protected final int maxDef;
  protected final int maxRep;
  private final long chunkValues;

  // current page
  /** Level entries (values, nulls included) left in the current data page. */
  protected int pageValuesLeft;
  private final RleBitPackedHybridDecoder rleLevels = new RleBitPackedHybridDecoder();
  private final RleBitPackedHybridDecoder rleRepetitionLevels = new RleBitPackedHybridDecoder();
  /** The current page's definition levels; null when the column has none. */
  protected LevelDecoder definitionLevels;
  /** The current page's repetition levels; null when the column has none. */
  protected LevelDecoder repetitionLevels;
  private FixedWidthDecoder fixedDecoder;
  private BinaryDecoder binaryDecoder;
  private boolean pageIsDictionaryEncoded;
  /** Level entries consumed from the chunk so far. */
  protected long valuesRead;
  /** Level entries the chunk's data pages so far claim. */
  private long valuesClaimed;

  // dictionary in the output layout
  private byte[] fixedDictionary;
  private BinaryBatch binaryDictionary;
  /** Bytes of the longest entry of {@link #binaryDictionary}, computed once; -1 until then. */
  private int binaryDictionaryLongest = -1;
  private int dictionarySize = -1;

  /** True when the field asks for dictionary-encoded output: indices into a dictionary built per chunk. */
  private final boolean dictionaryOutput;
  private DictionaryIndexReader indexReader;
  /**
   * Entries of the output dictionary: the dictionary page's, then the distinct values of pages that fell back to
   * another encoding, each added once (interned through {@link #intern}) when first read.
   */
  private int outputDictionarySize;
  /** Dictionary output: the output dictionary's entries by value; null until the first page that fell back. */
  private InternTable intern;
  /** Entries of the output dictionary when {@link #arrowDictionary} last built its vector; -1 before. */
  private int arrowDictionaryEntries = -1;

  // filter mode (FlatColumnReader.filterBatch): each value is tested as it is decoded
  /** The filter of the batch being decoded in filter mode; null outside it. */
  private ValueFilter filter;
  /** Filter mode: whether the passing values are staged (densely, from byte 0 of the staged values). */
  private boolean keepPassing;
  /** Filter mode: where the filter's test vectors are allocated. */
  private org.apache.arrow.memory.BufferAllocator filterAllocator;
  /** Filter mode: the values of the batch that passed so far. */
  private int passing;
  /** Filter mode: the dense positions of the values that passed, ascending, in {@code [0, passing)}. */
  private int[] passedDense;
  /** The filter {@link #passTable} holds the answers of, or null before the first filtered dictionary page. */
  private ValueFilter passTableFilter;
  /** Per entry of the dictionary page, 1 when it passes {@link #passTableFilter}: exactly the dictionary's size. */
  private byte[] passTable;
  /** The filter's answers for the last vector it tested. */
  private boolean[] filterAnswers = new boolean[0];

  // staging, sized by the batch
  /** The reusable buffers; {@code staging.validity} holds the batch's slots' validity, built by the subclass. */
  protected final ColumnStaging staging;
  protected final int[] levelScratch = new int[1024];

  ColumnChunkReader(ColumnPlan plan, byte[] chunk, int offset, int length, long chunkFileOffset,
      CompressionCodec codec, boolean verifyChecksums, long chunkValues, ColumnStaging staging) {
    this.plan = plan;
    this.staging = staging;
    this.pages = new PageSource(chunk, offset, length, chunkFileOffset, codec, verifyChecksums, staging);
    this.maxDef = plan.column().maxDefinitionLevel();
    this.maxRep = plan.column().maxRepetitionLevel();
    this.chunkValues = chunkValues;
    this.dictionaryOutput = plan.field().getDictionary() != null;
  }

  /** The 0-based ordinal of the page being read, for error context. */
  public int pageOrdinal() {
    return pages.pageOrdinal();
  }

  /** The longest staging array this reader makes (a little under {@code Integer.MAX_VALUE}, as JVMs allow). */
  static final int MAX_STAGING_BYTES = Integer.MAX_VALUE - 16;

  /**
   * The bytes of {@code count} values of {@code width} bytes, computed in 64 bits.
   *
   * @throws UnsupportedParquetException when they exceed {@link #MAX_STAGING_BYTES}, which one staging array (and
   *     one Arrow buffer) cannot hold: a batch of wide values, a smaller {@link ReadOptions#batchSize()} reads it
   */
  protected final int stagingBytes(long count, int width) {
    long bytes = count * width;
    if (bytes > MAX_STAGING_BYTES) {
      throw new UnsupportedParquetException("column " + plan.column().dottedPath() + ": " + count + " values of "
          + width + " bytes (" + bytes + " bytes) exceed the " + MAX_STAGING_BYTES + " bytes one staging array or "
          + "Arrow buffer holds; read with a smaller ReadOptions.batchSize");
    }
    return (int) bytes;
  }

  /** A new length for an array of {@code length} that must hold {@code needed}: doubled, capped at the maximum. */
  private static int grown(int needed, int length) {
    return (int) Math.min(Math.max(needed, 2L * length), MAX_STAGING_BYTES);
  }

  /**
   * Prepares the staging arrays for a batch of up to {@code slots} slots and empties the dense values.
   *
   * @throws UnsupportedParquetException when {@code slots} values of the column's width exceed
   *     {@link #MAX_STAGING_BYTES} (see {@link #stagingBytes})
   */
  protected final void startBatch(int slots) {
    int width = Math.max(plan.outputWidth(), 1);
    int valueBytes = stagingBytes(slots, width);
    if (staging.values.length < valueBytes) {
      staging.values = new byte[grown(valueBytes, staging.values.length)];
    }
    int bitmapBytes = (slots + 7) >>> 3;
    if (staging.validity.length < bitmapBytes) {
      staging.validity = new byte[Math.max(bitmapBytes, staging.validity.length * 2)];
      staging.bitScratch = new byte[staging.validity.length];
    }
    if (staging.offsets.length < slots + 1) {
      staging.offsets = new int[Math.max(slots + 1, staging.offsets.length * 2)];
    }
    staging.resetBinaryValues();
    denseCount = 0;
  }

  /**
   * Makes room for {@code slots} slots in the validity staging, keeping what is there.
   *
   * @throws UnsupportedParquetException as {@link #startBatch}
   */
  protected final void ensureSlots(int slots) {
    int bitmapBytes = (slots + 7) >>> 3;
    if (staging.validity.length < bitmapBytes) {
      staging.validity = java.util.Arrays.copyOf(staging.validity, Math.max(bitmapBytes, staging.validity.length * 2));
      staging.bitScratch = new byte[staging.validity.length];
    }
    int width = Math.max(plan.outputWidth(), 1);
    int valueBytes = stagingBytes(slots, width);
    ensureStagedValues(valueBytes);
    if (staging.offsets.length < slots + 1) {
      staging.offsets = new int[Math.max(slots + 1, staging.offsets.length * 2)];
    }
  }

  /** Dense values decoded in the current batch. */
  protected int denseCount;

  /** Grows the staged fixed-width values' array to at least {@code bytes}, keeping what it holds. */
  private void ensureStagedValues(int bytes) {
    if (bytes > staging.values.length) {
      staging.values = java.util.Arrays.copyOf(staging.values, grown(bytes, staging.values.length));
    }
  }

  /**
   * Decodes the next {@code count} non-null values of the current page, appending them densely to the staging.
   *
   * @throws ParquetCorruptionException when the page holds fewer values or they do not decode
   */
  protected final void decodeDense(int count) {
    if (count == 0) {
      return;
    }
    if (filter != null) {
      filterDense(null, count, count);
      denseCount += count;
      return;
    }
    if (dictionaryOutput) {
      decodeIndices(count);
      denseCount += count;
      return;
    }
    switch (plan.shape()) {
      case BOOLEAN, FIXED -> {
        int width = plan.outputWidth();
        ensureStagedValues(stagingBytes((long) denseCount + count, width));
        decodeFixed(staging.values, denseCount * width, count);
      }
      case VARIABLE -> binaryDecoder.read(staging.binaryValues(), count);
      default -> throw new IllegalStateException(plan.shape().name());
    }
    denseCount += count;
  }

  /**
   * Dictionary output: the next {@code count} indices, as 4-byte little-endian ints at the dense position. From a
   * dictionary-encoded page they are the page's indices; the values of any other page are interned into the output
   * dictionary (see {@link #internValues}).
   */
  private void decodeIndices(int count) {
    int end = stagingBytes((long) denseCount + count, 4);
    int at = denseCount * 4;
    ensureStagedValues(end);
    if (pageIsDictionaryEncoded) {
      byte[] out = staging.values;
      DictionaryIndexReader in = indexReader;
      while (count > 0) {
        int n = in.nextStretch(count);
        if (in.repeated()) {
          int v = in.value();
          for (int i = 0; i < n; i++) {
            INTS.set(out, at + 4 * i, v);
          }
        } else {
          int[] idx = in.stretch();
          for (int i = 0; i < n; i++) {
            INTS.set(out, at + 4 * i, idx[i]);
          }
        }
        at += 4 * n;
        count -= n;
      }
      return;
    }
    internValues(at, null, count, count);
  }

  /**
   * Enters filter mode for one batch of a FIXED-shape column without dictionary output: until {@link #endFilter},
   * the dense values the batch loops decode are tested by {@code filter} instead of staged; the dense positions of
   * those that pass go to {@code passed} (ascending, as many as {@link #passing()}; the array must hold one per value
   * decoded) and, when {@code keep}, their values are staged densely from byte 0.
   */
  final void startFilter(ValueFilter filter, boolean keep, org.apache.arrow.memory.BufferAllocator allocator,
      int[] passed) {
    if (dictionaryOutput || plan.shape() != ColumnPlan.Shape.FIXED) {
      throw new IllegalStateException("filter mode needs a fixed-width column without dictionary output");
    }
    this.filter = filter;
    this.keepPassing = keep;
    this.filterAllocator = allocator;
    this.passing = 0;
    this.passedDense = passed;
  }

  /** Leaves filter mode. */
  final void endFilter() {
    filter = null;
    filterAllocator = null;
    passedDense = null;
  }

  /** Filter mode: how many of the batch's values passed. */
  final int passing() {
    return passing;
  }

  /**
   * Filter mode: tests the next {@code count} non-null values of the current page (or, with {@code positions},
   * those at {@code positions[0, count)} among the next {@code span}, moving past all {@code span}). A
   * dictionary-encoded page looks each index's answer up in {@link #passTable} (the dictionary's entries tested
   * once) and gathers only the passing values; any other page's values are decoded, then tested.
   */
  private void filterDense(int[] positions, int count, int span) {
    int width = plan.outputWidth();
    if (keepPassing) {
      ensureStagedValues(stagingBytes((long) passing + count, width));
    }
    if (pageIsDictionaryEncoded) {
      DictionaryIndexReader in = ((DictionaryFixedWidthDecoder) fixedDecoder).indices();
      byte[] table = passTable();
      try {
        if (positions == null) {
          int d = denseCount;
          while (count > 0) {
            int n = in.nextStretch(count);
            if (in.repeated()) {
              passRun(table, in.value(), d, n, width);
            } else {
              passStretch(table, in.stretch(), d, n, width);
            }
            d += n;
            count -= n;
          }
        } else {
          passStretch(table, in.selected(positions, 0, count, span), denseCount, count, width);
        }
      } catch (IndexOutOfBoundsException e) {
        throw in.outOfRange(e);
      }
      return;
    }
    byte[] decoded = decodeFixedToScratch(positions, count, span, width);
    boolean[] answers = test(decoded, count);
    int[] passed = passedDense;
    byte[] out = staging.values;
    int d = denseCount;
    for (int i = 0; i < count; i++) {
      if (answers[i]) {
        if (keepPassing) {
          System.arraycopy(decoded, i * width, out, passing * width, width);
        }
        passed[passing++] = d + i;
      }
    }
  }

  /** The dictionary page's answers for the current filter, its entries tested once per filter and column chunk. */
  private byte[] passTable() {
    if (passTable == null || passTableFilter != filter) {
      int n = dictionarySize;
      boolean[] answers = test(fixedDictionary, n);
      byte[] table = new byte[n];
      for (int i = 0; i < n; i++) {
        table[i] = (byte) (answers[i] ? 1 : 0);
      }
      passTable = table;
      passTableFilter = filter;
    }
    return passTable;
  }

  /** The filter's answers for the {@code count} values of the output layout at the start of {@code values}. */
  private boolean[] test(byte[] values, int count) {
    if (filterAnswers.length < count) {
      filterAnswers = new boolean[Math.max(count, 2 * filterAnswers.length)];
    }
    Field valueField = new Field(plan.field().getName(), new FieldType(true, plan.field().getType(), null,
        plan.field().getMetadata()), null);
    try (FieldVector vector = valueField.createVector(filterAllocator)) {
      VectorFiller.fillFixedWidth((BaseFixedWidthVector) vector, values, null, count);
      FilterFailure.test(filter, vector, count, filterAnswers);
    }
    return filterAnswers;
  }

  /** Filter mode: an RLE run of {@code n} equal indices {@code k} at dense position {@code d}. */
  private void passRun(byte[] table, int k, int d, int n, int width) {
    if (table[k] == 0) {
      return;
    }
    int[] passed = passedDense;
    byte[] out = staging.values;
    for (int i = 0; i < n; i++) {
      if (keepPassing) {
        System.arraycopy(fixedDictionary, k * width, out, (passing + i) * width, width);
      }
      passed[passing + i] = d + i;
    }
    passing += n;
  }

  /**
   * Filter mode: {@code n} indices {@code idx[0, n)} at dense position {@code d}: each one's answer looked up, its
   * position (and, when the values are kept, its entry) written at the next passing slot, which advances only when
   * it passed (so a failing one is overwritten by the next).
   */
  private void passStretch(byte[] table, int[] idx, int d, int n, int width) {
    int[] passed = passedDense;
    int at = passing;
    if (!keepPassing) {
      // eight answers at a time into a bit mask: a group with none passing writes nothing, the others write their
      // eight positions branch-free (measured 30-40% faster than one position per index at 15% passing)
      int i = 0;
      for (; i + 8 <= n; i += 8) {
        int m = table[idx[i]] | table[idx[i + 1]] << 1 | table[idx[i + 2]] << 2 | table[idx[i + 3]] << 3
            | table[idx[i + 4]] << 4 | table[idx[i + 5]] << 5 | table[idx[i + 6]] << 6 | table[idx[i + 7]] << 7;
        if (m != 0) {
          int p = d + i;
          passed[at] = p;
          at += m & 1;
          passed[at] = p + 1;
          at += (m >>> 1) & 1;
          passed[at] = p + 2;
          at += (m >>> 2) & 1;
          passed[at] = p + 3;
          at += (m >>> 3) & 1;
          passed[at] = p + 4;
          at += (m >>> 4) & 1;
          passed[at] = p + 5;
          at += (m >>> 5) & 1;
          passed[at] = p + 6;
          at += (m >>> 6) & 1;
          passed[at] = p + 7;
          at += m >>> 7;
        }
      }
      for (; i < n; i++) {
        passed[at] = d + i;
        at += table[idx[i]];
      }
      passing = at;
      return;
    }
    byte[] dict = fixedDictionary;
    byte[] out = staging.values;
    switch (width) {
      case 4 -> {
        for (int i = 0; i < n; i++) {
          int k = idx[i];
          passed[at] = d + i;
          INTS.set(out, at << 2, (int) INTS.get(dict, k << 2));
          at += table[k];
        }
      }
      case 8 -> {
        for (int i = 0; i < n; i++) {
          int k = idx[i];
          passed[at] = d + i;
          LONGS.set(out, at << 3, (long) LONGS.get(dict, k << 3));
          at += table[k];
        }
      }
      default -> {
        for (int i = 0; i < n; i++) {
          int k = idx[i];
          passed[at] = d + i;
          byte pass = table[k];
          if (pass != 0) {
            System.arraycopy(dict, k * width, out, at * width, width);
          }
          at += pass;
        }
      }
    }
    passing = at;
  }

  /** The most bytes an output dictionary may hold (its values' bytes, as one Arrow data buffer). */
  static final int MAX_OUTPUT_DICTIONARY_BYTES = Integer.MAX_VALUE - 16;

  /**
   * Dictionary output, a page that is not dictionary-encoded: decodes its next {@code count} values (or, with
   * {@code positions}, only those at {@code positions[0, count)} among the next {@code span}, moving past all
   * {@code span}) and writes each one's output-dictionary index as a 4-byte int from byte {@code at} of the
   * staging values. A value equal to an entry already in the dictionary (of the dictionary page or interned
   * earlier in this column chunk) gets that entry's index (the first, should the dictionary page repeat a value);
   * any other is appended as a new entry. Indices handed out are never changed.
   *
   * @throws UnsupportedParquetException when the dictionary's bytes would pass
   *     {@link #MAX_OUTPUT_DICTIONARY_BYTES} (a column chunk with over 2 GiB of distinct values)
   */
  private void internValues(int at, int[] positions, int count, int span) {
    if (intern == null) {
      indexOutputDictionary();
    }
    if (plan.shape() == ColumnPlan.Shape.VARIABLE) {
      BinaryBatch decoded = staging.binaryScratch();
      decoded.reset();
      if (positions == null) {
        binaryDecoder.read(decoded, count);
      } else {
        binaryDecoder.readSelected(decoded, positions, 0, count, span);
      }
      int[] offsets = decoded.offsets();
      byte[] data = decoded.data();
      byte[] out = staging.values;
      for (int i = 0; i < count; i++) {
        INTS.set(out, at + 4 * i, internVariable(data, offsets[i], offsets[i + 1] - offsets[i]));
      }
    } else {
      int width = plan.outputWidth();
      byte[] decoded = decodeFixedToScratch(positions, count, span, width);
      byte[] out = staging.values;
      for (int i = 0; i < count; i++) {
        INTS.set(out, at + 4 * i, internFixed(decoded, i * width, width));
      }
    }
  }

  /**
   * Decodes the current page's next {@code count} values (or those at {@code positions[0, count)} among the next
   * {@code span}, moving past all {@code span}) in the output layout into the staging's scratch, from byte 0.
   */
  private byte[] decodeFixedToScratch(int[] positions, int count, int span, int width) {
    int bytes = stagingBytes(count, width);
    if (staging.internScratch.length < bytes) {
      staging.internScratch = new byte[grown(bytes, staging.internScratch.length)];
    }
    byte[] decoded = staging.internScratch;
    if (positions == null) {
      decodeFixed(decoded, 0, count);
    } else {
      decodeFixedSelected(decoded, 0, positions, count, span);
    }
    return decoded;
  }

  /** Builds {@link #intern} over the output dictionary's entries so far (the dictionary page's). */
  private void indexOutputDictionary() {
    intern = new InternTable();
    if (plan.shape() == ColumnPlan.Shape.VARIABLE) {
      if (binaryDictionary == null) {
        binaryDictionary = new BinaryBatch(64, 1024);
      }
      byte[] data = binaryDictionary.data();
      int[] offsets = binaryDictionary.offsets();
      for (int i = 0; i < outputDictionarySize; i++) {
        int length = offsets[i + 1] - offsets[i];
        int hash = InternTable.hash(data, offsets[i], length);
        if (intern.findVariable(data, offsets, data, offsets[i], length, hash) < 0) {
          intern.add(hash, i); // a repeated entry of the dictionary page keeps answering with its first index
        }
      }
    } else {
      int width = plan.outputWidth();
      if (fixedDictionary == null) {
        fixedDictionary = new byte[0]; // grown by internFixed
      }
      for (int i = 0; i < outputDictionarySize; i++) {
        int hash = InternTable.hash(fixedDictionary, i * width, width);
        if (intern.findFixed(fixedDictionary, width, fixedDictionary, i * width, hash) < 0) {
          intern.add(hash, i);
        }
      }
    }
  }

  /** The output-dictionary index of variable-length value {@code value[from, from + length)}, added if new. */
  private int internVariable(byte[] value, int from, int length) {
    BinaryBatch dictionary = binaryDictionary;
    int hash = InternTable.hash(value, from, length);
    int found = intern.findVariable(dictionary.data(), dictionary.offsets(), value, from, length, hash);
    if (found >= 0) {
      return found;
    }
    if ((long) dictionary.byteLength() + length > MAX_OUTPUT_DICTIONARY_BYTES) {
      throw tooLargeDictionary();
    }
    dictionary.append(value, from, length);
    binaryDictionaryLongest = -1; // entries appended: computed again when next needed
    int index = outputDictionarySize++;
    intern.add(hash, index);
    return index;
  }

  /** The output-dictionary index of fixed-width value {@code value[from, from + width)}, added if new. */
  private int internFixed(byte[] value, int from, int width) {
    int hash = InternTable.hash(value, from, width);
    int found = intern.findFixed(fixedDictionary, width, value, from, hash);
    if (found >= 0) {
      return found;
    }
    long needed = (long) (outputDictionarySize + 1) * width;
    if (needed > MAX_OUTPUT_DICTIONARY_BYTES) {
      throw tooLargeDictionary();
    }
    if (needed > fixedDictionary.length) {
      fixedDictionary = java.util.Arrays.copyOf(fixedDictionary, (int) Math.min(Math.max(needed,
          2L * fixedDictionary.length), MAX_OUTPUT_DICTIONARY_BYTES));
    }
    System.arraycopy(value, from, fixedDictionary, outputDictionarySize * width, width);
    int index = outputDictionarySize++;
    intern.add(hash, index);
    return index;
  }

  private UnsupportedParquetException tooLargeDictionary() {
    return new UnsupportedParquetException("column " + plan.column().dottedPath() + ": the distinct values of one "
        + "column chunk exceed " + MAX_OUTPUT_DICTIONARY_BYTES + " bytes, too many for a dictionary-encoded vector; "
        + "read the column without dictionary output");
  }

  /**
   * Moves past the next {@code count} non-null values of the current page without decoding them into staging.
   *
   * @throws ParquetCorruptionException when the page holds fewer values or they do not decode
   */
  protected final void skipValues(int count) {
    if (count == 0) {
      return;
    }
    if (dictionaryOutput && pageIsDictionaryEncoded) {
      indexReader.skip(count);
    } else if (fixedDecoder != null) {
      fixedDecoder.skip(count);
    } else {
      binaryDecoder.skip(count);
    }
  }

  /**
   * Decodes only the non-null values at dense positions {@code positions[0, count)} among the next {@code span}
   * non-null values of the current page (strictly ascending, each below {@code span}), appending them densely to
   * the staging, and moves past all {@code span}.
   *
   * @throws ParquetCorruptionException when the page holds fewer values or they do not decode
   */
  protected final void decodeDenseSelected(int[] positions, int count, int span) {
    if (count == 0) {
      skipValues(span);
      return;
    }
    if (filter != null) {
      filterDense(positions, count, span);
      denseCount += count;
      return;
    }
    if (dictionaryOutput) {
      selectIndices(positions, count, span);
      denseCount += count;
      return;
    }
    switch (plan.shape()) {
      case BOOLEAN, FIXED -> {
        int width = plan.outputWidth();
        ensureStagedValues(stagingBytes((long) denseCount + count, width));
        decodeFixedSelected(staging.values, denseCount * width, positions, count, span);
      }
      case VARIABLE -> binaryDecoder.readSelected(staging.binaryValues(), positions, 0, count, span);
      default -> throw new IllegalStateException(plan.shape().name());
    }
    denseCount += count;
  }

  /** As {@link #decodeFixed}, for the selected positions only (see {@link #decodeDenseSelected}). */
  private void decodeFixedSelected(byte[] out, int at, int[] positions, int count, int span) {
    if (plan.binaryConverter() != null && !pageIsDictionaryEncoded) {
      staging.binaryScratch().reset();
      binaryDecoder.readSelected(staging.binaryScratch(), positions, 0, count, span);
      plan.binaryConverter().convert(staging.binaryScratch(), out, at);
    } else if (plan.fixedConverter() != null && !pageIsDictionaryEncoded) {
      int physicalBytes = stagingBytes(count, plan.physicalWidth());
      if (staging.physical.length < physicalBytes) {
        staging.physical = new byte[grown(physicalBytes, staging.physical.length)];
      }
      fixedDecoder.readSelected(staging.physical, 0, plan.physicalWidth(), positions, 0, count, span);
      plan.fixedConverter().convert(staging.physical, 0, out, at, count);
    } else {
      fixedDecoder.readSelected(out, at, plan.outputWidth(), positions, 0, count, span);
    }
  }

  /**
   * Dictionary output, selected positions: the page's indices at those positions, or, for a page that fell back to
   * another encoding, the selected values interned into the output dictionary (see {@link #internValues}; the
   * others are skipped, not added).
   */
  private void selectIndices(int[] positions, int count, int span) {
    int end = stagingBytes((long) denseCount + count, 4);
    int at = denseCount * 4;
    ensureStagedValues(end);
    byte[] out = staging.values;
    if (pageIsDictionaryEncoded) {
      int[] idx = indexReader.selected(positions, 0, count, span);
      for (int i = 0; i < count; i++) {
        INTS.set(out, at + 4 * i, idx[i]);
      }
      return;
    }
    internValues(at, positions, count, span);
  }

  /**
   * How many of the current page's next {@code count} definition levels equal the column's maximum (the non-null
   * values among them); consumes the levels.
   *
   * @throws ParquetCorruptionException when the levels end early or are malformed
   */
  protected final int countValid(int count) {
    if (maxDef == 0) {
      return count;
    }
    if (staging.levelBits.length < 512) {
      staging.levelBits = new byte[512];
    }
    int valid = 0;
    while (count > 0) {
      int n = Math.min(count, 4096);
      valid += definitionLevels.readValidity(staging.levelBits, 0, n, maxDef, levelScratch);
      count -= n;
    }
    return valid;
  }

  /**
   * A flat column between pages ({@code pageValuesLeft == 0}), skipping rows: moves to the next page. A data page
   * whose rows all lie within the next {@code maxRows} rows is skipped whole, without decompressing or decoding it
   * (its row count is its header's value count: a flat column has one level entry per row, in v1 and v2 pages
   * alike), and its row count returned; otherwise the page is started ({@code pageValuesLeft > 0}) and 0
   * returned. A dictionary page on the way is read, as later pages need it.
   *
   * @throws ParquetCorruptionException when the chunk has no more pages or a page is corrupt
   */
  protected final int skipOrStartPage(int maxRows) {
    if (maxRep != 0) {
      throw new IllegalStateException("whole pages are skipped only in flat columns");
    }
    while (true) {
      PageHeader header = advancePage();
      if (header.type() == null) {
        continue;
      }
      int pageValues;
      switch (header.type()) {
        case DICTIONARY_PAGE -> {
          readDictionary(header);
          continue;
        }
        case DATA_PAGE -> pageValues = header.dataPageHeader().numValues();
        case DATA_PAGE_V2 -> pageValues = header.dataPageHeaderV2().numValues();
        default -> {
          continue;
        }
      }
      if (pageValues >= 0 && pageValues <= maxRows) {
        claim(pageValues);
        valuesRead += pageValues;
        if (pageValues > 0) {
          return pageValues;
        }
        continue;
      }
      if (header.type() == dev.quiver.parquet.format.PageType.DATA_PAGE) {
        startDataPageV1(header);
      } else {
        startDataPageV2(header);
      }
      if (pageValuesLeft > 0) {
        return 0;
      }
    }
  }

  private static final java.lang.invoke.VarHandle INTS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  /** Decodes {@code count} values of a fixed-width output layout into {@code out} from byte {@code at}. */
  private void decodeFixed(byte[] out, int at, int count) {
    if (plan.binaryConverter() != null && !pageIsDictionaryEncoded) {
      staging.binaryScratch().reset();
      binaryDecoder.read(staging.binaryScratch(), count);
      plan.binaryConverter().convert(staging.binaryScratch(), out, at);
    } else if (plan.fixedConverter() != null && !pageIsDictionaryEncoded
        && fixedDecoder instanceof PlainFixedWidthDecoder plain) {
      // PLAIN (DECIMAL INT64 and INT32, say): converted straight from the page, no copy into staging first
      int from = plain.consume(count);
      plan.fixedConverter().convert(plain.buffer(), from, out, at, count);
    } else if (plan.fixedConverter() != null && !pageIsDictionaryEncoded) {
      int physicalBytes = stagingBytes(count, plan.physicalWidth());
      if (staging.physical.length < physicalBytes) {
        staging.physical = new byte[grown(physicalBytes, staging.physical.length)];
      }
      fixedDecoder.read(staging.physical, 0, count);
      plan.fixedConverter().convert(staging.physical, 0, out, at, count);
    } else {
      fixedDecoder.read(out, at, count);
    }
  }


  /**
   * Fills {@code vector} with {@code slots} slots: the dense values spread over the set bits of the validity
   * staging (every bit set when {@code allValidSlots}).
   *
   * @throws ParquetCorruptionException when the number of valid slots differs from the values decoded
   */
  protected final void fill(FieldVector vector, int slots, boolean allValidSlots) {
    if (plan.shape() == ColumnPlan.Shape.NULL) {
      vector.setValueCount(slots);
      return;
    }
    fillCounted(vector, slots, allValidSlots ? slots : dev.quiver.columnar.Bitmaps.countSet(staging.validity, slots));
  }

  /**
   * As {@link #fill}, with the number of set validity bits among the {@code slots} known to the caller (who counted
   * them while decoding the levels): no pass over the bitmap to count them.
   *
   * @throws ParquetCorruptionException when {@code valid} differs from the values decoded
   */
  protected final void fillCounted(FieldVector vector, int slots, int valid) {
    if (plan.shape() == ColumnPlan.Shape.NULL) {
      vector.setValueCount(slots);
      return;
    }
    if (valid != denseCount) {
      throw new ParquetCorruptionException("levels mark " + valid + " values present but " + denseCount
          + " were decoded");
    }
    // a nullable column's batch without nulls (the common case) takes the all-valid paths: no per-slot spreading or
    // offset rebuilding, and the validity buffer is set to ones in bulk
    boolean allValid = valid == slots;
    byte[] validityOrNull = allValid ? null : staging.validity;
    if (dictionaryOutput) {
      if (!allValid && valid < slots) {
        spreadFixed(slots, valid, 4);
      }
      VectorFiller.fillFixedWidth((BaseFixedWidthVector) vector, staging.values, validityOrNull, slots);
      return;
    }
    switch (plan.shape()) {
      case FIXED, BOOLEAN -> {
        int width = plan.outputWidth();
        if (!allValid && valid < slots) {
          spreadFixed(slots, valid, width);
        }
        if (plan.shape() == ColumnPlan.Shape.FIXED) {
          VectorFiller.fillFixedWidth((BaseFixedWidthVector) vector, staging.values, validityOrNull, slots);
        } else {
          VectorFiller.fillBits((BitVector) vector, staging.values, validityOrNull, slots, staging.bitScratch);
        }
      }
      case VARIABLE -> {
        // without nulls the dense offsets are the slots' offsets
        int[] offsets = allValid ? staging.binaryValues().offsets() : buildOffsets(slots);
        if (vector instanceof org.apache.arrow.vector.BaseLargeVariableWidthVector large) {
          VectorFiller.fillLargeVariableWidth(large, offsets, staging.binaryValues().data(), validityOrNull, slots);
        } else {
          VectorFiller.fillVariableWidth((BaseVariableWidthVector) vector, offsets, staging.binaryValues().data(),
              validityOrNull, slots);
        }
      }
      default -> throw new IllegalStateException(plan.shape().name());
    }
  }

  /** Moves the {@code dense} values at slots {@code [0, dense)} onto the valid slots of {@code [0, slots)}. */
  private void spreadFixed(int slots, int dense, int width) {
    int bytes = stagingBytes(slots, width);
    if (bytes > staging.values.length) {
      staging.values = java.util.Arrays.copyOf(staging.values, bytes);
    }
    byte[] values = staging.values;
    byte[] validity = staging.validity;
    int j = dense - 1;
    // backwards, so a value never overwrites one not yet moved; widths of 1, 4, 8 and 16 bytes move as words
    switch (width) {
      case 8 -> {
        for (int i = slots - 1; i >= 0 && j < i; i--) {
          boolean valid = (validity[i >>> 3] & (1 << (i & 7))) != 0;
          LONGS.set(values, i << 3, valid ? (long) LONGS.get(values, j << 3) : 0L);
          j -= valid ? 1 : 0;
        }
      }
      case 4 -> {
        for (int i = slots - 1; i >= 0 && j < i; i--) {
          boolean valid = (validity[i >>> 3] & (1 << (i & 7))) != 0;
          INTS.set(values, i << 2, valid ? (int) INTS.get(values, j << 2) : 0);
          j -= valid ? 1 : 0;
        }
      }
      case 16 -> {
        for (int i = slots - 1; i >= 0 && j < i; i--) {
          boolean valid = (validity[i >>> 3] & (1 << (i & 7))) != 0;
          long lo = valid ? (long) LONGS.get(values, j << 4) : 0L;
          long hi = valid ? (long) LONGS.get(values, (j << 4) + 8) : 0L;
          LONGS.set(values, i << 4, lo);
          LONGS.set(values, (i << 4) + 8, hi);
          j -= valid ? 1 : 0;
        }
      }
      case 1 -> {
        for (int i = slots - 1; i >= 0 && j < i; i--) {
          boolean valid = (validity[i >>> 3] & (1 << (i & 7))) != 0;
          values[i] = valid ? values[j] : 0;
          j -= valid ? 1 : 0;
        }
      }
      default -> {
        for (int i = slots - 1; i >= 0 && j < i; i--) {
          if (dev.quiver.columnar.Bitmaps.get(validity, i)) {
            System.arraycopy(values, j * width, values, i * width, width);
            j--;
          } else {
            java.util.Arrays.fill(values, i * width, (i + 1) * width, (byte) 0);
          }
        }
      }
    }
  }

  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  /** Arrow offsets for a batch with nulls: dense value lengths laid over the validity (null slots get no bytes). */
  private int[] buildOffsets(int slots) {
    int[] dense = staging.binaryValues().offsets();
    if (staging.offsets.length < slots + 1) {
      staging.offsets = new int[slots + 1];
    }
    int[] offsets = staging.offsets;
    byte[] validity = staging.validity;
    offsets[0] = 0;
    int j = 0;
    for (int i = 0; i < slots; i++) {
      j += (validity[i >>> 3] >>> (i & 7)) & 1;
      offsets[i + 1] = dense[j];
    }
    return offsets;
  }

  /** True while the chunk has pages left after the current one. */
  protected final boolean hasMorePages() {
    return pages.hasMore();
  }

  /**
   * Moves to the chunk's next page and returns its header.
   *
   * @throws ParquetCorruptionException when the chunk has no more pages but the row group needs more values
   */
  private PageHeader advancePage() {
    if (!pages.hasMore()) {
      throw new ParquetCorruptionException("column chunk ends after " + valuesRead + " values, but its metadata "
          + "claims " + chunkValues + " and the row group needs more");
    }
    pages.next();
    return pages.header;
  }

  /**
   * Moves to the next data page with values, reading any dictionary page on the way.
   *
   * @throws ParquetCorruptionException when the chunk has no more pages
   */
  protected final void nextDataPage() {
    while (true) {
      PageHeader header = advancePage();
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
    repetitionLevels = null;
    definitionLevels = null;
    if (maxRep > 0) {
      pos = startLevelsV1(rleRepetitionLevels, dp.repetitionLevelEncoding(), data, pos, end, maxRep,
          dp.numValues(), true);
    }
    if (maxDef > 0) {
      pos = startLevelsV1(rleLevels, dp.definitionLevelEncoding(), data, pos, end, maxDef, dp.numValues(), false);
    }
    startValues(dp.encoding(), data, pos, end - pos);
    pageValuesLeft = claim(dp.numValues());
  }

  private void startDataPageV2(PageHeader header) {
    DataPageHeaderV2 dp = header.dataPageHeaderV2();
    int levelBytes = dp.repetitionLevelsByteLength() + dp.definitionLevelsByteLength();
    if (levelBytes < 0 || levelBytes > header.compressedPageSize() || levelBytes > header.uncompressedPageSize()) {
      throw new ParquetCorruptionException("level sections of " + levelBytes + " bytes exceed the page's size");
    }
    repetitionLevels = null;
    definitionLevels = null;
    byte[] chunk = pages.chunk();
    if (maxRep > 0) {
      rleRepetitionLevels.init(chunk, pages.bodyStart, dp.repetitionLevelsByteLength(), bitWidth(maxRep));
      repetitionLevels = rleRepetitionLevels;
    }
    int levelsStart = pages.bodyStart + dp.repetitionLevelsByteLength();
    if (maxDef > 0) {
      rleLevels.init(chunk, levelsStart, dp.definitionLevelsByteLength(), bitWidth(maxDef));
      definitionLevels = rleLevels;
    }
    int valuesStart = pages.bodyStart + levelBytes;
    byte[] data = pages.decompress(valuesStart, header.compressedPageSize() - levelBytes,
        header.uncompressedPageSize() - levelBytes, dp.compressed());
    startValues(dp.encoding(), data, pages.decompressedOffset, header.uncompressedPageSize() - levelBytes);
    pageValuesLeft = claim(dp.numValues());
  }

  /**
   * Checks a data page's value count against what the chunk's metadata leaves: the pages of a chunk hold exactly its
   * {@code num_values} level entries, so a page claiming more is corrupt, before its levels are decoded.
   */
  private int claim(int pageValues) {
    valuesClaimed += pageValues;
    if (valuesClaimed > chunkValues) {
      throw new ParquetCorruptionException("data pages claim " + valuesClaimed + " values, more than the "
          + chunkValues + " of their column chunk's metadata");
    }
    return pageValues;
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
      if (dictionaryOutput) {
        indexReader = new DictionaryIndexReader(data, offset, length, dictionarySize);
        return;
      }
      if (fixedDictionary != null) {
        fixedDecoder = new DictionaryFixedWidthDecoder(data, offset, length, fixedDictionary, dictionarySize,
            plan.outputWidth());
      } else {
        if (binaryDictionaryLongest < 0) {
          binaryDictionaryLongest = DictionaryBinaryDecoder.longestEntry(binaryDictionary);
        }
        binaryDecoder = new DictionaryBinaryDecoder(data, offset, length, binaryDictionary, binaryDictionaryLongest);
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
      BinaryBatch dictionary = new BinaryBatch(count, length); // the decoder reserves the page's bytes
      new PlainBinaryDecoder(data, offset, length).read(dictionary, count);
      if (plan.binaryConverter() != null) {
        fixedDictionary = new byte[stagingBytes(count, plan.outputWidth())];
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
        fixedDictionary = new byte[stagingBytes(count, plan.outputWidth())];
        plan.fixedConverter().convert(raw, 0, fixedDictionary, 0, count);
      } else {
        fixedDictionary = raw;
      }
    }
    dictionarySize = count;
    if (dictionaryOutput) {
      if (outputDictionarySize > 0) {
        throw new ParquetCorruptionException("dictionary page after data pages of another encoding");
      }
      outputDictionarySize = count;
    }
  }

  /**
   * Dictionary output: whether the output dictionary has entries that the last vector of {@link #arrowDictionary}
   * lacks (always true before the first).
   */
  final boolean dictionaryGrew() {
    return outputDictionarySize != arrowDictionaryEntries;
  }

  /**
   * Dictionary output: a new vector of the field's value type holding the output dictionary as it stands (the
   * dictionary page's entries, then the distinct values of pages that fell back, in the order first read),
   * allocated from {@code allocator} and owned by the caller.
   */
  final FieldVector arrowDictionary(org.apache.arrow.memory.BufferAllocator allocator) {
    Field valueField = new Field(plan.field().getName(), FieldType.notNullable(plan.field().getType()), null);
    FieldVector vector = valueField.createVector(allocator);
    int n = outputDictionarySize;
    try {
      if (plan.shape() == ColumnPlan.Shape.VARIABLE) {
        BinaryBatch entries = binaryDictionary == null ? new BinaryBatch(1, 1) : binaryDictionary;
        if (vector instanceof org.apache.arrow.vector.BaseLargeVariableWidthVector large) {
          VectorFiller.fillLargeVariableWidth(large, entries.offsets(), entries.data(), null, n);
        } else {
          VectorFiller.fillVariableWidth((BaseVariableWidthVector) vector, entries.offsets(), entries.data(), null,
              n);
        }
      } else {
        VectorFiller.fillFixedWidth((BaseFixedWidthVector) vector, fixedDictionary == null ? new byte[0]
            : fixedDictionary, null, n);
      }
    } catch (RuntimeException e) {
      vector.close();
      throw e;
    }
    arrowDictionaryEntries = n;
    return vector;
  }

  /** The field's dictionary encoding, or null when its output is not dictionary-encoded. */
  final org.apache.arrow.vector.types.pojo.DictionaryEncoding dictionaryEncoding() {
    return plan.field().getDictionary();
  }

  /** Starts the v1 levels of one kind at {@code pos}; returns the position after them. */
  private int startLevelsV1(RleBitPackedHybridDecoder rle, Encoding encoding, byte[] data, int pos, int end,
      int maxLevel, int numValues, boolean repetition) {
    String kind = repetition ? "repetition" : "definition";
    LevelDecoder decoder;
    if (encoding == Encoding.BIT_PACKED) {
      int length = BitPackedLevelDecoder.byteLength(numValues, bitWidth(maxLevel));
      if (length > end - pos) {
        throw new ParquetCorruptionException("BIT_PACKED " + kind + " levels of " + length + " bytes in a page with "
            + (end - pos) + " left");
      }
      decoder = new BitPackedLevelDecoder(data, pos, length, bitWidth(maxLevel));
      pos += length;
    } else if (encoding == Encoding.RLE) {
      if (end - pos < 4) {
        throw new ParquetCorruptionException("data page too short for its " + kind + "-level length");
      }
      int length = (data[pos] & 0xFF) | (data[pos + 1] & 0xFF) << 8 | (data[pos + 2] & 0xFF) << 16
          | (data[pos + 3] & 0xFF) << 24;
      pos += 4;
      if (length < 0 || length > end - pos) {
        throw new ParquetCorruptionException(kind + " levels of " + Integer.toUnsignedString(length)
            + " bytes in a page with " + (end - pos) + " left");
      }
      rle.init(data, pos, length, bitWidth(maxLevel));
      decoder = rle;
      pos += length;
    } else {
      throw new ParquetCorruptionException(kind + " levels in " + encoding + " encoding (must be RLE or BIT_PACKED)");
    }
    if (repetition) {
      repetitionLevels = decoder;
    } else {
      definitionLevels = decoder;
    }
    return pos;
  }

  private static int bitWidth(int maxLevel) {
    return 32 - Integer.numberOfLeadingZeros(maxLevel);
  }
}
