package dev.quiver.columnar;

import java.nio.ByteOrder;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;

/**
 * Fills Arrow vectors from heap staging arrays in bulk: one allocation and one copy per buffer, the value count set
 * once. Decoders write into plain arrays (fast, bounds-checked by the JVM, no per-element {@code ArrowBuf} calls
 * with their reference-count checks) and hand the whole batch over here.
 *
 * <p>Buffers are allocated without zeroing (Arrow's {@code allocateNew} clears every buffer it allocates, a second
 * pass over memory the copy then overwrites): each buffer is taken from the vector's allocator at its exact size,
 * written once (only the rounding slack past the written bytes is cleared), and handed to the vector with
 * {@code loadFieldBuffers}, the route Arrow's IPC reader takes. The
 * validity of a batch without nulls is built by Arrow as ones. Each method replaces the vector's buffers: the
 * vector must be empty (freshly created or cleared). An allocation limit surfaces as Arrow's
 * {@code OutOfMemoryException} from here, with nothing leaked.
 */
public final class VectorFiller {
  private VectorFiller() {}

  /**
   * Fills a fixed-width vector.
   *
   * @param values {@code rows * typeWidth} little-endian bytes, in Arrow's layout for the type
   * @param validity the validity bitmap of {@code rows} bits, or null when every row is valid
   * @param rows the row count, {@code >= 0}
   */
  public static void fillFixedWidth(BaseFixedWidthVector vector, byte[] values, byte[] validity, int rows) {
    long dataBytes = (long) rows * vector.getTypeWidth();
    load(vector, rows, validity, values, dataBytes);
  }

  /**
   * Fills a bit vector from one byte per value (0 or 1).
   *
   * @param values {@code rows} bytes, each 0 or 1
   * @param validity the validity bitmap, or null when every row is valid
   * @param scratch a bitmap scratch array of at least {@code (rows + 7) / 8} bytes, overwritten
   */
  public static void fillBits(BitVector vector, byte[] values, byte[] validity, int rows, byte[] scratch) {
    int bytes = (rows + 7) >>> 3;
    java.util.Arrays.fill(scratch, 0, bytes, (byte) 0);
    for (int i = 0; i < rows; i++) {
      scratch[i >>> 3] |= (byte) ((values[i] & 1) << (i & 7));
    }
    load(vector, rows, validity, scratch, bytes);
  }

  /**
   * Fills a variable-width vector (Utf8, Binary).
   *
   * @param offsets {@code rows + 1} offsets into {@code data}, starting at 0, non-decreasing
   * @param data the value bytes, {@code offsets[rows]} of them
   * @param validity the validity bitmap, or null when every row is valid
   */
  public static void fillVariableWidth(BaseVariableWidthVector vector, int[] offsets, byte[] data, byte[] validity,
      int rows) {
    BufferAllocator allocator = vector.getAllocator();
    ArrowBuf offsetBuffer = allocator.buffer((long) (rows + 1) * 4);
    try {
      offsetBuffer.nioBuffer(0, (rows + 1) * 4).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().put(offsets, 0,
          rows + 1);
      zeroTail(offsetBuffer, (long) (rows + 1) * 4);
      loadVariable(vector, rows, validity, offsetBuffer, data, offsets[rows]);
    } finally {
      offsetBuffer.close();
    }
  }

  /**
   * Fills a large variable-width vector (LargeUtf8, LargeBinary): as {@link #fillVariableWidth}, with the offsets
   * widened to Arrow's 64-bit large offsets.
   */
  public static void fillLargeVariableWidth(BaseLargeVariableWidthVector vector, int[] offsets, byte[] data,
      byte[] validity, int rows) {
    BufferAllocator allocator = vector.getAllocator();
    ArrowBuf offsetBuffer = allocator.buffer((long) (rows + 1) * 8);
    try {
      java.nio.LongBuffer wide = offsetBuffer.nioBuffer(0, (rows + 1) * 8).order(ByteOrder.LITTLE_ENDIAN)
          .asLongBuffer();
      for (int i = 0; i <= rows; i++) {
        wide.put(i, offsets[i]);
      }
      zeroTail(offsetBuffer, (long) (rows + 1) * 8);
      loadVariable(vector, rows, validity, offsetBuffer, data, offsets[rows]);
    } finally {
      offsetBuffer.close();
    }
  }

  private static void loadVariable(FieldVector vector, int rows, byte[] validity, ArrowBuf offsetBuffer,
      byte[] data, int dataLength) {
    BufferAllocator allocator = vector.getAllocator();
    ArrowBuf validityBuffer = validityBuffer(allocator, validity, rows);
    try {
      ArrowBuf dataBuffer = allocator.buffer(Math.max(dataLength, 1));
      try {
        dataBuffer.setBytes(0, data, 0, dataLength);
        zeroTail(dataBuffer, dataLength);
        vector.loadFieldBuffers(new ArrowFieldNode(rows, nullCount(validity, rows)),
            List.of(validityBuffer, offsetBuffer, dataBuffer));
      } finally {
        dataBuffer.close();
      }
    } finally {
      validityBuffer.close();
    }
  }

  /** Allocates an unzeroed data buffer, copies {@code length} bytes of {@code data} in and loads it. */
  private static void load(FieldVector vector, int rows, byte[] validity, byte[] data, long length) {
    BufferAllocator allocator = vector.getAllocator();
    ArrowBuf validityBuffer = validityBuffer(allocator, validity, rows);
    ArrowBuf dataBuffer = null;
    try {
      dataBuffer = allocator.buffer(Math.max(length, 1));
      dataBuffer.setBytes(0, data, 0, length);
      zeroTail(dataBuffer, length);
      vector.loadFieldBuffers(new ArrowFieldNode(rows, nullCount(validity, rows)),
          List.of(validityBuffer, dataBuffer));
    } finally {
      if (dataBuffer != null) {
        dataBuffer.close();
      }
      validityBuffer.close();
    }
  }

  /**
   * The validity buffer to load: Arrow's empty buffer when every row is valid (it then builds the ones itself),
   * otherwise the bitmap's bytes with the bits past {@code rows} in the last byte cleared.
   */
  private static ArrowBuf validityBuffer(BufferAllocator allocator, byte[] validity, int rows) {
    if (validity == null) {
      return allocator.getEmpty();
    }
    int bytes = (rows + 7) >>> 3;
    ArrowBuf buffer = allocator.buffer(Math.max(bytes, 1));
    buffer.setBytes(0, validity, 0, bytes);
    if ((rows & 7) != 0) {
      buffer.setByte(bytes - 1, validity[bytes - 1] & ((1 << (rows & 7)) - 1));
    }
    zeroTail(buffer, bytes);
    return buffer;
  }

  /**
   * Clears a buffer's bytes past the {@code written} ones: the allocator rounds sizes up (to a power of two below
   * 16 MiB), the vector's capacity then covers those bytes, and Arrow treats slots past the value count as null and
   * zero (setValueCount, setSafe's hole filling and reallocation copy them), as after its own zeroing allocateNew.
   * Batches of power-of-two rows have no tail; only the last partial one pays.
   */
  private static void zeroTail(ArrowBuf buffer, long written) {
    long tail = buffer.capacity() - written;
    if (tail > 0) {
      buffer.setZero(written, tail);
    }
  }

  private static int nullCount(byte[] validity, int rows) {
    return validity == null ? 0 : rows - Bitmaps.countSet(validity, rows);
  }
}
