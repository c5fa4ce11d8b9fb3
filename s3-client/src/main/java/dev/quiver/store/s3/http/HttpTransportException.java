package dev.quiver.store.s3.http;

import java.io.IOException;

/**
 * A request that failed below HTTP: no connection, a reset or close, a timeout, a malformed response. It says
 * whether the request may have reached the server ({@link #requestSent()}) and whether any of the response was
 * received, which the retry logic uses.
 */
public final class HttpTransportException extends IOException {

  /** What went wrong. */
  public enum Reason {
    /** No connection could be made (refused, unreachable, connect timeout, pool acquire timeout). */
    CONNECT,
    /** The connection closed or reset before the response ended. */
    CLOSED,
    /** No bytes arrived for the read-idle timeout. */
    READ_TIMEOUT,
    /** The whole exchange took longer than the request timeout. */
    REQUEST_TIMEOUT,
    /** The response broke HTTP/1.1 or one of our limits. */
    PROTOCOL,
    /** The TLS handshake failed: an untrusted certificate, a host name that does not match, no common cipher. */
    TLS,
    /** The pool had no connection and too many requests were already waiting. */
    POOL_EXHAUSTED
  }

  private final Reason reason;
  private final boolean requestSent;
  private final boolean responseStarted;
  private final boolean reusedConnection;

  /**
   * @param reason what went wrong
   * @param message a description naming the host
   * @param requestSent whether request bytes were written
   * @param responseStarted whether the response head arrived
   * @param reusedConnection whether the connection had served earlier requests (a stale keep-alive connection)
   * @param cause the underlying exception, or null
   */
  public HttpTransportException(Reason reason, String message, boolean requestSent, boolean responseStarted,
      boolean reusedConnection, Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.requestSent = requestSent;
    this.responseStarted = responseStarted;
    this.reusedConnection = reusedConnection;
  }

  /** What went wrong. */
  public Reason reason() {
    return reason;
  }

  /** Whether the request was written to the connection (the server may have acted on it). */
  public boolean requestSent() {
    return requestSent;
  }

  /** Whether the response status line and headers had arrived. */
  public boolean responseStarted() {
    return responseStarted;
  }

  /** Whether the connection came from the pool, used before: a failure before any response means it went stale. */
  public boolean reusedConnection() {
    return reusedConnection;
  }
}
