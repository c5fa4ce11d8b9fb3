package dev.quiver.store.s3;

import static dev.quiver.store.ObjectStores.await;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.store.ByteRange;
import dev.quiver.store.ListResult;
import dev.quiver.store.MultipartUpload;
import dev.quiver.store.ObjectMetadata;
import dev.quiver.store.ObjectStoreException;
import dev.quiver.store.ObjectStoreException.Kind;
import dev.quiver.store.PutMode;
import dev.quiver.store.s3.auth.Credentials;
import dev.quiver.store.s3.testing.S3ProxyServer;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.jclouds.blobstore.domain.Blob;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * S3-specific behaviour against a real S3 server (S3Proxy on loopback, SigV4 enforced): what the server reports is
 * checked through its own blob store, not through our client.
 */
class S3StoreTest {

  static S3ProxyServer server;
  String bucket;
  S3Store store;

  @BeforeAll
  static void startServer() throws Exception {
    server = new S3ProxyServer();
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  @BeforeEach
  void open() {
    bucket = server.newBucket();
    store = new S3Store(S3ProxyServer.config(bucket, server.endpoint()));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void bytesWrittenByUsAreTheBytesTheServerHolds() throws Exception {
    byte[] data = random(100_000, 1);
    await(store.put("dir/x.bin", ByteBuffer.wrap(data), PutMode.OVERWRITE));
    Blob blob = server.blobStore().getBlob(bucket, "dir/x.bin");
    assertArrayEquals(data, blob.getPayload().openStream().readAllBytes());
    ObjectMetadata head = await(store.head("dir/x.bin"));
    assertEquals(blob.getMetadata().getETag().replace("\"", ""), head.etag().replace("\"", ""));
    assertEquals(100_000, head.size());
  }

  @Test
  void bytesWrittenByTheServerAreTheBytesWeRead() throws Exception {
    byte[] data = random(70_000, 2);
    server.blobStore().putBlob(bucket, server.blobStore().blobBuilder("from/server \u00e9 #1").payload(data).build());
    assertArrayEquals(data, array(await(store.get("from/server \u00e9 #1"))));
    assertArrayEquals(java.util.Arrays.copyOfRange(data, 1000, 1010),
        array(await(store.get("from/server \u00e9 #1", new ByteRange(1000, 10)))));
  }

  @Test
  void aWrongSecretIsRefused() {
    S3Config wrong = S3ProxyServer.config(bucket, server.endpoint())
        .withCredentials(Credentials.of(S3ProxyServer.ACCESS_KEY, "not-the-secret"));
    try (S3Store intruder = new S3Store(wrong)) {
      ObjectStoreException e = failure(() -> intruder.head("k"));
      assertEquals(Kind.ACCESS_DENIED, e.kind());
      assertFalse(e.getMessage().contains("not-the-secret"), e.getMessage());
      assertFalse(intruder.toString().contains("not-the-secret"), intruder.toString());
      assertEquals(Kind.ACCESS_DENIED, failure(() -> intruder.put("k", ByteBuffer.allocate(1), PutMode.OVERWRITE))
          .kind());
    }
    assertFalse(server.blobStore().blobExists(bucket, "k"));
  }

  @Test
  void aMissingBucketIsNotFound() {
    try (S3Store nowhere = new S3Store(S3ProxyServer.config("no-such-bucket", server.endpoint()))) {
      ObjectStoreException e = failure(() -> nowhere.list(""));
      assertEquals(Kind.NOT_FOUND, e.kind());
      assertTrue(e.getMessage().contains("no-such-bucket"), e.getMessage());
    }
  }

  @Test
  void errorsCarryTheKeyTheCodeAndTheRequestId() {
    ObjectStoreException e = failure(() -> store.get("missing/key.parquet"));
    assertEquals(Kind.NOT_FOUND, e.kind());
    assertEquals("s3://" + bucket + "/missing/key.parquet", e.location());
    assertTrue(e.getMessage().contains("HTTP 404 NoSuchKey"), e.getMessage());
    assertNotNull(e.requestId(), "S3Proxy sends x-amz-request-id");
  }

  @Test
  void listingPaginatesPastAThousandKeys() {
    for (int i = 0; i < 1205; i++) {
      server.blobStore().putBlob(bucket, server.blobStore().blobBuilder(String.format("many/%05d", i))
          .payload(new byte[] {(byte) i}).build());
    }
    server.blobStore().putBlob(bucket, server.blobStore().blobBuilder("other").payload(new byte[1]).build());
    List<ObjectMetadata> listed = await(store.list("many/"));
    assertEquals(1205, listed.size());
    for (int i = 0; i < listed.size(); i++) {
      assertEquals(String.format("many/%05d", i), listed.get(i).key());
      assertEquals(1, listed.get(i).size());
    }
    // Small pages force many continuation tokens.
    assertEquals(1205, await(store.listAll("many/", null, 100)).objects().size());
  }

  @Test
  void keysThatXmlCannotCarrySurviveAListing() throws Exception {
    // U+0001, U+001F: not allowed in XML 1.0 even as character references; CR: normalised away by XML parsers;
    // '+', '%', space: what URL decoding could confuse; U+FFFE: an XML non-character; U+1F600: a surrogate pair.
    List<String> keys = new ArrayList<>(List.of("odd/ctl\u0001one", "odd/ctl\u001ftwo", "odd/cr\rlf\n",
        "odd/plus+and space", "odd/percent%41%zz", "odd/tab\tx", "odd/del\u007f", "odd/non\uFFFEchar",
        "odd/emoji\uD83D\uDE00", "odd/dir\u0002/inner"));
    for (String key : keys) {
      server.blobStore().putBlob(bucket, server.blobStore().blobBuilder(key).payload(key.getBytes(UTF_8)).build());
    }
    // What the server holds, by its own blob store, in S3's order (code points = UTF-8 bytes).
    List<String> held = new ArrayList<>();
    for (var entry : server.blobStore().list(bucket, org.jclouds.blobstore.options.ListContainerOptions.Builder
        .prefix("odd/").recursive())) {
      held.add(entry.getName());
    }
    keys.sort(dev.quiver.store.ObjectKeys.ORDER);
    held.sort(dev.quiver.store.ObjectKeys.ORDER);
    assertEquals(keys, held, "the server holds the keys as written");

    List<ObjectMetadata> listed = await(store.list("odd/"));
    assertEquals(keys, listed.stream().map(ObjectMetadata::key).toList());
    for (ObjectMetadata object : listed) {
      assertEquals(object.key().getBytes(UTF_8).length, object.size(), object.key());
      ByteBuffer body = await(store.get(object.key()));
      byte[] bytes = new byte[body.remaining()];
      body.get(bytes);
      assertEquals(object.key(), new String(bytes, UTF_8));
    }
    ListResult level = await(store.list("odd/", "/"));
    assertEquals(List.of("odd/dir\u0002/"), level.commonPrefixes());
    assertEquals(keys.size() - 1, level.objects().size());
    assertEquals(List.of("odd/plus+and space"), await(store.list("odd/plus+")).stream().map(ObjectMetadata::key)
        .toList());
  }

  @Test
  void listingWithADelimiterGivesCommonPrefixes() {
    for (String key : List.of("a/x", "a/y", "a/b/1", "a/b/2", "a/c/d/e", "ab", "a.txt")) {
      await(store.put(key, ByteBuffer.wrap(key.getBytes(UTF_8)), PutMode.OVERWRITE));
    }
    ListResult level = await(store.list("a/", "/"));
    assertEquals(List.of("a/x", "a/y"), level.objects().stream().map(ObjectMetadata::key).toList());
    assertEquals(List.of("a/b/", "a/c/"), level.commonPrefixes());
    ListResult top = await(store.list("", "/"));
    assertEquals(List.of("a.txt", "ab"), top.objects().stream().map(ObjectMetadata::key).toList());
    assertEquals(List.of("a/"), top.commonPrefixes());
  }

  @Test
  void copyIsDoneByTheServer() {
    byte[] data = random(12345, 3);
    await(store.put("src/a b", ByteBuffer.wrap(data), PutMode.OVERWRITE));
    ObjectMetadata copied = await(store.copy("src/a b", "dst/c+d"));
    assertEquals(12345, copied.size());
    assertEquals(copied, await(store.head("dst/c+d")));
    assertArrayEquals(data, array(await(store.get("dst/c+d"))));
    assertEquals(Kind.NOT_FOUND, failure(() -> store.copy("src/none", "dst/none")).kind());
  }

  @Test
  void ifMatchReadsOnlyTheVersionSeen() {
    ObjectMetadata first = await(store.put("v", ByteBuffer.wrap("first".getBytes(UTF_8)), PutMode.OVERWRITE));
    assertEquals("first", new String(array(await(store.get("v", null, first.etag()))), UTF_8));
    assertEquals("irs", new String(array(await(store.get("v", new ByteRange(1, 3), first.etag()))), UTF_8));
    await(store.put("v", ByteBuffer.wrap("second".getBytes(UTF_8)), PutMode.OVERWRITE));
    assertEquals(Kind.PRECONDITION_FAILED, failure(() -> store.get("v", null, first.etag())).kind());
    assertEquals(Kind.PRECONDITION_FAILED, failure(() -> store.get("v", new ByteRange(0, 2), first.etag())).kind());
  }

  @Test
  void multipartUploadStoresThePartsInOrder() throws Exception {
    S3Store small = new S3Store(S3ProxyServer.config(bucket, server.endpoint())
        .withUploads(S3Config.MIN_PART_SIZE, 2));
    try (small) {
      byte[] data = random(3 * S3Config.MIN_PART_SIZE + 12345, 4);
      MultipartUpload upload = small.startUpload("big/object.bin");
      // Awkward write sizes, so parts straddle writes.
      int at = 0;
      int step = 1_000_003;
      while (at < data.length) {
        int n = Math.min(step, data.length - at);
        await(upload.write(ByteBuffer.wrap(data, at, n)));
        at += n;
      }
      assertFalse(server.blobStore().blobExists(bucket, "big/object.bin"), "nothing visible before complete");
      ObjectMetadata done = await(upload.complete());
      upload.close();
      assertEquals(data.length, done.size());
      assertTrue(done.etag().contains("-4"), "a multipart etag names its 4 parts: " + done.etag());
      Blob blob = server.blobStore().getBlob(bucket, "big/object.bin");
      assertArrayEquals(data, blob.getPayload().openStream().readAllBytes());
      assertEquals(List.of(), await(small.uploadsInProgress("big/object.bin")));
    }
  }

  @Test
  void oneLargeWriteIsCopiedAsPartSlotsFree() throws Exception {
    S3Store single = new S3Store(S3ProxyServer.config(bucket, server.endpoint())
        .withUploads(S3Config.MIN_PART_SIZE, 1));
    try (single) {
      byte[] data = random(2 * S3Config.MIN_PART_SIZE + 7, 13);
      MultipartUpload upload = single.startUpload("one-write");
      // With one part in flight, the write cannot copy its third part before the first is sent.
      await(upload.write(ByteBuffer.wrap(data)));
      assertEquals(data.length, await(upload.complete()).size());
      assertArrayEquals(data, server.blobStore().getBlob(bucket, "one-write").getPayload().openStream()
          .readAllBytes());
      assertEquals(IllegalStateException.class, overlapping(single));
    }
  }

  /** The failure of a write started while the previous one is still copying (more than two parts, one slot). */
  private static Class<?> overlapping(S3Store store) {
    MultipartUpload upload = store.startUpload("overlap");
    CompletableFuture<Void> first = upload.write(ByteBuffer.wrap(new byte[2 * S3Config.MIN_PART_SIZE + 1]));
    CompletableFuture<Void> second = upload.write(ByteBuffer.wrap(new byte[1]));
    Class<?> failure = second.handle((ok, e) -> e == null ? null : e.getClass()).join();
    upload.close();  // aborts, which also ends the first write
    first.handle((ok, e) -> null).join();
    return failure;
  }

  @Test
  void aSmallUploadIsOnePut() throws Exception {
    MultipartUpload upload = store.startUpload("small");
    await(upload.write(ByteBuffer.wrap("hello ".getBytes(UTF_8))));
    await(upload.write(ByteBuffer.wrap("world".getBytes(UTF_8))));
    assertEquals(11, await(upload.complete()).size());
    assertEquals("hello world", new String(array(await(store.get("small"))), UTF_8));
  }

  @Test
  void closingAnUploadWithoutCompleteLeavesNothing() throws Exception {
    S3Store small = new S3Store(S3ProxyServer.config(bucket, server.endpoint())
        .withUploads(S3Config.MIN_PART_SIZE, 2));
    try (small) {
      MultipartUpload upload = small.startUpload("abandoned");
      await(upload.write(ByteBuffer.wrap(random(S3Config.MIN_PART_SIZE + 10, 5))));
      upload.close();
      await(upload.abort());
      assertFalse(server.blobStore().blobExists(bucket, "abandoned"));
      assertEquals(List.of(), await(small.uploadsInProgress("abandoned")));
      assertEquals(Kind.IO_ERROR, failure(upload::complete).kind());
    }
  }

  @Test
  void closingTheStoreAbortsUnfinishedUploads() {
    S3Store closing = new S3Store(S3ProxyServer.config(bucket, server.endpoint())
        .withUploads(S3Config.MIN_PART_SIZE, 2));
    MultipartUpload upload = closing.startUpload("unfinished");
    await(upload.write(ByteBuffer.wrap(random(S3Config.MIN_PART_SIZE + 1, 11))));
    // The first part went out, so the upload exists on the server.
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (await(store.uploadsInProgress("unfinished")).isEmpty() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertEquals(1, await(store.uploadsInProgress("unfinished")).size());
    closing.close();
    assertEquals(List.of(), await(store.uploadsInProgress("unfinished")));
    assertFalse(server.blobStore().blobExists(bucket, "unfinished"));
  }

  @Test
  void presignedUrlsWorkWithAnyHttpClient() throws Exception {
    byte[] data = random(10_000, 12);
    java.net.http.HttpClient jdk = java.net.http.HttpClient.newHttpClient();
    java.net.URI put = store.presignedUrl("PUT", "shared/a b+c.bin", java.time.Duration.ofMinutes(5));
    var putResponse = jdk.send(java.net.http.HttpRequest.newBuilder(put)
        .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(data)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(200, putResponse.statusCode(), putResponse.body());
    assertArrayEquals(data, server.blobStore().getBlob(bucket, "shared/a b+c.bin").getPayload().openStream()
        .readAllBytes());
    java.net.URI get = store.presignedUrl("GET", "shared/a b+c.bin", java.time.Duration.ofMinutes(5));
    var getResponse = jdk.send(java.net.http.HttpRequest.newBuilder(get).build(),
        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, getResponse.statusCode());
    assertArrayEquals(data, getResponse.body());
    // Tampering with the URL breaks the signature.
    var tampered = jdk.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(get.toString()
        .replace("X-Amz-Expires=300", "X-Amz-Expires=301"))).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(403, tampered.statusCode());
  }

  @Test
  void manyConcurrentReadsShareTheBoundedPool() {
    byte[] data = random(1 << 20, 6);
    await(store.put("shared", ByteBuffer.wrap(data), PutMode.OVERWRITE));
    S3Store narrow = new S3Store(S3ProxyServer.config(bucket, server.endpoint())
        .withHttp(S3ProxyServer.config(bucket, server.endpoint()).http().withMaxConnectionsPerHost(2)));
    try (narrow) {
      List<CompletableFuture<ByteBuffer>> reads = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        reads.add(narrow.get("shared", new ByteRange(i * 16384L, 16384)));
      }
      for (int i = 0; i < 64; i++) {
        assertArrayEquals(java.util.Arrays.copyOfRange(data, i * 16384, (i + 1) * 16384), array(await(reads.get(i))));
      }
    }
  }

  @Test
  void futuresCompleteOffTheEventLoop() {
    await(store.put("t", ByteBuffer.wrap(new byte[3]), PutMode.OVERWRITE));
    String thread = await(store.get("t").thenApply(b -> Thread.currentThread().getName()));
    assertFalse(thread.startsWith("quiver-s3"), "completed on " + thread);
  }

  @Test
  void aLargeStreamHoldsOnlyABoundedNumberOfBytes() throws Exception {
    byte[] data = random(24 * 1024 * 1024, 9);
    server.blobStore().putBlob(bucket, server.blobStore().blobBuilder("huge").payload(data).build());
    S3ObjectStream stream = (S3ObjectStream) await(store.getStream("huge", null));
    byte[] got = new byte[data.length];
    int at = 0;
    byte[] chunk = new byte[64 * 1024];
    for (int n; (n = stream.read(chunk)) > 0; ) {
      System.arraycopy(chunk, 0, got, at, n);
      at += n;
      if ((at / n) % 32 == 0) {
        Thread.sleep(1);  // a slow reader: without backpressure the queue would grow towards the whole object
      }
    }
    stream.close();
    assertEquals(data.length, at);
    assertArrayEquals(data, got);
    assertTrue(stream.maxQueuedBytes() <= S3Store.STREAM_HIGH_WATERMARK + 256 * 1024,
        "at most the high watermark plus one socket read waited, not " + stream.maxQueuedBytes());
  }

  @Test
  void aStreamOfARangeAndAnAbandonedStream() throws Exception {
    byte[] data = random(4 * 1024 * 1024, 10);
    server.blobStore().putBlob(bucket, server.blobStore().blobBuilder("s").payload(data).build());
    try (var in = await(store.getStream("s", new ByteRange(1000, 3_000_000)))) {
      assertArrayEquals(java.util.Arrays.copyOfRange(data, 1000, 3_001_000), in.readAllBytes());
    }
    // Closed after a few bytes: the queued buffers are released and the connection dropped, not reused mid-body.
    var abandoned = await(store.getStream("s", null));
    assertEquals(data[0] & 0xFF, abandoned.read());
    abandoned.close();
    assertArrayEquals(java.util.Arrays.copyOfRange(data, 0, 10), array(await(store.get("s", new ByteRange(0, 10)))));
    assertEquals(Kind.NOT_FOUND, failure(() -> store.getStream("missing", null)).kind());
    assertEquals(Kind.INVALID_RANGE, failure(() -> store.getStream("s", new ByteRange(4 * 1024 * 1024 - 1, 2)))
        .kind());
  }

  static ObjectStoreException failure(Supplier<? extends CompletableFuture<?>> operation) {
    try {
      operation.get().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof ObjectStoreException s) {
        return s;
      }
      throw new AssertionError("failed with " + e.getCause(), e);
    }
    throw new AssertionError("expected a failure");
  }

  static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  static byte[] array(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
