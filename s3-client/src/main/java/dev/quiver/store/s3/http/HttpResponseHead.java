package dev.quiver.store.s3.http;

import io.netty.handler.codec.http.HttpHeaders;

/**
 * The status and headers of a response. The headers are a detached copy, safe to read on any thread.
 *
 * @param status the HTTP status code
 * @param headers the response headers
 */
public record HttpResponseHead(int status, HttpHeaders headers) {

  /** The first value of a header, or null. */
  public String header(CharSequence name) {
    return headers.get(name);
  }
}
