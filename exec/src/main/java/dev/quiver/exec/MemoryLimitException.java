package dev.quiver.exec;

/**
 * A query needed more memory than the session's limit allows. The message names the operator that asked for the
 * memory and the limit in bytes. Thrown in place of Arrow's {@code OutOfMemoryException} at operator boundaries.
 */
public final class MemoryLimitException extends QueryException {
  private static final long serialVersionUID = 1L;

  /** The limit exceeded while {@code operator} was running. */
  public MemoryLimitException(String operator, long limitBytes, Throwable cause) {
    super("memory limit of " + limitBytes + " bytes exceeded in operator " + operator, cause);
  }
}
