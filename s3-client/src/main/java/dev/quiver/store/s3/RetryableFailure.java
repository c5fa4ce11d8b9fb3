package dev.quiver.store.s3;

import dev.quiver.store.ObjectStoreException.Kind;

/**
 * A failure of a 2xx response that deserves another attempt: a body shorter than announced, a malformed XML
 * document, or an error document in a 200 (see {@link S3Responses#etagOfOkBody}). The {@link RequestLoop} retries it
 * within the retry policy, and otherwise fails with an {@code ObjectStoreException} of {@link #kind}.
 */
final class RetryableFailure extends Exception {

  /** The kind of the exception raised when no attempt is left. */
  final Kind kind;

  RetryableFailure(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }
}
