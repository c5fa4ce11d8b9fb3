package dev.quiver.store.s3;

import static dev.quiver.store.ObjectStores.await;
import static dev.quiver.store.s3.testing.FaultProxy.method;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.store.ByteRange;
import dev.quiver.store.MultipartUpload;
import dev.quiver.store.ObjectStoreException;
import dev.quiver.store.ObjectStoreException.Kind;
import dev.quiver.store.PutMode;
import dev.quiver.store.s3.testing.FaultProxy;
import dev.quiver.store.s3.testing.FaultProxy.CutBody;
import dev.quiver.store.s3.testing.FaultProxy.Delay;
import dev.quiver.store.s3.testing.FaultProxy.Reset;
import dev.quiver.store.s3.testing.FaultProxy.Respond;
import dev.quiver.store.s3.testing.S3ProxyServer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.jclouds.blobstore.domain.Blob;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retries, resumption and clean failure, with faults injected by {@link FaultProxy} between our client and a real
 * S3 server (S3Proxy). Bytes are checked against the server's own blob store.
 */
class FaultInjectionTest {

  static S3ProxyServer server;
  FaultProxy proxy;
  String bucket;
  S3Store store;
  S3Store direct;

  @BeforeAll
  static void startServer() throws Exception {
    server = new S3ProxyServer();
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  @BeforeEach
  void open() throws Exception {
    proxy = new FaultProxy(server.port(), server.blobStore());
    bucket = server.newBucket();
    S3Config config = S3ProxyServer.config(bucket, proxy.endpoint());
    store = new S3Store(config.withHttp(config.http().withReadIdleTimeout(Duration.ofMillis(1000))));
    direct = new S3Store(S3ProxyServer.config(bucket, server.endpoint()));
  }

  @AfterEach
  void close() throws Exception {
    store.close();
    direct.close();
    proxy.close();
  }

  @Test
  void slowDownAndServerErrorsAreRetried() {
    byte[] data = StoreData.random(200_000, 1);
    proxy.once(method("PUT"), new Respond(500, "InternalError"))
        .once(method("PUT"), new Respond(503, "SlowDown"));
    await(store.put("k", ByteBuffer.wrap(data), PutMode.OVERWRITE));
    assertArrayEquals(data, serverBytes("k"));

    proxy.once(method("GET"), new Respond(503, "SlowDown"))
        .once(method("GET"), new Respond(502, "BadGateway"))
        .once(method("GET"), new Respond(429, "TooManyRequests"));
    assertArrayEquals(data, StoreData.array(await(store.get("k"))));
    assertEquals(5, proxy.faultsApplied(), proxy.log().toString());
  }

  @Test
  void resetsAreRetried() {
    byte[] data = StoreData.random(50_000, 2);
    server.blobStore().putBlob(bucket, server.blobStore().blobBuilder("r").payload(data).build());
    proxy.once(method("GET"), new Reset()).once(method("HEAD"), new Reset())
        .once(method("HEAD"), new Respond(503, "SlowDown"));
    assertArrayEquals(Arrays.copyOfRange(data, 100, 40_100),
        StoreData.array(await(store.get("r", new ByteRange(100, 40_000)))));
    assertEquals(50_000, await(store.head("r")).size());
    assertEquals(3, proxy.faultsApplied());
  }

  @Test
  void aCutGetResumesFromTheLastByteWithIfMatch() {
    byte[] data = StoreData.random(3 * 1024 * 1024, 3);
    server.blobStore().putBlob(bucket, server.blobStore().blobBuilder("big").payload(data).build());
    proxy.once(method("GET"), new CutBody(1_000_000)).once(method("GET"), new CutBody(500_000));
    assertArrayEquals(data, StoreData.array(await(store.get("big"))));
    List<String> gets = proxy.log().stream().filter(line -> line.startsWith("GET")).toList();
    assertEquals(3, gets.size(), gets.toString());
    // Resumed where the cut left off, pinned to the first response's ETag.
    assertTrue(gets.get(1).contains("range=bytes=1000000-") && gets.get(1).contains("if-match="), gets.get(1));
    assertTrue(gets.get(2).contains("range=bytes=1500000-") && gets.get(2).contains("if-match="), gets.get(2));

    proxy.once(method("GET"), new CutBody(10_000));
    ByteRange range = new ByteRange(123_456, 1_000_000);
    assertArrayEquals(Arrays.copyOfRange(data, 123_456, 1_123_456), StoreData.array(await(store.get("big", range))));
    assertTrue(proxy.log().get(proxy.log().size() - 1).contains("range=bytes=133456-1123455"), proxy.log().toString());
  }

  @Test
  void aCutStreamResumesBehindTheReadersBack() throws Exception {
    byte[] data = StoreData.random(3 * 1024 * 1024, 11);
    server.blobStore().putBlob(bucket, server.blobStore().blobBuilder("streamed").payload(data).build());
    proxy.once(method("GET"), new CutBody(700_000)).once(method("GET"), new Reset());
    try (var in = await(store.getStream("streamed", null))) {
      assertArrayEquals(data, in.readAllBytes());
    }
    List<String> gets = proxy.log().stream().filter(line -> line.startsWith("GET")).toList();
    assertTrue(gets.get(1).contains("range=bytes=700000-") && gets.get(1).contains("if-match="), gets.toString());
  }

  @Test
  void aResumedGetOfAReplacedObjectFailsInsteadOfMixingVersions() {
    byte[] first = StoreData.random(2 * 1024 * 1024, 4);
    server.blobStore().putBlob(bucket, server.blobStore().blobBuilder("moving").payload(first).build());
    // The first GET is cut; before the resumed GET reaches the server, the object is replaced.
    FaultProxy.Request[] seen = new FaultProxy.Request[1];
    proxy.once(r -> {
      if (r.method().equals("GET") && seen[0] == null) {
        seen[0] = r;
        return true;
      }
      return false;
    }, new CutBody(300_000));
    proxy.once(r -> {
      if (r.method().equals("GET")) {
        server.blobStore().putBlob(bucket, server.blobStore().blobBuilder("moving")
            .payload(StoreData.random(2 * 1024 * 1024, 5)).build());
      }
      return false;  // never matches: the predicate only replaces the object as the request passes
    }, new Delay(0));
    ObjectStoreException e = StoreData.failure(() -> store.get("moving"));
    assertEquals(Kind.PRECONDITION_FAILED, e.kind(), e.getMessage());
    assertTrue(e.getMessage().contains("changed while it was being read"), e.getMessage());
  }

  @Test
  void aStalledResponseTimesOutAndIsRetried() {
    byte[] data = StoreData.random(10_000, 6);
    server.blobStore().putBlob(bucket, server.blobStore().blobBuilder("slow").payload(data).build());
    proxy.once(method("GET"), new Delay(2_500));
    assertArrayEquals(data, StoreData.array(await(store.get("slow"))));
    assertEquals(1, proxy.faultsApplied());
  }

  @Test
  void anErrorDocumentInA200IsRetried() {
    byte[] data = StoreData.random(1000, 7);
    await(direct.put("src", ByteBuffer.wrap(data), PutMode.OVERWRITE));
    proxy.once(r -> r.method().equals("PUT") && r.header("x-amz-copy-source") != null,
        new Respond(200, "InternalError"));
    assertEquals(1000, await(store.copy("src", "dst")).size());
    assertArrayEquals(data, serverBytes("dst"));
    assertEquals(1, proxy.faultsApplied());
  }

  @Test
  void anInterruptedMultipartUploadIsAbortedAndLeavesNothing() {
    S3Config config = S3ProxyServer.config(bucket, proxy.endpoint()).withUploads(S3Config.MIN_PART_SIZE, 2);
    try (S3Store uploads = new S3Store(config)) {
      proxy.always(r -> r.method().equals("PUT") && r.query().contains("partNumber=2"), new Reset());
      MultipartUpload upload = uploads.startUpload("interrupted");
      byte[] part = StoreData.random(S3Config.MIN_PART_SIZE, 8);
      ObjectStoreException failure = null;
      for (int i = 0; i < 4 && failure == null; i++) {
        try {
          await(upload.write(ByteBuffer.wrap(part)));
        } catch (ObjectStoreException e) {
          failure = e;
        }
      }
      if (failure == null) {
        failure = StoreData.failure(upload::complete);
      }
      assertEquals(Kind.IO_ERROR, failure.kind(), failure.getMessage());
      await(upload.abort());
      assertFalse(server.blobStore().blobExists(bucket, "interrupted"));
      assertEquals(List.of(), await(direct.uploadsInProgress("interrupted")), "the upload was aborted");
      assertTrue(proxy.log().stream().anyMatch(line -> line.startsWith("DELETE") && line.contains("uploadId")),
          proxy.log().toString());
    }
  }

  @Test
  void aRequestThatKeepsFailingEndsWithAClearErrorWithinItsBudget() {
    proxy.always(FaultProxy.any(), new Respond(503, "SlowDown"));
    long start = System.nanoTime();
    ObjectStoreException e = StoreData.failure(() -> store.get("anything"));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(Kind.THROTTLED, e.kind());
    assertEquals("FAULT-SlowDown", e.requestId());
    assertTrue(e.getMessage().contains("HTTP 503 SlowDown") && e.getMessage().contains("gave up after 5 attempts"),
        e.getMessage());
    assertEquals(5, proxy.requests());
    assertTrue(millis < 10_000, "took " + millis + " ms");

    proxy.clear();
    proxy.always(FaultProxy.any(), new Reset());
    ObjectStoreException reset = StoreData.failure(() -> store.head("anything"));
    assertEquals(Kind.IO_ERROR, reset.kind());
    assertTrue(reset.getMessage().contains("gave up after 5 attempts"), reset.getMessage());
  }

  @Test
  void notFoundAndAccessDeniedAreNotRetried() {
    assertEquals(Kind.NOT_FOUND, StoreData.failure(() -> store.get("missing")).kind());
    assertEquals(1, proxy.requests());
    proxy.once(FaultProxy.any(), new Respond(403, "AccessDenied"));
    assertEquals(Kind.ACCESS_DENIED, StoreData.failure(() -> store.get("x")).kind());
    assertEquals(2, proxy.requests());
  }

  @Test
  void aRequestLostOnAKeepAliveConnectionTheServerDroppedIsRetriedEvenIfNotIdempotent() {
    await(store.put("warm", ByteBuffer.wrap(new byte[10]), PutMode.OVERWRITE));  // leaves a pooled connection
    int before = proxy.connections();
    // CreateMultipartUpload (a POST) on the reused connection is read and dropped without an answer.
    proxy.once(r -> r.method().equals("POST") && r.query().startsWith("uploads"), new FaultProxy.Drop());
    S3Config config = S3ProxyServer.config(bucket, proxy.endpoint()).withUploads(S3Config.MIN_PART_SIZE, 1);
    try (S3Store uploads = new S3Store(config)) {
      await(uploads.head("warm"));  // this store's own pooled connection
      MultipartUpload upload = uploads.startUpload("after-drop");
      await(upload.write(ByteBuffer.wrap(StoreData.random(S3Config.MIN_PART_SIZE, 12))));
      assertEquals(S3Config.MIN_PART_SIZE, await(upload.complete()).size());
    }
    assertEquals(1, proxy.faultsApplied(), proxy.log().toString());
    assertTrue(proxy.connections() > before);

    // On a fresh connection the same loss may mean the server acted on the POST: it is not repeated.
    proxy.once(r -> r.method().equals("POST") && r.query().startsWith("uploads"), new FaultProxy.Drop());
    try (S3Store fresh = new S3Store(config)) {
      MultipartUpload upload = fresh.startUpload("fresh-drop");
      ObjectStoreException e = StoreData.failure(() -> upload.write(
          ByteBuffer.wrap(StoreData.random(S3Config.MIN_PART_SIZE, 13))).thenCompose(x -> upload.complete()));
      assertEquals(Kind.IO_ERROR, e.kind());
      assertTrue(e.getMessage().contains("closed before a response"), e.getMessage());
    }
    assertFalse(server.blobStore().blobExists(bucket, "fresh-drop"));
  }

  @Test
  void idleConnectionsAreClosedByTheClientBeforeTheServerWould() throws Exception {
    S3Config config = S3ProxyServer.config(bucket, proxy.endpoint());
    try (S3Store evicting = new S3Store(config.withHttp(config.http().withIdleEviction(Duration.ofMillis(200))))) {
      await(evicting.put("idle", ByteBuffer.wrap(new byte[1]), PutMode.OVERWRITE));
      int connections = proxy.connections();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (proxy.clientCloses() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertTrue(proxy.clientCloses() > 0, "the idle connection was closed by the client");
      assertEquals(1, await(evicting.head("idle")).size());
      assertEquals(connections + 1, proxy.connections(), "a new connection replaced the evicted one");
    }
  }

  @Test
  void requestsBeyondTheBoundOnWaitingAcquiresFailAtOnceAsThrottled() {
    await(direct.put("held", ByteBuffer.wrap(new byte[5]), PutMode.OVERWRITE));
    S3Config config = S3ProxyServer.config(bucket, proxy.endpoint())
        .withRetry(new RetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(5)));
    config = config.withHttp(config.http().withMaxConnectionsPerHost(1).withMaxPendingAcquires(1));
    try (S3Store narrow = new S3Store(config)) {
      proxy.once(method("GET"), new Delay(1500));  // holds the only connection
      List<java.util.concurrent.CompletableFuture<ByteBuffer>> reads = new java.util.ArrayList<>();
      for (int i = 0; i < 6; i++) {
        reads.add(narrow.get("held"));
      }
      int ok = 0;
      int throttled = 0;
      for (var read : reads) {
        try {
          assertEquals(5, read.join().remaining());
          ok++;
        } catch (java.util.concurrent.CompletionException e) {
          ObjectStoreException failure = (ObjectStoreException) e.getCause();
          assertEquals(Kind.THROTTLED, failure.kind(), failure.getMessage());
          assertTrue(failure.getMessage().contains("wait for a connection"), failure.getMessage());
          throttled++;
        }
      }
      assertEquals(2, ok, "one on the connection, one waiting for it");
      assertEquals(4, throttled);
    }
  }

  @Test
  void faultsInsideTheServerAreRetriedAndResumed() {
    byte[] data = StoreData.random(2 * 1024 * 1024, 14);
    server.blobStore().putBlob(bucket, server.blobStore().blobBuilder("inner").payload(data).build());
    try {
      // S3Proxy's own backing store fails twice, then breaks a body mid-way (S3Proxy cuts the response itself).
      server.flaky().failGets.set(2);
      server.flaky().truncateAfter = 600_000;
      server.flaky().truncateGets.set(1);
      int before = server.flaky().gets.get();
      assertArrayEquals(data, StoreData.array(await(direct.get("inner"))));
      assertEquals(4, server.flaky().gets.get() - before, "two failures, one cut body, one resumption");
    } finally {
      server.flaky().failGets.set(0);
      server.flaky().truncateGets.set(0);
    }
  }

  private byte[] serverBytes(String key) {
    Blob blob = server.blobStore().getBlob(bucket, key);
    try (var in = blob.getPayload().openStream()) {
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
