package dev.quiver.store;

/**
 * Heap arrays a caller lends a store to read ranges into ({@link ObjectStore#getRanges(String, java.util.List,
 * ReadArrays)}), so a reader that fetches one batch of ranges after another (a Parquet reader's column chunks, row
 * group after row group) reuses the same memory instead of the store allocating, and zeroing, new arrays each time.
 */
@FunctionalInterface
public interface ReadArrays {
  /**
   * An array of at least {@code length} bytes for the {@code slot}-th read of one request (0, 1, ... in the order
   * the store reads). Within one request each slot must get an array of its own (the reads are all kept); across
   * requests a slot may get the same array again once the caller is done with the previous request's buffers.
   *
   * @param slot the read's number within the request, from 0
   * @param length bytes the read needs, {@code >= 0}
   */
  byte[] array(int slot, int length);
}
