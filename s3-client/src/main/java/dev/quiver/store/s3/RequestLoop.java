package dev.quiver.store.s3;

import dev.quiver.store.ObjectKeys;
import dev.quiver.store.ObjectStoreException;
import dev.quiver.store.ObjectStoreException.Kind;
import dev.quiver.store.s3.http.HttpRequestSpec;
import dev.quiver.store.s3.http.HttpResponse;
import dev.quiver.store.s3.http.HttpResponseHead;
import dev.quiver.store.s3.http.HttpTransportException;
import dev.quiver.store.s3.http.NettyHttpClient;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link S3Operation}s against one bucket: builds and signs each attempt's request ({@link RequestSigner}),
 * sends it ({@link NettyHttpClient}), reads the answer ({@link S3Responses}) and retries what deserves it within the
 * {@link RetryPolicy}: connect errors, resets and closes, stale keep-alive connections (at once), timeouts of
 * idempotent requests, retryable statuses and codes, and {@link RetryableFailure}s of 2xx responses, with jittered
 * exponential backoff, bounded attempts and a total time budget. A request that was sent and is not idempotent is
 * not repeated after a transport failure, unless the server never began to answer on a reused connection.
 *
 * <p>Every future it returns completes on {@link ForkJoinPool#commonPool()}, never on an I/O thread. Thread-safe.
 */
final class RequestLoop {

  private final S3Config config;
  private final NettyHttpClient http;
  private final RequestSigner signer;
  private final String description;
  private final Executor callbacks = ForkJoinPool.commonPool();
  private volatile boolean closed;

  RequestLoop(S3Config config, NettyHttpClient http, RequestSigner signer) {
    this.config = config;
    this.http = http;
    this.signer = signer;
    this.description = "s3://" + config.bucket();
  }

  /** The executor that completes every future (the common pool). */
  Executor callbacks() {
    return callbacks;
  }

  /** Fails every later attempt, of new and running operations alike, with "the store was closed". */
  void close() {
    closed = true;
  }

  /**
   * Runs {@code operation} on {@code key} (null for the bucket; used in messages) until it succeeds, fails for good,
   * or runs out of attempts or time.
   *
   * @return its result, or a failure with an {@link ObjectStoreException} (or the {@link RuntimeException} its
   *     request builder threw)
   */
  <T> CompletableFuture<T> call(String key, S3Operation<T> operation) {
    CompletableFuture<T> result = new CompletableFuture<>();
    long start = System.nanoTime();
    callbacks.execute(() -> attempt(key, operation, 1, start, result));
    return result;
  }

  private String location(String key) {
    return ObjectKeys.location(description, key);
  }

  private <T> void attempt(String key, S3Operation<T> operation, int attempt, long start,
      CompletableFuture<T> result) {
    if (closed) {
      result.completeExceptionally(new ObjectStoreException(Kind.IO_ERROR, location(key), "the store was closed"));
      return;
    }
    S3Request request;
    HttpRequestSpec spec;
    try {
      request = operation.request(attempt);
      spec = signer.build(request);
    } catch (Sinks.Rejected e) {
      result.completeExceptionally(e.failure);
      return;
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
      return;
    }
    http.execute(signer.endpoint(), spec, head -> head.status() / 100 == 2 ? operation.sinkFor(head)
            : new Sinks.Bounded(S3Responses.MAX_ERROR_BODY))
        .whenCompleteAsync((response, failure) -> {
          try {
            outcome(key, operation, request, attempt, start, result, response, failure);
          } catch (RuntimeException e) {
            result.completeExceptionally(e);
          }
        }, callbacks);
  }

  private <T> void outcome(String key, S3Operation<T> operation, S3Request request, int attempt, long start,
      CompletableFuture<T> result, HttpResponse response, Throwable failure) {
    if (failure != null) {
      transportFailure(key, operation, request, attempt, start, result, failure);
      return;
    }
    HttpResponseHead head = response.head();
    if (head.status() / 100 == 2) {
      try {
        result.complete(operation.onSuccess(response));
      } catch (RetryableFailure e) {
        retryOrFail(key, operation, attempt, start, result, new ObjectStoreException(e.kind, location(key),
            e.getMessage(), head.header("x-amz-request-id"), e), true, false);
      } catch (Sinks.Rejected e) {
        result.completeExceptionally(e.failure);
      }
      return;
    }
    S3Responses.ErrorResponse error = S3Responses.errorOf(response);
    ObjectStoreException special = operation.onError(head, error.error(), error.detail(), error.requestId());
    if (special != null) {
      result.completeExceptionally(special);
      return;
    }
    ObjectStoreException exception = S3Responses.exception(error, location(key), config.bucket());
    if (S3Responses.retryable(error)) {
      retryOrFail(key, operation, attempt, start, result, exception, true, false);
    } else {
      result.completeExceptionally(exception);
    }
  }

  /** A request that got no complete response: a rejected body, or a connection-level failure. */
  private <T> void transportFailure(String key, S3Operation<T> operation, S3Request request, int attempt, long start,
      CompletableFuture<T> result, Throwable failure) {
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof Sinks.Rejected rejected) {
        result.completeExceptionally(rejected.failure);
        return;
      }
    }
    if (cause instanceof HttpTransportException transport) {
      boolean retry = transport.reason() != HttpTransportException.Reason.TLS
          && (!transport.requestSent() || request.idempotent()
              || (transport.reusedConnection() && !transport.responseStarted()));
      boolean stale = transport.reusedConnection() && !transport.responseStarted()
          && transport.reason() == HttpTransportException.Reason.CLOSED;
      Kind kind = transport.reason() == HttpTransportException.Reason.POOL_EXHAUSTED ? Kind.THROTTLED
          : Kind.IO_ERROR;
      ObjectStoreException error = new ObjectStoreException(kind, location(key), transport.getMessage(), null,
          transport);
      retryOrFail(key, operation, attempt, start, result, error, retry, stale);
      return;
    }
    result.completeExceptionally(new ObjectStoreException(Kind.IO_ERROR, location(key), String.valueOf(cause),
        null, cause));
  }

  private <T> void retryOrFail(String key, S3Operation<T> operation, int attempt, long start,
      CompletableFuture<T> result, ObjectStoreException error, boolean retryable, boolean stale) {
    RetryPolicy policy = config.retry();
    long elapsed = System.nanoTime() - start;
    long delay = stale ? 0 : policy.backoffNanos(attempt);
    if (!retryable || attempt >= policy.maxAttempts() || elapsed + delay > policy.totalBudget().toNanos()) {
      if (retryable) {
        error = new ObjectStoreException(error.kind(), error.location(), error.detail() + " (gave up after "
            + attempt + " attempt" + (attempt == 1 ? "" : "s") + " in " + TimeUnit.NANOSECONDS.toMillis(elapsed)
            + " ms)", error.requestId(), error.getCause());
      }
      result.completeExceptionally(error);
      return;
    }
    Runnable next = () -> attempt(key, operation, attempt + 1, start, result);
    if (delay == 0) {
      callbacks.execute(next);
    } else {
      CompletableFuture.delayedExecutor(delay, TimeUnit.NANOSECONDS, callbacks).execute(next);
    }
  }
}
