package dev.quiver.parquet.read;

import dev.quiver.store.ObjectStoreException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Small helpers between the asynchronous store and the reader. */
final class Io {
  private Io() {}

  /**
   * Waits for a store result, rethrowing its {@link ObjectStoreException} (or other unchecked failure) as it is.
   */
  static <T> T join(CompletableFuture<T> future, String location) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ObjectStoreException(ObjectStoreException.Kind.IO_ERROR, location, "interrupted", null, e);
    } catch (ExecutionException | CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new ObjectStoreException(ObjectStoreException.Kind.IO_ERROR, location, String.valueOf(cause), null, cause);
    }
  }

  /** A window of a heap array: {@code array[offset, offset + length)}. */
  record Slice(byte[] array, int offset, int length) {}

  /**
   * The remaining bytes of a buffer as a window of a heap array, without a copy when the buffer is a heap buffer
   * (as the slices of a coalesced range read are); direct buffers are copied once.
   */
  static Slice slice(ByteBuffer buffer) {
    if (buffer.hasArray()) {
      return new Slice(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
    }
    byte[] copy = toArray(buffer);
    return new Slice(copy, 0, copy.length);
  }

  /** The remaining bytes of a buffer as a heap array: the backing array itself when it is exactly that. */
  static byte[] toArray(ByteBuffer buffer) {
    if (buffer.hasArray() && buffer.arrayOffset() == 0 && buffer.position() == 0
        && buffer.remaining() == buffer.array().length) {
      return buffer.array();
    }
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }
}
