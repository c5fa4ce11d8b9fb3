package dev.quiver.parquet.format;

import dev.quiver.codec.CodecName;

/** Maps the Thrift ids of {@code CompressionCodec} in parquet.thrift onto the codec module's names. */
public final class CompressionCodecId {
  private static final CodecName[] BY_ID = {
    CodecName.UNCOMPRESSED, CodecName.SNAPPY, CodecName.GZIP, CodecName.LZO, CodecName.BROTLI,
    CodecName.LZ4_HADOOP, CodecName.ZSTD, CodecName.LZ4_RAW
  };

  private CompressionCodecId() {}

  /** The codec for Thrift id {@code id}, or {@code null} for an id this version does not know. */
  public static CodecName fromId(int id) {
    return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
  }

  /** The Thrift id of {@code codec} (the inverse of {@link #fromId}); every {@link CodecName} has one. */
  public static int idOf(CodecName codec) {
    for (int i = 0; i < BY_ID.length; i++) {
      if (BY_ID[i] == codec) {
        return i;
      }
    }
    throw new IllegalArgumentException("no Parquet codec id for " + codec);
  }

  /** The Parquet name of a codec: {@code LZ4} for the Hadoop-framed one, otherwise the codec's own name. */
  public static String parquetName(CodecName codec) {
    return codec == CodecName.LZ4_HADOOP ? "LZ4" : codec.name();
  }
}
