package dev.quiver.parquet.encoding;

import dev.quiver.parquet.ParquetCorruptionException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * DELTA_BINARY_PACKED (Encodings.md, "Delta Encoding (DELTA_BINARY_PACKED = 5)") for INT32 and INT64.
 *
 * <p>The stream is a header (block size in values, miniblocks per block, total value count, first value as a
 * zigzag ULEB128), then blocks: a zigzag ULEB128 minimum delta, one bit width byte per miniblock, then the
 * miniblocks, each {@code valuesPerMiniblock} deltas (minus the minimum) bit-packed little-endian at its width,
 * 0 to 64 bits. Values are rebuilt by adding deltas with two's complement wrap-around, in 32 bits for INT32 and 64
 * for INT64, as the spec requires.
 *
 * <p>Decoding is lazy, one miniblock at a time into a reused array, so a header claiming many values never causes
 * a large allocation; the claimed total is checked against the page's value count by the caller. Bit widths of
 * miniblocks past the last value are ignored (writers may leave garbage there), and a final miniblock whose
 * padding was cut off is accepted as long as the values actually read are present. {@link #endPosition()} walks
 * the remaining block headers without unpacking, for the encodings that store other data after this stream.
 */
public final class DeltaBinaryPackedDecoder implements FixedWidthDecoder {
  private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  /** The largest block accepted, in values: far above what writers use (128 to 1024), bounding the buffers. */
  static final int MAX_BLOCK_SIZE = 1 << 16;

  private final byte[] buf;
  private final int limit;
  private final boolean int32;
  private int pos;

  private final int blockSize;
  private final int miniblocksPerBlock;
  private final int valuesPerMiniblock;
  private final int totalValues;

  private int valuesRead;
  private long lastValue;
  private boolean firstPending = true;

  // current block
  private long minDelta;
  private final int[] bitWidths;
  private int miniblockIndex;
  private int miniblocksInBlock;
  // current miniblock, unpacked to values
  private final long[] miniblock;
  /** A miniblock's deltas unpacked as ints, before they are widened into {@link #miniblock}. */
  private final int[] intDeltas;
  private int miniblockPos;
  private int miniblockLength;

  /**
   * Reads the stream header at {@code buf[offset]}.
   *
   * @param int32 true for INT32 values (4-byte output, 32-bit arithmetic), false for INT64
   * @throws ParquetCorruptionException when the header is malformed (block size not a positive multiple of 128,
   *     miniblock size not a multiple of 32, negative count)
   */
  public DeltaBinaryPackedDecoder(byte[] buf, int offset, int length, boolean int32) {
    this.buf = buf;
    this.pos = offset;
    this.limit = offset + length;
    this.int32 = int32;
    long block = readUleb();
    long miniblocks = readUleb();
    long total = readUleb();
    lastValue = zigzag(readUleb());
    if (block <= 0 || block % 128 != 0 || block > MAX_BLOCK_SIZE) {
      throw new ParquetCorruptionException("DELTA_BINARY_PACKED block size " + block
          + " is not a positive multiple of 128 up to " + MAX_BLOCK_SIZE);
    }
    if (miniblocks <= 0 || block % miniblocks != 0 || (block / miniblocks) % 32 != 0) {
      throw new ParquetCorruptionException("DELTA_BINARY_PACKED block of " + block + " values cannot hold "
          + miniblocks + " miniblocks of a multiple of 32 values");
    }
    if (total > Integer.MAX_VALUE) {
      throw new ParquetCorruptionException("DELTA_BINARY_PACKED claims " + total + " values");
    }
    this.blockSize = (int) block;
    this.miniblocksPerBlock = (int) miniblocks;
    this.valuesPerMiniblock = (int) (block / miniblocks);
    this.totalValues = (int) total;
    this.bitWidths = new int[miniblocksPerBlock];
    this.miniblock = new long[valuesPerMiniblock];
    this.intDeltas = new int[valuesPerMiniblock];
    if (int32) {
      lastValue = (int) lastValue;
    }
  }

  /** The value count the header claims. */
  public int totalValues() {
    return totalValues;
  }

  /**
   * Decodes the next {@code count} values into {@code out}: a miniblock at a time, each one's deltas added up in a
   * tight loop (in 64 bits; an INT32 value is the low half, as 32-bit wrap-around gives the same bits).
   */
  @Override
  public void read(byte[] out, int outOffset, int count) {
    checkCount(count);
    int i = 0;
    int at = outOffset;
    if (count > 0 && firstPending) {
      firstPending = false;
      valuesRead++;
      store(out, at, lastValue);
      at += int32 ? 4 : 8;
      i = 1;
    }
    while (i < count) {
      if (miniblockPos == miniblockLength) {
        nextMiniblock();
      }
      int n = Math.min(count - i, miniblockLength - miniblockPos);
      long v = lastValue;
      long md = minDelta;
      long[] d = miniblock;
      int p = miniblockPos;
      if (int32) {
        for (int k = 0; k < n; k++) {
          v += md + d[p + k];
          INTS.set(out, at + 4 * k, (int) v);
        }
        at += 4 * n;
        v = (int) v;
      } else {
        for (int k = 0; k < n; k++) {
          v += md + d[p + k];
          LONGS.set(out, at + 8 * k, v);
        }
        at += 8 * n;
      }
      lastValue = v;
      miniblockPos += n;
      valuesRead += n;
      i += n;
    }
  }

  private void store(byte[] out, int at, long v) {
    if (int32) {
      INTS.set(out, at, (int) v);
    } else {
      LONGS.set(out, at, v);
    }
  }

  /** Decodes the next {@code count} values as ints (lengths of the DELTA_*_BYTE_ARRAY encodings). */
  public void readInts(int[] out, int offset, int count) {
    checkCount(count);
    for (int i = 0; i < count; i++) {
      out[offset + i] = (int) next();
    }
  }

  /**
   * Moves past the next {@code count} values. Each value is the sum of the deltas before it, so every skipped delta
   * is still unpacked, but a miniblock's deltas are only summed: no value is rebuilt or stored.
   */
  @Override
  public void skip(int count) {
    checkCount(count);
    int i = 0;
    if (count > 0 && firstPending) {
      firstPending = false;
      valuesRead++;
      i = 1;
    }
    while (i < count) {
      if (miniblockPos == miniblockLength) {
        nextMiniblock();
      }
      int n = Math.min(count - i, miniblockLength - miniblockPos);
      long sum = 0;
      long[] d = miniblock;
      int p = miniblockPos;
      for (int k = 0; k < n; k++) {
        sum += d[p + k];
      }
      long v = lastValue + (long) n * minDelta + sum;
      lastValue = int32 ? (int) v : v;
      miniblockPos += n;
      valuesRead += n;
      i += n;
    }
  }

  private void checkCount(int count) {
    if (count > totalValues - valuesRead) {
      throw new ParquetCorruptionException("DELTA_BINARY_PACKED stream holds " + (totalValues - valuesRead)
          + " more values, " + count + " were expected");
    }
  }

  private long next() {
    if (firstPending) {
      firstPending = false;
      valuesRead++;
      return lastValue;
    }
    if (miniblockPos == miniblockLength) {
      nextMiniblock();
    }
    valuesRead++;
    long v = lastValue + minDelta + miniblock[miniblockPos++];
    if (int32) {
      v = (int) v;
    }
    lastValue = v;
    return v;
  }

  private void nextMiniblock() {
    if (miniblockIndex == miniblocksInBlock) {
      readBlockHeader();
    }
    int width = bitWidths[miniblockIndex++];
    // the deltas left: valuesRead counts the values consumed, the first of which is no delta
    int needed = Math.min(valuesPerMiniblock, totalValues - valuesRead);
    long neededBytes = ((long) needed * width + 7) / 8;
    long fullBytes = (long) valuesPerMiniblock * width / 8;
    if (neededBytes > limit - pos) {
      throw new ParquetCorruptionException("DELTA_BINARY_PACKED miniblock of bit width " + width + " needs "
          + neededBytes + " bytes, " + (limit - pos) + " remain");
    }
    unpack(buf, pos, (int) Math.min(fullBytes, limit - pos), width, miniblock, needed, intDeltas);
    pos += (int) Math.min(fullBytes, limit - pos);
    miniblockPos = 0;
    miniblockLength = needed;
  }

  private void readBlockHeader() {
    minDelta = zigzag(readUleb());
    int remainingDeltas = totalValues - valuesRead;
    int used = Math.min(miniblocksPerBlock, (remainingDeltas + valuesPerMiniblock - 1) / valuesPerMiniblock);
    if (limit - pos < miniblocksPerBlock) {
      throw new ParquetCorruptionException("DELTA_BINARY_PACKED block header cut short");
    }
    int maxWidth = int32 ? 32 : 64;
    for (int i = 0; i < miniblocksPerBlock; i++) {
      int w = buf[pos + i] & 0xFF;
      if (i < used && w > maxWidth) {
        throw new ParquetCorruptionException("DELTA_BINARY_PACKED miniblock bit width " + w + " exceeds " + maxWidth);
      }
      bitWidths[i] = w;
    }
    pos += miniblocksPerBlock;
    miniblockIndex = 0;
    miniblocksInBlock = used;
  }

  /**
   * The position just after this stream, found by walking the remaining block headers without unpacking. Only
   * valid before any value has been read.
   */
  public int endPosition() {
    if (valuesRead != 0) {
      throw new IllegalStateException("endPosition must be asked before reading");
    }
    int saved = pos;
    int deltas = Math.max(0, totalValues - 1);
    int p = pos;
    while (deltas > 0) {
      pos = p;
      readUleb(); // min delta
      p = pos;
      if (limit - p < miniblocksPerBlock) {
        throw new ParquetCorruptionException("DELTA_BINARY_PACKED block header cut short");
      }
      int inBlock = Math.min(deltas, blockSize);
      int used = (inBlock + valuesPerMiniblock - 1) / valuesPerMiniblock;
      long bytes = 0;
      for (int i = 0; i < used; i++) {
        int w = buf[p + i] & 0xFF;
        if (w > 64) {
          throw new ParquetCorruptionException("DELTA_BINARY_PACKED miniblock bit width " + w + " exceeds 64");
        }
        bytes += (long) valuesPerMiniblock * w / 8;
      }
      p += miniblocksPerBlock;
      if (bytes > limit - p) {
        // a final miniblock may lack its padding: the stream then ends at the page's end
        if (deltas - inBlock > 0) {
          throw new ParquetCorruptionException("DELTA_BINARY_PACKED block needs " + bytes + " bytes, "
              + (limit - p) + " remain");
        }
        p = limit;
      } else {
        p += (int) bytes;
      }
      deltas -= inBlock;
    }
    pos = saved;
    return p;
  }

  /**
   * Unpacks {@code count} little-endian values of {@code width} bits (0 to 64) from {@code in[from, from + length)};
   * bits past {@code length} read as zero (only padding can lie there, the caller has checked the needed bytes).
   * Widths up to 32 whose whole groups of 8 values lie within the bytes given are unpacked through
   * {@code ints} (a scratch of at least {@code count} rounded up to 8 entries, or null to allocate one).
   */
  static void unpack(byte[] in, int from, int length, int width, long[] out, int count, int[] ints) {
    if (width == 0) {
      java.util.Arrays.fill(out, 0, count, 0L);
      return;
    }
    int groups = (count + 7) >>> 3;
    if (width <= 32 && (long) groups * width <= length) {
      // whole groups of 8 inside the bytes given: the specialised unpackers, then widened (deltas are unsigned)
      if (ints == null || ints.length < groups * 8) {
        ints = new int[groups * 8];
      }
      IntBitUnpackers.unpack(width, in, from, ints, 0, groups);
      for (int i = 0; i < count; i++) {
        out[i] = ints[i] & 0xFFFFFFFFL;
      }
      return;
    }
    long mask = width == 64 ? -1L : (1L << width) - 1;
    int end = from + length;
    long bit = 0;
    for (int i = 0; i < count; i++, bit += width) {
      int b = from + (int) (bit >>> 3);
      int shift = (int) (bit & 7);
      long v = 0;
      // gather up to 9 bytes: 64 bits at any shift
      int bytes = (shift + width + 7) >>> 3;
      for (int k = 0; k < bytes && k < 8; k++) {
        if (b + k < end) {
          v |= (in[b + k] & 0xFFL) << (8 * k);
        }
      }
      v >>>= shift;
      if (bytes == 9 && b + 8 < end) {
        v |= (in[b + 8] & 0xFFL) << (64 - shift);
      }
      out[i] = v & mask;
    }
  }

  private long readUleb() {
    long result = 0;
    for (int shift = 0; shift < 70; shift += 7) {
      if (pos >= limit) {
        throw new ParquetCorruptionException("DELTA_BINARY_PACKED header cut short");
      }
      byte b = buf[pos++];
      result |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return result;
      }
    }
    throw new ParquetCorruptionException("DELTA_BINARY_PACKED varint longer than 10 bytes");
  }

  private static long zigzag(long v) {
    return (v >>> 1) ^ -(v & 1);
  }
}
