package dev.quiver.codec;

import java.util.Objects;

/**
 * Where codecs come from. Each supported {@link CodecName} has one shared, thread-safe instance, created when this
 * class is initialised; creating it loads no native library (each library loads on its codec's first call).
 *
 * <pre>{@code
 * CompressionCodec zstd = CompressionCodecs.get(CodecName.ZSTD);
 * zstd.decompress(page, 0, page.length, values, 0, uncompressedPageSize);
 * }</pre>
 */
public final class CompressionCodecs {
  private static final CodecName[] NAMES = CodecName.values();
  private static final CompressionCodec[] CODECS = new CompressionCodec[NAMES.length];

  static {
    for (CodecName name : NAMES) {
      CODECS[name.ordinal()] = create(name);
    }
  }

  private CompressionCodecs() {}

  /**
   * The codec for {@code name}; the same instance on every call.
   *
   * @param name the codec wanted
   * @return the shared instance for {@code name}
   * @throws UnsupportedCodecException for {@link CodecName#LZO}, which has no implementation
   * @throws NullPointerException when {@code name} is {@code null}
   */
  public static CompressionCodec get(CodecName name) {
    CompressionCodec codec = CODECS[Objects.requireNonNull(name, "name").ordinal()];
    if (codec == null) {
      throw new UnsupportedCodecException(name);
    }
    return codec;
  }

  /**
   * The codec whose {@link CodecName} is {@code name}, ignoring case ({@code "zstd"}, {@code "LZ4_RAW"}). No aliases:
   * Parquet's {@code LZ4} is {@code LZ4_HADOOP} here, and mapping a format's names is its reader's business.
   *
   * @param name a {@link CodecName} constant's name in any case
   * @return the shared instance for that codec
   * @throws UnsupportedCodecException when {@code name} matches no codec (the message names it) or names
   *     {@link CodecName#LZO}
   * @throws NullPointerException when {@code name} is {@code null}
   */
  public static CompressionCodec get(String name) {
    Objects.requireNonNull(name, "name");
    for (CodecName candidate : NAMES) {
      if (candidate.name().equalsIgnoreCase(name)) {
        return get(candidate);
      }
    }
    throw new UnsupportedCodecException(name);
  }

  private static CompressionCodec create(CodecName name) {
    switch (name) {
      case UNCOMPRESSED:
        return new UncompressedCodec();
      case SNAPPY:
        return new SnappyCodec();
      case GZIP:
        return new GzipCodec();
      case BROTLI:
        return new BrotliCodec();
      case LZ4_HADOOP:
        return new Lz4HadoopCodec();
      case ZSTD:
        return new ZstdCodec();
      case LZ4_RAW:
        return new Lz4RawCodec();
      case LZO:
      default:
        return null;
    }
  }
}
