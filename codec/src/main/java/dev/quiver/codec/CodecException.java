package dev.quiver.codec;

import java.util.Objects;

/**
 * A block could not be compressed or decompressed: the input is malformed (truncated, corrupt, not in the codec's
 * format), it decompresses to a size other than the one the caller declared, or the codec's native library cannot
 * be used on this platform.
 *
 * <p>This is the only exception a {@link CompressionCodec} throws for bad <em>data</em>; exceptions raised inside
 * the compression libraries ({@code IOException}, {@code LZ4Exception}, {@code ZstdException}, ...) are wrapped as
 * its cause. Caller bugs (an offset/length pair outside its array, a read-only output buffer) are reported with the
 * usual JDK exceptions instead.
 *
 * <p>The message reads {@code "<CODEC>: <what went wrong> (input offset <n>)"}; the offset, when known, counts bytes
 * from the start of the compressed block (not from the start of the caller's array or buffer).
 */
public class CodecException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The value of {@link #inputOffset()} when the library does not say where in the input it failed. */
  public static final long UNKNOWN_OFFSET = -1;

  private final CodecName codec;
  private final long inputOffset;

  /**
   * A failure of {@code codec} at no particular input offset.
   *
   * @param codec the codec that failed
   * @param detail what went wrong, without the codec's name
   */
  public CodecException(CodecName codec, String detail) {
    this(codec, UNKNOWN_OFFSET, detail, null);
  }

  /**
   * A failure of {@code codec} at no particular input offset, caused by {@code cause} (usually a library's).
   *
   * @param codec the codec that failed
   * @param detail what went wrong, without the codec's name
   * @param cause the underlying exception, or {@code null}
   */
  public CodecException(CodecName codec, String detail, Throwable cause) {
    this(codec, UNKNOWN_OFFSET, detail, cause);
  }

  /**
   * A failure of {@code codec} at byte {@code inputOffset} of the compressed block.
   *
   * @param codec the codec that failed
   * @param inputOffset bytes from the start of the compressed block, or {@link #UNKNOWN_OFFSET}
   * @param detail what went wrong, without the codec's name
   */
  public CodecException(CodecName codec, long inputOffset, String detail) {
    this(codec, inputOffset, detail, null);
  }

  /**
   * A failure of {@code codec} at byte {@code inputOffset} of the compressed block, caused by {@code cause}.
   *
   * @param codec the codec that failed
   * @param inputOffset bytes from the start of the compressed block, or {@link #UNKNOWN_OFFSET}
   * @param detail what went wrong, without the codec's name
   * @param cause the underlying exception, or {@code null}
   */
  public CodecException(CodecName codec, long inputOffset, String detail, Throwable cause) {
    this(format(Objects.requireNonNull(codec, "codec").name(), inputOffset, detail), codec, inputOffset, cause);
  }

  /**
   * For subclasses that compose their own message.
   *
   * @param message the complete message
   * @param codec the codec concerned, or {@code null} when no codec is known
   * @param inputOffset bytes from the start of the compressed block, or {@link #UNKNOWN_OFFSET}
   * @param cause the underlying exception, or {@code null}
   */
  protected CodecException(String message, CodecName codec, long inputOffset, Throwable cause) {
    super(message, cause);
    this.codec = codec;
    this.inputOffset = inputOffset < 0 ? UNKNOWN_OFFSET : inputOffset;
  }

  /**
   * The codec that failed.
   *
   * @return the codec, or {@code null} when the failure is a name that matches no codec
   */
  public CodecName codec() {
    return codec;
  }

  /**
   * Where in the compressed block the failure was found.
   *
   * @return bytes from the start of the compressed block, or {@link #UNKNOWN_OFFSET}
   */
  public long inputOffset() {
    return inputOffset;
  }

  private static String format(String codec, long inputOffset, String detail) {
    return inputOffset >= 0
        ? codec + ": " + detail + " (input offset " + inputOffset + ")"
        : codec + ": " + detail;
  }
}
