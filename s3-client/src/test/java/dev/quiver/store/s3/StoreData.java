package dev.quiver.store.s3;

import dev.quiver.store.ObjectStoreException;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/** Helpers shared by the S3 tests. */
final class StoreData {

  private StoreData() {}

  static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  static byte[] array(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }

  /** The store failure of an operation, which must arrive through its future. */
  static ObjectStoreException failure(Supplier<? extends CompletableFuture<?>> operation) {
    try {
      operation.get().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof ObjectStoreException s) {
        return s;
      }
      throw new AssertionError("failed with " + e.getCause(), e);
    }
    throw new AssertionError("expected a failure");
  }
}
