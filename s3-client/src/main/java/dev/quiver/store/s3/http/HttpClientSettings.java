package dev.quiver.store.s3.http;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits of {@link NettyHttpClient}. Every one is explicit; the defaults suit S3.
 *
 * @param maxConnectionsPerHost open connections to one host:port at most
 * @param maxPendingAcquires requests waiting for a connection at most; more fail at once ({@code POOL_EXHAUSTED})
 * @param acquireTimeout how long a request waits for a connection
 * @param connectTimeout how long a TCP (and TLS) connect may take
 * @param readIdleTimeout how long a response may go without a byte before the request fails
 * @param requestTimeout how long one request may take from sending to the end of the response body
 * @param idleEviction an unused connection is closed after this long (S3 drops idle ones after about 20 s)
 * @param eventLoopThreads Netty I/O threads
 * @param maxHeaderBytes the largest response head accepted
 * @param trustedCertificates a PEM file of CA certificates to trust for TLS instead of the JDK's default trust store
 *     (the AWS CLI's {@code AWS_CA_BUNDLE}); empty for the default. Host names are verified either way
 */
public record HttpClientSettings(
    int maxConnectionsPerHost, int maxPendingAcquires, Duration acquireTimeout, Duration connectTimeout,
    Duration readIdleTimeout, Duration requestTimeout, Duration idleEviction, int eventLoopThreads,
    int maxHeaderBytes, java.util.Optional<java.nio.file.Path> trustedCertificates) {

  /** @throws IllegalArgumentException for a non-positive limit or fewer than 1024 header bytes */
  public HttpClientSettings {
    Objects.requireNonNull(acquireTimeout, "acquireTimeout");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(readIdleTimeout, "readIdleTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(idleEviction, "idleEviction");
    Objects.requireNonNull(trustedCertificates, "trustedCertificates");
    if (maxConnectionsPerHost < 1 || maxPendingAcquires < 1 || eventLoopThreads < 1 || maxHeaderBytes < 1024) {
      throw new IllegalArgumentException("connection, pending, thread and header limits must be positive");
    }
  }

  /**
   * 64 connections per host, 4096 waiting requests, 10 s to acquire, 10 s to connect, 30 s read-idle, 5 min per
   * request, 15 s idle eviction, up to 4 I/O threads, 32 KiB of headers.
   */
  public static HttpClientSettings defaults() {
    return new HttpClientSettings(64, 4096, Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(30),
        Duration.ofMinutes(5), Duration.ofSeconds(15), Math.min(4, Runtime.getRuntime().availableProcessors()),
        32 * 1024, java.util.Optional.empty());
  }

  /** A copy with another bound on connections per host. */
  public HttpClientSettings withMaxConnectionsPerHost(int value) {
    return new HttpClientSettings(value, maxPendingAcquires, acquireTimeout, connectTimeout, readIdleTimeout,
        requestTimeout, idleEviction, eventLoopThreads, maxHeaderBytes,
        trustedCertificates);
  }

  /** A copy with another bound on requests waiting for a connection. */
  public HttpClientSettings withMaxPendingAcquires(int value) {
    return new HttpClientSettings(maxConnectionsPerHost, value, acquireTimeout, connectTimeout, readIdleTimeout,
        requestTimeout, idleEviction, eventLoopThreads, maxHeaderBytes,
        trustedCertificates);
  }

  /** A copy with another acquire timeout. */
  public HttpClientSettings withAcquireTimeout(Duration value) {
    return new HttpClientSettings(maxConnectionsPerHost, maxPendingAcquires, value, connectTimeout, readIdleTimeout,
        requestTimeout, idleEviction, eventLoopThreads, maxHeaderBytes,
        trustedCertificates);
  }

  /** A copy with another read-idle timeout. */
  public HttpClientSettings withReadIdleTimeout(Duration value) {
    return new HttpClientSettings(maxConnectionsPerHost, maxPendingAcquires, acquireTimeout, connectTimeout, value,
        requestTimeout, idleEviction, eventLoopThreads, maxHeaderBytes,
        trustedCertificates);
  }

  /** A copy with another per-request timeout. */
  public HttpClientSettings withRequestTimeout(Duration value) {
    return new HttpClientSettings(maxConnectionsPerHost, maxPendingAcquires, acquireTimeout, connectTimeout,
        readIdleTimeout, value, idleEviction, eventLoopThreads, maxHeaderBytes,
        trustedCertificates);
  }

  /** A copy trusting the CA certificates of a PEM file ({@code null}: the JDK's trust store). */
  public HttpClientSettings withTrustedCertificates(java.nio.file.Path pemFile) {
    return new HttpClientSettings(maxConnectionsPerHost, maxPendingAcquires, acquireTimeout, connectTimeout,
        readIdleTimeout, requestTimeout, idleEviction, eventLoopThreads, maxHeaderBytes,
        java.util.Optional.ofNullable(pemFile));
  }

  /** A copy with another idle-eviction delay. */
  public HttpClientSettings withIdleEviction(Duration value) {
    return new HttpClientSettings(maxConnectionsPerHost, maxPendingAcquires, acquireTimeout, connectTimeout,
        readIdleTimeout, requestTimeout, value, eventLoopThreads, maxHeaderBytes,
        trustedCertificates);
  }
}
