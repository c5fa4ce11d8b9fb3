package dev.quiver.parquet.write;

import dev.quiver.codec.CodecName;
import dev.quiver.parquet.format.Encoding;
import dev.quiver.parquet.format.SortingColumn;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every knob of {@link ParquetWriter}, immutable. Column paths name leaf columns by their Parquet path joined with
 * dots, as the Parquet schema has them: {@code "id"}, {@code "address.city"}, {@code "tags.list.element"},
 * {@code "attrs.key_value.key"}. Per-column settings ({@link #column}) override the file-wide ones.
 *
 * <p>Defaults, and why (they follow what parquet-java, Arrow C++ and arrow-rs settled on):
 * <ul>
 *   <li>codec {@link CodecName#SNAPPY}: every reader has it, and it costs little CPU on either side (ZSTD packs
 *       tighter; pick it for cold data);
 *   <li>dictionary encoding on, dictionary page limit 1 MiB, falling back to PLAIN beyond it (parquet-java, Arrow
 *       C++);
 *   <li>data pages of about 1 MiB (parquet-java, Arrow C++), checked a batch of values at a time, and of at most
 *       20,000 rows (parquet-java, arrow-rs), so that well-compressed columns still get pages the page index can
 *       skip;
 *   <li>data page v1: v2 is still not read by every tool (parquet-java and Arrow C++ write v1 by default);
 *   <li>row groups of at most 1,048,576 rows (arrow-rs, Arrow C++ default to about one million) and at most
 *       128 MiB of estimated encoded bytes (parquet-java's block size);
 *   <li>statistics {@link StatisticsLevel#PAGE} (chunk statistics plus column index), truncated to 64 bytes
 *       (parquet-java's column index truncate length);
 *   <li>no page CRCs (readers rarely check them, and they cost a pass over every page);
 *   <li>the Arrow schema stored under {@code ARROW:schema}, so that time zones, large and dictionary types
 *       survive a round trip.
 * </ul>
 */
public final class WriterProperties {
  /** The default codec. */
  public static final CodecName DEFAULT_CODEC = CodecName.SNAPPY;
  /** Default data page size, bytes. */
  public static final long DEFAULT_DATA_PAGE_SIZE = 1L << 20;
  /** Default dictionary page size limit, bytes. */
  public static final long DEFAULT_DICTIONARY_PAGE_SIZE_LIMIT = 1L << 20;
  /** Default most rows per data page (parquet-java's {@code parquet.page.row.count.limit}). */
  public static final long DEFAULT_DATA_PAGE_ROW_LIMIT = 20_000;
  /** Default row group size, rows. */
  public static final long DEFAULT_ROW_GROUP_ROWS = 1L << 20;
  /** Default row group size, estimated encoded bytes. */
  public static final long DEFAULT_ROW_GROUP_BYTES = 128L << 20;
  /** Default min/max truncation length, bytes. */
  public static final int DEFAULT_STATISTICS_TRUNCATE_LENGTH = 64;
  /** The default {@code created_by}, in the {@code <app> version <semver>} form readers parse. */
  public static final String DEFAULT_CREATED_BY = "quiver version 0.1.0";

  private static final WriterProperties DEFAULTS = new Builder().build();

  private final CodecName codec;
  private final Integer compressionLevel;
  private final Encoding encoding;
  private final boolean dictionary;
  private final long dictionaryPageSizeLimit;
  private final long dataPageSize;
  private final long dataPageRowLimit;
  private final int dataPageVersion;
  private final long rowGroupRows;
  private final long rowGroupBytes;
  private final StatisticsLevel statistics;
  private final int statisticsTruncateLength;
  private final String createdBy;
  private final Map<String, String> keyValueMetadata;
  private final List<SortingColumn> sortingColumns;
  private final boolean pageChecksums;
  private final boolean storeArrowSchema;
  private final Map<String, BloomFilterProperties> bloomFilters;
  private final Map<String, ColumnProperties> columns;

  private WriterProperties(Builder b) {
    this.codec = b.codec;
    this.compressionLevel = b.compressionLevel;
    this.encoding = b.encoding;
    this.dictionary = b.dictionary;
    this.dictionaryPageSizeLimit = b.dictionaryPageSizeLimit;
    this.dataPageSize = b.dataPageSize;
    this.dataPageRowLimit = b.dataPageRowLimit;
    this.dataPageVersion = b.dataPageVersion;
    this.rowGroupRows = b.rowGroupRows;
    this.rowGroupBytes = b.rowGroupBytes;
    this.statistics = b.statistics;
    this.statisticsTruncateLength = b.statisticsTruncateLength;
    this.createdBy = b.createdBy;
    this.keyValueMetadata = Map.copyOf(b.keyValueMetadata);
    this.sortingColumns = List.copyOf(b.sortingColumns);
    this.pageChecksums = b.pageChecksums;
    this.storeArrowSchema = b.storeArrowSchema;
    this.bloomFilters = Map.copyOf(b.bloomFilters);
    this.columns = Map.copyOf(b.columns);
  }

  /** The defaults listed in the class comment. */
  public static WriterProperties defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these properties. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.codec = codec;
    b.compressionLevel = compressionLevel;
    b.encoding = encoding;
    b.dictionary = dictionary;
    b.dictionaryPageSizeLimit = dictionaryPageSizeLimit;
    b.dataPageSize = dataPageSize;
    b.dataPageRowLimit = dataPageRowLimit;
    b.dataPageVersion = dataPageVersion;
    b.rowGroupRows = rowGroupRows;
    b.rowGroupBytes = rowGroupBytes;
    b.statistics = statistics;
    b.statisticsTruncateLength = statisticsTruncateLength;
    b.createdBy = createdBy;
    b.keyValueMetadata.putAll(keyValueMetadata);
    b.sortingColumns = sortingColumns;
    b.pageChecksums = pageChecksums;
    b.storeArrowSchema = storeArrowSchema;
    b.bloomFilters.putAll(bloomFilters);
    b.columns.putAll(columns);
    return b;
  }

  /** The file-wide codec. */
  public CodecName codec() {
    return codec;
  }

  /** The codec of the column at {@code columnPath} (its override, else the file-wide one). */
  public CodecName codec(String columnPath) {
    ColumnProperties c = columns.get(columnPath);
    return c != null && c.codec() != null ? c.codec() : codec;
  }

  /**
   * The compression level of the file-wide codec, or null for the library's default (ZSTD 3, GZIP 6, BROTLI 8). It
   * applies to every column compressed with the file-wide codec; a column whose {@link ColumnProperties} name
   * another codec uses that codec's default level. Ranges: see
   * {@link dev.quiver.codec.CompressionCodecs#get(CodecName, int)}.
   */
  public Integer compressionLevel() {
    return compressionLevel;
  }

  /** The compression level for the column at {@code columnPath}: see {@link #compressionLevel()}. */
  public Integer compressionLevel(String columnPath) {
    return codec(columnPath) == codec ? compressionLevel : null;
  }

  /** The file-wide value encoding used without a dictionary, or null for PLAIN. */
  public Encoding encoding() {
    return encoding;
  }

  /** The value encoding of the column at {@code columnPath} without a dictionary (or after fallback). */
  public Encoding encoding(String columnPath) {
    ColumnProperties c = columns.get(columnPath);
    Encoding e = c != null && c.encoding() != null ? c.encoding() : encoding;
    return e == null ? Encoding.PLAIN : e;
  }

  /** Whether dictionary encoding is on file-wide. */
  public boolean dictionary() {
    return dictionary;
  }

  /** Whether the column at {@code columnPath} tries dictionary encoding first. */
  public boolean dictionary(String columnPath) {
    ColumnProperties c = columns.get(columnPath);
    return c != null && c.dictionary() != null ? c.dictionary() : dictionary;
  }

  /** The dictionary page size beyond which a column chunk falls back to its encoding, bytes (PLAIN size). */
  public long dictionaryPageSizeLimit() {
    return dictionaryPageSizeLimit;
  }

  /** The target data page size, bytes of encoded values and levels before compression. */
  public long dataPageSize() {
    return dataPageSize;
  }

  /** The most rows a data page holds (checked per slice of levels; lists may pass it by one slice). */
  public long dataPageRowLimit() {
    return dataPageRowLimit;
  }

  /** 1 for DATA_PAGE, 2 for DATA_PAGE_V2. */
  public int dataPageVersion() {
    return dataPageVersion;
  }

  /** The most rows a row group holds. */
  public long rowGroupRows() {
    return rowGroupRows;
  }

  /** The estimated encoded bytes after which a row group is closed. */
  public long rowGroupBytes() {
    return rowGroupBytes;
  }

  /** The file-wide statistics level. */
  public StatisticsLevel statistics() {
    return statistics;
  }

  /** The statistics level of the column at {@code columnPath}. */
  public StatisticsLevel statistics(String columnPath) {
    ColumnProperties c = columns.get(columnPath);
    return c != null && c.statistics() != null ? c.statistics() : statistics;
  }

  /** The longest binary min/max written, bytes; longer ones are truncated (max rounded up). */
  public int statisticsTruncateLength() {
    return statisticsTruncateLength;
  }

  /** The {@code created_by} written in the footer. */
  public String createdBy() {
    return createdBy;
  }

  /** Extra file key-value metadata (the writer adds {@code ARROW:schema} when asked). */
  public Map<String, String> keyValueMetadata() {
    return keyValueMetadata;
  }

  /** The {@code sorting_columns} declared on every row group (the writer does not sort). */
  public List<SortingColumn> sortingColumns() {
    return sortingColumns;
  }

  /** Whether page headers carry the CRC-32 of the stored page body. */
  public boolean pageChecksums() {
    return pageChecksums;
  }

  /** Whether the Arrow schema is stored under {@code ARROW:schema}. */
  public boolean storeArrowSchema() {
    return storeArrowSchema;
  }

  /** The bloom filter asked for the column at {@code columnPath}, or null. */
  public BloomFilterProperties bloomFilter(String columnPath) {
    return bloomFilters.get(columnPath);
  }

  /** All bloom filters asked for, by column path. */
  public Map<String, BloomFilterProperties> bloomFilters() {
    return bloomFilters;
  }

  /** All per-column overrides, by column path. */
  public Map<String, ColumnProperties> columns() {
    return columns;
  }

  /** Builds {@link WriterProperties}; every setter checks its argument and throws IllegalArgumentException. */
  public static final class Builder {
    private CodecName codec = DEFAULT_CODEC;
    private Integer compressionLevel;
    private Encoding encoding;
    private boolean dictionary = true;
    private long dictionaryPageSizeLimit = DEFAULT_DICTIONARY_PAGE_SIZE_LIMIT;
    private long dataPageSize = DEFAULT_DATA_PAGE_SIZE;
    private long dataPageRowLimit = DEFAULT_DATA_PAGE_ROW_LIMIT;
    private int dataPageVersion = 1;
    private long rowGroupRows = DEFAULT_ROW_GROUP_ROWS;
    private long rowGroupBytes = DEFAULT_ROW_GROUP_BYTES;
    private StatisticsLevel statistics = StatisticsLevel.PAGE;
    private int statisticsTruncateLength = DEFAULT_STATISTICS_TRUNCATE_LENGTH;
    private String createdBy = DEFAULT_CREATED_BY;
    private final Map<String, String> keyValueMetadata = new LinkedHashMap<>();
    private List<SortingColumn> sortingColumns = List.of();
    private boolean pageChecksums;
    private boolean storeArrowSchema = true;
    private final Map<String, BloomFilterProperties> bloomFilters = new LinkedHashMap<>();
    private final Map<String, ColumnProperties> columns = new LinkedHashMap<>();

    private Builder() {}

    /** The page compression codec; LZO (no implementation) is rejected. */
    public Builder codec(CodecName codec) {
      Objects.requireNonNull(codec, "codec");
      if (codec == CodecName.LZO) {
        throw new IllegalArgumentException("LZO has no implementation to compress with");
      }
      this.codec = codec;
      return this;
    }

    /**
     * The compression level of the file-wide codec (see {@link WriterProperties#compressionLevel()}); checked against
     * the codec by {@link #build()}.
     */
    public Builder compressionLevel(int level) {
      this.compressionLevel = level;
      return this;
    }

    /**
     * The value encoding used without a dictionary and after fallback: PLAIN, DELTA_BINARY_PACKED (INT32/INT64),
     * DELTA_LENGTH_BYTE_ARRAY (BYTE_ARRAY), DELTA_BYTE_ARRAY (BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY), BYTE_STREAM_SPLIT
     * (FLOAT, DOUBLE, INT32, INT64, FIXED_LEN_BYTE_ARRAY) or RLE (BOOLEAN). Columns whose physical type the
     * encoding does not suit use PLAIN. Dictionary encodings are chosen with {@link #dictionary(boolean)}.
     */
    public Builder encoding(Encoding encoding) {
      this.encoding = checkEncoding(encoding);
      return this;
    }

    /** Whether columns try dictionary encoding first. */
    public Builder dictionary(boolean dictionary) {
      this.dictionary = dictionary;
      return this;
    }

    /** The dictionary page size (PLAIN bytes) beyond which a column chunk falls back; {@code > 0}. */
    public Builder dictionaryPageSizeLimit(long bytes) {
      this.dictionaryPageSizeLimit = positive(bytes, "dictionary page size limit");
      return this;
    }

    /** The target data page size in bytes before compression; {@code > 0}. */
    public Builder dataPageSize(long bytes) {
      this.dataPageSize = positive(bytes, "data page size");
      return this;
    }

    /** The most rows per data page; {@code > 0}. */
    public Builder dataPageRowLimit(long rows) {
      this.dataPageRowLimit = positive(rows, "data page row limit");
      return this;
    }

    /** 1 (DATA_PAGE) or 2 (DATA_PAGE_V2). */
    public Builder dataPageVersion(int version) {
      if (version != 1 && version != 2) {
        throw new IllegalArgumentException("data page version must be 1 or 2, got " + version);
      }
      this.dataPageVersion = version;
      return this;
    }

    /** The most rows per row group; {@code > 0}. */
    public Builder rowGroupRows(long rows) {
      this.rowGroupRows = positive(rows, "row group rows");
      return this;
    }

    /** The estimated encoded bytes after which a row group is closed; {@code > 0}. */
    public Builder rowGroupBytes(long bytes) {
      this.rowGroupBytes = positive(bytes, "row group bytes");
      return this;
    }

    /** The statistics level. */
    public Builder statistics(StatisticsLevel level) {
      this.statistics = Objects.requireNonNull(level, "level");
      return this;
    }

    /** The longest binary min/max written, bytes; {@code > 0}. */
    public Builder statisticsTruncateLength(int bytes) {
      this.statisticsTruncateLength = (int) positive(bytes, "statistics truncate length");
      return this;
    }

    /** The {@code created_by} string. */
    public Builder createdBy(String createdBy) {
      this.createdBy = Objects.requireNonNull(createdBy, "createdBy");
      return this;
    }

    /** Extra file key-value metadata, added to any set before; {@code ARROW:schema} is reserved. */
    public Builder keyValueMetadata(Map<String, String> metadata) {
      for (Map.Entry<String, String> e : metadata.entrySet()) {
        if ("ARROW:schema".equals(e.getKey())) {
          throw new IllegalArgumentException("ARROW:schema is written by the writer (see storeArrowSchema)");
        }
        keyValueMetadata.put(Objects.requireNonNull(e.getKey(), "key"), e.getValue());
      }
      return this;
    }

    /** The sorting columns declared on every row group (leaf column ordinals; checked against the schema). */
    public Builder sortingColumns(List<SortingColumn> sortingColumns) {
      this.sortingColumns = List.copyOf(sortingColumns);
      return this;
    }

    /** Whether page headers carry CRC-32 checksums. */
    public Builder pageChecksums(boolean pageChecksums) {
      this.pageChecksums = pageChecksums;
      return this;
    }

    /** Whether to store the Arrow schema under {@code ARROW:schema}. */
    public Builder storeArrowSchema(boolean store) {
      this.storeArrowSchema = store;
      return this;
    }

    /**
     * A split-block bloom filter for the column at {@code columnPath}, sized for {@code ndv} and {@code fpp}; a path
     * that names no leaf column makes {@link ParquetWriter}'s open raise {@link IllegalArgumentException}.
     */
    public Builder bloomFilter(String columnPath, long ndv, double fpp) {
      bloomFilters.put(Objects.requireNonNull(columnPath, "columnPath"), new BloomFilterProperties(ndv, fpp));
      return this;
    }

    /**
     * Per-column overrides for the column at {@code columnPath} (replacing any set before); a path that names no leaf
     * column, or an encoding that does not suit the column's physical type, makes {@link ParquetWriter}'s open raise
     * {@link IllegalArgumentException}.
     */
    public Builder column(String columnPath, ColumnProperties properties) {
      Objects.requireNonNull(columnPath, "columnPath");
      Objects.requireNonNull(properties, "properties");
      if (properties.codec() == CodecName.LZO) {
        throw new IllegalArgumentException("LZO has no implementation to compress with");
      }
      checkEncoding(properties.encoding());
      columns.put(columnPath, properties);
      return this;
    }

    /**
     * The properties.
     *
     * @throws IllegalArgumentException when a compression level is set that the file-wide codec does not have
     *     (SNAPPY, LZ4 and UNCOMPRESSED have none) or that is outside its range
     */
    public WriterProperties build() {
      if (compressionLevel != null) {
        dev.quiver.codec.CompressionCodecs.get(codec, compressionLevel); // a level the codec lacks fails here
      }
      return new WriterProperties(this);
    }

    private static Encoding checkEncoding(Encoding e) {
      if (e == null) {
        return null;
      }
      switch (e) {
        case PLAIN, DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY, BYTE_STREAM_SPLIT, RLE:
          return e;
        default:
          throw new IllegalArgumentException("encoding " + e + " cannot be chosen as a column's value encoding"
              + (e.isDictionary() ? " (use dictionary(true))" : ""));
      }
    }

    private static long positive(long v, String what) {
      if (v <= 0) {
        throw new IllegalArgumentException(what + " must be positive, got " + v);
      }
      return v;
    }
  }
}
