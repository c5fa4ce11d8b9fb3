package dev.quiver.store.s3;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.quiver.store.ByteRange;
import dev.quiver.store.ListResult;
import dev.quiver.store.MultipartUpload;
import dev.quiver.store.ObjectKeys;
import dev.quiver.store.ObjectMetadata;
import dev.quiver.store.ObjectStore;
import dev.quiver.store.ObjectStoreException;
import dev.quiver.store.ObjectStoreException.Kind;
import dev.quiver.store.PutMode;
import dev.quiver.store.RangeCoalescer;
import dev.quiver.store.s3.auth.SigV4Signer;
import dev.quiver.store.s3.auth.SignedParts;
import dev.quiver.store.s3.auth.SigningRequest;
import dev.quiver.store.s3.http.BodySink;
import dev.quiver.store.s3.http.HttpClientSettings;
import dev.quiver.store.s3.http.HttpRequestSpec;
import dev.quiver.store.s3.http.HttpResponse;
import dev.quiver.store.s3.http.HttpResponseHead;
import dev.quiver.store.s3.http.HttpTransportException;
import dev.quiver.store.s3.http.NettyHttpClient;
import dev.quiver.store.s3.http.SharedEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import javax.xml.stream.XMLStreamException;

/**
 * An {@link ObjectStore} over one S3 bucket, speaking the S3 REST API (S3 API reference: GetObject, HeadObject,
 * PutObject, DeleteObject, CopyObject, ListObjectsV2, CreateMultipartUpload, UploadPart, CompleteMultipartUpload,
 * AbortMultipartUpload) over our own HTTP/1.1 client on Netty ({@link NettyHttpClient}) and our own SigV4 signer.
 *
 * <p><b>Addressing.</b> On AWS, virtual-hosted style over TLS: {@code https://BUCKET.s3.REGION.amazonaws.com/KEY}.
 * With a custom endpoint, path style: {@code ENDPOINT/BUCKET/KEY}, over TLS unless the endpoint says
 * {@code http://}. Keys follow {@link ObjectKeys}.
 *
 * <p><b>Signing.</b> Every request is signed with SigV4 (when there are credentials): with
 * {@code x-amz-content-sha256: UNSIGNED-PAYLOAD} over TLS, with the body's SHA-256 over plain HTTP (computed on the
 * calling thread, never on the event loop).
 *
 * <p><b>Retries.</b> Connect errors, resets and closes, stale keep-alive connections, timeouts of idempotent
 * requests, HTTP 500/502/503/504, 429, {@code SlowDown}, {@code RequestTimeout}, and a 200 whose body is an error
 * document (CopyObject, CompleteMultipartUpload) are retried with jittered exponential backoff within the
 * {@link RetryPolicy}'s attempts and time budget. A GET that fails in the middle of the body goes on from the last
 * byte received, with {@code Range} and {@code If-Match} on the first response's ETag. 403, 404, 412 and 416 fail at
 * once. Errors are {@link ObjectStoreException}s with the kind, {@code s3://bucket/key}, the HTTP status and S3
 * error code, and the request id ({@code x-amz-request-id}).
 *
 * <p><b>Threads.</b> Netty's event loop only moves bytes; every future this store returns completes on
 * {@link ForkJoinPool#commonPool()}, so work chained on it never runs on (or blocks) an I/O thread.
 *
 * <p><b>Metadata.</b> ETags are kept as S3 sends them (quoted); times have second precision (HEAD's
 * {@code Last-Modified}; listings are truncated to match). {@link #put} issues a HEAD after the PUT to return the
 * same metadata {@link #head} gives.
 */
public final class S3Store implements ObjectStore {

  /** Error documents longer than this are cut off. */
  private static final int MAX_ERROR_BODY = 64 * 1024;
  /** The largest XML document accepted (a listing page of 1000 keys of 1 KiB each fits). */
  private static final int MAX_XML_BODY = 8 * 1024 * 1024;
  private static final Set<String> RETRYABLE_CODES = Set.of("SlowDown", "InternalError", "ServiceUnavailable",
      "RequestTimeout", "Throttling", "ThrottlingException", "OperationAborted");

  private final S3Config config;
  private final NettyHttpClient http;
  private final SigV4Signer signer;
  private final NettyHttpClient.Endpoint endpoint;
  private final String hostHeader;
  private final String description;
  private final Executor callbacks = ForkJoinPool.commonPool();
  private final Set<S3Upload> uploads = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * A store for {@code config}'s bucket, with its own connection pools and I/O threads, which {@link #close()} stops.
   *
   * @throws IllegalStateException when the TLS context cannot be built (such as an unreadable CA bundle)
   */
  public S3Store(S3Config config) {
    this(config, new NettyHttpClient(Objects.requireNonNull(config, "config").http()));
  }

  /**
   * A store for {@code config}'s bucket whose connections run on the caller's Netty {@code eventLoopGroup} (NIO);
   * {@link #close()} closes the connections and leaves the group running, for the caller to shut down after closing
   * every store on it. {@link HttpClientSettings#eventLoopThreads()} does not apply.
   *
   * @throws IllegalStateException when the TLS context cannot be built
   */
  public S3Store(S3Config config, EventLoopGroup eventLoopGroup) {
    this(config, new NettyHttpClient(Objects.requireNonNull(config, "config").http(), eventLoopGroup));
  }

