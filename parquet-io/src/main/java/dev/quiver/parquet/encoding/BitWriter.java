package dev.quiver.parquet.encoding;

/**
 * Packs values of 0 to 64 bits, least significant bit first, into a {@link ByteSink} (the bit order of Parquet's
 * bit-packed runs and DELTA_BINARY_PACKED miniblocks, Encodings.md). Bits are gathered in a 64-bit accumulator and
 * flushed a long at a time.
 */
final class BitWriter {
  private final ByteSink out;
  private long acc;
  private int bits;

  BitWriter(ByteSink out) {
    this.out = out;
  }

  /** Appends the low {@code width} bits of {@code v} ({@code 0 <= width <= 64}). */
  void write(long v, int width) {
    if (width == 0) {
      return;
    }
    if (width < 64) {
      v &= (1L << width) - 1;
    }
    acc |= v << bits;
    int total = bits + width;
    if (total >= 64) {
      out.writeLong(acc);
      acc = bits == 0 ? 0 : v >>> (64 - bits);
      bits = total - 64;
    } else {
      bits = total;
    }
  }

  /** Writes the pending bits, padded with zeros to a whole byte. */
  void flush() {
    int bytes = (bits + 7) >>> 3;
    out.writeLittleEndian(acc, bytes);
    acc = 0;
    bits = 0;
  }
}
