package dev.quiver.store.s3.http;

import io.netty.buffer.ByteBuf;

/**
 * Where the body of one HTTP response goes, piece by piece, on the Netty event loop. Implementations must not block:
 * they copy the bytes somewhere or keep them (retaining the buffer) and return at once.
 *
 * <p>Backpressure: the connection reads the next bytes from the socket only while {@link #wantsMore()} is true
 * (the channel runs with {@code autoRead} off). A sink that said no must call the {@code resume} callback given to
 * {@link #bind} when it wants more.
 */
public interface BodySink {

  /** Called once, on the event loop, before any content; {@code resume} asks the connection to read again. */
  default void bind(Runnable resume) {}

  /**
   * One piece of the body. The buffer is released by the caller after this returns; retain it to keep it.
   *
   * @throws RuntimeException to abort the exchange (for example, more bytes than the sink accepts); the exchange
   *     fails with it and the connection is closed
   */
  void onContent(ByteBuf content);

  /** Whether the connection may read more now. */
  default boolean wantsMore() {
    return true;
  }

  /**
   * Whether the body is consumed at the reader's pace (a stream): the request timeout then ends when the response
   * head arrives, and the body is bounded by the read-idle timeout alone (while the sink wants more).
   */
  default boolean streaming() {
    return false;
  }

  /** How many body bytes the sink has taken so far. */
  long received();
}
