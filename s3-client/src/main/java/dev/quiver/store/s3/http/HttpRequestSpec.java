package dev.quiver.store.s3.http;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP/1.1 request, ready to send: the method, the already-encoded request target ({@code /bucket/a%20b?x=1}),
 * the headers (the {@code Host} header included) and the body.
 *
 * @param method the method, such as {@code GET}
 * @param target the encoded request target: path and query
 * @param headers header names and values in order
 * @param body the body (its remaining bytes; not moved), or null for none
 * @param idempotent whether sending it twice does no harm (timeouts are retried only then)
 */
public record HttpRequestSpec(
    String method, String target, List<Map.Entry<String, String>> headers, ByteBuffer body, boolean idempotent) {

  /** Copies the headers. @throws NullPointerException for a null method or target */
  public HttpRequestSpec {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(target, "target");
    headers = List.copyOf(headers);
  }

  /** The body's length in bytes; 0 without a body. */
  public int bodyLength() {
    return body == null ? 0 : body.remaining();
  }
}
