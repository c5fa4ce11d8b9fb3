package dev.quiver.parquet.encoding;

/**
 * Unpacks groups of 8 little-endian bit-packed values (the bit-packed runs of Encodings.md, "Run Length Encoding /
 * Bit-Packing Hybrid": values packed from the least significant bit of each byte) of any width from 0 to 32 bits.
 *
 * <p>A group of 8 values of width {@code w} takes exactly {@code w} bytes, so the caller checks {@code w} bytes
 * remain once per group and the loop reads without further checks. Each value is assembled from at most five
 * bytes through a 64-bit window. Widths 1 (validity, booleans) and 8 get their own loops.
 */
public final class BitUnpacker {
  private BitUnpacker() {}

  /**
   * Unpacks 8 values of {@code bitWidth} bits from {@code in[inPos, inPos + bitWidth)} into
   * {@code out[outPos, outPos + 8)}.
   *
   * @param bitWidth 0 to 32; the caller guarantees {@code bitWidth} bytes exist from {@code inPos}
   */
  public static void unpack8(byte[] in, int inPos, int[] out, int outPos, int bitWidth) {
    switch (bitWidth) {
      case 0 -> {
        for (int i = 0; i < 8; i++) {
          out[outPos + i] = 0;
        }
      }
      case 1 -> {
        int b = in[inPos];
        for (int i = 0; i < 8; i++) {
          out[outPos + i] = (b >>> i) & 1;
        }
      }
      case 8 -> {
        for (int i = 0; i < 8; i++) {
          out[outPos + i] = in[inPos + i] & 0xFF;
        }
      }
      default -> unpackGeneric(in, inPos, out, outPos, bitWidth);
    }
  }

  private static void unpackGeneric(byte[] in, int inPos, int[] out, int outPos, int bitWidth) {
    long mask = (1L << bitWidth) - 1;
    int end = inPos + bitWidth; // exclusive: the group's last byte is end - 1
    for (int i = 0; i < 8; i++) {
      int bit = i * bitWidth;
      int byteIndex = inPos + (bit >>> 3);
      int shift = bit & 7;
      // gather up to 5 bytes (enough for 32 bits at any shift), never past the group
      long window = 0;
      int bytes = Math.min(5, end - byteIndex);
      for (int k = 0; k < bytes; k++) {
        window |= (in[byteIndex + k] & 0xFFL) << (8 * k);
      }
      out[outPos + i] = (int) ((window >>> shift) & mask);
    }
  }
}
