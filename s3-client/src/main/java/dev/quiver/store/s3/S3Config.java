package dev.quiver.store.s3;

import dev.quiver.store.s3.auth.AwsEnvironment;
import dev.quiver.store.s3.auth.Credentials;
import dev.quiver.store.s3.http.HttpClientSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How an {@link S3Store} reaches its bucket. Immutable; {@code with...} methods return changed copies.
 *
 * @param bucket the bucket name (S3's naming rules: 3 to 63 of {@code a-z 0-9 . -})
 * @param region the signing region
 * @param endpoint a custom endpoint ({@code http://127.0.0.1:9000}); empty for AWS, reached at
 *     {@code https://BUCKET.s3.REGION.amazonaws.com} (virtual-hosted style). A custom endpoint is addressed path
 *     style ({@code ENDPOINT/BUCKET/KEY}); plain HTTP is used only when it says {@code http://}
 * @param credentials the credentials; empty sends unsigned requests (public buckets)
 * @param http the connection limits and timeouts
 * @param retry the retry limits
 * @param coalesceGap ranges of one {@code getRanges} closer than this many bytes are read by one request
 * @param maxCoalescedRead merging stops before one request would read more than this many bytes
 * @param partSize the part size of multipart uploads in bytes, at least 5 MiB (S3's minimum for all but the last)
 * @param maxPartsInFlight parts of one upload being sent at once, at most
 */
public record S3Config(
    String bucket, String region, Optional<URI> endpoint, Optional<Credentials> credentials,
    HttpClientSettings http, RetryPolicy retry, int coalesceGap, int maxCoalescedRead, int partSize,
    int maxPartsInFlight) {

  /** S3's smallest part (all but the last): 5 MiB. */
  public static final int MIN_PART_SIZE = 5 * 1024 * 1024;

  /**
   * @throws IllegalArgumentException for an invalid bucket name, a part size under 5 MiB, non-positive limits or an
   *     endpoint that is not http(s)
   */
  public S3Config {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(retry, "retry");
    // S3 user guide, "Bucket naming rules": 3 to 63 of a-z 0-9 . -, starting and ending with a letter or digit.
    if (!bucket.matches("[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9]")) {
      throw new IllegalArgumentException("not a valid bucket name: '" + bucket + "' (3 to 63 lowercase letters, "
          + "digits, dots and hyphens, starting and ending with a letter or digit)");
    }
    if (partSize < MIN_PART_SIZE) {
      throw new IllegalArgumentException("the part size must be at least 5 MiB, got " + partSize);
    }
    if (coalesceGap < 0 || maxCoalescedRead < 1 || maxPartsInFlight < 1) {
      throw new IllegalArgumentException("coalescing and upload limits must be positive");
    }
    endpoint.ifPresent(uri -> {
      String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new IllegalArgumentException("the endpoint must be an http:// or https:// URL, got " + uri);
      }
    });
  }

  /** The bucket on AWS in {@code region}, with default limits. */
  public static S3Config of(String bucket, String region, Credentials credentials) {
    return new S3Config(bucket, region, Optional.empty(), Optional.ofNullable(credentials),
        HttpClientSettings.defaults(), RetryPolicy.defaults(), 1024 * 1024, 16 * 1024 * 1024, 8 * 1024 * 1024, 4);
  }

  /**
   * The bucket with region, endpoint, credentials and CA bundle ({@code AWS_CA_BUNDLE}) from the environment and
   * profile files.
   */
  public static S3Config fromEnvironment(String bucket, AwsEnvironment environment) {
    S3Config config = of(bucket, environment.region(), environment.credentials().orElse(null))
        .withEndpoint(environment.endpoint().orElse(null));
    return environment.caBundle().isEmpty() ? config
        : config.withHttp(config.http().withTrustedCertificates(environment.caBundle().get()));
  }

  /** Whether requests use TLS: always on AWS, and for {@code https://} endpoints. */
  public boolean tls() {
    return endpoint.map(uri -> uri.getScheme().equalsIgnoreCase("https")).orElse(true);
  }

  /** Whether keys are addressed path style ({@code /bucket/key}): for custom endpoints. */
  public boolean pathStyle() {
    return endpoint.isPresent();
  }

  /** A copy with a custom endpoint ({@code null}: AWS); a custom endpoint means path-style addressing. */
  public S3Config withEndpoint(URI value) {
    return new S3Config(bucket, region, Optional.ofNullable(value), credentials, http, retry, coalesceGap,
        maxCoalescedRead, partSize, maxPartsInFlight);
  }

  /** A copy with other credentials ({@code null}: unsigned requests). */
  public S3Config withCredentials(Credentials value) {
    return new S3Config(bucket, region, endpoint, Optional.ofNullable(value), http, retry, coalesceGap,
        maxCoalescedRead, partSize, maxPartsInFlight);
  }

  /** A copy with other connection limits and timeouts. */
  public S3Config withHttp(HttpClientSettings value) {
    return new S3Config(bucket, region, endpoint, credentials, value, retry, coalesceGap, maxCoalescedRead, partSize,
        maxPartsInFlight);
  }

  /** A copy with another retry policy. */
  public S3Config withRetry(RetryPolicy value) {
    return new S3Config(bucket, region, endpoint, credentials, http, value, coalesceGap, maxCoalescedRead, partSize,
        maxPartsInFlight);
  }

  /**
   * A copy with another multipart part size (bytes, at least {@link #MIN_PART_SIZE}) and bound on parts in flight.
   *
   * @throws IllegalArgumentException for a part size under 5 MiB or a bound under 1
   */
  public S3Config withUploads(int newPartSize, int newMaxPartsInFlight) {
    return new S3Config(bucket, region, endpoint, credentials, http, retry, coalesceGap, maxCoalescedRead,
        newPartSize, newMaxPartsInFlight);
  }

  /** Shows no secret (see {@link Credentials#toString()}). */
  @Override
  public String toString() {
    return "S3Config[bucket=" + bucket + ", region=" + region + ", endpoint="
        + endpoint.map(URI::toString).orElse("AWS") + ", credentials=" + credentials.map(Credentials::toString)
        .orElse("none") + "]";
  }
}
