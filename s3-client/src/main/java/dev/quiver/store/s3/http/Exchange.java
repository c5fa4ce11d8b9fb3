package dev.quiver.store.s3.http;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * One request and its response on one connection: what {@link ExchangeHandler} works on. Its future completes on
 * the event loop, with the response once the body has ended, or with an {@link HttpTransportException}.
 */
public final class Exchange {

  final HttpRequestSpec request;
  final Function<HttpResponseHead, BodySink> sinkFor;
  final String peer;
  final CompletableFuture<HttpResponse> result = new CompletableFuture<>();

  /**
   * @param request what to send
   * @param sinkFor picks the sink for the body once the status and headers are known (called on the event loop)
   * @param peer {@code host:port}, for messages
   */
  public Exchange(HttpRequestSpec request, Function<HttpResponseHead, BodySink> sinkFor, String peer) {
    this.request = Objects.requireNonNull(request, "request");
    this.sinkFor = Objects.requireNonNull(sinkFor, "sinkFor");
    this.peer = Objects.requireNonNull(peer, "peer");
  }

  /** Completes with the response, or fails with an {@link HttpTransportException}. */
  public CompletableFuture<HttpResponse> result() {
    return result;
  }
}
