package dev.quiver.codec;

/**
 * Per-thread scratch arrays for the codecs whose library has no path for a given mix of heap and direct buffers
 * (Snappy has array-to-array and direct-to-direct only; zstd-jni compresses array-to-array or direct-to-direct).
 * The other side is copied through one of these.
 *
 * <p>Arrays up to {@link #MAX_RETAINED} bytes are kept for the thread's next call; larger ones are allocated per
 * call and dropped, so an odd huge page does not pin memory for the life of a thread.
 */
final class Scratch {
  /** The largest scratch array kept per thread and slot: 4 MiB, four times Parquet's default page size. */
  static final int MAX_RETAINED = 4 << 20;

  private static final ThreadLocal<byte[][]> ARRAYS = ThreadLocal.withInitial(() -> new byte[2][]);

  private Scratch() {}

  /** A scratch array of at least {@code size} bytes for a copy of the input; contents undefined. */
  static byte[] input(int size) {
    return get(0, size);
  }

  /** A scratch array of at least {@code size} bytes for output; distinct from {@link #input(int)}'s. */
  static byte[] output(int size) {
    return get(1, size);
  }

  private static byte[] get(int slot, int size) {
    byte[][] arrays = ARRAYS.get();
    byte[] array = arrays[slot];
    if (array != null && array.length >= size) {
      return array;
    }
    byte[] fresh = new byte[size];
    if (size <= MAX_RETAINED) {
      arrays[slot] = fresh;
    }
    return fresh;
  }
}
