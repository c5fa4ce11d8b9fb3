package dev.quiver.store.s3;

import dev.quiver.store.ByteRange;
import dev.quiver.store.ObjectKeys;
import dev.quiver.store.ObjectStoreException;
import dev.quiver.store.ObjectStoreException.Kind;
import dev.quiver.store.RangeCoalescer;
import dev.quiver.store.s3.http.BodySink;
import dev.quiver.store.s3.http.HttpResponse;
import dev.quiver.store.s3.http.HttpResponseHead;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The GETs of {@link S3Store} (S3 API reference, GetObject): whole objects and ranges into one heap buffer,
 * coalesced range sets, and streams with backpressure. A GET cut in the middle of the body goes on from the next
 * byte with {@code Range} and {@code If-Match} on the first response's ETag; a server that ignores {@code Range}
 * and sends the whole object (200) is handled by skipping to the bytes asked for.
 */
final class ObjectReads {

  /** How many body bytes a stream lets wait before it stops reading from the socket. */
  static final int STREAM_HIGH_WATERMARK = 1024 * 1024;

  private final S3Store store;
  private final RequestLoop loop;
  private final S3Config config;

  ObjectReads(S3Store store, RequestLoop loop, S3Config config) {
    this.store = store;
    this.loop = loop;
    this.config = config;
  }

  /**
   * Merges ranges closer than {@link S3Config#coalesceGap()} (up to {@link S3Config#maxCoalescedRead()} bytes per
   * request), issues the merged reads concurrently, and returns slices of them in the order asked; buffers of
   * overlapping ranges share bytes. {@code ranges} is non-empty and its elements non-null.
   */
  CompletableFuture<List<ByteBuffer>> ranges(String key, List<ByteRange> ranges) {
    List<RangeCoalescer.Span> spans = RangeCoalescer.coalesce(ranges, config.coalesceGap(),
        config.maxCoalescedRead());
    @SuppressWarnings({"unchecked", "rawtypes"})
    CompletableFuture<ByteBuffer>[] reads = new CompletableFuture[spans.size()];
    for (int i = 0; i < reads.length; i++) {
      reads[i] = read(key, spans.get(i).range(), null);
    }
    return CompletableFuture.allOf(reads).handleAsync((ignored, failure) -> {
      if (failure != null) {
        throw failure instanceof CompletionException ce ? ce : new CompletionException(failure);
      }
      ByteBuffer[] result = new ByteBuffer[ranges.size()];
      for (int i = 0; i < reads.length; i++) {
        ByteBuffer bytes = reads[i].join();
        RangeCoalescer.Span span = spans.get(i);
        for (int member : span.members()) {
          ByteRange range = ranges.get(member);
          result[member] = bytes.slice((int) (range.offset() - span.range().offset()), (int) range.length());
        }
      }
      return Arrays.asList(result);
    }, loop.callbacks());
  }

