package dev.quiver.parquet.write;

import dev.quiver.codec.CodecName;
import dev.quiver.parquet.format.Encoding;

/**
 * Per-column overrides of {@link WriterProperties}; each setting left null inherits the file-wide one. Attach with
 * {@link WriterProperties.Builder#column(String, ColumnProperties)}.
 *
 * @param codec the page compression codec, or null to inherit
 * @param encoding the value encoding used without a dictionary (and after the dictionary falls back), or null to
 *     inherit; must suit the column's physical type ({@link ParquetWriter}'s open raises
 *     {@link IllegalArgumentException} naming the column and the encoding otherwise)
 * @param dictionary whether to try dictionary encoding first, or null to inherit
 * @param statistics the statistics level, or null to inherit
 */
public record ColumnProperties(CodecName codec, Encoding encoding, Boolean dictionary, StatisticsLevel statistics) {

  /** No override: every setting inherited. */
  public static ColumnProperties inherit() {
    return new ColumnProperties(null, null, null, null);
  }

  /** A copy with {@code codec} set (null to inherit). */
  public ColumnProperties withCodec(CodecName codec) {
    return new ColumnProperties(codec, encoding, dictionary, statistics);
  }

  /** A copy with {@code encoding} set (null to inherit). */
  public ColumnProperties withEncoding(Encoding encoding) {
    return new ColumnProperties(codec, encoding, dictionary, statistics);
  }

  /** A copy with dictionary encoding switched on or off (null to inherit). */
  public ColumnProperties withDictionary(Boolean dictionary) {
    return new ColumnProperties(codec, encoding, dictionary, statistics);
  }

  /** A copy with {@code statistics} set (null to inherit). */
  public ColumnProperties withStatistics(StatisticsLevel statistics) {
    return new ColumnProperties(codec, encoding, dictionary, statistics);
  }
}
