package dev.quiver.store.s3;

import static dev.quiver.store.ObjectStores.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.store.ObjectStoreException;
import dev.quiver.store.ObjectStoreException.Kind;
import dev.quiver.store.PutMode;
import dev.quiver.store.s3.testing.S3ProxyServer;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS against S3Proxy's HTTPS endpoint, with a self-signed certificate for 127.0.0.1 made by the JDK's
 * {@code keytool}: trusted through a CA bundle it works (signing with UNSIGNED-PAYLOAD, as over TLS); untrusted, or
 * under another host name, the handshake fails at once, without retries.
 */
class TlsTest {

  @TempDir
  static Path dir;
  static S3ProxyServer server;
  static Path certificate;
  static String bucket;

  @BeforeAll
  static void start() throws Exception {
    Path keyStore = dir.resolve("s3proxy.p12");
    certificate = dir.resolve("s3proxy.pem");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    run(keytool, "-genkeypair", "-alias", "s3proxy", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12", "-keystore",
        keyStore.toString(), "-storepass", "password", "-keypass", "password");
    run(keytool, "-exportcert", "-rfc", "-alias", "s3proxy", "-keystore", keyStore.toString(), "-storepass",
        "password", "-file", certificate.toString());
    server = new S3ProxyServer(keyStore, "password");
    bucket = server.newBucket();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static void run(String... command) throws Exception {
    Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, String.join(" ", command) + ": "
        + output);
  }

  private static S3Config config(String host, Path trusted) {
    S3Config config = S3ProxyServer.config(bucket, URI.create("https://" + host + ":" + server.securePort()));
    return trusted == null ? config : config.withHttp(config.http().withTrustedCertificates(trusted));
  }

  @Test
  void aTrustedServerIsReachedOverTls() {
    try (S3Store store = new S3Store(config("127.0.0.1", certificate))) {
      assertTrue(store.config().tls());
      byte[] data = StoreData.random(300_000, 1);
      await(store.put("secure/x", ByteBuffer.wrap(data), PutMode.OVERWRITE));
      assertArrayEquals(data, StoreData.array(await(store.get("secure/x"))));
      assertEquals(List.of("secure/x"), await(store.list("secure/")).stream().map(m -> m.key()).toList());
    }
  }

  @Test
  void anUntrustedCertificateFailsWithoutRetries() {
    try (S3Store store = new S3Store(config("127.0.0.1", null))) {
      ObjectStoreException e = StoreData.failure(() -> store.head("x"));
      assertEquals(Kind.IO_ERROR, e.kind());
      assertTrue(e.getMessage().contains("TLS handshake failed") && !e.getMessage().contains("gave up"),
          e.getMessage());
    }
  }

  @Test
  void aCertificateForAnotherHostIsRefused() {
    try (S3Store store = new S3Store(config("localhost", certificate))) {
      ObjectStoreException e = StoreData.failure(() -> store.head("x"));
      assertTrue(e.getMessage().contains("TLS handshake failed"), e.getMessage());
    }
  }
}
