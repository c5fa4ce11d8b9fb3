package dev.quiver.store.s3.auth;

import java.util.List;
import java.util.Map;

/**
 * Builds presigned URLs from the parts {@link SigV4Signer#presign} returns (S3 API reference, "Authenticating
 * Requests: Using Query Parameters").
 */
public final class PresignedUrls {

  private PresignedUrls() {}

  /**
   * {@code scheme://host + encoded path + ? + the canonical query (the request's own parameters and the signing
   * parameters, sorted and encoded as signed) + &X-Amz-Signature=...}.
   *
   * @param scheme {@code https} or {@code http}
   * @param host the host (with {@code :port} when not the default) that was signed as {@code Host}
   * @param path the decoded path that was signed
   * @param query the decoded query parameters that were signed with the request
   * @param signed the result of {@link SigV4Signer#presign}
   */
  public static String url(String scheme, String host, String path, List<Map.Entry<String, String>> query,
      SignedParts signed) {
    // The signed parameters in canonical (sorted) order, as the AWS examples print them, then the signature.
    java.util.ArrayList<Map.Entry<String, String>> signedQuery = new java.util.ArrayList<>(query);
    String signature = null;
    for (Map.Entry<String, String> parameter : signed.additions()) {
      if (parameter.getKey().equals("X-Amz-Signature")) {
        signature = parameter.getValue();
      } else {
        signedQuery.add(parameter);
      }
    }
    StringBuilder sb = new StringBuilder(scheme).append("://").append(host)
        .append(SigV4Signer.canonicalUri(path, false)).append('?').append(SigV4Signer.canonicalQuery(signedQuery))
        .append("&X-Amz-Signature=").append(signature);
    return sb.toString();
  }
}
