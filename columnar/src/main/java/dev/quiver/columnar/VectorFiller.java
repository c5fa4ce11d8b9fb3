package dev.quiver.columnar;

import java.nio.ByteOrder;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;

/**
 * Fills Arrow vectors from heap staging arrays in bulk: one allocation and one copy per buffer, the value count set
 * once. Decoders write into plain arrays (fast, bounds-checked by the JVM, no per-element {@code ArrowBuf} calls
 * with their reference-count checks) and hand the whole batch over here.
 *
 * <p>Each method replaces the vector's buffers: the vector must be empty (freshly created or cleared). Buffers
 * are allocated from the vector's own allocator, so an allocation limit surfaces as Arrow's
 * {@code OutOfMemoryException} from here.
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
    vector.setInitialCapacity(Math.max(rows, 1));
    vector.allocateNew();
    int width = vector.getTypeWidth();
    vector.getDataBuffer().setBytes(0, values, 0, (long) rows * width);
    writeValidity(vector.getValidityBuffer(), validity, rows);
    vector.setValueCount(rows);
  }

  /**
   * Fills a bit vector from one byte per value (0 or 1).
   *
   * @param values {@code rows} bytes, each 0 or 1
   * @param validity the validity bitmap, or null when every row is valid
   * @param scratch a bitmap scratch array of at least {@code (rows + 7) / 8} bytes, overwritten
   */
  public static void fillBits(BitVector vector, byte[] values, byte[] validity, int rows, byte[] scratch) {
    vector.setInitialCapacity(Math.max(rows, 1));
    vector.allocateNew();
    int bytes = (rows + 7) >>> 3;
    java.util.Arrays.fill(scratch, 0, bytes, (byte) 0);
    for (int i = 0; i < rows; i++) {
      scratch[i >>> 3] |= (byte) ((values[i] & 1) << (i & 7));
    }
    vector.getDataBuffer().setBytes(0, scratch, 0, bytes);
    writeValidity(vector.getValidityBuffer(), validity, rows);
    vector.setValueCount(rows);
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
    int dataLength = offsets[rows];
    vector.allocateNew(Math.max(dataLength, 1), Math.max(rows, 1));
    ArrowBuf offsetBuffer = vector.getOffsetBuffer();
    offsetBuffer.nioBuffer(0, (rows + 1) * 4).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().put(offsets, 0, rows + 1);
    vector.getDataBuffer().setBytes(0, data, 0, dataLength);
    writeValidity(vector.getValidityBuffer(), validity, rows);
    vector.setLastSet(rows - 1);
    vector.setValueCount(rows);
  }

  /**
   * Fills a large variable-width vector (LargeUtf8, LargeBinary): as {@link #fillVariableWidth}, with the offsets
   * widened to Arrow's 64-bit large offsets.
   */
  public static void fillLargeVariableWidth(BaseLargeVariableWidthVector vector, int[] offsets, byte[] data,
      byte[] validity, int rows) {
    int dataLength = offsets[rows];
    vector.allocateNew(Math.max(dataLength, 1), Math.max(rows, 1));
    java.nio.LongBuffer wide = vector.getOffsetBuffer().nioBuffer(0, (rows + 1) * 8).order(ByteOrder.LITTLE_ENDIAN)
        .asLongBuffer();
    for (int i = 0; i <= rows; i++) {
      wide.put(i, offsets[i]);
    }
    vector.getDataBuffer().setBytes(0, data, 0, dataLength);
    writeValidity(vector.getValidityBuffer(), validity, rows);
    vector.setLastSet(rows - 1);
    vector.setValueCount(rows);
  }

  private static void writeValidity(ArrowBuf buffer, byte[] validity, int rows) {
    int bytes = (rows + 7) >>> 3;
    if (validity == null) {
      buffer.setOne(0, bytes);
    } else {
      buffer.setBytes(0, validity, 0, bytes);
    }
  }
}
