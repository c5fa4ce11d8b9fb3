package dev.quiver.store;

import java.time.Instant;
import java.util.Objects;

/**
 * What a store knows about one object without reading it.
 *
 * @param key the object's key, relative to its store (see {@link ObjectKeys})
 * @param size the object's length in bytes, {@code >= 0}
 * @param etag an opaque version tag that changes whenever the object is replaced, or {@code null} when the store
 *     has none; compare it only with tags from the same store
 * @param lastModified when the object was last written, as the store reports it (its precision varies by store)
 */
public record ObjectMetadata(String key, long size, String etag, Instant lastModified) {

  /**
   * @throws NullPointerException when {@code key} or {@code lastModified} is null
   * @throws IllegalArgumentException when {@code size < 0}
   */
  public ObjectMetadata {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(lastModified, "lastModified");
    if (size < 0) {
      throw new IllegalArgumentException("object size must be >= 0, got " + size);
    }
  }
}
