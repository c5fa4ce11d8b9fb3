package dev.quiver.store.s3;

import dev.quiver.store.ObjectStore;
import dev.quiver.store.ObjectStoreContractTest;
import dev.quiver.store.s3.testing.FaultProxy;
import dev.quiver.store.s3.testing.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The contract every store keeps, against a real S3 server (S3Proxy on loopback), a fresh bucket per test. Requests
 * pass through {@link FaultProxy} without faults, which supplies the conditional create S3Proxy lacks.
 */
class S3StoreContractTest extends ObjectStoreContractTest {

  static S3ProxyServer server;
  static FaultProxy front;

  @BeforeAll
  static void startServer() throws Exception {
    server = new S3ProxyServer();
    // No faults: the proxy only adds S3's conditional create (If-None-Match: *), which S3Proxy 2.6 ignores.
    front = new FaultProxy(server.port(), server.blobStore());
  }

  @AfterAll
  static void stopServer() throws Exception {
    front.close();
    server.close();
  }

  @Override
  protected ObjectStore createStore() {
    return new S3Store(S3ProxyServer.config(server.newBucket(), front.endpoint()));
  }
}
