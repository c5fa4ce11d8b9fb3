package dev.quiver.store;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link MultipartUpload} of stores without a native one: the bytes gather in memory and {@link #complete()}
 * stores them with one {@link ObjectStore#put} ({@link PutMode#OVERWRITE}). Limited to {@link ByteRange#MAX_LENGTH}
 * bytes. Not thread-safe (one writer, as the interface says).
 */
final class BufferedUpload implements MultipartUpload {

  private final ObjectStore store;
  private final String key;
  private byte[] bytes = new byte[8192];
  private int size;
  private boolean finished;

  BufferedUpload(ObjectStore store, String key) {
    this.store = Objects.requireNonNull(store, "store");
    this.key = ObjectKeys.requireValidKey(key, store.describe());
  }

  @Override
  public String key() {
    return key;
  }

  @Override
  public CompletableFuture<Void> write(ByteBuffer data) {
    Objects.requireNonNull(data, "data");
    if (finished) {
      return CompletableFuture.failedFuture(new ObjectStoreException(ObjectStoreException.Kind.IO_ERROR,
          ObjectKeys.location(store.describe(), key), "the upload was completed or aborted"));
    }
    int n = data.remaining();
    if ((long) size + n > ByteRange.MAX_LENGTH) {
      return CompletableFuture.failedFuture(new ObjectStoreException(ObjectStoreException.Kind.INVALID_RANGE,
          ObjectKeys.location(store.describe(), key), "an upload to this store holds at most "
          + ByteRange.MAX_LENGTH + " bytes"));
    }
    if (size + n > bytes.length) {
      bytes = Arrays.copyOf(bytes, (int) Math.min(ByteRange.MAX_LENGTH, Math.max(size + (long) n, 2L * bytes.length)));
    }
    data.duplicate().get(bytes, size, n);
    size += n;
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<ObjectMetadata> complete() {
    if (finished) {
      return CompletableFuture.failedFuture(new ObjectStoreException(ObjectStoreException.Kind.IO_ERROR,
          ObjectKeys.location(store.describe(), key), "the upload was completed or aborted"));
    }
    finished = true;
    ByteBuffer data = ByteBuffer.wrap(bytes, 0, size);
    bytes = null;
    return store.put(key, data, PutMode.OVERWRITE);
  }

  @Override
  public CompletableFuture<Void> abort() {
    finished = true;
    bytes = null;
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void close() {
    if (!finished) {
      abort();
    }
  }
}
