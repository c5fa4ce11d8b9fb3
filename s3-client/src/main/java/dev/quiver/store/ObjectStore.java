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
   * As {@link #getRanges(String, List)}, reading into arrays the caller lends ({@link ReadArrays}) where the store
   * reads into heap memory itself: the returned buffers then wrap those arrays and are valid until the caller
   * lends them again. Stores whose bytes arrive otherwise (over the network, or held in memory already) ignore
   * {@code arrays}; the default does.
   *
   * @return one buffer per range, in the order of {@code ranges}; an empty list for no ranges
   * @throws ObjectStoreException (through the future) as {@link #getRanges(String, List)}
   */
  default CompletableFuture<List<ByteBuffer>> getRanges(String key, List<ByteRange> ranges, ReadArrays arrays) {
    return getRanges(key, ranges);
  }

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

  /**
   * The bytes of an object, whole ({@code range} null) or a range, only if its etag is still {@code ifMatch} (HTTP
   * {@code If-Match}, as S3 GetObject takes it): a reader that saw an etag in {@link #head} reads the same version
   * or fails.
   *
   * <p>The default implementation checks {@link #head} and then reads, which leaves a short window in which the
   * object could change; the S3 store checks atomically (the server compares the etag).
   *
   * @param range the bytes to read, or null for the whole object
   * @param ifMatch the etag the object must have, as {@link ObjectMetadata#etag()} gave it
   * @throws ObjectStoreException (through the future) of kind {@code PRECONDITION_FAILED} when the etag differs,
   *     and as {@link #get(String, ByteRange)} otherwise
   */
  default CompletableFuture<ByteBuffer> get(String key, ByteRange range, String ifMatch) {
    java.util.Objects.requireNonNull(key, "key");
    java.util.Objects.requireNonNull(ifMatch, "ifMatch");
    return head(key).thenCompose(metadata -> {
      if (!ifMatch.equals(metadata.etag())) {
        return CompletableFuture.failedFuture(new ObjectStoreException(ObjectStoreException.Kind.PRECONDITION_FAILED,
            ObjectKeys.location(describe(), key), "the object's etag is " + metadata.etag() + ", not " + ifMatch));
      }
      return range == null ? get(key) : get(key, range);
    });
  }

  /**
   * The bytes of an object, whole ({@code range} null) or a range, as a stream read at the caller's pace. The future
   * completes when the object is found (or fails as {@link #get(String, ByteRange)}); read errors later surface as
   * {@link java.io.IOException}s from the stream, whose cause is an {@link ObjectStoreException}. Close the stream
   * when done, read to the end or not.
   *
   * <p>The default implementation reads the bytes whole and wraps them; the S3 store streams with backpressure,
   * holding a bounded number of bytes however large the object.
   */
  default CompletableFuture<java.io.InputStream> getStream(String key, ByteRange range) {
    java.util.Objects.requireNonNull(key, "key");
    return (range == null ? get(key) : get(key, range)).thenApply(bytes -> new java.io.InputStream() {
      @Override
      public int read() {
        return bytes.hasRemaining() ? bytes.get() & 0xFF : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
          return 0;
        }
        if (!bytes.hasRemaining()) {
          return -1;
        }
        int n = Math.min(len, bytes.remaining());
        bytes.get(b, off, n);
        return n;
      }

      @Override
      public int available() {
        return bytes.remaining();
      }
    });
  }

  /**
   * One level of a listing: the objects directly under {@code prefix} and the common prefixes that group deeper
   * keys, split at {@code delimiter} (S3 ListObjectsV2 with a delimiter). With delimiter {@code "/"} and prefix
   * {@code "a/"}, keys {@code a/x} and {@code a/b/y} give object {@code a/x} and common prefix {@code a/b/}. All pages
   * are gathered. The default implementation groups the result of {@link #list(String)}.
   *
   * @param delimiter a non-empty string, usually {@code "/"}
   * @throws IllegalArgumentException at once for an empty delimiter
   */
  default CompletableFuture<ListResult> list(String prefix, String delimiter) {
    java.util.Objects.requireNonNull(delimiter, "delimiter");
    if (delimiter.isEmpty()) {
      throw new IllegalArgumentException("the delimiter must be non-empty");
    }
    return list(prefix).thenApply(all -> {
      List<ObjectMetadata> objects = new java.util.ArrayList<>();
      java.util.TreeSet<String> prefixes = new java.util.TreeSet<>(ObjectKeys.ORDER);
      for (ObjectMetadata metadata : all) {
        int at = metadata.key().indexOf(delimiter, prefix.length());
        if (at < 0) {
          objects.add(metadata);
        } else {
          prefixes.add(metadata.key().substring(0, at + delimiter.length()));
        }
      }
      return new ListResult(objects, List.copyOf(prefixes));
    });
  }

  /**
   * Copies an object inside the store (S3 CopyObject), replacing any object at {@code targetKey}. The default
   * implementation reads the source whole and puts it.
   *
   * @return the new object's metadata
   * @throws ObjectStoreException (through the future) of kind {@code NOT_FOUND} when the source is missing
   */
  default CompletableFuture<ObjectMetadata> copy(String sourceKey, String targetKey) {
    java.util.Objects.requireNonNull(sourceKey, "sourceKey");
    java.util.Objects.requireNonNull(targetKey, "targetKey");
    return get(sourceKey).thenCompose(bytes -> put(targetKey, bytes, PutMode.OVERWRITE));
  }

  /**
   * Starts writing a large object in pieces; see {@link MultipartUpload}. The default implementation gathers the
   * bytes in memory and puts them on {@code complete()}; the S3 store uploads parts as they fill, and the local store
   * streams them into a temporary file that {@code complete()} renames onto the key.
   *
   * @throws ObjectStoreException of kind {@code INVALID_KEY} at once for a malformed key
   */
  default MultipartUpload startUpload(String key) {
    java.util.Objects.requireNonNull(key, "key");
    return new BufferedUpload(this, key);
  }

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
