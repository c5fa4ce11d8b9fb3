package dev.quiver.parquet.write;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;

/**
 * Copies the present values of a leaf vector into a {@link ValueBatch} in Parquet's physical form, by the leaf's
 * {@link LeafKind}: one bulk copy of the needed span of each Arrow buffer into the heap, then one tight loop per
 * kind (no per-value virtual calls or ArrowBuf accessors).
 *
 * <p>Errors: {@link IllegalArgumentException} for values Parquet cannot hold in the chosen form (a decimal wider
 * than its precision, an interval with negative months or days, sub-millisecond nanoseconds or negative
 * milliseconds, seconds that overflow as milliseconds).
 */
final class ValueGatherer {
  private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle SHORTS =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

  private byte[] span = new byte[0];
  private int[] intOffsets = new int[0];
  private long[] longOffsets = new long[0];

  /** Appends the values of {@code b} (positions or the contiguous range) from {@code v} to {@code out}. */
  void gather(LeafColumn leaf, FieldVector v, LevelBatch b, ValueBatch out) {
    int n = b.valueCount;
    if (n == 0 || leaf.kind() == LeafKind.NULL) {
      return;
    }
    int[] pos = b.valuePositions;
    int lo;
    int hi;
    if (pos == null) {
      lo = b.valueStart;
      hi = b.valueStart + n;
    } else {
      lo = Integer.MAX_VALUE;
      hi = 0;
      for (int i = 0; i < n; i++) {
        lo = Math.min(lo, pos[i]);
        hi = Math.max(hi, pos[i] + 1);
      }
    }
    switch (leaf.kind()) {
      case BOOL -> bools(v, pos, lo, hi, n, out);
      case INT8, UINT8 -> small(v, pos, lo, hi, n, 1, leaf.kind() == LeafKind.INT8, out);
      case INT16, UINT16 -> small(v, pos, lo, hi, n, 2, leaf.kind() == LeafKind.INT16, out);
      case FIXED4 -> fixed4(v.getDataBuffer(), pos, lo, hi, n, 4, out);
      case DECIMAL_TO_INT32 -> decimalInt(leaf, v, pos, lo, hi, n, 4, out);
      case FIXED8 -> fixed8(v.getDataBuffer(), pos, lo, hi, n, 8, 1, out);
      case SECONDS_TO_MILLIS -> fixed8(v.getDataBuffer(), pos, lo, hi, n, 8, 1000, out);
      case DECIMAL_TO_INT64 -> decimalInt(leaf, v, pos, lo, hi, n, 8, out);
      case DECIMAL_TO_FIXED -> decimalFixed(leaf, v, pos, lo, hi, n, out);
      case FIXED_BYTES -> fixedBytes(v.getDataBuffer(), leaf.typeLength(), pos, lo, hi, n, out);
      case INTERVAL -> interval(v, pos, lo, hi, n, out);
      case BINARY, LARGE_BINARY -> binary(leaf.kind() == LeafKind.LARGE_BINARY, v, pos, lo, hi, n, out);
      default -> throw new IllegalStateException("unhandled kind " + leaf.kind());
    }
  }

  private byte[] span(ArrowBuf buf, long from, long length) {
    if (length > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("a batch span of " + length + " bytes is too large; write smaller batches");
    }
    span = ArrowBuffers.bytes(buf, from, (int) length, span);
    return span;
  }

  private void bools(FieldVector v, int[] pos, int lo, int hi, int n, ValueBatch out) {
    int firstByte = lo >>> 3;
    byte[] s = span(v.getDataBuffer(), firstByte, ((hi + 7) >>> 3) - firstByte);
    int[] o = out.ints(n);
    int base = out.count;
    int bitBase = firstByte << 3;
    for (int i = 0; i < n; i++) {
      int p = (pos == null ? lo + i : pos[i]) - bitBase;
      o[base + i] = (s[p >>> 3] >>> (p & 7)) & 1;
    }
    out.count += n;
  }

  private void small(FieldVector v, int[] pos, int lo, int hi, int n, int width, boolean signed, ValueBatch out) {
    byte[] s = span(v.getDataBuffer(), (long) lo * width, (long) (hi - lo) * width);
    int[] o = out.ints(n);
    int base = out.count;
    for (int i = 0; i < n; i++) {
      int p = (pos == null ? i : pos[i] - lo) * width;
      int x;
      if (width == 1) {
        x = signed ? s[p] : s[p] & 0xFF;
      } else {
        short sh = (short) SHORTS.get(s, p);
        x = signed ? sh : sh & 0xFFFF;
      }
      o[base + i] = x;
    }
    out.count += n;
  }