  /**
   * Streams the object (or a non-empty range) with backpressure: at most about {@value #STREAM_HIGH_WATERMARK}
   * bytes wait in memory, whatever the object's size; see {@link S3ObjectStream}. The future completes when the
   * response head arrives. A connection that fails mid-body is resumed from the next byte with {@code Range} and
   * {@code If-Match}. {@code key} is valid.
   */
  CompletableFuture<InputStream> stream(String key, ByteRange range) {
    S3ObjectStream stream = new S3ObjectStream(STREAM_HIGH_WATERMARK);
    CompletableFuture<InputStream> ready = new CompletableFuture<>();
    AtomicBoolean headSeen = new AtomicBoolean();
    long start = range == null ? 0 : range.offset();
    S3Operation<Void> operation = new S3Operation<>() {
      volatile String etag;
      volatile long end = range == null ? -1 : range.end();

      @Override
      public S3Request request(int attempt) {
        long from = start + stream.received();
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        boolean resuming = stream.received() > 0;
        if (resuming && etag == null) {
          throw new Sinks.Rejected(new ObjectStoreException(Kind.IO_ERROR, store.location(key),
              "the connection failed mid-body and the object has no ETag to resume safely"));
        }
        if (range != null || resuming) {
          headers.add(Map.entry("Range", "bytes=" + from + "-" + (end < 0 ? "" : Long.toString(end - 1))));
        }
        if (resuming) {
          headers.add(Map.entry("If-Match", etag));
        }
        return new S3Request("GET", key, List.of(), headers, null, true);
      }

      @Override
      public BodySink sinkFor(HttpResponseHead head) {
        long from = start + stream.received();
        long total;
        if (head.status() == 206 && head.header("Content-Range") != null) {
          long[] parsed = S3Responses.parseContentRange(head.header("Content-Range"));
          total = parsed[2];
          if (parsed[0] != from) {
            throw new Sinks.Rejected(new ObjectStoreException(Kind.IO_ERROR, store.location(key),
                "asked for bytes from " + from + " but the server sent " + head.header("Content-Range")));
          }
        } else {
          total = S3Responses.contentLength(head);
          if (from > 0) {
            throw new Sinks.Rejected(new ObjectStoreException(Kind.IO_ERROR, store.location(key),
                "the server ignored the Range of a streamed read"));
          }
        }
        if (range != null && !range.fitsWithin(total)) {
          throw new Sinks.Rejected(ObjectStoreException.invalidRange(store.location(key), range, total));
        }
        if (end < 0) {
          end = total;
        }
        if (etag == null) {
          etag = head.header("ETag");
        }
        if (headSeen.compareAndSet(false, true)) {
          ready.completeAsync(() -> stream, loop.callbacks());
        }
        return stream.sink();
      }

      @Override
      public Void onSuccess(HttpResponse response) throws RetryableFailure {
        if (start + stream.received() < end) {
          throw new RetryableFailure(Kind.IO_ERROR, "the body ended at byte " + (start + stream.received())
              + " of " + end, null);
        }
        stream.end();
        return null;
      }

      @Override
      public ObjectStoreException onError(HttpResponseHead head, S3Xml.S3Error error, String detail, String id) {
        if (head.status() == 412 && stream.received() > 0) {
          return new ObjectStoreException(Kind.PRECONDITION_FAILED, store.location(key),
              "the object changed while it was being read (" + detail + ")", id, null);
        }
        return null;
      }
    };
    loop.call(key, operation).whenComplete((ignored, failure) -> {
      if (failure == null) {
        return;
      }
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null
          ? failure.getCause() : failure;
      ObjectStoreException error = cause instanceof ObjectStoreException e ? e
          : new ObjectStoreException(Kind.IO_ERROR, store.location(key), String.valueOf(cause), null, cause);
      if (headSeen.get()) {
        stream.fail(error);
      } else {
        ready.completeExceptionally(error);
      }
    });
    return ready;
  }

  /**
   * The object, or {@code range} of it, in one heap buffer; with {@code ifMatch}, only if its ETag matches. Fails with
   * {@code INVALID_KEY}, {@code NOT_FOUND}, {@code INVALID_RANGE} (naming the object's size),
   * {@code PRECONDITION_FAILED}, or {@code INVALID_RANGE} for an object larger than one buffer holds.
   */
  CompletableFuture<ByteBuffer> read(String key, ByteRange range, String ifMatch) {
    String problem = ObjectKeys.keyProblem(key);
    if (problem != null) {
      return store.invalidKey(key, problem);
    }
    if (range != null && range.length() == 0) {
      // "bytes=a-(a-1)" is no valid Range: check existence and bounds with a HEAD instead.
      return store.head(key).thenApply(metadata -> {
        if (!range.fitsWithin(metadata.size())) {
          throw ObjectStoreException.invalidRange(store.location(key), range, metadata.size());
        }
        if (ifMatch != null && !ifMatch.equals(metadata.etag())) {
          throw new ObjectStoreException(Kind.PRECONDITION_FAILED, store.location(key), "the etag is not " + ifMatch);
        }
        return ByteBuffer.allocate(0);
      });
    }
    ReadOperation read = new ReadOperation(key, range, ifMatch);
    return loop.call(key, read).exceptionallyCompose(failure -> {
      Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
      if (range != null && cause instanceof ObjectStoreException e && e.kind() == Kind.INVALID_RANGE
          && read.objectSize < 0) {
        // A 416 does not always say the object's size; ask, to name it in the message.
        return store.head(key).thenApply(metadata -> {
          throw ObjectStoreException.invalidRange(store.location(key), range, metadata.size());
        });
      }
      return CompletableFuture.failedFuture(cause);
    });
  }

