package dev.quiver.store.s3;

import dev.quiver.store.ByteRange;
import dev.quiver.store.ListResult;
import dev.quiver.store.MultipartUpload;
import dev.quiver.store.ObjectKeys;
import dev.quiver.store.ObjectMetadata;
import dev.quiver.store.ObjectStore;
import dev.quiver.store.ObjectStoreException;
import dev.quiver.store.ObjectStoreException.Kind;
import dev.quiver.store.PutMode;
import dev.quiver.store.s3.auth.SigV4Signer;
import dev.quiver.store.s3.http.BodySink;
import dev.quiver.store.s3.http.HttpClientSettings;
import dev.quiver.store.s3.http.HttpResponse;
import dev.quiver.store.s3.http.HttpResponseHead;
import dev.quiver.store.s3.http.NettyHttpClient;
import dev.quiver.store.s3.http.SharedEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

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
 *
 * <p><b>Parts.</b> This class checks arguments and puts the operations together; {@link RequestSigner} addresses
 * and signs requests, {@link RequestLoop} sends them and retries, {@link S3Responses} reads answers and errors,
 * {@link ObjectReads} does the GETs, {@link ObjectListing} the listings, {@link MultipartRequests} and
 * {@link S3Upload} the multipart uploads.
 */
public final class S3Store implements ObjectStore {

  /** How many body bytes a stream lets wait before it stops reading from the socket. */
  static final int STREAM_HIGH_WATERMARK = ObjectReads.STREAM_HIGH_WATERMARK;

  private final S3Config config;
  private final NettyHttpClient http;
  private final RequestSigner signer;
  private final RequestLoop loop;
  private final ObjectReads reads;
  private final ObjectListing listing;
  private final MultipartRequests multipart;
  private final String description;
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
    this.http = http;
    this.signer = new RequestSigner(config);
    this.loop = new RequestLoop(config, http, signer);
    this.reads = new ObjectReads(this, loop, config);
    this.listing = new ObjectListing(this, loop);
    this.multipart = new MultipartRequests(this, loop, signer);
    this.description = "s3://" + config.bucket();
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
    return loop.call(key, new S3Operation<>() {
      @Override
      public S3Request request(int attempt) {
        return new S3Request("HEAD", key, List.of(), List.of(), null, true);
      }

      @Override
      public BodySink sinkFor(HttpResponseHead head) {
        return Sinks.discard();
      }

      @Override
      public ObjectMetadata onSuccess(HttpResponse response) {
        return S3Responses.metadataOf(key, response.head());
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
    return reads.ranges(key, ranges);
  }
  /**
   * Streams the object (or range) with backpressure: at most about {@value #STREAM_HIGH_WATERMARK} bytes wait in
   * memory, whatever the object's size; see {@link S3ObjectStream}. The future completes when the response head
   * arrives. A connection that fails mid-body is resumed from the next byte with {@code Range} and {@code If-Match}.
   */
  @Override
  public CompletableFuture<InputStream> getStream(String key, ByteRange range) {
    Objects.requireNonNull(key, "key");
    ensureOpen();
    String problem = ObjectKeys.keyProblem(key);
    if (problem != null) {
      return invalidKey(key, problem);
    }
    if (range != null && range.length() == 0) {
      return ObjectStore.super.getStream(key, range);
    }
    return reads.stream(key, range);
  }

  private CompletableFuture<ByteBuffer> read(String key, ByteRange range, String ifMatch) {
    return reads.read(key, range, ifMatch);
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
    String payloadHash = signer.payloadHash(body);
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    headers.add(Map.entry("Content-Type", "application/octet-stream"));
    if (mode == PutMode.CREATE) {
      headers.add(Map.entry("If-None-Match", "*"));
    }
    return loop.call(key, new S3Operation<String>() {
      @Override
      public S3Request request(int attempt) {
        return new S3Request("PUT", key, List.of(), headers, body, true).withPayloadHash(payloadHash);
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

  /** HEAD after a write, keeping the write's ETag if the HEAD saw another (a later write won the race). */
  CompletableFuture<ObjectMetadata> metadataAfterWrite(String key, String etag) {
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
  /** Every page of ListObjectsV2 for {@code prefix}, {@code pageSize} keys a page; see {@link ObjectListing}. */
  CompletableFuture<ListResult> listAll(String prefix, String delimiter, int pageSize) {
    return listing.listAll(prefix, delimiter, pageSize);
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
    return loop.call(key, new S3Operation<Void>() {
      @Override
      public S3Request request(int attempt) {
        return new S3Request("DELETE", key, List.of(), List.of(), null, true);
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
    return loop.call(targetKey, new S3Operation<String>() {
      @Override
      public S3Request request(int attempt) {
        return new S3Request("PUT", targetKey, List.of(), List.of(Map.entry("x-amz-copy-source", source)), null,
            true);
      }

      @Override
      public BodySink sinkFor(HttpResponseHead head) {
        return new Sinks.Bounded(S3Responses.MAX_ERROR_BODY);
      }

      @Override
      public String onSuccess(HttpResponse response) throws RetryableFailure {
        return S3Responses.etagOfOkBody(response, "CopyObjectResult");
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

  /** The multipart upload requests, for {@link S3Upload}. */
  MultipartRequests multipart() {
    return multipart;
  }

  /** ListMultipartUploads: the ids of the uploads in progress for {@code key} (for tests and clean-up tools). */
  public CompletableFuture<List<String>> uploadsInProgress(String key) {
    ensureOpen();
    return multipart.uploadsInProgress(key);
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
  public URI presignedUrl(String method, String key, Duration expiry) {
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
    return signer.presign(method, key, expiry);
  }

  /** The payload hash to sign {@code body} with; see {@link RequestSigner#payloadHash}. */
  String payloadHash(ByteBuffer body) {
    return signer.payloadHash(body);
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
    loop.close();
    http.close();
  }

  @Override
  public String toString() {
    return "S3Store[" + config + "]";
  }

  /** {@code s3://bucket/key}, for messages. */
  String location(String key) {
    return ObjectKeys.location(description, key);
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException(this + " is closed");
    }
  }

  /** A future failed with {@code INVALID_KEY} for {@code key}. */
  <T> CompletableFuture<T> invalidKey(String key, String problem) {
    return CompletableFuture.failedFuture(new ObjectStoreException(Kind.INVALID_KEY, location(key), problem));
  }}
