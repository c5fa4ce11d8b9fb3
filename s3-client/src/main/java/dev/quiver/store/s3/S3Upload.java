package dev.quiver.store.s3;

import dev.quiver.store.MultipartUpload;
import dev.quiver.store.ObjectMetadata;
import dev.quiver.store.ObjectStoreException;
import dev.quiver.store.ObjectStoreException.Kind;
import dev.quiver.store.PutMode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The {@link MultipartUpload} of {@link S3Store}. Written bytes fill a part buffer of {@link S3Config#partSize()}
 * bytes; a full part is sent with UploadPart as soon as fewer than {@link S3Config#maxPartsInFlight()} parts are in
 * flight. When none is free, copying stops, and the write's future completes only once its last byte is copied: so
 * memory stays at most {@code maxPartsInFlight + 1} part buffers, however large the writes. The upload is created
 * (CreateMultipartUpload) with the first part; {@link #complete()} sends the last, possibly short, part and
 * CompleteMultipartUpload, or a single PUT when no part was ever full. A part that fails after the store's retries
 * aborts the upload (AbortMultipartUpload), as does {@link #close()} without complete, and closing the store.
 *
 * <p>One writer: a write must not start before the previous one's future completed. State is guarded by this
 * object's monitor; network work and future completions run outside it.
 */
final class S3Upload implements MultipartUpload {

  private final S3Store store;
  private final String key;
  private final int partSize;
  private final int maxInFlight;

  private byte[] current;
  private int currentSize;
  private ByteBuffer source;
  private CompletableFuture<Void> writeDone;
  private boolean completing;
  private final CompletableFuture<Void> allPartsStarted = new CompletableFuture<>();
  private final List<CompletableFuture<String>> partEtags = new ArrayList<>();
  private int inFlight;
  private CompletableFuture<String> uploadId;
  private ObjectStoreException failure;
  private boolean finished;
  private CompletableFuture<Void> aborted;

  S3Upload(S3Store store, String key) {
    this.store = store;
    this.key = key;
    this.partSize = store.config().partSize();
    this.maxInFlight = store.config().maxPartsInFlight();
  }

  @Override
  public String key() {
    return key;
  }

  @Override
  public CompletableFuture<Void> write(ByteBuffer data) {
    Objects.requireNonNull(data, "data");
    CompletableFuture<Void> done = new CompletableFuture<>();
    List<Runnable> actions;
    synchronized (this) {
      if (failure != null) {
        return CompletableFuture.failedFuture(failure);
      }
      if (finished) {
        return CompletableFuture.failedFuture(closedError());
      }
      if (writeDone != null && !writeDone.isDone()) {
        return CompletableFuture.failedFuture(new IllegalStateException(
            "a write started before the previous one completed; wait for each write's future"));
      }
      source = data.duplicate();
      writeDone = done;
      actions = pump();
    }
    actions.forEach(Runnable::run);
    return done;
  }

  /**
   * Copies pending bytes into parts and starts full parts (and, when completing, the last one) while slots are free.
   * Caller holds the monitor; the returned actions run after it is released.
   */
  private List<Runnable> pump() {
    List<Runnable> actions = new ArrayList<>();
    while (source != null) {
      if (current == null) {
        current = new byte[partSize];
        currentSize = 0;
      }
      if (currentSize == partSize) {
        if (inFlight >= maxInFlight) {
          return actions;  // a finishing part pumps again
        }
        actions.add(startPart(ByteBuffer.wrap(current, 0, currentSize)));
        current = null;
        continue;
      }
      int n = Math.min(source.remaining(), partSize - currentSize);
      source.get(current, currentSize, n);
      currentSize += n;
      if (!source.hasRemaining()) {
        source = null;
        CompletableFuture<Void> done = writeDone;
        actions.add(() -> done.complete(null));
      }
    }
    if (current != null && currentSize == partSize && inFlight < maxInFlight) {
      actions.add(startPart(ByteBuffer.wrap(current, 0, currentSize)));
      current = null;
    }
    if (completing && !allPartsStarted.isDone() && inFlight < maxInFlight) {
      if (current != null && currentSize > 0) {
        // The last part may be shorter than 5 MiB.
        actions.add(startPart(ByteBuffer.wrap(current, 0, currentSize)));
      }
      current = null;
      actions.add(() -> allPartsStarted.complete(null));
    }
    return actions;
  }

  /** Takes a slot and returns the action that sends the part. Caller holds the monitor. */
  private Runnable startPart(ByteBuffer bytes) {
    if (uploadId == null) {
      uploadId = store.multipart().createUpload(key);
    }
    inFlight++;
    int part = partEtags.size() + 1;
    CompletableFuture<String> etag = new CompletableFuture<>();
    partEtags.add(etag);
    CompletableFuture<String> id = uploadId;
    return () -> {
      // Hashed here, on the writer's or a callback thread, never on an I/O thread.
      String payloadHash = store.payloadHash(bytes);
      id.thenCompose(value -> store.multipart().uploadPart(key, value, part, bytes, payloadHash))
          .whenComplete((value, error) -> partDone(etag, value, error));
    };
  }

  private void partDone(CompletableFuture<String> etag, String value, Throwable error) {
    List<Runnable> actions = List.of();
    CompletableFuture<Void> failedWrite = null;
    ObjectStoreException failed = null;
    synchronized (this) {
      inFlight--;
      if (error != null) {
        if (failure == null) {
          failure = asStoreException(error);
        }
        failed = failure;
        source = null;
        failedWrite = writeDone;
      } else if (failure == null && aborted == null) {
        actions = pump();
      }
    }
    if (error != null) {
      etag.completeExceptionally(error);
      if (failedWrite != null) {
        failedWrite.completeExceptionally(failed);
      }
      allPartsStarted.completeExceptionally(failed);
      abort();
      return;
    }
    etag.complete(value);
    actions.forEach(Runnable::run);
  }

  @Override
  public CompletableFuture<ObjectMetadata> complete() {
    List<Runnable> actions;
    synchronized (this) {
      if (failure != null) {
        return CompletableFuture.failedFuture(failure);
      }
      if (finished) {
        return CompletableFuture.failedFuture(closedError());
      }
      if (writeDone != null && !writeDone.isDone()) {
        return CompletableFuture.failedFuture(new IllegalStateException(
            "complete() called before the last write's future completed"));
      }
      finished = true;
      if (uploadId == null && (current == null || currentSize < partSize)) {
        // No part was ever full: one PUT is cheaper than a multipart upload.
        ByteBuffer bytes = current == null ? ByteBuffer.allocate(0) : ByteBuffer.wrap(current, 0, currentSize);
        current = null;
        store.forget(this);
        return store.put(key, bytes, PutMode.OVERWRITE);
      }
      completing = true;
      actions = pump();
    }
    actions.forEach(Runnable::run);
    return allPartsStarted
        .thenCompose(ignored -> {
          List<CompletableFuture<String>> etags;
          synchronized (this) {
            etags = List.copyOf(partEtags);
          }
          return CompletableFuture.allOf(etags.toArray(CompletableFuture[]::new))
              .thenCompose(none -> uploadId)
              .thenCompose(id -> store.multipart().completeUpload(key, id,
                  etags.stream().map(CompletableFuture::join).toList()));
        })
        .handle((metadata, error) -> {
          if (error != null) {
            ObjectStoreException e = asStoreException(error);
            synchronized (this) {
              if (failure == null) {
                failure = e;
              }
            }
            abort();
            throw new CompletionException(e);
          }
          store.forget(this);
          return metadata;
        });
  }

  @Override
  public CompletableFuture<Void> abort() {
    CompletableFuture<String> id;
    CompletableFuture<Void> pendingWrite;
    List<CompletableFuture<String>> started;
    ObjectStoreException reason;
    synchronized (this) {
      finished = true;
      current = null;
      source = null;
      if (aborted != null) {
        return aborted;
      }
      reason = failure != null ? failure
          : new ObjectStoreException(Kind.IO_ERROR, store.location(key), "the upload was aborted");
      pendingWrite = writeDone;
      id = uploadId;
      started = List.copyOf(partEtags);
      if (id == null) {
        aborted = CompletableFuture.completedFuture(null);
      } else {
        // Abort once the create has answered; parts still in flight may land after it, so abort again once they
        // have all ended (S3 API reference, AbortMultipartUpload).
        aborted = id.handle((value, error) -> value)
            .thenCompose(value -> value == null ? CompletableFuture.completedFuture(null)
                : store.multipart().abortUpload(key, value)
                    .thenCompose(ignored -> CompletableFuture.allOf(started.toArray(CompletableFuture[]::new))
                        .handle((x, y) -> null))
                    .thenCompose(ignored -> store.multipart().abortUpload(key, value)));
      }
    }
    if (pendingWrite != null && !pendingWrite.isDone()) {
      pendingWrite.completeExceptionally(reason);
    }
    allPartsStarted.completeExceptionally(reason);
    return aborted.whenComplete((x, y) -> store.forget(this));
  }

  @Override
  public void close() {
    synchronized (this) {
      if (finished && aborted == null && failure == null) {
        return;  // completed, or completing
      }
    }
    abort();
  }

  private ObjectStoreException closedError() {
    return new ObjectStoreException(Kind.IO_ERROR, store.location(key), "the upload was completed or aborted");
  }

  private ObjectStoreException asStoreException(Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof ObjectStoreException e) {
      return e;
    }
    return new ObjectStoreException(Kind.IO_ERROR, store.location(key), String.valueOf(cause), null, cause);
  }
}
