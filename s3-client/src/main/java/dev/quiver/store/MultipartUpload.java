package dev.quiver.store;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * A large object written in pieces (S3 multipart upload: CreateMultipartUpload, UploadPart,
 * CompleteMultipartUpload, AbortMultipartUpload). Nothing is visible under the key until {@link #complete()}
 * succeeds; a failed or abandoned upload leaves no object and, on S3, no stored parts.
 *
 * <p>One writer: call {@link #write} again only after the previous write's future completed. The write future is
 * the backpressure: it completes once the bytes are copied and at most the store's bound of parts is in flight.
 * Any failure (after the store's retries) aborts the upload; later calls fail with that error.
 */
public interface MultipartUpload extends AutoCloseable {

  /** The key the object will have. */
  String key();

  /**
   * Appends the remaining bytes of {@code data} (its position and limit are not moved; the bytes are copied before
   * the future completes).
   */
  CompletableFuture<Void> write(ByteBuffer data);

  /** Publishes the object made of everything written, and returns its metadata. */
  CompletableFuture<ObjectMetadata> complete();

  /** Discards everything written; no object appears. Harmless after a failure or a previous abort. */
  CompletableFuture<Void> abort();

  /** Aborts the upload unless {@link #complete()} was called. Does not wait for the abort. */
  @Override
  void close();
}
