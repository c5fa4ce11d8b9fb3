package dev.quiver.store.s3;

import dev.quiver.store.s3.auth.PresignedUrls;
import dev.quiver.store.s3.auth.SigV4Signer;
import dev.quiver.store.s3.auth.SignedParts;
import dev.quiver.store.s3.auth.SigningRequest;
import dev.quiver.store.s3.http.HttpRequestSpec;
import dev.quiver.store.s3.http.NettyHttpClient;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns an {@link S3Request} into the bytes of an HTTP request for one bucket: where it goes (virtual-hosted style
 * on AWS, {@code https://BUCKET.s3.REGION.amazonaws.com/KEY}; path style on a custom endpoint,
 * {@code ENDPOINT/BUCKET/KEY}), its encoded target, and its SigV4 signature (AWS General Reference, "Signature
 * Version 4 signing process"; unsigned when there are no credentials). Also presigned URLs and payload hashes.
 *
 * <p>Immutable and thread-safe; the signing time is the clock's at each call.
 */
final class RequestSigner {

  private final S3Config config;
  private final SigV4Signer signer;
  private final NettyHttpClient.Endpoint endpoint;
  private final String hostHeader;

  RequestSigner(S3Config config) {
    this.config = config;
    this.signer = SigV4Signer.forS3(config.region());
    if (config.endpoint().isPresent()) {
      URI uri = config.endpoint().get();
      boolean tls = config.tls();
      int port = uri.getPort() >= 0 ? uri.getPort() : tls ? 443 : 80;
      this.endpoint = new NettyHttpClient.Endpoint(tls, uri.getHost(), port);
      this.hostHeader = uri.getPort() >= 0 ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
    } else {
      String host = config.bucket() + ".s3." + config.region() + ".amazonaws.com";
      this.endpoint = new NettyHttpClient.Endpoint(true, host, 443);
      this.hostHeader = host;
    }
  }

  /** Where the bucket's requests go. */
  NettyHttpClient.Endpoint endpoint() {
    return endpoint;
  }

  /** Addresses, signs and encodes one request. */
  HttpRequestSpec build(S3Request request) {
    String path;
    if (config.pathStyle()) {
      path = "/" + config.bucket() + (request.key() == null ? "" : "/" + request.key());
    } else {
      path = "/" + (request.key() == null ? "" : request.key());
    }
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    headers.add(Map.entry("Host", hostHeader));
    headers.addAll(request.headers());
    String payloadHash = request.payloadHash() != null ? request.payloadHash()
        : config.tls() ? SigV4Signer.UNSIGNED_PAYLOAD : SigV4Signer.EMPTY_SHA256;
    if (config.credentials().isPresent()) {
      SignedParts signed = signer.signHeaders(new SigningRequest(request.method(), path, request.query(), headers),
          config.credentials().get(), payloadHash, true, false, Instant.now());
      headers.addAll(signed.additions());
    }
    StringBuilder target = new StringBuilder(SigV4Signer.canonicalUri(path, false));
    char separator = '?';
    for (Map.Entry<String, String> parameter : request.query()) {
      target.append(separator).append(SigV4Signer.uriEncode(parameter.getKey(), true)).append('=')
          .append(SigV4Signer.uriEncode(parameter.getValue(), true));
      separator = '&';
    }
    return new HttpRequestSpec(request.method(), target.toString(), headers, request.body(), request.idempotent());
  }

  /**
   * The payload hash to sign a body with: {@code UNSIGNED-PAYLOAD} over TLS, else the hex SHA-256 of the body's
   * remaining bytes (computed here, so call it on a caller's or callback thread, never on an I/O thread).
   */
  String payloadHash(ByteBuffer body) {
    if (config.tls()) {
      return SigV4Signer.UNSIGNED_PAYLOAD;
    }
    if (body == null || !body.hasRemaining()) {
      return SigV4Signer.EMPTY_SHA256;
    }
    MessageDigest digest = SigV4Signer.sha256();
    digest.update(body.duplicate());
    return SigV4Signer.hex(digest.digest());
  }

  /**
   * A presigned URL for {@code method} on {@code key} (already checked), valid for {@code expiry}; the caller has
   * checked that there are credentials.
   */
  URI presign(String method, String key, Duration expiry) {
    String path = config.pathStyle() ? "/" + config.bucket() + "/" + key : "/" + key;
    SignedParts signed = signer.presign(new SigningRequest(method, path, List.of(), List.of(Map.entry("Host",
        hostHeader))), config.credentials().get(), SigV4Signer.UNSIGNED_PAYLOAD, expiry.toSeconds(), false,
        Instant.now());
    return URI.create(PresignedUrls.url(config.tls() ? "https" : "http", hostHeader, path, List.of(), signed));
  }
}
