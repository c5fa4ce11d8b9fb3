package dev.quiver.store.s3.testing;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * Starts S3Proxy by hand, for trying {@code quiver} against S3 (see s3-client/README.md):
 * {@code --port 9000 --bucket demo --put local/file.parquet=key.parquet ...}. In memory (jclouds
 * {@code transient}), SigV4 with the test credentials {@link S3ProxyServer#ACCESS_KEY} /
 * {@link S3ProxyServer#SECRET_KEY}, on 127.0.0.1. Runs until killed.
 */
public final class S3ProxyMain {

  private S3ProxyMain() {}

  public static void main(String[] args) throws Exception {
    int port = 9000;
    String bucket = "demo";
    List<String[]> puts = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--bucket" -> bucket = args[++i];
        case "--put" -> {
          String spec = args[++i];
          int eq = spec.lastIndexOf('=');
          puts.add(eq < 0 ? new String[] {spec, Path.of(spec).getFileName().toString()}
              : new String[] {spec.substring(0, eq), spec.substring(eq + 1)});
        }
        default -> throw new IllegalArgumentException("usage: [--port N] [--bucket NAME] [--put FILE[=KEY]]...");
      }
    }
    BlobStoreContext context = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
        .build(BlobStoreContext.class);
    BlobStore blobs = context.getBlobStore();
    blobs.createContainerInLocation(null, bucket);
    for (String[] put : puts) {
      byte[] bytes = Files.readAllBytes(Path.of(put[0]));
      blobs.putBlob(bucket, blobs.blobBuilder(put[1]).payload(bytes).contentLength(bytes.length).build());
      System.out.println("put s3://" + bucket + "/" + put[1] + " (" + bytes.length + " bytes)");
    }
    S3Proxy proxy = S3Proxy.builder().blobStore(blobs)
        .awsAuthentication(AuthenticationType.AWS_V4, S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
        .endpoint(URI.create("http://127.0.0.1:" + port)).build();
    proxy.start();
    while (!"STARTED".equals(proxy.getState())) {
      Thread.sleep(10);
    }
    System.out.println("S3Proxy listening on http://127.0.0.1:" + proxy.getPort() + ", bucket " + bucket);
    System.out.println("export AWS_ENDPOINT_URL=http://127.0.0.1:" + proxy.getPort()
        + " AWS_ACCESS_KEY_ID=" + S3ProxyServer.ACCESS_KEY + " AWS_SECRET_ACCESS_KEY='" + S3ProxyServer.SECRET_KEY
        + "' AWS_REGION=us-east-1");
    new CountDownLatch(1).await();
  }
}
