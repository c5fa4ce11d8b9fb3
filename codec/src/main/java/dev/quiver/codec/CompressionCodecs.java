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
  private static final java.util.concurrent.ConcurrentHashMap<String, CompressionCodec> LEVELLED =
      new java.util.concurrent.ConcurrentHashMap<>();

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
   * A codec for {@code name} that compresses at {@code level}; decompression is the same as {@link #get(CodecName)}'s.
   * Levels are each library's own: ZSTD -7 to 22 (default 3), GZIP 0 to 9 (default 6), BROTLI quality 0 to 11
   * (default 8). Instances are cached per (codec, level) and thread-safe like the shared ones.
   *
   * @param name a codec with levels: {@link CodecName#ZSTD}, {@link CodecName#GZIP} or {@link CodecName#BROTLI}
   * @param level the level, in the codec's range above
   * @return a codec compressing at {@code level}
   * @throws IllegalArgumentException when {@code name} has no levels (SNAPPY, LZ4_RAW, LZ4_HADOOP, UNCOMPRESSED) or
   *     {@code level} is outside its range; the message names both
   * @throws UnsupportedCodecException for {@link CodecName#LZO}
   * @throws NullPointerException when {@code name} is {@code null}
   */
  public static CompressionCodec get(CodecName name, int level) {
    get(name); // LZO and null fail as they do there
    int min;
    int max;
    switch (name) {
      case ZSTD:
        min = ZstdCodec.MIN_LEVEL;
        max = ZstdCodec.MAX_LEVEL;
        break;
      case GZIP:
        min = 0;
        max = 9;
        break;
      case BROTLI:
        min = 0;
        max = 11;
        break;
      default:
        throw new IllegalArgumentException(name + " has no compression levels (asked for level " + level + ")");
    }
    if (level < min || level > max) {
      throw new IllegalArgumentException(
          name + " compression level must be between " + min + " and " + max + ": " + level);
    }
    return LEVELLED.computeIfAbsent(name.name() + ':' + level, k -> {
      switch (name) {
        case ZSTD:
          return new ZstdCodec(level);
        case GZIP:
          return new GzipCodec(level);
        default:
          return new BrotliCodec(level);
      }
    });
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