  /**
   * A store for {@code config}'s bucket on the process's {@link SharedEventLoopGroup}: any number of such stores share
   * one set of I/O threads, started with the first and stopped when the last one closes. This is what
   * {@code ObjectStores.resolve} uses for {@code s3://} locations. Connection pools are still per store.
   *
   * @throws IllegalStateException when the TLS context cannot be built
   */
  public static S3Store onSharedEventLoop(S3Config config) {
    return new S3Store(config, NettyHttpClient.onSharedEventLoop(Objects.requireNonNull(config, "config").http()));
  }

  private S3Store(S3Config config, NettyHttpClient http) {
    this.config = config;
    this.signer = SigV4Signer.forS3(config.region());
    if (config.endpoint().isPresent()) {
      URI uri = config.endpoint().get();
      boolean tls = config.tls();
      int port = uri.getPort() >= 0 ? uri.getPort() : tls ? 443 : 80;
      this.endpoint = new NettyHttpClient.Endpoint(tls, uri.getHost(), port);
      this.hostHeader = uri.getPort() >= 0 ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
    } else {
      String host = config.bucket() + ".s3." + config.region() + ".amazonaws.com";
      this.endpoint = new NettyHttpClient.Endpoint(true, host, 443);
      this.hostHeader = host;
    }
    this.description = "s3://" + config.bucket();
    this.http = http;
  }

  /** The event loop group this store's connections run on (for tests). */
  EventLoopGroup eventLoopGroup() {
    return http.eventLoopGroup();
  }

  /** The configuration. */
  public S3Config config() {
    return config;
  }

  // ---- head ----

  @Override
  public CompletableFuture<ObjectMetadata> head(String key) {
    Objects.requireNonNull(key, "key");
    ensureOpen();
    String problem = ObjectKeys.keyProblem(key);
    if (problem != null) {
      return invalidKey(key, problem);
    }
    return call(key, new Operation<>() {
      @Override
      public Request request(int attempt) {
        return new Request("HEAD", key, List.of(), List.of(), null, true);
      }

      @Override
      public BodySink sinkFor(HttpResponseHead head) {
        return Sinks.discard();
      }

      @Override
      public ObjectMetadata onSuccess(HttpResponse response) {
        return metadataOf(key, response.head());
      }
    });
  }

  // ---- get ----

  @Override
  public CompletableFuture<ByteBuffer> get(String key) {
    Objects.requireNonNull(key, "key");
    ensureOpen();
    return read(key, null, null);
  }

