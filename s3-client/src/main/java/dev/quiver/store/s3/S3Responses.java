package dev.quiver.store.s3;

import dev.quiver.store.ObjectMetadata;
import dev.quiver.store.ObjectStoreException;
import dev.quiver.store.ObjectStoreException.Kind;
import dev.quiver.store.s3.http.HttpResponse;
import dev.quiver.store.s3.http.HttpResponseHead;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;
import javax.xml.stream.XMLStreamException;

/**
 * Reading S3's answers: object metadata from response headers, {@code Content-Range}, error responses (status, S3
 * error document, request id) and what they mean ({@link Kind}, whether to retry), and 200 responses that may
 * carry an error document instead of a result (S3 API reference, "Error responses"; CopyObject and
 * CompleteMultipartUpload).
 */
final class S3Responses {

  /** Error documents longer than this are cut off. */
  static final int MAX_ERROR_BODY = 64 * 1024;
  /** The largest XML document accepted (a listing page of 1000 keys of 1 KiB each fits). */
  static final int MAX_XML_BODY = 8 * 1024 * 1024;
  /** S3 error codes worth another attempt whatever the status. */
  private static final Set<String> RETRYABLE_CODES = Set.of("SlowDown", "InternalError", "ServiceUnavailable",
      "RequestTimeout", "Throttling", "ThrottlingException", "OperationAborted");

  private S3Responses() {}

  // ---- headers ----