  /** 4-byte values at {@code st} bytes apart. */
  private void fixed4(ArrowBuf buf, int[] pos, int lo, int hi, int n, int st, ValueBatch out) {
    byte[] s = span(buf, (long) lo * st, (long) (hi - lo) * st);
    int[] o = out.ints(n);
    int base = out.count;
    for (int i = 0; i < n; i++) {
      int p = (pos == null ? i : pos[i] - lo) * st;
      o[base + i] = (int) INTS.get(s, p);
    }
    out.count += n;
  }

  private void fixed8(ArrowBuf buf, int[] pos, int lo, int hi, int n, int stride, long multiplier,
      ValueBatch out) {
    byte[] s = span(buf, (long) lo * stride, (long) (hi - lo) * stride);
    long[] o = out.longs(n);
    int base = out.count;
    for (int i = 0; i < n; i++) {
      int p = (pos == null ? i : pos[i] - lo) * stride;
      long x = (long) LONGS.get(s, p);
      if (multiplier != 1) {
        long y = x * multiplier;
        if (y / multiplier != x) {
          throw new IllegalArgumentException("timestamp of " + x + " s does not fit in 64-bit milliseconds");
        }
        x = y;
      }
      o[base + i] = x;
    }
    out.count += n;
  }

  /**
   * Decimals of precision up to 9 ({@code w} 4) or 18 ({@code w} 8) as INT32 or INT64: the low {@code w} bytes of
   * each 16- or 32-byte little-endian Arrow value, after checking that the dropped upper bytes are the sign fill of
   * the kept ones (else the value has more digits than the column's precision).
   */
  private void decimalInt(LeafColumn leaf, FieldVector v, int[] pos, int lo, int hi, int n, int w, ValueBatch out) {
    int arrowWidth = ((org.apache.arrow.vector.types.pojo.ArrowType.Decimal) leaf.valueType()).getBitWidth() / 8;
    byte[] s = span(v.getDataBuffer(), (long) lo * arrowWidth, (long) (hi - lo) * arrowWidth);
    int[] oi = w == 4 ? out.ints(n) : null;
    long[] ol = w == 8 ? out.longs(n) : null;
    int base = out.count;
    for (int i = 0; i < n; i++) {
      int p = (pos == null ? i : pos[i] - lo) * arrowWidth;
      long x = w == 4 ? (long) (int) INTS.get(s, p) : (long) LONGS.get(s, p);
      long fill = x >> 63; // 0 or -1: what every upper 8-byte word must equal
      for (int k = 8; k < arrowWidth; k += 8) {
        if ((long) LONGS.get(s, p + k) != fill) {
          throw tooWide(v);
        }
      }
      if (w == 4) {
        if ((long) LONGS.get(s, p) != x) { // bytes 4..7 must also be the sign fill of the low int
          throw tooWide(v);
        }
        oi[base + i] = (int) x;
      } else {
        ol[base + i] = x;
      }
    }
    out.count += n;
  }

  private static IllegalArgumentException tooWide(FieldVector v) {
    return new IllegalArgumentException("decimal value in column '" + v.getName()
        + "' has more digits than its precision allows");
  }

  private void decimalFixed(LeafColumn leaf, FieldVector v, int[] pos, int lo, int hi, int n, ValueBatch out) {
    int arrowWidth = ((org.apache.arrow.vector.types.pojo.ArrowType.Decimal) leaf.valueType()).getBitWidth() / 8;
    int w = leaf.typeLength();
    byte[] s = span(v.getDataBuffer(), (long) lo * arrowWidth, (long) (hi - lo) * arrowWidth);
    byte[] o = out.bytes((long) n * w);
    int at = out.byteLength;
    for (int i = 0; i < n; i++) {
      int p = (pos == null ? i : pos[i] - lo) * arrowWidth;
      byte fill = (byte) (s[p + arrowWidth - 1] >> 7);
      for (int k = w; k < arrowWidth; k++) {
        if (s[p + k] != fill) {
          throw new IllegalArgumentException("decimal value in column '" + v.getName()
              + "' has more digits than its precision allows");
        }
      }
      if (w < arrowWidth && (s[p + w - 1] >> 7) != fill) {
        throw new IllegalArgumentException("decimal value in column '" + v.getName()
            + "' has more digits than its precision allows");
      }
      for (int k = 0; k < w; k++) {
        o[at + k] = s[p + w - 1 - k];
      }
      at += w;
    }
    out.byteLength = at;
    out.count += n;
  }

