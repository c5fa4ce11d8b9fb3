package dev.quiver.store.memory;

import dev.quiver.store.ByteRange;
import dev.quiver.store.ObjectKeys;
import dev.quiver.store.ObjectMetadata;
import dev.quiver.store.ObjectStore;
import dev.quiver.store.ObjectStoreException;
import dev.quiver.store.PutMode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link ObjectStore} held in memory: a sorted concurrent map from key to an immutable byte array. Made for
 * tests and scratch data; it has the same semantics as the other stores (key rules of {@link ObjectKeys}, atomic
 * puts, race-free {@link PutMode#CREATE}, range checks, listing order), except that a key and a prefix may coexist
 * ({@code a} and {@code a/b}), as on S3.
 *
 * <p>Puts copy the caller's bytes and gets return fresh copies, so neither side can change a stored object. The
 * etag is a number unique to each put within this JVM; {@code lastModified} is the time of the put.
 *
 * <p>Thread-safe. Every operation runs on the calling thread and returns an already-completed future. Closing
 * drops the contents. {@link dev.quiver.store.ObjectStores#memoryStore(String)} shares stores by name.
 */
public final class InMemoryStore implements ObjectStore {

  private static final AtomicLong ANONYMOUS = new AtomicLong();
  private static final AtomicLong VERSIONS = new AtomicLong();

  private record Stored(byte[] bytes, ObjectMetadata metadata) {}

  private final ConcurrentSkipListMap<String, Stored> objects = new ConcurrentSkipListMap<>(ObjectKeys.ORDER);
  private final String name;
  private final String description;
  private volatile boolean closed;

  /** An empty store with a generated name ({@code anonymous-N}). */
  public InMemoryStore() {
    this("anonymous-" + ANONYMOUS.incrementAndGet());
  }

  /**
   * An empty store.
   *
   * @param name shown by {@link #describe()} as {@code memory://name}; non-empty, without '/'
   * @throws IllegalArgumentException for an empty name or one containing '/'
   */
  public InMemoryStore(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty() || name.indexOf('/') >= 0) {
      throw new IllegalArgumentException("an in-memory store name must be non-empty and free of '/', got '"
          + name + "'");
    }
    this.name = name;
    this.description = "memory://" + name;
  }

  /** The store's name. */
  public String name() {
    return name;
  }

  /** Whether {@link #close()} has been called. */
  public boolean isClosed() {
    return closed;
  }

  @Override
  public CompletableFuture<ObjectMetadata> head(String key) {
    Objects.requireNonNull(key, "key");
    ensureOpen();
    try {
      return CompletableFuture.completedFuture(find(key).metadata());
    } catch (ObjectStoreException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Fails with {@code NOT_FOUND} for a missing key. */
  @Override
  public CompletableFuture<ByteBuffer> get(String key) {
    Objects.requireNonNull(key, "key");
    ensureOpen();
    try {
      byte[] bytes = find(key).bytes();
      return CompletableFuture.completedFuture(ByteBuffer.wrap(bytes.clone()));
    } catch (ObjectStoreException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Fails with {@code NOT_FOUND} for a missing key, {@code INVALID_RANGE} past the end. */
  @Override
  public CompletableFuture<ByteBuffer> get(String key, ByteRange range) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(range, "range");
    ensureOpen();
    try {
      byte[] bytes = find(key).bytes();
      if (!range.fitsWithin(bytes.length)) {
        throw ObjectStoreException.invalidRange(location(key), range, bytes.length);
      }
      int from = (int) range.offset();
      byte[] slice = Arrays.copyOfRange(bytes, from, from + (int) range.length());
      return CompletableFuture.completedFuture(ByteBuffer.wrap(slice));
    } catch (ObjectStoreException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Fails with {@code PRECONDITION_FAILED} for {@link PutMode#CREATE} on an existing key. */
  @Override
  public CompletableFuture<ObjectMetadata> put(String key, ByteBuffer data, PutMode mode) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(mode, "mode");
    ensureOpen();
    try {
      ObjectKeys.requireValidKey(key, description);
      byte[] bytes = new byte[data.remaining()];
      data.duplicate().get(bytes);
      ObjectMetadata metadata = new ObjectMetadata(
          key, bytes.length, Long.toHexString(VERSIONS.incrementAndGet()), Instant.now());
      Stored stored = new Stored(bytes, metadata);
      if (mode == PutMode.CREATE) {
        if (objects.putIfAbsent(key, stored) != null) {
          throw new ObjectStoreException(
              ObjectStoreException.Kind.PRECONDITION_FAILED, location(key), "an object already exists at this key");
        }
      } else {
        objects.put(key, stored);
      }
      return CompletableFuture.completedFuture(metadata);
    } catch (ObjectStoreException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletableFuture<List<ObjectMetadata>> list(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    ensureOpen();
    try {
      ObjectKeys.requireValidPrefix(prefix, description);
      List<ObjectMetadata> found = new ArrayList<>();
      // In code point order the keys starting with a prefix form one run beginning at the prefix itself.
      for (Map.Entry<String, Stored> entry : objects.tailMap(prefix, true).entrySet()) {
        if (!entry.getKey().startsWith(prefix)) {
          break;
        }
        found.add(entry.getValue().metadata());
      }
      return CompletableFuture.completedFuture(found);
    } catch (ObjectStoreException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Removes the key; a missing key succeeds. */
  @Override
  public CompletableFuture<Void> delete(String key) {
    Objects.requireNonNull(key, "key");
    ensureOpen();
    try {
      ObjectKeys.requireValidKey(key, description);
      objects.remove(key);
      return CompletableFuture.completedFuture(null);
    } catch (ObjectStoreException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** {@code memory://name}. */
  @Override
  public String describe() {
    return description;
  }

  /** Marks the store closed and drops its contents. Idempotent. */
  @Override
  public void close() {
    closed = true;
    objects.clear();
  }

  @Override
  public String toString() {
    return "InMemoryStore[" + description + ", " + objects.size() + " objects]";
  }

  private Stored find(String key) {
    ObjectKeys.requireValidKey(key, description);
    Stored stored = objects.get(key);
    if (stored == null) {
      throw ObjectStoreException.notFound(location(key));
    }
    return stored;
  }

  private String location(String key) {
    return ObjectKeys.location(description, key);
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException(this + " is closed");
    }
  }
}