  /** The metadata of a HEAD or GET response: size, ETag as sent (quoted), {@code Last-Modified} (else the epoch). */
  static ObjectMetadata metadataOf(String key, HttpResponseHead head) {
    long size = contentLength(head);
    String modified = head.header("Last-Modified");
    Instant lastModified;
    try {
      lastModified = modified == null ? Instant.EPOCH
          : ZonedDateTime.parse(modified, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      lastModified = Instant.EPOCH;
    }
    return new ObjectMetadata(key, size, head.header("ETag"), lastModified);
  }

  /**
   * The {@code Content-Length}, in bytes.
   *
   * @throws Sinks.Rejected when the header is missing
   */
  static long contentLength(HttpResponseHead head) {
    String length = head.header("Content-Length");
    if (length == null) {
      throw new Sinks.Rejected(new ObjectStoreException(Kind.IO_ERROR, "s3", "the response has no Content-Length"));
    }
    return Long.parseLong(length.trim());
  }

  /**
   * {@code bytes FIRST-LAST/TOTAL} (RFC 9110, 14.4) as {first, last, total}.
   *
   * @throws Sinks.Rejected for any other shape
   */
  static long[] parseContentRange(String value) {
    String v = value.trim();
    if (!v.startsWith("bytes ")) {
      throw new Sinks.Rejected(new ObjectStoreException(Kind.IO_ERROR, "s3", "unreadable Content-Range " + value));
    }
    try {
      String rest = v.substring(6).trim();
      int dash = rest.indexOf('-');
      int slash = rest.indexOf('/');
      return new long[] {Long.parseLong(rest.substring(0, dash)), Long.parseLong(rest.substring(dash + 1, slash)),
          Long.parseLong(rest.substring(slash + 1))};
    } catch (RuntimeException e) {
      throw new Sinks.Rejected(new ObjectStoreException(Kind.IO_ERROR, "s3", "unreadable Content-Range " + value));
    }
  }

  // ---- error responses ----

  /**
   * A non-2xx response, read.
   *
   * @param head the status and headers
   * @param error the S3 error document, or null when the body had none (HEAD responses never do)
   * @param detail the status, error code and message, for an exception's message
   * @param requestId {@code x-amz-request-id}, else the document's {@code RequestId}, else null
   */
  record ErrorResponse(HttpResponseHead head, S3Xml.S3Error error, String detail, String requestId) {

    int status() {
      return head.status();
    }

    /** The S3 error code, or null. */
    String code() {
      return error == null ? null : error.code();
    }
  }

  /** Reads a non-2xx response whose body, if any, went to a {@link Sinks.Bounded}. */
  static ErrorResponse errorOf(HttpResponse response) {
    HttpResponseHead head = response.head();
    String requestId = head.header("x-amz-request-id");
    byte[] body = response.body() instanceof Sinks.Bounded bounded ? bounded.bytes() : new byte[0];
    S3Xml.S3Error error = S3Xml.error(body);
    String code = error == null ? null : error.code();
    if (requestId == null && error != null) {
      requestId = error.requestId();
    }
    int status = head.status();
    String detail = "HTTP " + status + (code == null ? "" : " " + code)
        + (error == null || error.message() == null ? "" : ": " + error.message());
    if (error == null && status == 404) {
      detail += ": no such object";  // HEAD responses carry no error document
    } else if (error == null && status == 403) {
      detail += ": access denied (check the credentials, the region and the bucket policy)";
    }
    return new ErrorResponse(head, error, detail, requestId);
  }

  /**
   * Whether an error response deserves another attempt: 429, 500, 502, 503, 504, a 409
   * {@code ConditionalRequestConflict}, and the codes of {@link #RETRYABLE_CODES} under any other status except
   * 403, 404, 412 and 416, which fail at once.
   */
  static boolean retryable(ErrorResponse response) {
    String code = response.code();
    switch (response.status()) {
      case 403, 404, 412, 416:
        return false;
      case 409:
        return "ConditionalRequestConflict".equals(code);
      case 429, 500, 502, 503, 504:
        return true;
      default:
        return code != null && RETRYABLE_CODES.contains(code);
    }
  }

  /**
   * The exception for an error response: 404 {@code NOT_FOUND} (naming the bucket for {@code NoSuchBucket}), 403
   * {@code ACCESS_DENIED}, 412 {@code PRECONDITION_FAILED}, 416 {@code INVALID_RANGE}, 409
   * {@code ConditionalRequestConflict} {@code PRECONDITION_FAILED} (two conditional writes raced; S3 asks to retry,
   * and the retry then gets a 412), 429 and {@code SlowDown} (or a bare 503) {@code THROTTLED}, anything else
   * {@code IO_ERROR}.
   */
  static ObjectStoreException exception(ErrorResponse response, String location, String bucket) {
    String code = response.code();
    int status = response.status();
    Kind kind;
    switch (status) {
      case 404 -> kind = Kind.NOT_FOUND;
      case 403 -> kind = Kind.ACCESS_DENIED;
      case 412 -> kind = Kind.PRECONDITION_FAILED;
      case 416 -> kind = Kind.INVALID_RANGE;
      case 409 -> kind = "ConditionalRequestConflict".equals(code) ? Kind.PRECONDITION_FAILED : Kind.IO_ERROR;
      case 429 -> kind = Kind.THROTTLED;
      case 500, 502, 503, 504 ->
          kind = "SlowDown".equals(code) || status == 503 && code == null ? Kind.THROTTLED : Kind.IO_ERROR;
      default -> kind = Kind.IO_ERROR;
    }
    String detail = response.detail();
    if (status == 404 && "NoSuchBucket".equals(code)) {
      detail = "no such bucket '" + bucket + "' (" + detail + ")";
    }
    return new ObjectStoreException(kind, location, detail, response.requestId(), null);
  }

  // ---- 200 responses that may hold an error ----

  /**
   * The ETag of a 200 response body that S3 may instead fill with an error document (CopyObject and
   * CompleteMultipartUpload do, after a delay); such an error, or a malformed body, is a {@link RetryableFailure}.
   *
   * @param response a response whose body went to a {@link Sinks.Bounded}
   * @param what the result element, for the message when the body is malformed
   */
  static String etagOfOkBody(HttpResponse response, String what) throws RetryableFailure {
    byte[] body = ((Sinks.Bounded) response.body()).bytes();
    S3Xml.S3Error error = S3Xml.error(body);
    if (error != null) {
      throw new RetryableFailure(Kind.IO_ERROR, "HTTP 200 with error " + error.code() + ": " + error.message()
          + (error.requestId() == null ? "" : " (request id " + error.requestId() + ")"), null);
    }
    try {
      return S3Xml.firstText(body, "ETag");
    } catch (XMLStreamException e) {
      throw new RetryableFailure(Kind.IO_ERROR, "malformed " + what + ": " + e.getMessage(), e);
    }
  }
}
