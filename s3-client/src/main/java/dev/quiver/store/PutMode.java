package dev.quiver.store;

/** What {@link ObjectStore#put} does when an object already exists under the key. */
public enum PutMode {
  /** Replace the existing object, atomically: readers see the old object or the new one, never a mix. */
  OVERWRITE,
  /**
   * Create the object only if the key is free; otherwise fail with
   * {@link ObjectStoreException.Kind#PRECONDITION_FAILED} and leave the existing object untouched. Of several
   * concurrent creates of one key, exactly one succeeds.
   */
  CREATE
}
