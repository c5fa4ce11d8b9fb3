package dev.quiver.store.s3.auth;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The parts of an HTTP request that AWS Signature Version 4 covers, before any percent-encoding.
 *
 * @param method the HTTP method, such as {@code GET}
 * @param path the decoded absolute path, such as {@code /bucket/a b/ሴ.parquet}; the signer percent-encodes it
 * @param query the decoded query parameters in request order; a parameter without '=' has the value {@code ""}
 * @param headers the headers to sign, in request order, names in any case; repeated names are allowed (their
 *     values are joined with ',' in order, as SigV4 says); must include {@code Host}
 */
public record SigningRequest(
    String method, String path, List<Map.Entry<String, String>> query, List<Map.Entry<String, String>> headers) {

  /** @throws NullPointerException for a null part */
  public SigningRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    query = List.copyOf(query);
    headers = List.copyOf(headers);
  }
}