  /** A GET of a whole object or a range, resumable from the last byte received. */
  private final class ReadOperation implements S3Operation<ByteBuffer> {
    final String key;
    final ByteRange range;
    final String ifMatch;
    final int[] filled = new int[1];
    volatile byte[] buffer;
    volatile String etag;
    volatile long objectSize = -1;

    ReadOperation(String key, ByteRange range, String ifMatch) {
      this.key = key;
      this.range = range;
      this.ifMatch = ifMatch;
    }

    private long start() {
      return range == null ? 0 : range.offset();
    }

    @Override
    public S3Request request(int attempt) {
      List<Map.Entry<String, String>> headers = new ArrayList<>();
      boolean resuming = buffer != null && filled[0] > 0 && etag != null;
      if (!resuming) {
        filled[0] = 0;
      }
      long from = start() + filled[0];
      if (range != null) {
        headers.add(Map.entry("Range", "bytes=" + from + "-" + (range.end() - 1)));
      } else if (resuming) {
        headers.add(Map.entry("Range", "bytes=" + from + "-"));
      }
      String match = resuming ? etag : ifMatch;
      if (match != null) {
        headers.add(Map.entry("If-Match", match));
      }
      return new S3Request("GET", key, List.of(), headers, null, true);
    }

    @Override
    public BodySink sinkFor(HttpResponseHead head) {
      long from = start() + filled[0];
      String contentRange = head.header("Content-Range");
      long total;
      long skip = 0;
      if (head.status() == 206 && contentRange != null) {
        long[] parsed = S3Responses.parseContentRange(contentRange);
        total = parsed[2];
        if (parsed[0] != from) {
          throw new Sinks.Rejected(new ObjectStoreException(Kind.IO_ERROR, store.location(key),
              "asked for bytes from " + from + " but the server sent " + contentRange));
        }
      } else {
        // 200: the whole object, even if we asked for a range (some servers ignore Range).
        total = S3Responses.contentLength(head);
        skip = from;
      }
      objectSize = total;
      if (etag == null) {
        etag = head.header("ETag");
      }
      if (range != null && !range.fitsWithin(total)) {
        throw new Sinks.Rejected(ObjectStoreException.invalidRange(store.location(key), range, total));
      }
      if (buffer == null) {
        long length = range != null ? range.length() : total;
        if (length > ByteRange.MAX_LENGTH) {
          throw new Sinks.Rejected(new ObjectStoreException(Kind.INVALID_RANGE, store.location(key), "the object is "
              + total + " bytes, more than one buffer holds (" + ByteRange.MAX_LENGTH + "); read it in ranges"));
        }
        buffer = new byte[(int) length];
      }
      return new Sinks.Into(buffer, filled, skip);
    }

    @Override
    public ByteBuffer onSuccess(HttpResponse response) throws RetryableFailure {
      if (filled[0] < buffer.length) {
        throw new RetryableFailure(Kind.IO_ERROR, "the body ended after " + filled[0] + " of " + buffer.length
            + " bytes", null);
      }
      return ByteBuffer.wrap(buffer);
    }

    @Override
    public ObjectStoreException onError(HttpResponseHead head, S3Xml.S3Error error, String detail, String requestId) {
      if (head.status() == 412 && buffer != null && filled[0] > 0 && ifMatch == null) {
        return new ObjectStoreException(Kind.PRECONDITION_FAILED, store.location(key),
            "the object changed while it was being read (" + detail + ")", requestId, null);
      }
      if (head.status() == 416 && range != null) {
        String contentRange = head.header("Content-Range");
        if (contentRange != null && contentRange.startsWith("bytes */")) {
          try {
            long size = Long.parseLong(contentRange.substring("bytes */".length()).trim());
            objectSize = size;
            return ObjectStoreException.invalidRange(store.location(key), range, size);
          } catch (NumberFormatException e) {
            return null;
          }
        }
      }
      return null;
    }
  }
}