  private void fixedBytes(ArrowBuf buf, int w, int[] pos, int lo, int hi, int n, ValueBatch out) {
    byte[] s = span(buf, (long) lo * w, (long) (hi - lo) * w);
    byte[] o = out.bytes((long) n * w);
    if (pos == null) {
      System.arraycopy(s, 0, o, out.byteLength, n * w);
    } else {
      int at = out.byteLength;
      for (int i = 0; i < n; i++) {
        System.arraycopy(s, (pos[i] - lo) * w, o, at, w);
        at += w;
      }
    }
    out.byteLength += n * w;
    out.count += n;
  }

  private void interval(FieldVector v, int[] pos, int lo, int hi, int n, ValueBatch out) {
    byte[] s = span(v.getDataBuffer(), (long) lo * 16, (long) (hi - lo) * 16);
    byte[] o = out.bytes((long) n * 12);
    int at = out.byteLength;
    for (int i = 0; i < n; i++) {
      int p = (pos == null ? i : pos[i] - lo) * 16;
      long nanos = (long) LONGS.get(s, p + 8);
      if (nanos % 1_000_000L != 0 || nanos < 0 || nanos / 1_000_000L > 0xFFFFFFFFL) {
        throw new IllegalArgumentException("interval in column '" + v.getName() + "' has " + nanos
            + " ns: Parquet INTERVAL holds whole milliseconds from 0 to 2^32-1");
      }
      int months = (int) INTS.get(s, p);
      int days = (int) INTS.get(s, p + 4);
      if (months < 0 || days < 0) {
        throw new IllegalArgumentException("interval in column '" + v.getName() + "' has " + months + " months and "
            + days + " days: Parquet INTERVAL holds unsigned months and days (parquet.thrift, INTERVAL)");
      }
      INTS.set(o, at, months);
      INTS.set(o, at + 4, days);
      INTS.set(o, at + 8, (int) (nanos / 1_000_000L));
      at += 12;
    }
    out.byteLength = at;
    out.count += n;
  }

  private void binary(boolean large, FieldVector v, int[] pos, int lo, int hi, int n, ValueBatch out) {
    int spanCount = hi - lo;
    long dataStart;
    long dataEnd;
    if (large) {
      longOffsets = ArrowBuffers.longs(v.getOffsetBuffer(), lo, spanCount + 1, longOffsets);
      dataStart = longOffsets[0];
      dataEnd = longOffsets[spanCount];
    } else {
      intOffsets = ArrowBuffers.ints(v.getOffsetBuffer(), lo, spanCount + 1, intOffsets);
      dataStart = intOffsets[0];
      dataEnd = intOffsets[spanCount];
    }
    byte[] s = span(v.getDataBuffer(), dataStart, dataEnd - dataStart);
    int[] o = out.offsets(n);
    int base = out.count;
    if (pos == null) {
      int len = (int) (dataEnd - dataStart);
      byte[] dst = out.bytes(len);
      System.arraycopy(s, 0, dst, out.byteLength, len);
      long shift = out.byteLength - dataStart;
      for (int i = 1; i <= n; i++) {
        o[base + i] = (int) ((large ? longOffsets[i] : intOffsets[i]) + shift);
      }
      out.byteLength += len;
    } else {
      long total = 0;
      for (int i = 0; i < n; i++) {
        int p = pos[i] - lo;
        total += large ? longOffsets[p + 1] - longOffsets[p] : intOffsets[p + 1] - intOffsets[p];
      }
      byte[] dst = out.bytes(total);
      int at = out.byteLength;
      for (int i = 0; i < n; i++) {
        int p = pos[i] - lo;
        int start = (int) ((large ? longOffsets[p] : intOffsets[p]) - dataStart);
        int len = (int) ((large ? longOffsets[p + 1] : intOffsets[p + 1]) - dataStart) - start;
        System.arraycopy(s, start, dst, at, len);
        at += len;
        o[base + i + 1] = at;
      }
      out.byteLength = at;
    }
    out.count += n;
  }
}
