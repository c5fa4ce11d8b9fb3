package dev.quiver.store.s3.testing;

import dev.quiver.store.s3.RetryPolicy;
import dev.quiver.store.s3.S3Config;
import dev.quiver.store.s3.auth.Credentials;
import java.net.URI;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 server for tests: S3Proxy on 127.0.0.1 with an ephemeral port, over jclouds' in-memory
 * {@code transient} blob store, SigV4 authentication enforced. Started by the tests themselves.
 */
public final class S3ProxyServer implements AutoCloseable {

  public static final String ACCESS_KEY = "AKIAQUIVERTEST000001";
  public static final String SECRET_KEY = "quiver/test+secret/key0000000000000000000";

  private static final AtomicInteger BUCKETS = new AtomicInteger();

  private final BlobStoreContext context;
  private final FlakyBlobStore flaky;
  private final S3Proxy proxy;

  public S3ProxyServer() throws Exception {
    this(null, null);
  }

  /**
   * A server that also listens with TLS ({@link #securePort()}), with the key and certificate of a PKCS#12
   * keystore.
   *
   * @param keyStore the keystore file, or null for plain HTTP only
   * @param password the keystore's password
   */
  public S3ProxyServer(java.nio.file.Path keyStore, String password) throws Exception {
    Properties properties = new Properties();
    context = ContextBuilder.newBuilder("transient").credentials("identity", "credential").overrides(properties)
        .build(BlobStoreContext.class);
    flaky = new FlakyBlobStore(context.getBlobStore());
    S3Proxy.Builder builder = S3Proxy.builder()
        .blobStore(flaky)
        .awsAuthentication(AuthenticationType.AWS_V4, ACCESS_KEY, SECRET_KEY)
        .endpoint(URI.create("http://127.0.0.1:0"));
    if (keyStore != null) {
      builder.secureEndpoint(URI.create("https://127.0.0.1:0")).keyStore(keyStore.toString(), password);
    }
    proxy = builder.build();
    proxy.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
      }
      Thread.sleep(5);
    }
  }

  /** The port S3Proxy listens on. */
  public int port() {
    return proxy.getPort();
  }

  /** The TLS port, when started with a keystore. */
  public int securePort() {
    return proxy.getSecurePort();
  }

  /** {@code http://127.0.0.1:PORT}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** The fault-injecting blob store S3Proxy serves from (it forwards to {@link #blobStore()}). */
  public FlakyBlobStore flaky() {
    return flaky;
  }

  /** The jclouds blob store behind S3Proxy, to set up and inspect state without going through our client. */
  public BlobStore blobStore() {
    return context.getBlobStore();
  }

  /** Creates a new, empty bucket and returns its name. */
  public String newBucket() {
    String name = "quiver-test-" + BUCKETS.incrementAndGet();
    blobStore().createContainerInLocation(null, name);
    return name;
  }

  /** A store configuration for {@code bucket} at {@code endpoint}, with the server's credentials and fast retries. */
  public static S3Config config(String bucket, URI endpoint) {
    return S3Config.of(bucket, "us-east-1", Credentials.of(ACCESS_KEY, SECRET_KEY))
        .withEndpoint(endpoint)
        .withRetry(new RetryPolicy(5, Duration.ofMillis(10), Duration.ofMillis(200), Duration.ofSeconds(20)));
  }

  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("S3Proxy did not stop", e);
    } finally {
      context.close();
    }
  }
}
