package dev.quiver.store.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.store.s3.auth.Credentials;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * How buckets and keys become URLs (S3 user guide, "Virtual hosting of buckets" and path-style requests), seen
 * through presigned URLs, which need no network.
 */
class S3AddressingTest {

  static final Credentials CREDENTIALS = Credentials.of("AKIDEXAMPLE", "secret");

  @Test
  void awsIsVirtualHostedOverTls() {
    try (S3Store store = new S3Store(S3Config.of("my-bucket", "eu-west-1", CREDENTIALS))) {
      String url = store.presignedUrl("GET", "dir/a b+c\u00e9.parquet", Duration.ofMinutes(1)).toString();
      assertTrue(url.startsWith("https://my-bucket.s3.eu-west-1.amazonaws.com/dir/a%20b%2Bc%C3%A9.parquet?"), url);
      assertTrue(url.contains("X-Amz-Credential=AKIDEXAMPLE%2F") && url.contains("%2Feu-west-1%2Fs3%2Faws4_request"),
          url);
    }
  }

  @Test
  void customEndpointsArePathStyleAndKeepTheirScheme() {
    S3Config config = S3Config.of("bkt", "us-east-1", CREDENTIALS).withEndpoint(URI.create("http://127.0.0.1:9000"));
    try (S3Store store = new S3Store(config)) {
      assertTrue(store.presignedUrl("PUT", "k", Duration.ofMinutes(1)).toString()
          .startsWith("http://127.0.0.1:9000/bkt/k?"));
    }
    S3Config tls = S3Config.of("bkt", "auto", CREDENTIALS).withEndpoint(URI.create("https://acct.r2.example.com"));
    try (S3Store store = new S3Store(tls)) {
      assertTrue(store.presignedUrl("GET", "k", Duration.ofMinutes(1)).toString()
          .startsWith("https://acct.r2.example.com/bkt/k?"));
    }
  }

  @Test
  void badConfigurationsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> S3Config.of("Bad_Bucket", "us-east-1", CREDENTIALS));
    assertThrows(IllegalArgumentException.class,
        () -> S3Config.of("bkt", "us-east-1", CREDENTIALS).withUploads(5 * 1024 * 1024 - 1, 4));
    assertThrows(IllegalArgumentException.class,
        () -> S3Config.of("bkt", "us-east-1", CREDENTIALS).withEndpoint(URI.create("ftp://host")));
    try (S3Store anonymous = new S3Store(S3Config.of("bkt", "us-east-1", null))) {
      assertThrows(IllegalStateException.class, () -> anonymous.presignedUrl("GET", "k", Duration.ofMinutes(1)));
    }
    assertEquals("S3Config[bucket=bkt, region=us-east-1, endpoint=AWS, credentials=Credentials[accessKeyId=AKIDEXAMPLE,"
        + " secret=****, sessionToken=none]]", S3Config.of("bkt", "us-east-1", CREDENTIALS).toString());
  }
}
