package dev.quiver.parquet.encoding;

import dev.quiver.columnar.Bitmaps;
import dev.quiver.parquet.ParquetCorruptionException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Decodes the RLE / bit-packing hybrid encoding (Encodings.md, "Run Length Encoding / Bit-Packing Hybrid (RLE =
 * 3)") used for definition and repetition levels, dictionary indices and RLE booleans.
 *
 * <p>The input is a sequence of runs, each introduced by a ULEB128 header: an even header {@code h} is an RLE run
 * of {@code h >>> 1} copies of one value stored in {@code ceil(bitWidth / 8)} little-endian bytes; an odd header
 * is a bit-packed run of {@code (h >>> 1) * 8} values. Values are read in batches: RLE runs are filled with one
 * {@link java.util.Arrays#fill} and bit-packed runs unpacked 8 at a time.
 *
 * <p>Every run header and payload is checked against the bytes that exist; a run that claims more bytes than
 * remain, or more values than asked for in total, fails with {@link ParquetCorruptionException}. The final
 * bit-packed run may be padded, and may even be cut short by writers that trim trailing padding bytes: values
 * beyond the data are only an error when they are actually read.
 *
 * <p>Not thread-safe; one instance per page, reused through {@link #init}.
 */
public final class RleBitPackedHybridDecoder implements LevelDecoder {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private byte[] buf;
  private int pos;
  private int limit;
  private int bitWidth;
  private int byteWidth;

  /** Values left in the current run. */
  private int runRemaining;
  /** True while the current run is an RLE run. */
  private boolean rleRun;
  private int rleValue;
  /** Unpacked values of the current bit-packed group and how many of them are consumed. */
  private final int[] group = new int[8];
  private int groupPos = 8;

  /**
   * Starts decoding {@code buf[offset, offset + length)}.
   *
   * @param bitWidth bits per value, 0 to 32
   * @throws ParquetCorruptionException when the bit width is outside 0..32
   */
  public void init(byte[] buf, int offset, int length, int bitWidth) {
    if (bitWidth < 0 || bitWidth > 32) {
      throw new ParquetCorruptionException("RLE/bit-packed bit width " + bitWidth + " outside 0..32");
    }
    this.buf = buf;
    this.pos = offset;
    this.limit = offset + length;
    this.bitWidth = bitWidth;
    this.byteWidth = (bitWidth + 7) >>> 3;
    this.runRemaining = 0;
    this.groupPos = 8;
  }

  /** The position in the buffer after the runs read so far. */
  public int position() {
    return pos;
  }

  /**
   * Decodes the next {@code count} values into {@code out[offset, offset + count)}.
   *
   * @throws ParquetCorruptionException when the data ends before {@code count} values, or a run is malformed
   */
  @Override
  public void read(int[] out, int offset, int count) {
    while (count > 0) {
      if (runRemaining == 0) {
        nextRun();
      }
      int n = Math.min(count, runRemaining);
      if (rleRun) {
        if (n <= 16) {
          // writers such as DuckDB emit many short runs: a plain loop beats the fill call for them
          int v = rleValue;
          for (int i = 0; i < n; i++) {
            out[offset + i] = v;
          }
        } else {
          java.util.Arrays.fill(out, offset, offset + n, rleValue);
        }
      } else {
        readPacked(out, offset, n);
      }
      runRemaining -= n;
      offset += n;
      count -= n;
    }
  }

  /**
   * RLE runs at least this long come out of {@link #nextStretch} as one repeated value; shorter ones are expanded
   * into the stretch with the bit-packed values around them, so a consumer's loop stays long.
   */
  public static final int REPEATED_STRETCH = 32;

  /** Set by {@link #nextStretch}: whether the stretch is one value repeated. */
  private boolean stretchRepeated;

  /**
   * Run-wise decoding for consumers that fuse their work with the decoding (dictionary gathers): makes the next
   * stretch of between 1 and {@code max} values available and returns its length. When {@link #stretchRepeated()}
   * the stretch is (part of) an RLE run of at least {@link #REPEATED_STRETCH} values, each {@link #stretchValue()},
   * and {@code scratch} is not written; otherwise the values are in {@code scratch[0, n)} with
   * {@code n <= scratch.length}: bit-packed values and short RLE runs expanded, in order.
   *
   * @param scratch at least 8 ints
   * @param max the most values wanted, at least 1: values the caller knows the data must still hold
   * @throws ParquetCorruptionException as {@link #read}
   */
  public int nextStretch(int[] scratch, int max) {
    if (runRemaining == 0) {
      nextRun();
    }
    if (rleRun && runRemaining >= REPEATED_STRETCH) {
      int n = Math.min(max, runRemaining);
      stretchRepeated = true;
      runRemaining -= n;
      return n;
    }
    stretchRepeated = false;
    int cap = Math.min(max, scratch.length);
    int n = 0;
    while (true) {
      int take = Math.min(cap - n, runRemaining);
      if (rleRun) {
        int v = rleValue;
        for (int i = n; i < n + take; i++) {
          scratch[i] = v;
        }
      } else {
        readPacked(scratch, n, take);
      }
      runRemaining -= take;
      n += take;
      if (n == cap) {
        return n;
      }
      nextRun();
      if (rleRun && runRemaining >= REPEATED_STRETCH) {
        return n; // a long run: the next call hands it over as a repeated value
      }
    }
  }

  /**
   * Reads only the values at {@code positions[from, from + count)} among the next {@code span} values (positions
   * relative to the current value, strictly ascending, each below {@code span}) into {@code out[0, count)}, and
   * moves past all {@code span}. A selected value of a bit-packed run is cut out of the bytes where it lies (one
   * 8-byte load, a shift and a mask), so the values around it are never unpacked; one of an RLE run is the run's
   * value; runs with nothing selected are passed over by their headers. Costs a few nanoseconds per selected value
   * and one step per run, whatever the span: for sparse selections, where unpacking the span would cost more.
   *
   * @throws ParquetCorruptionException as {@link #read}, when the data ends before {@code span} values
   */
  public void gather(int[] positions, int from, int count, int span, int[] out) {
    int end = from + count;
    int i = from;
    int base = 0; // the position of the current value, relative to the start
    while (i < end) {
      if (runRemaining == 0) {
        nextRun();
      }
      // compared without adding: a bit-packed run at width 0 may hold close to 2^31 values
      boolean whole = runRemaining <= span - base;
      int runEnd = whole ? base + runRemaining : span;
      int stop = runEnd;
      if (rleRun) {
        int v = rleValue;
        for (; i < end && positions[i] < stop; i++) {
          out[i - from] = v;
        }
      } else {
        i = gatherPacked(positions, i, end, base, stop, out, from);
      }
      if (!whole) {
        break;
      }
      if (!rleRun) {
        // the run's whole groups after the buffered one, up to the data's end (the last group may be cut short)
        int buffered = groupPos < 8 ? 8 - groupPos : 0;
        long after = pos + (long) ((runRemaining - buffered) >>> 3) * bitWidth;
        pos = (int) Math.min(after, limit);
        groupPos = 8;
      }
      runRemaining = 0;
      base = runEnd;
    }
    if (span > base) {
      skip(span - base);
    }
  }

  /**
   * The selected positions below {@code stop} of the current bit-packed run, whose next value sits at relative
   * position {@code base}: those in the buffered group from {@link #group}, the rest cut from the bytes at
   * {@link #pos}; state is not changed. Returns the index of the first position not taken.
   */
  private int gatherPacked(int[] positions, int i, int end, int base, int stop, int[] out, int from) {
    int buffered = groupPos < 8 ? 8 - groupPos : 0;
    int packedBase = base + buffered;
    for (; i < end && positions[i] < packedBase && positions[i] < stop; i++) {
      out[i - from] = group[groupPos + positions[i] - base];
    }
    int width = bitWidth;
    long mask = (1L << width) - 1;
    byte[] b = buf;
    int start = pos;
    // a value inside the data whose 8-byte load stays inside the array is read in one load (bits past the value
    // masked off); one nearer the end byte by byte, bytes past the data read as zeros (a cut-short group's padding)
    long dataBits = (long) (limit - start) * 8;
    long lastLoad = (long) b.length - 8 - start;
    for (; i < end && positions[i] < stop; i++) {
      long bit = (long) (positions[i] - packedBase) * width;
      if (bit + width <= dataBits && (bit >>> 3) <= lastLoad) {
        int at = start + (int) (bit >>> 3);
        out[i - from] = (int) (((long) LONGS.get(b, at) >>> (bit & 7)) & mask);
      } else {
        out[i - from] = (int) ((slowBits(start, bit) >>> (bit & 7)) & mask);
      }
    }
    return i;
  }

  /** The 8 bytes from bit {@code bit} of the data at {@code start} (rounded down to a byte), zeros past the data. */
  private long slowBits(int start, long bit) {
    long at = start + (bit >>> 3);
    long v = 0;
    for (int k = 0; k < 8 && at + k < limit; k++) {
      v |= (buf[(int) (at + k)] & 0xFFL) << (8 * k);
    }
    return v;
  }

  /** Whether the stretch of the last {@link #nextStretch} call is one value repeated. */
  public boolean stretchRepeated() {
    return stretchRepeated;
  }

  /** The repeated value of the last {@link #nextStretch} stretch, when {@link #stretchRepeated()}. */
  public int stretchValue() {
    return rleValue;
  }

  /**
   * Decodes {@code count} levels and turns them into validity bits: bit {@code bitOffset + i} of {@code validity}
   * is set when level {@code i} equals {@code maxLevel}, cleared otherwise. RLE runs set whole bit ranges.
   *
   * @param scratch an array of at least 8 ints for bit-packed runs
   * @return how many of the {@code count} levels equal {@code maxLevel} (the non-null values)
   * @throws ParquetCorruptionException as {@link #read}
   */
  @Override
  public int readValidity(byte[] validity, int bitOffset, int count, int maxLevel, int[] scratch) {
    int nonNull = 0;
    while (count > 0) {
      if (runRemaining == 0) {
        nextRun();
      }
      int n = Math.min(count, runRemaining);
      if (rleRun) {
        boolean valid = rleValue == maxLevel;
        Bitmaps.setRange(validity, bitOffset, n, valid);
        if (valid) {
          nonNull += n;
        }
        runRemaining -= n;
        bitOffset += n;
        count -= n;
      } else {
        int chunk = Math.min(n, scratch.length);
        readPacked(scratch, 0, chunk);
        for (int i = 0; i < chunk; i++) {
          boolean valid = scratch[i] == maxLevel;
          Bitmaps.set(validity, bitOffset + i, valid);
          nonNull += valid ? 1 : 0;
        }
        runRemaining -= chunk;
        bitOffset += chunk;
        count -= chunk;
      }
    }
    return nonNull;
  }

  /**
   * Skips the next {@code count} values: RLE runs by arithmetic, bit-packed ones by whole groups where it can.
   *
   * @throws ParquetCorruptionException as {@link #read}
   */
  @Override
  public void skip(int count) {
    while (count > 0) {
      if (runRemaining == 0) {
        nextRun();
      }
      int n = Math.min(count, runRemaining);
      if (rleRun) {
        runRemaining -= n;
        count -= n;
        continue;
      }
      int drained = 0;
      while (drained < n && groupPos < 8) {
        groupPos++;
        drained++;
      }
      int groups = Math.min((n - drained) >>> 3, bitWidth == 0 ? Integer.MAX_VALUE : (limit - pos) / bitWidth);
      pos += groups * bitWidth;
      drained += groups * 8;
      if (drained < n) {
        int[] sink = skipScratch;
        readPacked(sink, 0, Math.min(n - drained, sink.length));
        drained += Math.min(n - drained, sink.length);
      }
      runRemaining -= drained;
      count -= drained;
    }
  }

  private final int[] skipScratch = new int[64];

  private void readPacked(int[] out, int offset, int n) {
    int i = 0;
    // drain a partly consumed group first
    while (i < n && groupPos < 8) {
      out[offset + i++] = group[groupPos++];
    }
    // whole groups straight into the output, one call per stretch (IntBitUnpackers dispatches on the width once)
    int groups = Math.min((n - i) >>> 3, bitWidth == 0 ? Integer.MAX_VALUE : (limit - pos) / bitWidth);
    if (groups > 0) {
      IntBitUnpackers.unpack(bitWidth, buf, pos, out, offset + i, groups);
      pos += groups * bitWidth;
      i += groups * 8;
    }
    while (n - i >= 8) {
      unpackGroup(out, offset + i); // only a final group cut short gets here
      i += 8;
    }
    if (i < n) {
      unpackGroup(group, 0);
      groupPos = 0;
      while (i < n) {
        out[offset + i++] = group[groupPos++];
      }
    }
  }

  private void unpackGroup(int[] out, int outPos) {
    if (limit - pos >= bitWidth) {
      IntBitUnpackers.unpack(bitWidth, buf, pos, out, outPos, 1);
      pos += bitWidth;
      return;
    }
    // A final group cut short by a writer that dropped padding: unpack from a zero-padded copy. Reading values
    // that are not there is caught by the run bookkeeping of the caller only if the page claims them; a page
    // that claims more values than its data holds fails when the next run header is missing.
    byte[] padded = new byte[Math.max(bitWidth, 1)];
    System.arraycopy(buf, pos, padded, 0, Math.max(0, limit - pos));
    IntBitUnpackers.unpack(bitWidth, padded, 0, out, outPos, 1);
    pos = limit;
  }

  private void nextRun() {
    if (pos >= limit) {
      throw new ParquetCorruptionException("RLE/bit-packed data ends before all values were read");
    }
    byte first = buf[pos];
    int header;
    if (first >= 0) {
      header = first; // the common one-byte run header
      pos++;
    } else {
      header = readUleb();
    }
    if ((header & 1) == 0) {
      int count = header >>> 1;
      if (count == 0) {
        throw new ParquetCorruptionException("RLE run of length 0");
      }
      if (limit - pos < byteWidth) {
        throw new ParquetCorruptionException("RLE run value cut short");
      }
      int value;
      if (byteWidth == 1) {
        value = buf[pos] & 0xFF;
      } else {
        value = 0;
        for (int k = 0; k < byteWidth; k++) {
          value |= (buf[pos + k] & 0xFF) << (8 * k);
        }
      }
      pos += byteWidth;
      if (bitWidth < 32 && (value >>> bitWidth) != 0) {
        throw new ParquetCorruptionException("RLE run value " + value + " wider than " + bitWidth + " bits");
      }
      rleRun = true;
      rleValue = value;
      runRemaining = count;
    } else {
      int groups = header >>> 1;
      if (groups == 0) {
        throw new ParquetCorruptionException("bit-packed run of 0 groups");
      }
      if (groups > Integer.MAX_VALUE >>> 3) {
        // more values than a page can hold; at bit width 0 the byte check below cannot catch it
        throw new ParquetCorruptionException("bit-packed run of " + groups + " groups (over 2^31 values)");
      }
      // each group takes bitWidth bytes; allow the last group to be cut short (see unpackGroup)
      long bytes = (long) groups * bitWidth;
      if (bytes - bitWidth > limit - pos) {
        throw new ParquetCorruptionException("bit-packed run of " + groups + " groups needs " + bytes
            + " bytes, " + (limit - pos) + " remain");
      }
      rleRun = false;
      runRemaining = groups * 8;
      groupPos = 8;
    }
  }

  private int readUleb() {
    int result = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      if (pos >= limit) {
        throw new ParquetCorruptionException("RLE/bit-packed run header cut short");
      }
      byte b = buf[pos++];
      result |= (b & 0x7F) << shift;
      if (b >= 0) {
        if (result < 0) {
          throw new ParquetCorruptionException("RLE/bit-packed run header too large");
        }
        return result;
      }
    }
    throw new ParquetCorruptionException("RLE/bit-packed run header longer than 5 bytes");
  }
}
