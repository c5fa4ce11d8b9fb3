package dev.quiver.store;

import java.util.Objects;

/**
 * An object named by a store and a key, as {@link ObjectStores#resolve(String)} makes from a path or URL. Closing
 * the location closes the store when the location owns it (a local store made for this one path), and does nothing
 * when the store is shared (a named in-memory store). Immutable; operations are as thread-safe as the store.
 *
 * @param store the store holding the object
 * @param key the object's key in {@code store}
 * @param ownsStore whether {@link #close()} closes {@code store}
 */
public record ObjectLocation(ObjectStore store, String key, boolean ownsStore) implements AutoCloseable {

  /** @throws NullPointerException when {@code store} or {@code key} is null */
  public ObjectLocation {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(key, "key");
  }

  /** A location in a store the caller keeps ownership of: {@link #close()} leaves the store open. */
  public ObjectLocation(ObjectStore store, String key) {
    this(store, key, false);
  }

  /** The store description plus key, such as {@code file:///data/x.parquet}, as error messages show it. */
  public String location() {
    return ObjectKeys.location(store.describe(), key);
  }

  /** Closes the store if this location owns it. */
  @Override
  public void close() {
    if (ownsStore) {
      store.close();
    }
  }

  @Override
  public String toString() {
    return location();
  }
}
