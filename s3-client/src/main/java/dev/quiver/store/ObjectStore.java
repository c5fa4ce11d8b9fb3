package dev.quiver.store;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A flat namespace of immutable objects named by keys, the common shape of object stores (S3 and its kin), local
 * folders and memory. Keys are '/'-separated, relative to the store's root, with no leading '/'; the stores of this
 * module accept the keys described in {@link ObjectKeys} and refuse others with kind {@code INVALID_KEY}.
 *
 * <p>Every operation is asynchronous: the returned future completes with the result, or exceptionally with an
 * {@link ObjectStoreException} whose {@link ObjectStoreException#kind() kind} says what went wrong (not found,
 * precondition failed, access denied, ...) and whose message names the key. Retries, where a store makes them,
 * happen inside the store and are invisible to the caller. A store may complete the future before returning it
 * (the local and in-memory stores do all their work on the calling thread); callers must not assume either way.
 * {@link ObjectStores#await} joins a future and rethrows its {@code ObjectStoreException} unwrapped.
 *
 * <p>Programming errors are not sent through the future: a null argument throws {@link NullPointerException} and
 * any call on a closed store throws {@link IllegalStateException}, at once.
 *
 * <p>Byte results are {@link ByteBuffer}s positioned at 0 whose remaining bytes are exactly the bytes asked
 * for; they may be heap or direct, and belong to the caller. Byte arguments are read from their position to their
 * limit without moving either; the caller must not change them until the future completes.
 *
 * <p>Implementations are thread-safe.
 */
public interface ObjectStore extends AutoCloseable {

  /**
   * The size and version of one object.
   *
   * @throws ObjectStoreException (through the future) of kind {@code NOT_FOUND} when there is no such key
   */
  CompletableFuture<ObjectMetadata> head(String key);

  /**
   * The whole object's bytes. Fails as {@link #head(String)}, and with kind {@code INVALID_RANGE} when the object is
   * longer than one buffer can hold ({@link ByteRange#MAX_LENGTH} bytes); read such objects in ranges.
   */
  CompletableFuture<ByteBuffer> get(String key);

  /**
   * The bytes {@code [range.offset(), range.offset() + range.length())} of an object.
   *
   * @throws ObjectStoreException (through the future) of kind {@code NOT_FOUND} for a missing key, and of kind
   *     {@code INVALID_RANGE} when the range reaches past the end of the object
   */
  CompletableFuture<ByteBuffer> get(String key, ByteRange range);

  /**
   * Several ranges of one object, in the order asked. Ranges closer to each other than the store's coalescing
   * gap may be fetched by one request and split afterwards; large ranges may be split across requests. The
   * default implementation issues one {@link #get(String, ByteRange)} per range. Ranges may overlap, touch, repeat
   * or come in any order; see {@link RangeCoalescer}.
   *
   * @return one buffer per range, in the order of {@code ranges}; an empty list for no ranges
   * @throws ObjectStoreException (through the future) as {@link #get(String, ByteRange)}, when any range fails
   */
  default CompletableFuture<List<ByteBuffer>> getRanges(String key, List<ByteRange> ranges) {
    @SuppressWarnings({"unchecked", "rawtypes"})
    CompletableFuture<ByteBuffer>[] parts = new CompletableFuture[ranges.size()];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = get(key, ranges.get(i));
    }
    return CompletableFuture.allOf(parts).thenApply(ignored -> {
      List<ByteBuffer> result = new java.util.ArrayList<>(parts.length);
      for (CompletableFuture<ByteBuffer> part : parts) {
        result.add(part.join());
      }
      return result;
    });
  }

  /**
   * Stores {@code data} (its remaining bytes) under {@code key}. The object becomes visible whole or not at all:
   * a concurrent reader sees the previous object (or none) or the new one, never part of it.
   *
   * @return the new object's metadata
   * @param mode {@link PutMode#OVERWRITE} replaces any existing object; {@link PutMode#CREATE} fails with kind
   *     {@code PRECONDITION_FAILED} when the key exists
   */
  CompletableFuture<ObjectMetadata> put(String key, ByteBuffer data, PutMode mode);

  /**
   * Every object whose key starts with {@code prefix}, in lexicographic key order (by code point, see
   * {@link ObjectKeys#ORDER}), all pages gathered. A prefix is a plain string match: {@code "a/b"} lists
   * {@code a/b}, {@code a/b/c} and {@code a/bc}.
   *
   * @param prefix a key prefix; {@code ""} lists the whole store
   * @return the objects' metadata; empty when nothing matches
   * @throws ObjectStoreException (through the future) of kind {@code INVALID_KEY} for a malformed prefix (see
   *     {@link ObjectKeys#requireValidPrefix})
   */
  CompletableFuture<List<ObjectMetadata>> list(String prefix);

  /** Removes an object; removing a missing key succeeds (as S3 does). */
  CompletableFuture<Void> delete(String key);

  /** A short description of the store for messages, such as {@code file:///data} or {@code s3://bucket}. */
  String describe();

  /**
   * Releases connections and threads; the store may not be used afterwards (calls throw
   * {@link IllegalStateException}). Closing twice is harmless.
   */
  @Override
  void close();
}
