package dev.quiver.bench.engine;

/** An engine cannot read a file because it lacks a feature (nested columns, an encoding): not a failure. */
public final class UnsupportedByEngineException extends Exception {
  private static final long serialVersionUID = 1L;

  /** @param reason what is missing, shown in the results table */
  public UnsupportedByEngineException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
