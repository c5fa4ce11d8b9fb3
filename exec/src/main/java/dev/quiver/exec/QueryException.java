package dev.quiver.exec;

/**
 * A query failed: bad SQL, a type error found while planning (the message names the expression), an unsupported
 * construct (named), a runtime arithmetic error (decimal or integer overflow, division by zero), or a memory
 * limit exceeded (see {@link MemoryLimitException}). Unchecked.
 */
public class QueryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error with a message for the user. */
  public QueryException(String message) {
    super(message);
  }

  /** An error with a message for the user and its cause. */
  public QueryException(String message, Throwable cause) {
    super(message, cause);
  }
}
