package dev.quiver.store.s3;

import dev.quiver.store.ObjectStoreException;
import dev.quiver.store.s3.http.BodySink;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;

/**
 * The body of a GET, read at the reader's pace. The event loop puts the response's buffers in a queue and stops
 * reading from the socket (Netty {@code autoRead} is off) once {@code highWatermark} bytes wait; the reader takes
 * them on its own thread and asks for more when fewer than half wait. So a stream of any size holds at most about
 * {@code highWatermark} bytes plus one socket read.
 *
 * <p>If the connection fails mid-body, {@link S3Store} resumes the GET from the next byte (with {@code If-Match} on
 * the ETag) behind the reader's back. A failure it cannot recover surfaces from {@link #read} as an
 * {@link IOException} whose cause is the {@link ObjectStoreException}. {@link #close()} releases the queued buffers
 * and drops the connection if the body was not read to its end.
 *
 * <p>One reader thread; the sink side runs on the event loop.
 */
public final class S3ObjectStream extends InputStream {

  private final int highWatermark;
  private final ArrayDeque<ByteBuf> queue = new ArrayDeque<>();
  private long queued;
  private long maxQueued;
  private long enqueuedTotal;
  private boolean ended;
  private IOException failure;
  private boolean closed;
  private Runnable resume;

  S3ObjectStream(int highWatermark) {
    this.highWatermark = highWatermark;
  }

  /** The most bytes that ever waited in the queue at once: the stream's memory bound in practice. */
  public synchronized long maxQueuedBytes() {
    return maxQueued;
  }

  /** Bytes received from the server so far (all attempts). */
  synchronized long received() {
    return enqueuedTotal;
  }

  /** A sink for one attempt's body, feeding this stream. */
  BodySink sink() {
    return new BodySink() {
      private long received;

      @Override
      public void bind(Runnable resumeReading) {
        synchronized (S3ObjectStream.this) {
          resume = resumeReading;
        }
      }

      @Override
      public void onContent(ByteBuf content) {
        synchronized (S3ObjectStream.this) {
          if (closed) {
            throw new Sinks.Rejected(new ObjectStoreException(ObjectStoreException.Kind.IO_ERROR, "s3",
                "the stream was closed before the end of the body"));
          }
          int n = content.readableBytes();
          queue.add(content.retainedDuplicate());
          queued += n;
          enqueuedTotal += n;
          received += n;
          maxQueued = Math.max(maxQueued, queued);
          S3ObjectStream.this.notifyAll();
        }
      }

      @Override
      public boolean wantsMore() {
        synchronized (S3ObjectStream.this) {
          return closed || queued < highWatermark;
        }
      }

      @Override
      public boolean streaming() {
        return true;
      }

      @Override
      public long received() {
        return received;
      }
    };
  }

  /** The body ended normally. */
  synchronized void end() {
    ended = true;
    notifyAll();
  }

  /** The GET failed for good. */
  synchronized void fail(ObjectStoreException error) {
    failure = new IOException(error.getMessage(), error);
    notifyAll();
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    Runnable askForMore = null;
    int n;
    synchronized (this) {
      if (closed) {
        throw new IOException("the stream is closed");
      }
      while (queue.isEmpty() && !ended && failure == null) {
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("interrupted while waiting for S3");
        }
      }
      if (queue.isEmpty()) {
        if (failure != null) {
          throw failure;
        }
        return -1;
      }
      ByteBuf head = queue.peek();
      n = Math.min(len, head.readableBytes());
      head.readBytes(b, off, n);
      if (!head.isReadable()) {
        queue.poll().release();
      }
      long before = queued;
      queued -= n;
      if (before >= highWatermark / 2 && queued < highWatermark / 2) {
        askForMore = resume;
      }
    }
    if (askForMore != null) {
      askForMore.run();
    }
    return n;
  }

  @Override
  public synchronized int available() {
    return (int) Math.min(Integer.MAX_VALUE, queued);
  }

  /** Releases the queued buffers; an unfinished body is abandoned and its connection closed. */
  @Override
  public void close() {
    Runnable wake;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      for (ByteBuf buf; (buf = queue.poll()) != null; ) {
        buf.release();
      }
      queued = 0;
      wake = ended || failure != null ? null : resume;
      notifyAll();
    }
    // A paused exchange resumes reading, and the next bytes meet the closed sink, which ends the exchange.
    if (wake != null) {
      wake.run();
    }
  }
}
