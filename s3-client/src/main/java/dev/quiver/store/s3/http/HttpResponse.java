package dev.quiver.store.s3.http;

/**
 * A finished response: its head and the sink that took its body.
 *
 * @param head status and headers
 * @param body the sink chosen for this response, holding what it kept of the body
 */
public record HttpResponse(HttpResponseHead head, BodySink body) {

  /** The HTTP status code. */
  public int status() {
    return head.status();
  }
}
