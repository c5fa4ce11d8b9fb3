package dev.quiver.store.s3;

import static dev.quiver.store.ObjectStores.await;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.store.ObjectLocation;
import dev.quiver.store.ObjectStores;
import dev.quiver.store.PutMode;
import dev.quiver.store.s3.auth.AwsEnvironment;
import dev.quiver.store.s3.http.SharedEventLoopGroup;
import dev.quiver.store.s3.testing.S3ProxyServer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The S3 stores that {@link ObjectStores#resolve} makes share one Netty event loop group, started with the first and
 * shut down with the last; stores built explicitly keep their own group or run on the caller's. Requests go to a
 * real S3 server (S3Proxy on loopback) and the bytes are checked through the server's own blob store.
 */
class SharedEventLoopTest {

  static S3ProxyServer server;
  static AwsEnvironment aws;

  @BeforeAll
  static void startServer() throws Exception {
    server = new S3ProxyServer();
    aws = AwsEnvironment.load(Map.of("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY, "AWS_REGION", "us-east-1",
        "AWS_ENDPOINT_URL", server.endpoint().toString()), Path.of("/nonexistent-home"));
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void resolvedStoresShareOneGroupUntilTheLastCloses() throws Exception {
    // Tests run one class at a time, and every other test closes what it resolves.
    int before = SharedEventLoopGroup.references();
    assertEquals(0, before, "no other store holds the shared group");
    String first = server.newBucket();
    String second = server.newBucket();
    ObjectLocation a = ObjectStores.resolve("s3://" + first + "/a.bin", aws);
    ObjectLocation b = ObjectStores.resolve("s3://" + second + "/b.bin", aws);
    EventLoopGroup group = ((S3Store) a.store()).eventLoopGroup();
    assertSame(group, ((S3Store) b.store()).eventLoopGroup(), "both stores run on one group");
    assertEquals(before + 2, SharedEventLoopGroup.references());
    putAndCheck(a, first, "first");
    putAndCheck(b, second, "second");

    a.close();
    assertFalse(group.isShuttingDown(), "another store still uses the group");
    assertEquals(before + 1, SharedEventLoopGroup.references());
    putAndCheck(b, second, "still working");

    b.close();
    assertEquals(0, SharedEventLoopGroup.references());
    assertTrue(group.isShuttingDown(), "the last store stopped the group");
    assertTrue(group.awaitTermination(10, TimeUnit.SECONDS));
    // The next resolve starts a new group.
    try (ObjectLocation c = ObjectStores.resolve("s3://" + first + "/c.bin", aws)) {
      EventLoopGroup next = ((S3Store) c.store()).eventLoopGroup();
      assertNotSame(group, next);
      assertFalse(next.isShuttingDown());
      putAndCheck(c, first, "after a restart");
    }
  }

  @Test
  void explicitStoresKeepTheirOwnGroupOrTheCallers() throws Exception {
    String bucket = server.newBucket();
    S3Config config = S3ProxyServer.config(bucket, server.endpoint());
    try (ObjectLocation shared = ObjectStores.resolve("s3://" + bucket + "/shared", aws)) {
      EventLoopGroup sharedGroup = ((S3Store) shared.store()).eventLoopGroup();
      S3Store own = new S3Store(config);
      EventLoopGroup ownGroup = own.eventLoopGroup();
      assertNotSame(sharedGroup, ownGroup);
      await(own.put("own", ByteBuffer.wrap("own".getBytes(UTF_8)), PutMode.OVERWRITE));
      own.close();
      assertTrue(ownGroup.isShuttingDown(), "a store's own group stops with it");
      assertFalse(sharedGroup.isShuttingDown());

      EventLoopGroup callers = new NioEventLoopGroup(1);
      try {
        S3Store borrowed = new S3Store(config, callers);
        assertSame(callers, borrowed.eventLoopGroup());
        await(borrowed.put("borrowed", ByteBuffer.wrap("borrowed".getBytes(UTF_8)), PutMode.OVERWRITE));
        borrowed.close();
        assertFalse(callers.isShuttingDown(), "the caller's group outlives the store");
        // The group still serves a new store after the first one closed.
        try (S3Store again = new S3Store(config, callers)) {
          assertEquals("borrowed", new String(server.blobStore().getBlob(bucket, "borrowed").getPayload()
              .openStream().readAllBytes(), UTF_8));
          assertEquals(8, await(again.head("borrowed")).size());
        }
      } finally {
        callers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void concurrentResolvesAndClosesBalanceTheCount() throws Exception {
    int before = SharedEventLoopGroup.references();
    String bucket = server.newBucket();
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        done.add(threads.submit(() -> {
          for (int i = 0; i < 5; i++) {
            try (ObjectLocation location = ObjectStores.resolve("s3://" + bucket + "/t" + thread, aws)) {
              putAndCheck(location, bucket, "thread " + thread + " round " + i);
            }
          }
          return null;
        }));
      }
      for (Future<?> future : done) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }
    assertEquals(before, SharedEventLoopGroup.references());
  }

  /** Puts {@code text} at the location's key and checks the server holds it. */
  private static void putAndCheck(ObjectLocation location, String bucket, String text) throws Exception {
    await(location.store().put(location.key(), ByteBuffer.wrap(text.getBytes(UTF_8)), PutMode.OVERWRITE));
    byte[] held = server.blobStore().getBlob(bucket, location.key()).getPayload().openStream().readAllBytes();
    assertEquals(text, new String(held, UTF_8));
  }
}
