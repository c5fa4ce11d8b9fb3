package dev.quiver.store;

import java.util.Objects;

/**
 * A failed object-store operation. Unchecked; stores deliver it through the failed future of the operation.
 *
 * <p>It carries what a caller needs to react and a person needs to act: the {@link #kind() kind} of failure, the
 * {@link #location() location} of the object (the store's description plus the key, such as
 * {@code file:///data/x.parquet} or {@code s3://bucket/x.parquet}), a human-readable {@link #detail() detail}, and
 * the server's request id when there is one. The message is {@code KIND location: detail (request id ...)}.
 *
 * <p>Retries, where a store makes them, have already happened when this exception is raised.
 */
public class ObjectStoreException extends RuntimeException {

  /** The kinds of failure. Callers branch on these, never on the message text. */
  public enum Kind {
    /** No object exists under the key (a directory or a bare prefix is not an object). */
    NOT_FOUND,
    /** A conditional write lost: {@link PutMode#CREATE} on a key that exists. */
    PRECONDITION_FAILED,
    /** The store refused the caller's credentials or file permissions. */
    ACCESS_DENIED,
    /** The store asked us to slow down, and retries did not get through. */
    THROTTLED,
    /** A byte range reaches past the end of the object, or a whole object is too large for one buffer. */
    INVALID_RANGE,
    /**
     * The key or location is malformed or names something outside the store (see {@link ObjectKeys}), or it
     * collides with what the store holds (such as a local directory where an object should go).
     */
    INVALID_KEY,
    /** The store cannot do this at all, such as a location scheme that has no store yet. */
    UNSUPPORTED,
    /** Any other failure of the underlying file system or network. */
    IO_ERROR
  }

  private final Kind kind;
  private final String location;
  private final String detail;
  private final String requestId;

  /**
   * @param kind what went wrong
   * @param location the store description plus key, such as {@code file:///data/x.parquet}
   * @param detail a human-readable explanation, or null
   */
  public ObjectStoreException(Kind kind, String location, String detail) {
    this(kind, location, detail, null, null);
  }

  /**
   * @param kind what went wrong
   * @param location the store description plus key, such as {@code file:///data/x.parquet}
   * @param detail a human-readable explanation, or null
   * @param requestId the server's id for the failed request, or null
   * @param cause the underlying exception, or null
   */
  public ObjectStoreException(Kind kind, String location, String detail, String requestId, Throwable cause) {
    super(message(kind, location, detail, requestId), cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.location = Objects.requireNonNull(location, "location");
    this.detail = detail;
    this.requestId = requestId;
  }

  /** {@code NOT_FOUND} for {@code location}: no object exists there. */
  public static ObjectStoreException notFound(String location) {
    return new ObjectStoreException(Kind.NOT_FOUND, location, "no such object");
  }

  /** {@code INVALID_RANGE} for {@code range} read from an object of {@code size} bytes at {@code location}. */
  public static ObjectStoreException invalidRange(String location, ByteRange range, long size) {
    return new ObjectStoreException(
        Kind.INVALID_RANGE, location, "range " + range + " reaches past the end of the " + size + "-byte object");
  }

  /** What went wrong. */
  public Kind kind() {
    return kind;
  }

  /** The store description plus key, such as {@code file:///data/x.parquet}; never null. */
  public String location() {
    return location;
  }

  /** The human-readable explanation without kind and location, or null. */
  public String detail() {
    return detail;
  }

  /** The server's id for the failed request (S3's {@code x-amz-request-id}), or null when there is none. */
  public String requestId() {
    return requestId;
  }

  private static String message(Kind kind, String location, String detail, String requestId) {
    StringBuilder sb = new StringBuilder().append(kind).append(' ').append(location);
    if (detail != null) {
      sb.append(": ").append(detail);
    }
    if (requestId != null) {
      sb.append(" (request id ").append(requestId).append(')');
    }
    return sb.toString();
  }
}
