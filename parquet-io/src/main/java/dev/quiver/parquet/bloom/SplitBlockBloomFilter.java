package dev.quiver.parquet.bloom;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A split-block bloom filter (BloomFilter.md): blocks of 256 bits, eight 32-bit words; a 64-bit hash picks a block
 * by its high 32 bits ({@code ((hash >>> 32) * blocks) >>> 32}) and sets one bit per word chosen by the low 32 bits
 * times the spec's eight salts. The bitset is stored little-endian word by word.
 */
public final class SplitBlockBloomFilter {
  /** Smallest bitset, bytes (one block). */
  public static final int MIN_BYTES = 32;
  /** Largest bitset, bytes (parquet-java's and Arrow C++'s cap). */
  public static final int MAX_BYTES = 128 * 1024 * 1024;
  private static final int[] SALT = {
    0x47b6137b, 0x44974d91, 0x8824ad5b, 0xa2b7289d, 0x705495c7, 0x2df1424b, 0x9efc4947, 0x5c6bfb31
  };
  private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private final int[] words;
  private final int blocks;

  /** An empty filter of {@code numBytes} bytes (a power of two between {@link #MIN_BYTES} and {@link #MAX_BYTES}). */
  public SplitBlockBloomFilter(int numBytes) {
    if (numBytes < MIN_BYTES || numBytes > MAX_BYTES || Integer.bitCount(numBytes) != 1) {
      throw new IllegalArgumentException("bloom filter size must be a power of two in [32, 128 MiB], got "
          + numBytes);
    }
    words = new int[numBytes / 4];
    blocks = numBytes / 32;
  }

  /** A filter read from {@code bitset[offset, offset + numBytes)}. */
  public static SplitBlockBloomFilter of(byte[] bitset, int offset, int numBytes) {
    SplitBlockBloomFilter f = new SplitBlockBloomFilter(numBytes);
    for (int i = 0; i < f.words.length; i++) {
      f.words[i] = (int) INTS.get(bitset, offset + 4 * i);
    }
    return f;
  }

  /**
   * The bitset size for {@code ndv} distinct values at false-positive probability {@code fpp}: the optimal bit count
   * {@code -8 * ndv / ln(1 - fpp^(1/8))} (BloomFilter.md, "Sizing"), rounded up to a power of two and clamped to
   * [{@link #MIN_BYTES}, {@link #MAX_BYTES}].
   */
  public static int optimalNumBytes(long ndv, double fpp) {
    double bits = -8.0 * ndv / Math.log(1 - Math.pow(fpp, 1.0 / 8));
    long bytes = (long) Math.ceil(bits / 8);
    if (!(bytes < MAX_BYTES)) {
      return MAX_BYTES;
    }
    int b = Math.max(MIN_BYTES, (int) bytes);
    return Integer.bitCount(b) == 1 ? b : Integer.highestOneBit(b) << 1;
  }

  /** Bytes of the bitset. */
  public int numBytes() {
    return words.length * 4;
  }

  /** Adds a value by its xxHash64. */
  public void insert(long hash) {
    int base = blockIndex(hash) * 8;
    int key = (int) hash;
    for (int i = 0; i < 8; i++) {
      words[base + i] |= 1 << ((key * SALT[i]) >>> 27);
    }
  }

  /** Whether a value with this hash may have been added (false means certainly not). */
  public boolean mightContain(long hash) {
    int base = blockIndex(hash) * 8;
    int key = (int) hash;
    for (int i = 0; i < 8; i++) {
      if ((words[base + i] & (1 << ((key * SALT[i]) >>> 27))) == 0) {
        return false;
      }
    }
    return true;
  }

  /** Writes the bitset, little-endian, into {@code out[offset, offset + numBytes())}. */
  public void writeTo(byte[] out, int offset) {
    for (int i = 0; i < words.length; i++) {
      INTS.set(out, offset + 4 * i, words[i]);
    }
  }

  private int blockIndex(long hash) {
    return (int) (((hash >>> 32) * blocks) >>> 32);
  }
}
