package dev.quiver.store.s3;

import dev.quiver.store.ObjectStoreException;
import dev.quiver.store.s3.http.BodySink;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/** The body sinks of {@link S3Store}. Each runs on the event loop and only copies bytes. */
final class Sinks {

  private Sinks() {}

  /** Thrown from a sink or a sink chooser to end an exchange with a definite store error (no retry). */
  static final class Rejected extends RuntimeException {
    final ObjectStoreException failure;

    Rejected(ObjectStoreException failure) {
      super(failure.getMessage(), failure, false, false);
      this.failure = failure;
    }
  }

  /** Discards the body (HEAD, DELETE and other bodies we do not read); keeps the count. */
  static BodySink discard() {
    return new BodySink() {
      private long received;

      @Override
      public void onContent(ByteBuf content) {
        received += content.readableBytes();
      }

      @Override
      public long received() {
        return received;
      }
    };
  }

  /** Keeps up to {@code max} bytes (XML documents); more fails the exchange. */
  static final class Bounded implements BodySink {
    private final int max;
    private byte[] bytes = new byte[1024];
    private int size;

    Bounded(int max) {
      this.max = max;
    }

    @Override
    public void onContent(ByteBuf content) {
      int n = content.readableBytes();
      if ((long) size + n > max) {
        throw new IllegalStateException("the response body is longer than " + max + " bytes");
      }
      if (size + n > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.min(max, Math.max(size + n, bytes.length * 2)));
      }
      content.getBytes(content.readerIndex(), bytes, size, n);
      size += n;
    }

    @Override
    public long received() {
      return size;
    }

    byte[] bytes() {
      return Arrays.copyOf(bytes, size);
    }
  }

  /**
   * Copies the body into a fixed array from a position, first skipping {@code skip} bytes (when a server answers a
   * range request with the whole object). More bytes than fit fail the exchange.
   */
  static final class Into implements BodySink {
    private final byte[] target;
    private final int[] filled;
    private long skip;
    private long received;

    /** @param filled a one-element counter shared across attempts: how much of {@code target} holds bytes */
    Into(byte[] target, int[] filled, long skip) {
      this.target = target;
      this.filled = filled;
      this.skip = skip;
    }

    @Override
    public void onContent(ByteBuf content) {
      int n = content.readableBytes();
      received += n;
      int from = content.readerIndex();
      if (skip > 0) {
        int skipped = (int) Math.min(skip, n);
        skip -= skipped;
        from += skipped;
        n -= skipped;
      }
      int take = Math.min(n, target.length - filled[0]);
      content.getBytes(from, target, filled[0], take);
      filled[0] += take;
    }

    @Override
    public long received() {
      return received;
    }
  }
}
