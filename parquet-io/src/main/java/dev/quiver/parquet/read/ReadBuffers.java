package dev.quiver.parquet.read;

import java.util.HashMap;
import java.util.Map;

/**
 * The reusable heap buffers of batch readers that run one after another on one thread: the arrays a row group's
 * column chunks are read into (where the store reads into heap memory: the local file system), and each projected
 * column's staging for a batch's values, validity and offsets, its conversion scratch and its page decompression
 * buffer.
 * A {@link ParquetBatchReader} keeps these across the row groups it reads; a consumer that opens many readers in
 * turn (an engine's scan taking one row group of one file after another) passes one {@code ReadBuffers} to each
 * ({@link ParquetFileReader#read(org.apache.arrow.memory.BufferAllocator, ReadOptions, ReadBuffers)}), so a reader
 * starts with arrays the previous one already grew instead of allocating and zeroing them again.
 *
 * <p>The staging arrays are bounded by the batch size or the largest page read, as within one reader, and the chunk
 * arrays by about the last row group's projected column chunks; the buffers are heap memory (no Arrow memory), kept
 * until this object is unreachable. A reader holds them from when it is made until
 * it is closed, so one {@code ReadBuffers} serves one open reader at a time; the class is not thread-safe.
 */
public final class ReadBuffers {
  /** Staging by the projected leaf's position (the i-th leaf column of the projection). */
  final Map<Integer, ColumnStaging> staging = new HashMap<>();
  /** The arrays column chunks are read into (about one row group's projected chunks). */
  final ChunkArrays chunks = new ChunkArrays();
  /** Whether an open reader holds the buffers. */
  private boolean held;

  /** Empty buffers; they grow as readers use them. */
  public ReadBuffers() {}

  /**
   * Marks the buffers held by a reader being made.
   *
   * @throws IllegalStateException when another reader holds them and was not closed
   */
  void hold() {
    if (held) {
      throw new IllegalStateException("these ReadBuffers are held by a reader that was not closed: one open "
          + "reader at a time may use them");
    }
    held = true;
  }

  /** Gives the buffers back when their reader closes. */
  void release() {
    held = false;
  }
}
