package dev.quiver.bench.s3;

import java.net.URI;
import java.time.Duration;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * An S3 server on loopback for the benchmark: S3Proxy with jclouds' in-memory {@code transient} blob store, SigV4
 * required, listening on a free port of 127.0.0.1 over plain HTTP. Objects are stored through the blob store
 * directly, so setting up costs no S3 request.
 */
public final class LoopbackS3 implements AutoCloseable {

  /** The access key both clients sign with. */
  public static final String ACCESS_KEY = "AKIAQUIVERBENCH00001";
  /** The secret key both clients sign with. */
  public static final String SECRET_KEY = "quiver/bench+secret/key000000000000000000";
  /** The region both clients sign for. */
  public static final String REGION = "us-east-1";

  private final BlobStoreContext context;
  private final S3Proxy proxy;

  /**
   * Starts the server and waits (up to 30 s) until it listens.
   *
   * @throws Exception when S3Proxy does not start
   */
  public LoopbackS3() throws Exception {
    context = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
        .overrides(new Properties()).build(BlobStoreContext.class);
    proxy = S3Proxy.builder()
        .blobStore(context.getBlobStore())
        .awsAuthentication(AuthenticationType.AWS_V4, ACCESS_KEY, SECRET_KEY)
        .endpoint(URI.create("http://127.0.0.1:0"))
        .build();
    proxy.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        close();
        throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
      }
      Thread.sleep(5);
    }
  }

  /** {@code http://127.0.0.1:PORT}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  /** Creates {@code bucket} (if needed) and stores {@code bytes} under {@code key}, replacing any object there. */
  public void put(String bucket, String key, byte[] bytes) {
    BlobStore store = context.getBlobStore();
    store.createContainerInLocation(null, bucket);
    store.putBlob(bucket, store.blobBuilder(key).payload(bytes).contentLength(bytes.length).build());
  }

  /** Stops the server and drops its contents. */
  @Override
  public void close() throws Exception {
    try {
      proxy.stop();
    } finally {
      context.close();
    }
  }
}
