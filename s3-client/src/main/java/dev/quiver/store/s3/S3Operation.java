package dev.quiver.store.s3;

import dev.quiver.store.ObjectStoreException;
import dev.quiver.store.s3.http.BodySink;
import dev.quiver.store.s3.http.HttpResponse;
import dev.quiver.store.s3.http.HttpResponseHead;

/**
 * What one S3 operation (a GET, a PUT, a listing page, ...) tells the {@link RequestLoop}: the request of each
 * attempt, where a successful body goes, what a success means, and any special meaning of an error response.
 *
 * @param <T> the operation's result
 */
interface S3Operation<T> {

  /** The request of attempt {@code attempt} (from 1). Runs on a callback thread; may throw {@link Sinks.Rejected}. */
  S3Request request(int attempt);

  /** The sink of a 2xx body. Runs on the event loop; may throw {@link Sinks.Rejected}. */
  BodySink sinkFor(HttpResponseHead head);

  /** The result of a 2xx response. Runs on a callback thread. */
  T onSuccess(HttpResponse response) throws RetryableFailure;

  /**
   * A special meaning for an error response, or null for the usual mapping ({@link S3Responses#exception}). Runs on
   * a callback thread.
   *
   * @param detail the status, S3 error code and message, for the exception's message
   * @param requestId the request id, or null
   */
  default ObjectStoreException onError(HttpResponseHead head, S3Xml.S3Error error, String detail, String requestId) {
    return null;
  }
}
