package dev.quiver.store.s3;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * One S3 request before addressing and signing (see {@link RequestSigner}).
 *
 * @param method the HTTP method
 * @param key the object key, or null for a request on the bucket (a listing)
 * @param query the query parameters, unencoded, in the order sent
 * @param headers the headers besides {@code Host} and the signature's, unencoded
 * @param body the body, or null for none; sent from its position to its limit
 * @param idempotent whether the request may be repeated after it may have reached the server
 * @param payloadHash the hex SHA-256 of the body to sign, or null for the default ({@code UNSIGNED-PAYLOAD} over
 *     TLS, the hash of an empty body otherwise)
 */
record S3Request(String method, String key, List<Map.Entry<String, String>> query,
    List<Map.Entry<String, String>> headers, ByteBuffer body, boolean idempotent, String payloadHash) {

  /** A request signed with the default payload hash. */
  S3Request(String method, String key, List<Map.Entry<String, String>> query, List<Map.Entry<String, String>> headers,
      ByteBuffer body, boolean idempotent) {
    this(method, key, query, headers, body, idempotent, null);
  }

  /** A copy signed with {@code hash} as the payload hash. */
  S3Request withPayloadHash(String hash) {
    return new S3Request(method, key, query, headers, body, idempotent, hash);
  }
}