  @Override
  public CompletableFuture<ByteBuffer> get(String key, ByteRange range) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(range, "range");
    ensureOpen();
    return read(key, range, null);
  }

  /** Sends {@code If-Match} with the GET: the server compares the etag, atomically. */
  @Override
  public CompletableFuture<ByteBuffer> get(String key, ByteRange range, String ifMatch) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(ifMatch, "ifMatch");
    ensureOpen();
    return read(key, range, ifMatch);
  }

  /**
   * Merges ranges closer than {@link S3Config#coalesceGap()} (up to {@link S3Config#maxCoalescedRead()} bytes per
   * request), issues the merged reads concurrently, and returns slices of them; buffers of overlapping ranges share
   * bytes.
   */
  @Override
  public CompletableFuture<List<ByteBuffer>> getRanges(String key, List<ByteRange> ranges) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(ranges, "ranges");
    ranges.forEach(range -> Objects.requireNonNull(range, "range"));
    ensureOpen();
    if (ranges.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
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
    }, callbacks);
  }

  /** How many body bytes a stream lets wait before it stops reading from the socket. */
  static final int STREAM_HIGH_WATERMARK = 1024 * 1024;

  /**
   * Streams the object (or range) with backpressure: at most about {@value #STREAM_HIGH_WATERMARK} bytes wait in
   * memory, whatever the object's size; see {@link S3ObjectStream}. The future completes when the response head
   * arrives. A connection that fails mid-body is resumed from the next byte with {@code Range} and {@code If-Match}.
   */
  @Override
  public CompletableFuture<java.io.InputStream> getStream(String key, ByteRange range) {
    Objects.requireNonNull(key, "key");
    ensureOpen();
    String problem = ObjectKeys.keyProblem(key);
    if (problem != null) {
      return invalidKey(key, problem);
    }
    if (range != null && range.length() == 0) {
      return ObjectStore.super.getStream(key, range);
    }
    S3ObjectStream stream = new S3ObjectStream(STREAM_HIGH_WATERMARK);
    CompletableFuture<java.io.InputStream> ready = new CompletableFuture<>();
    java.util.concurrent.atomic.AtomicBoolean headSeen = new java.util.concurrent.atomic.AtomicBoolean();
    long start = range == null ? 0 : range.offset();
    Operation<Void> operation = new Operation<>() {
      volatile String etag;
      volatile long end = range == null ? -1 : range.end();

      @Override
      public Request request(int attempt) {
        long from = start + stream.received();
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        boolean resuming = stream.received() > 0;
        if (resuming && etag == null) {
          throw new Sinks.Rejected(new ObjectStoreException(Kind.IO_ERROR, location(key),
              "the connection failed mid-body and the object has no ETag to resume safely"));
        }
        if (range != null || resuming) {
          headers.add(Map.entry("Range", "bytes=" + from + "-" + (end < 0 ? "" : Long.toString(end - 1))));
        }
        if (resuming) {
          headers.add(Map.entry("If-Match", etag));
        }
        return new Request("GET", key, List.of(), headers, null, true);
      }

      @Override
      public BodySink sinkFor(HttpResponseHead head) {
        long from = start + stream.received();
        long total;
        if (head.status() == 206 && head.header("Content-Range") != null) {
          long[] parsed = parseContentRange(head.header("Content-Range"));
          total = parsed[2];
          if (parsed[0] != from) {
            throw new Sinks.Rejected(new ObjectStoreException(Kind.IO_ERROR, location(key),
                "asked for bytes from " + from + " but the server sent " + head.header("Content-Range")));
          }
        } else {
          total = contentLength(head);
          if (from > 0) {
            throw new Sinks.Rejected(new ObjectStoreException(Kind.IO_ERROR, location(key),
                "the server ignored the Range of a streamed read"));
          }
        }
        if (range != null && !range.fitsWithin(total)) {
          throw new Sinks.Rejected(ObjectStoreException.invalidRange(location(key), range, total));
        }
        if (end < 0) {
          end = total;
        }
        if (etag == null) {
          etag = head.header("ETag");
        }
        if (headSeen.compareAndSet(false, true)) {
          ready.completeAsync(() -> stream, callbacks);
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
          return new ObjectStoreException(Kind.PRECONDITION_FAILED, location(key),
              "the object changed while it was being read (" + detail + ")", id, null);
        }
        return null;
      }
    };
    call(key, operation).whenComplete((ignored, failure) -> {
      if (failure == null) {
        return;
      }
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null
          ? failure.getCause() : failure;
      ObjectStoreException error = cause instanceof ObjectStoreException e ? e
          : new ObjectStoreException(Kind.IO_ERROR, location(key), String.valueOf(cause), null, cause);
      if (headSeen.get()) {
        stream.fail(error);
      } else {
        ready.completeExceptionally(error);
      }
    });
    return ready;
  }

  private CompletableFuture<ByteBuffer> read(String key, ByteRange range, String ifMatch) {
    String problem = ObjectKeys.keyProblem(key);
    if (problem != null) {
      return invalidKey(key, problem);
    }
    if (range != null && range.length() == 0) {
      // "bytes=a-(a-1)" is no valid Range: check existence and bounds with a HEAD instead.
      return head(key).thenApply(metadata -> {
        if (!range.fitsWithin(metadata.size())) {
          throw ObjectStoreException.invalidRange(location(key), range, metadata.size());
        }
        if (ifMatch != null && !ifMatch.equals(metadata.etag())) {
          throw new ObjectStoreException(Kind.PRECONDITION_FAILED, location(key), "the etag is not " + ifMatch);
        }
        return ByteBuffer.allocate(0);
      });
    }
    ReadOperation read = new ReadOperation(key, range, ifMatch);
    return call(key, read).exceptionallyCompose(failure -> {
      Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
      if (range != null && cause instanceof ObjectStoreException e && e.kind() == Kind.INVALID_RANGE
          && read.objectSize < 0) {
        // A 416 does not always say the object's size; ask, to name it in the message.
        return head(key).thenApply(metadata -> {
          throw ObjectStoreException.invalidRange(location(key), range, metadata.size());
        });
      }
      return CompletableFuture.failedFuture(cause);
    });
  }

  /** A GET of a whole object or a range, resumable from the last byte received. */
  private final class ReadOperation implements Operation<ByteBuffer> {
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
    public Request request(int attempt) {
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
      return new Request("GET", key, List.of(), headers, null, true);
    }

    @Override
    public BodySink sinkFor(HttpResponseHead head) {
      long from = start() + filled[0];
      String contentRange = head.header("Content-Range");
      long total;
      long skip = 0;
      if (head.status() == 206 && contentRange != null) {
        long[] parsed = parseContentRange(contentRange);
        total = parsed[2];
        if (parsed[0] != from) {
          throw new Sinks.Rejected(new ObjectStoreException(Kind.IO_ERROR, location(key),
              "asked for bytes from " + from + " but the server sent " + contentRange));
        }
      } else {
        // 200: the whole object, even if we asked for a range (some servers ignore Range).
        total = contentLength(head);
        skip = from;
      }
      objectSize = total;
      if (etag == null) {
        etag = head.header("ETag");
      }
      if (range != null && !range.fitsWithin(total)) {
        throw new Sinks.Rejected(ObjectStoreException.invalidRange(location(key), range, total));
      }
      if (buffer == null) {
        long length = range != null ? range.length() : total;
        if (length > ByteRange.MAX_LENGTH) {
          throw new Sinks.Rejected(new ObjectStoreException(Kind.INVALID_RANGE, location(key), "the object is "
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
        return new ObjectStoreException(Kind.PRECONDITION_FAILED, location(key),
            "the object changed while it was being read (" + detail + ")", requestId, null);
      }
      if (head.status() == 416 && range != null) {
        String contentRange = head.header("Content-Range");
        if (contentRange != null && contentRange.startsWith("bytes */")) {
          try {
            long size = Long.parseLong(contentRange.substring("bytes */".length()).trim());
            objectSize = size;
            return ObjectStoreException.invalidRange(location(key), range, size);
          } catch (NumberFormatException e) {
            return null;
          }
        }
      }
      return null;
    }
  }

  // ---- put ----

  /**
   * PUT, then HEAD for the metadata. {@link PutMode#CREATE} sends {@code If-None-Match: *}: S3 (and servers that
   * implement conditional writes) refuse with 412 when the key exists.
   */
  @Override
  public CompletableFuture<ObjectMetadata> put(String key, ByteBuffer data, PutMode mode) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(mode, "mode");
    ensureOpen();
    String problem = ObjectKeys.keyProblem(key);
    if (problem != null) {
      return invalidKey(key, problem);
    }
    ByteBuffer body = data.slice();
    String payloadHash = payloadHash(body);
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    headers.add(Map.entry("Content-Type", "application/octet-stream"));
    if (mode == PutMode.CREATE) {
      headers.add(Map.entry("If-None-Match", "*"));
    }
    return call(key, new Operation<String>() {
      @Override
      public Request request(int attempt) {
        return new Request("PUT", key, List.of(), headers, body, true).withPayloadHash(payloadHash);
      }

      @Override
      public BodySink sinkFor(HttpResponseHead head) {
        return Sinks.discard();
      }

      @Override
      public String onSuccess(HttpResponse response) {
        return response.head().header("ETag");
      }
    }).thenCompose(etag -> metadataAfterWrite(key, etag));
  }

  private CompletableFuture<ObjectMetadata> metadataAfterWrite(String key, String etag) {
    return head(key).thenApply(metadata -> etag == null || etag.equals(metadata.etag()) ? metadata
        : new ObjectMetadata(key, metadata.size(), etag, metadata.lastModified()));
  }

  // ---- list ----

  @Override
  public CompletableFuture<List<ObjectMetadata>> list(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    ensureOpen();
    return listAll(prefix, null, 1000).thenApply(ListResult::objects);
  }

  /** ListObjectsV2 with a delimiter, all pages. */
  @Override
  public CompletableFuture<ListResult> list(String prefix, String delimiter) {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(delimiter, "delimiter");
    if (delimiter.isEmpty()) {
      throw new IllegalArgumentException("the delimiter must be non-empty");
    }
    ensureOpen();
    return listAll(prefix, delimiter, 1000);
  }

  /**
   * Every page of ListObjectsV2 for {@code prefix}, {@code pageSize} keys a page (S3's maximum and default is 1000),
   * following continuation tokens.
   */
  CompletableFuture<ListResult> listAll(String prefix, String delimiter, int pageSize) {
    String problem = ObjectKeys.prefixProblem(prefix);
    if (problem != null) {
      return invalidKey(prefix, problem);
    }
    List<ObjectMetadata> objects = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    return listFrom(prefix, delimiter, pageSize, null, objects, prefixes)
        .thenApply(ignored -> new ListResult(objects, prefixes));
  }

  private CompletableFuture<Void> listFrom(String prefix, String delimiter, int pageSize, String token,
      List<ObjectMetadata> objects, List<String> prefixes) {
    List<Map.Entry<String, String>> query = new ArrayList<>();
    query.add(Map.entry("list-type", "2"));
    query.add(Map.entry("prefix", prefix));
    query.add(Map.entry("max-keys", Integer.toString(pageSize)));
    if (delimiter != null) {
      query.add(Map.entry("delimiter", delimiter));
    }
    if (token != null) {
      query.add(Map.entry("continuation-token", token));
    }
    return call(prefix, new Operation<S3Xml.ListPage>() {
      @Override
      public Request request(int attempt) {
        return new Request("GET", null, query, List.of(), null, true);
      }

      @Override
      public BodySink sinkFor(HttpResponseHead head) {
        return new Sinks.Bounded(MAX_XML_BODY);
      }

      @Override
      public S3Xml.ListPage onSuccess(HttpResponse response) throws RetryableFailure {
        try {
          return S3Xml.listPage(((Sinks.Bounded) response.body()).bytes());
        } catch (XMLStreamException e) {
          throw new RetryableFailure(Kind.IO_ERROR, "malformed listing: " + e.getMessage(), e);
        }
      }
    }).thenCompose(page -> {
      objects.addAll(page.objects());
      prefixes.addAll(page.commonPrefixes());
      if (page.truncated() && page.nextToken() != null) {
        return listFrom(prefix, delimiter, pageSize, page.nextToken(), objects, prefixes);
      }
      return CompletableFuture.completedFuture(null);
    });
  }

  // ---- delete ----

  @Override
  public CompletableFuture<Void> delete(String key) {
    Objects.requireNonNull(key, "key");
    ensureOpen();
    String problem = ObjectKeys.keyProblem(key);
    if (problem != null) {
      return invalidKey(key, problem);
    }
    return call(key, new Operation<Void>() {
      @Override
      public Request request(int attempt) {
        return new Request("DELETE", key, List.of(), List.of(), null, true);
      }

      @Override
      public BodySink sinkFor(HttpResponseHead head) {
        return Sinks.discard();
      }

      @Override
      public Void onSuccess(HttpResponse response) {
        return null;
      }

      @Override
      public ObjectStoreException onError(HttpResponseHead head, S3Xml.S3Error error, String detail, String id) {
        return null;
      }
    });
  }

  // ---- copy ----

  /** CopyObject (server side), then HEAD for the metadata. A 200 carrying an error document is retried. */
  @Override
  public CompletableFuture<ObjectMetadata> copy(String sourceKey, String targetKey) {
    Objects.requireNonNull(sourceKey, "sourceKey");
    Objects.requireNonNull(targetKey, "targetKey");
    ensureOpen();
    for (String key : List.of(sourceKey, targetKey)) {
      String problem = ObjectKeys.keyProblem(key);
      if (problem != null) {
        return invalidKey(key, problem);
      }
    }
    String source = "/" + config.bucket() + "/" + SigV4Signer.uriEncode(sourceKey, false);
    return call(targetKey, new Operation<String>() {
      @Override
      public Request request(int attempt) {
        return new Request("PUT", targetKey, List.of(), List.of(Map.entry("x-amz-copy-source", source)), null,
            true);
      }

      @Override
      public BodySink sinkFor(HttpResponseHead head) {
        return new Sinks.Bounded(MAX_ERROR_BODY);
      }

      @Override
      public String onSuccess(HttpResponse response) throws RetryableFailure {
        return etagOfOkBody(response, targetKey, "CopyObjectResult");
      }

      @Override
      public ObjectStoreException onError(HttpResponseHead head, S3Xml.S3Error error, String detail, String id) {
        if (head.status() == 404) {
          return new ObjectStoreException(Kind.NOT_FOUND, location(sourceKey), "no such object to copy (" + detail
              + ")", id, null);
        }
        return null;
      }
    }).thenCompose(etag -> metadataAfterWrite(targetKey, etag));
  }

  // ---- multipart upload ----

  /**
   * Parts of {@link S3Config#partSize()} bytes are uploaded as they fill, at most {@link S3Config#maxPartsInFlight()}
   * at once; the upload is created with the first full part, so an object smaller than one part is stored with one
   * PUT on {@code complete()}. Any failure, or {@link MultipartUpload#close()} without complete, aborts it.
   */
  @Override
  public MultipartUpload startUpload(String key) {
    Objects.requireNonNull(key, "key");
    ensureOpen();
    ObjectKeys.requireValidKey(key, description);
    S3Upload upload = new S3Upload(this, key);
    uploads.add(upload);
    return upload;
  }

  void forget(S3Upload upload) {
    uploads.remove(upload);
  }

  /** CreateMultipartUpload: the new upload id. */
  CompletableFuture<String> createUpload(String key) {
    return call(key, new Operation<String>() {
      @Override
      public Request request(int attempt) {
        return new Request("POST", key, List.of(Map.entry("uploads", "")),
            List.of(Map.entry("Content-Type", "application/octet-stream")), null, false);
      }

      @Override
      public BodySink sinkFor(HttpResponseHead head) {
        return new Sinks.Bounded(MAX_ERROR_BODY);
      }

      @Override
      public String onSuccess(HttpResponse response) throws RetryableFailure {
        try {
          String id = S3Xml.firstText(((Sinks.Bounded) response.body()).bytes(), "UploadId");
          if (id == null || id.isEmpty()) {
            throw new RetryableFailure(Kind.IO_ERROR, "no UploadId in the response", null);
          }
          return id;
        } catch (XMLStreamException e) {
          throw new RetryableFailure(Kind.IO_ERROR, "malformed InitiateMultipartUploadResult", e);
        }
      }
    });
  }

  /** UploadPart: the part's ETag. */
  CompletableFuture<String> uploadPart(String key, String uploadId, int part, ByteBuffer body, String payloadHash) {
    return call(key, new Operation<String>() {
      @Override
      public Request request(int attempt) {
        return new Request("PUT", key, List.of(Map.entry("partNumber", Integer.toString(part)),
            Map.entry("uploadId", uploadId)), List.of(), body, true).withPayloadHash(payloadHash);
      }

      @Override
      public BodySink sinkFor(HttpResponseHead head) {
        return Sinks.discard();
      }

      @Override
      public String onSuccess(HttpResponse response) throws RetryableFailure {
        String etag = response.head().header("ETag");
        if (etag == null) {
          throw new RetryableFailure(Kind.IO_ERROR, "no ETag for part " + part, null);
        }
        return etag;
      }
    });
  }

  /** CompleteMultipartUpload, then HEAD for the metadata. A 200 carrying an error document is retried. */
  CompletableFuture<ObjectMetadata> completeUpload(String key, String uploadId, List<String> etags) {
    StringBuilder xml = new StringBuilder("<CompleteMultipartUpload>");
    for (int i = 0; i < etags.size(); i++) {
      xml.append("<Part><PartNumber>").append(i + 1).append("</PartNumber><ETag>")
          .append(etags.get(i).replace("&", "&amp;").replace("\"", "&quot;")).append("</ETag></Part>");
    }
    xml.append("</CompleteMultipartUpload>");
    ByteBuffer body = ByteBuffer.wrap(xml.toString().getBytes(UTF_8));
    String payloadHash = payloadHash(body);
    return call(key, new Operation<String>() {
      @Override
      public Request request(int attempt) {
        return new Request("POST", key, List.of(Map.entry("uploadId", uploadId)),
            List.of(Map.entry("Content-Type", "application/xml")), body, true).withPayloadHash(payloadHash);
      }

      @Override
      public BodySink sinkFor(HttpResponseHead head) {
        return new Sinks.Bounded(MAX_ERROR_BODY);
      }

      @Override
      public String onSuccess(HttpResponse response) throws RetryableFailure {
        return etagOfOkBody(response, key, "CompleteMultipartUploadResult");
      }
    }).thenCompose(etag -> metadataAfterWrite(key, etag));
  }

  /** AbortMultipartUpload; a 404 (already gone) counts as done. */
  CompletableFuture<Void> abortUpload(String key, String uploadId) {
    return call(key, new Operation<Void>() {
      @Override
      public Request request(int attempt) {
        return new Request("DELETE", key, List.of(Map.entry("uploadId", uploadId)), List.of(), null, true);
      }

      @Override
      public BodySink sinkFor(HttpResponseHead head) {
        return Sinks.discard();
      }

      @Override
      public Void onSuccess(HttpResponse response) {
        return null;
      }
    }).exceptionally(failure -> {
      Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
      if (cause instanceof ObjectStoreException e && e.kind() == Kind.NOT_FOUND) {
        return null;
      }
      throw failure instanceof CompletionException ce ? ce : new CompletionException(failure);
    });
  }

  /** ListMultipartUploads: the ids of the uploads in progress for {@code key} (for tests and clean-up tools). */
  public CompletableFuture<List<String>> uploadsInProgress(String key) {
    ensureOpen();
    return call(key, new Operation<List<String>>() {
      @Override
      public Request request(int attempt) {
        return new Request("GET", null, List.of(Map.entry("uploads", ""), Map.entry("prefix", key)), List.of(),
            null, true);
      }

      @Override
      public BodySink sinkFor(HttpResponseHead head) {
        return new Sinks.Bounded(MAX_XML_BODY);
      }

      @Override
      public List<String> onSuccess(HttpResponse response) throws RetryableFailure {
        try {
          return S3Xml.uploadIds(((Sinks.Bounded) response.body()).bytes(), key);
        } catch (XMLStreamException e) {
          throw new RetryableFailure(Kind.IO_ERROR, "malformed ListMultipartUploadsResult", e);
        }
      }
    });
  }

  /**
   * A presigned URL for one GET or PUT of {@code key}, valid for {@code expiry} (S3 API reference, "Authenticating
   * Requests: Using Query Parameters"): anyone holding it may do that one operation until it expires, with any HTTP
   * client, without credentials. The payload is {@code UNSIGNED-PAYLOAD}. No request is made.
   *
   * @param method {@code GET} or {@code PUT}
   * @param expiry between 1 second and 7 days
   * @throws IllegalStateException when the store has no credentials
   * @throws IllegalArgumentException for another method or an expiry out of range
   * @throws ObjectStoreException of kind {@code INVALID_KEY} for a malformed key
   */
  public URI presignedUrl(String method, String key, java.time.Duration expiry) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(expiry, "expiry");
    if (!method.equals("GET") && !method.equals("PUT")) {
      throw new IllegalArgumentException("presigned URLs are for GET or PUT, not " + method);
    }
    ObjectKeys.requireValidKey(key, description);
    if (config.credentials().isEmpty()) {
      throw new IllegalStateException("presigning needs credentials; " + description + " has none");
    }
    String path = config.pathStyle() ? "/" + config.bucket() + "/" + key : "/" + key;
    SignedParts signed = signer.presign(new SigningRequest(method, path, List.of(), List.of(Map.entry("Host",
        hostHeader))), config.credentials().get(), SigV4Signer.UNSIGNED_PAYLOAD, expiry.toSeconds(), false,
        Instant.now());
    return URI.create(dev.quiver.store.s3.auth.PresignedUrls.url(config.tls() ? "https" : "http", hostHeader, path,
        List.of(), signed));
  }

  String payloadHash(ByteBuffer body) {
    if (config.tls()) {
      return SigV4Signer.UNSIGNED_PAYLOAD;
    }
    if (body == null || !body.hasRemaining()) {
      return SigV4Signer.EMPTY_SHA256;
    }
    java.security.MessageDigest digest = SigV4Signer.sha256();
    digest.update(body.duplicate());
    return SigV4Signer.hex(digest.digest());
  }

  // ---- describe, close ----

  /** {@code s3://bucket}. */
  @Override
  public String describe() {
    return description;
  }

  /**
   * Aborts unfinished uploads (waiting up to 10 s), then closes every connection and stops the store's own I/O
   * threads (a caller's group keeps running; a lease on the shared group is released, the last one stopping it).
   * Blocks; call it from a caller's thread, never from a callback of this store's futures running on an I/O thread
   * (they do not: they run on the common pool).
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    List<CompletableFuture<Void>> aborts = new ArrayList<>();
    for (S3Upload upload : List.copyOf(uploads)) {
      aborts.add(upload.abort());
    }
    try {
      CompletableFuture.allOf(aborts.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // Best effort: a bucket lifecycle rule should clean up what an unreachable server kept.
    }
    closed = true;
    http.close();
  }

  @Override
  public String toString() {
    return "S3Store[" + config + "]";
  }

  String location(String key) {
    return ObjectKeys.location(description, key);
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException(this + " is closed");
    }
  }

  private <T> CompletableFuture<T> invalidKey(String key, String problem) {
    return CompletableFuture.failedFuture(new ObjectStoreException(Kind.INVALID_KEY, location(key), problem));
  }

  // ---- the request loop ----

  /** One request to build: a key (null for the bucket), query and headers, and a body. */
  record Request(String method, String key, List<Map.Entry<String, String>> query,
      List<Map.Entry<String, String>> headers, ByteBuffer body, boolean idempotent, String payloadHash) {

    Request(String method, String key, List<Map.Entry<String, String>> query, List<Map.Entry<String, String>> headers,
        ByteBuffer body, boolean idempotent) {
      this(method, key, query, headers, body, idempotent, null);
    }

    Request withPayloadHash(String hash) {
      return new Request(method, key, query, headers, body, idempotent, hash);
    }
  }

  /** A failure of a 2xx response that deserves another attempt (a short body, an error document in a 200). */
  static final class RetryableFailure extends Exception {
    final Kind kind;

    RetryableFailure(Kind kind, String message, Throwable cause) {
      super(message, cause);
      this.kind = kind;
    }
  }

  /**
   * The ETag of a 200 response body that S3 may instead fill with an error document (CopyObject and
   * CompleteMultipartUpload do, after a delay): such an error is raised as {@link #errorInOk} decides.
   *
   * @param what the result element, for the message when the body is malformed
   */
  private String etagOfOkBody(HttpResponse response, String key, String what) throws RetryableFailure {
    byte[] body = ((Sinks.Bounded) response.body()).bytes();
    S3Xml.S3Error error = S3Xml.error(body);
    if (error != null) {
      throw errorInOk(error, location(key));
    }
    try {
      return S3Xml.firstText(body, "ETag");
    } catch (XMLStreamException e) {
      throw new RetryableFailure(Kind.IO_ERROR, "malformed " + what + ": " + e.getMessage(), e);
    }
  }

  private static RetryableFailure errorInOk(S3Xml.S3Error error, String location) {
    return new RetryableFailure(Kind.IO_ERROR, "HTTP 200 with error " + error.code() + ": " + error.message()
        + (error.requestId() == null ? "" : " (request id " + error.requestId() + ")"), null);
  }

  /** What one S3 operation needs from the loop. */
  interface Operation<T> {
    /** The request of attempt {@code attempt} (from 1). Runs on a callback thread. */
    Request request(int attempt);

    /** The sink of a 2xx body. Runs on the event loop; may throw {@link Sinks.Rejected}. */
    BodySink sinkFor(HttpResponseHead head);

    /** The result of a 2xx response. Runs on a callback thread. */
    T onSuccess(HttpResponse response) throws RetryableFailure;

    /**
     * A special meaning for an error response, or null for the usual mapping. Runs on a callback thread. For
     * DELETE, returning null for every status would hide errors, so the default returns null and the caller maps.
     */
    default ObjectStoreException onError(HttpResponseHead head, S3Xml.S3Error error, String detail, String id) {
      return null;
    }
  }

  <T> CompletableFuture<T> call(String key, Operation<T> operation) {
    CompletableFuture<T> result = new CompletableFuture<>();
    long start = System.nanoTime();
    callbacks.execute(() -> attempt(key, operation, 1, start, result));
    return result;
  }

  private <T> void attempt(String key, Operation<T> operation, int attempt, long start, CompletableFuture<T> result) {
    if (closed) {
      result.completeExceptionally(new ObjectStoreException(Kind.IO_ERROR, location(key), "the store was closed"));
      return;
    }
    Request request;
    HttpRequestSpec spec;
    try {
      request = operation.request(attempt);
      spec = build(request);
    } catch (Sinks.Rejected e) {
      result.completeExceptionally(e.failure);
      return;
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
      return;
    }
    http.execute(endpoint, spec, head -> head.status() / 100 == 2 ? operation.sinkFor(head)
            : new Sinks.Bounded(MAX_ERROR_BODY))
        .whenCompleteAsync((response, failure) -> {
          try {
            outcome(key, operation, request, attempt, start, result, response, failure);
          } catch (RuntimeException e) {
            result.completeExceptionally(e);
          }
        }, callbacks);
  }

  private <T> void outcome(String key, Operation<T> operation, Request request, int attempt, long start,
      CompletableFuture<T> result, HttpResponse response, Throwable failure) {
    if (failure != null) {
      Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
      for (Throwable t = cause; t != null; t = t.getCause()) {
        if (t instanceof Sinks.Rejected rejected) {
          result.completeExceptionally(rejected.failure);
          return;
        }
      }
      if (cause instanceof HttpTransportException transport) {
        boolean retry = transport.reason() != HttpTransportException.Reason.TLS
            && (!transport.requestSent() || request.idempotent()
                || (transport.reusedConnection() && !transport.responseStarted()));
        boolean stale = transport.reusedConnection() && !transport.responseStarted()
            && transport.reason() == HttpTransportException.Reason.CLOSED;
        Kind kind = transport.reason() == HttpTransportException.Reason.POOL_EXHAUSTED ? Kind.THROTTLED
            : Kind.IO_ERROR;
        ObjectStoreException error = new ObjectStoreException(kind, location(key), transport.getMessage(), null,
            transport);
        retryOrFail(key, operation, attempt, start, result, error, retry, stale);
        return;
      }
      result.completeExceptionally(new ObjectStoreException(Kind.IO_ERROR, location(key), String.valueOf(cause),
          null, cause));
      return;
    }
    HttpResponseHead head = response.head();
    String requestId = head.header("x-amz-request-id");
    if (head.status() / 100 == 2) {
      try {
        result.complete(operation.onSuccess(response));
      } catch (RetryableFailure e) {
        retryOrFail(key, operation, attempt, start, result,
            new ObjectStoreException(e.kind, location(key), e.getMessage(), requestId, e), true, false);
      } catch (Sinks.Rejected e) {
        result.completeExceptionally(e.failure);
      }
      return;
    }
    byte[] body = response.body() instanceof Sinks.Bounded bounded ? bounded.bytes() : new byte[0];
    S3Xml.S3Error error = S3Xml.error(body);
    String code = error == null ? null : error.code();
    if (requestId == null && error != null) {
      requestId = error.requestId();
    }
    int status = head.status();
    String detail = "HTTP " + status + (code == null ? "" : " " + code)
        + (error == null || error.message() == null ? "" : ": " + error.message());
    if (error == null && status == 404) {
      detail += ": no such object";  // HEAD responses carry no error document
    } else if (error == null && status == 403) {
      detail += ": access denied (check the credentials, the region and the bucket policy)";
    }
    ObjectStoreException special = operation.onError(head, error, detail, requestId);
    if (special != null) {
      result.completeExceptionally(special);
      return;
    }
    Kind kind;
    boolean retry = false;
    switch (status) {
      case 404 -> kind = Kind.NOT_FOUND;
      case 403 -> kind = Kind.ACCESS_DENIED;
      case 412 -> kind = Kind.PRECONDITION_FAILED;
      case 416 -> kind = Kind.INVALID_RANGE;
      case 409 -> {
        // Two conditional writes raced (ConditionalRequestConflict): S3 asks to retry, the retry then gets a 412.
        kind = "ConditionalRequestConflict".equals(code) ? Kind.PRECONDITION_FAILED : Kind.IO_ERROR;
        retry = "ConditionalRequestConflict".equals(code);
      }
      case 429 -> {
        kind = Kind.THROTTLED;
        retry = true;
      }
      case 500, 502, 503, 504 -> {
        kind = "SlowDown".equals(code) || status == 503 && code == null ? Kind.THROTTLED : Kind.IO_ERROR;
        retry = true;
      }
      default -> {
        kind = Kind.IO_ERROR;
        retry = code != null && RETRYABLE_CODES.contains(code);
      }
    }
    if (status == 404 && "NoSuchBucket".equals(code)) {
      detail = "no such bucket '" + config.bucket() + "' (" + detail + ")";
    }
    ObjectStoreException exception = new ObjectStoreException(kind, location(key), detail, requestId, null);
    if (retry) {
      retryOrFail(key, operation, attempt, start, result, exception, true, false);
    } else {
      result.completeExceptionally(exception);
    }
  }

  private <T> void retryOrFail(String key, Operation<T> operation, int attempt, long start,
      CompletableFuture<T> result, ObjectStoreException error, boolean retryable, boolean stale) {
    RetryPolicy policy = config.retry();
    long elapsed = System.nanoTime() - start;
    long delay = stale ? 0 : policy.backoffNanos(attempt);
    if (!retryable || attempt >= policy.maxAttempts() || elapsed + delay > policy.totalBudget().toNanos()) {
      if (retryable) {
        error = new ObjectStoreException(error.kind(), error.location(), error.detail() + " (gave up after "
            + attempt + " attempt" + (attempt == 1 ? "" : "s") + " in " + TimeUnit.NANOSECONDS.toMillis(elapsed)
            + " ms)", error.requestId(), error.getCause());
      }
      result.completeExceptionally(error);
      return;
    }
    Runnable next = () -> attempt(key, operation, attempt + 1, start, result);
    if (delay == 0) {
      callbacks.execute(next);
    } else {
      CompletableFuture.delayedExecutor(delay, TimeUnit.NANOSECONDS, callbacks).execute(next);
    }
  }

  /** Signs and encodes one request. */
  private HttpRequestSpec build(Request request) {
    String path;
    if (config.pathStyle()) {
      path = "/" + config.bucket() + (request.key() == null ? "" : "/" + request.key());
    } else {
      path = "/" + (request.key() == null ? "" : request.key());
    }
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    headers.add(Map.entry("Host", hostHeader));
    headers.addAll(request.headers());
    String payloadHash = request.payloadHash() != null ? request.payloadHash()
        : config.tls() ? SigV4Signer.UNSIGNED_PAYLOAD : SigV4Signer.EMPTY_SHA256;
    if (config.credentials().isPresent()) {
      SignedParts signed = signer.signHeaders(new SigningRequest(request.method(), path, request.query(), headers),
          config.credentials().get(), payloadHash, true, false, Instant.now());
      headers.addAll(signed.additions());
    }
    StringBuilder target = new StringBuilder(SigV4Signer.canonicalUri(path, false));
    char separator = '?';
    for (Map.Entry<String, String> parameter : request.query()) {
      target.append(separator).append(SigV4Signer.uriEncode(parameter.getKey(), true)).append('=')
          .append(SigV4Signer.uriEncode(parameter.getValue(), true));
      separator = '&';
    }
    return new HttpRequestSpec(request.method(), target.toString(), headers, request.body(), request.idempotent());
  }

  // ---- response headers ----

  private ObjectMetadata metadataOf(String key, HttpResponseHead head) {
    long size = contentLength(head);
    String modified = head.header("Last-Modified");
    Instant lastModified;
    try {
      lastModified = modified == null ? Instant.EPOCH
          : ZonedDateTime.parse(modified, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      lastModified = Instant.EPOCH;
    }
    return new ObjectMetadata(key, size, head.header("ETag"), lastModified);
  }

  private static long contentLength(HttpResponseHead head) {
    String length = head.header("Content-Length");
    if (length == null) {
      throw new Sinks.Rejected(new ObjectStoreException(Kind.IO_ERROR, "s3", "the response has no Content-Length"));
    }
    return Long.parseLong(length.trim());
  }

  /** {@code bytes FIRST-LAST/TOTAL} as {first, last, total}. */
  static long[] parseContentRange(String value) {
    String v = value.trim();
    if (!v.startsWith("bytes ")) {
      throw new Sinks.Rejected(new ObjectStoreException(Kind.IO_ERROR, "s3", "unreadable Content-Range " + value));
    }
    try {
      String rest = v.substring(6).trim();
      int dash = rest.indexOf('-');
      int slash = rest.indexOf('/');
      return new long[] {Long.parseLong(rest.substring(0, dash)), Long.parseLong(rest.substring(dash + 1, slash)),
          Long.parseLong(rest.substring(slash + 1))};
    } catch (RuntimeException e) {
      throw new Sinks.Rejected(new ObjectStoreException(Kind.IO_ERROR, "s3", "unreadable Content-Range " + value));
    }
  }
}
