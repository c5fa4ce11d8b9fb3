package dev.quiver.codec;

import java.util.Arrays;

/**
 * A codec was asked for that this build cannot provide: one Quiver knows by name but does not implement
 * ({@link CodecName#LZO}), or a name that matches no {@link CodecName} at all. Thrown by
 * {@link CompressionCodecs#get(CodecName)} and {@link CompressionCodecs#get(String)}, never mid-block.
 */
public final class UnsupportedCodecException extends CodecException {
  private static final long serialVersionUID = 1L;

  private final String requestedName;

  /**
   * {@code codec} is known but has no implementation in this build.
   *
   * @param codec the codec asked for
   */
  public UnsupportedCodecException(CodecName codec) {
    super(codec.name() + ": codec not supported (no implementation in this build)", codec, UNKNOWN_OFFSET, null);
    this.requestedName = codec.name();
  }

  /**
   * {@code name} matches no codec; the message names it and lists the known names.
   *
   * @param name the name asked for, as given
   */
  public UnsupportedCodecException(String name) {
    super("unknown codec '" + name + "'; known codecs: " + Arrays.toString(CodecName.values()), null,
        UNKNOWN_OFFSET, null);
    this.requestedName = name;
  }

  /**
   * The name that was asked for.
   *
   * @return the name as given, or the codec's own name for a known but unsupported codec
   */
  public String requestedName() {
    return requestedName;
  }
}
