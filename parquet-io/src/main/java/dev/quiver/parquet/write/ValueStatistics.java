package dev.quiver.parquet.write;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Min, max and null count of a page or column chunk, kept in the leaf's {@link SortOrder} (parquet.thrift
 * {@code Statistics} and {@code ColumnOrder}): integers signed or unsigned, floating point values with NaN left out
 * and a zero min written as -0.0 and a zero max as +0.0, bytes in unsigned or (decimals) signed order. Values are
 * taken a batch at a time from a {@link ValueBatch}; pages merge into the chunk.
 *
 * <p>Encoded min/max are PLAIN without a length prefix; BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY values in unsigned order
 * longer than the truncation length are cut (whole UTF-8 characters for text), the max rounded up so it stays an
 * upper bound; a max that cannot be rounded up (all 0xFF bytes) is kept whole.
 */
final class ValueStatistics {
  private final SortOrder order;
  private final int width;
  long nullCount;
  /** Values seen (non-null, NaN included). */
  long valueCount;
  /** NaN values seen (FLOAT, DOUBLE, FLOAT16 orders; 0 for the others). */
  long nanCount;
  private boolean has;
  private long minL;
  private long maxL;
  private double minD;
  private double maxD;
  private byte[] minB;
  private byte[] maxB;

  ValueStatistics(SortOrder order, int fixedWidth) {
    this.order = order;
    this.width = fixedWidth;
  }

  void reset() {
    nullCount = 0;
    valueCount = 0;
    nanCount = 0;
    has = false;
    minB = null;
    maxB = null;
  }

  /** Whether a min and max exist (some non-null, non-NaN value, and the order is defined). */
  boolean hasMinMax() {
    return has;
  }

  /** Takes values {@code [from, from + n)} of {@code v}. */
  void update(ValueBatch v, int from, int n) {
    valueCount += n;
    if (n == 0) {
      return;
    }
    switch (order) {
      case BOOLEAN, INT32_SIGNED -> {
        int lo = Integer.MAX_VALUE;
        int hi = Integer.MIN_VALUE;
        for (int i = from; i < from + n; i++) {
          int x = v.ints[i];
          lo = Math.min(lo, x);
          hi = Math.max(hi, x);
        }
        longs(lo, hi, false);
      }
      case INT32_UNSIGNED -> {
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (int i = from; i < from + n; i++) {
          long x = v.ints[i] & 0xFFFFFFFFL;
          lo = Math.min(lo, x);
          hi = Math.max(hi, x);
        }
        longs(lo, hi, false);
      }
      case INT64_SIGNED, INT64_UNSIGNED -> {
        boolean unsigned = order == SortOrder.INT64_UNSIGNED;
        long flip = unsigned ? Long.MIN_VALUE : 0;
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (int i = from; i < from + n; i++) {
          long x = v.longs[i] ^ flip;
          lo = Math.min(lo, x);
          hi = Math.max(hi, x);
        }
        longs(lo ^ flip, hi ^ flip, unsigned);
      }
      case FLOAT -> {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        boolean any = false;
        long nans = 0;
        for (int i = from; i < from + n; i++) {
          float x = Float.intBitsToFloat(v.ints[i]);
          if (x == x) {
            any = true;
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
          } else {
            nans++;
          }
        }
        nanCount += nans;
        if (any) {
          doubles(lo, hi);
        }
      }
      case DOUBLE -> {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        boolean any = false;
        long nans = 0;
        for (int i = from; i < from + n; i++) {
          double x = Double.longBitsToDouble(v.longs[i]);
          if (x == x) {
            any = true;
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
          } else {
            nans++;
          }
        }
        nanCount += nans;
        if (any) {
          doubles(lo, hi);
        }
      }
      case FLOAT16 -> {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        boolean any = false;
        long nans = 0;
        for (int i = from; i < from + n; i++) {
          int p = i * 2;
          float x = halfToFloat((v.bytes[p] & 0xFF) | (v.bytes[p + 1] & 0xFF) << 8);
          if (x == x) {
            any = true;
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
          } else {
            nans++;
          }
        }
        nanCount += nans;
        if (any) {
          doubles(lo, hi);
        }
      }
      case BYTES_UNSIGNED, BYTES_SIGNED -> bytes(v, from, n);
      default -> { }
    }
  }

  /** Takes the min, max and counts of {@code other} (same order). */
  void merge(ValueStatistics other) {
    nullCount += other.nullCount;
    valueCount += other.valueCount;
    nanCount += other.nanCount;
    if (!other.has) {
      return;
    }
    switch (order) {
      case FLOAT, DOUBLE, FLOAT16 -> doubles(other.minD, other.maxD);
      case BYTES_UNSIGNED, BYTES_SIGNED -> {
        if (!has) {
          minB = other.minB;
          maxB = other.maxB;
          has = true;
        } else {
          if (compareBytes(other.minB, 0, other.minB.length, minB) < 0) {
            minB = other.minB;
          }
          if (compareBytes(other.maxB, 0, other.maxB.length, maxB) > 0) {
            maxB = other.maxB;
          }
        }
      }
      default -> longs(other.minL, other.maxL, order == SortOrder.INT64_UNSIGNED);
    }
  }

  private void longs(long lo, long hi, boolean unsigned) {
    if (!has) {
      minL = lo;
      maxL = hi;
      has = true;
    } else if (unsigned) {
      if (Long.compareUnsigned(lo, minL) < 0) {
        minL = lo;
      }
      if (Long.compareUnsigned(hi, maxL) > 0) {
        maxL = hi;
      }
    } else {
      minL = Math.min(minL, lo);
      maxL = Math.max(maxL, hi);
    }
  }

  private void doubles(double lo, double hi) {
    if (!has) {
      minD = lo;
      maxD = hi;
      has = true;
    } else {
      minD = Math.min(minD, lo);
      maxD = Math.max(maxD, hi);
    }
  }

  private void bytes(ValueBatch v, int from, int n) {
    boolean binary = width == 0;
    int loI = -1;
    int hiI = -1;
    for (int i = from; i < from + n; i++) {
      if (loI < 0) {
        loI = i;
        hiI = i;
        continue;
      }
      if (compare(v, i, loI, binary) < 0) {
        loI = i;
      }
      if (compare(v, i, hiI, binary) > 0) {
        hiI = i;
      }
    }
    byte[] lo = copy(v, loI, binary);
    byte[] hi = copy(v, hiI, binary);
    if (!has) {
      minB = lo;
      maxB = hi;
      has = true;
    } else {
      if (compareBytes(lo, 0, lo.length, minB) < 0) {
        minB = lo;
      }
      if (compareBytes(hi, 0, hi.length, maxB) > 0) {
        maxB = hi;
      }
    }
  }

  private int compare(ValueBatch v, int a, int b, boolean binary) {
    int as = binary ? v.offsets[a] : a * width;
    int ae = binary ? v.offsets[a + 1] : as + width;
    int bs = binary ? v.offsets[b] : b * width;
    int be = binary ? v.offsets[b + 1] : bs + width;
    if (order == SortOrder.BYTES_SIGNED && ae > as && be > bs && v.bytes[as] != v.bytes[bs]) {
      return Byte.compare(v.bytes[as], v.bytes[bs]);
    }
    return Arrays.compareUnsigned(v.bytes, as, ae, v.bytes, bs, be);
  }

  private int compareBytes(byte[] a, int from, int to, byte[] b) {
    if (order == SortOrder.BYTES_SIGNED && to > from && b.length > 0 && a[from] != b[0]) {
      return Byte.compare(a[from], b[0]);
    }
    return Arrays.compareUnsigned(a, from, to, b, 0, b.length);
  }

  private byte[] copy(ValueBatch v, int i, boolean binary) {
    int s = binary ? v.offsets[i] : i * width;
    int e = binary ? v.offsets[i + 1] : s + width;
    return Arrays.copyOfRange(v.bytes, s, e);
  }

  /** The encoded min, or null when there is none. */
  byte[] min(int truncateLength, boolean utf8) {
    if (!has) {
      return null;
    }
    return switch (order) {
      case BOOLEAN -> new byte[] {(byte) minL};
      case INT32_SIGNED, INT32_UNSIGNED -> le((int) minL, 4);
      case INT64_SIGNED, INT64_UNSIGNED -> le(minL, 8);
      case FLOAT -> le(Float.floatToRawIntBits(minD == 0 ? -0.0f : (float) minD), 4);
      case DOUBLE -> le(Double.doubleToRawLongBits(minD == 0 ? -0.0 : minD), 8);
      case FLOAT16 -> le(floatToHalf(minD == 0 ? -0.0f : (float) minD), 2);
      case BYTES_UNSIGNED -> minB.length > truncateLength ? truncateMin(minB, truncateLength, utf8) : minB;
      case BYTES_SIGNED -> minB;
      default -> null;
    };
  }

  /** The encoded max, or null when there is none. */
  byte[] max(int truncateLength, boolean utf8) {
    if (!has) {
      return null;
    }
    return switch (order) {
      case BOOLEAN -> new byte[] {(byte) maxL};
      case INT32_SIGNED, INT32_UNSIGNED -> le((int) maxL, 4);
      case INT64_SIGNED, INT64_UNSIGNED -> le(maxL, 8);
      case FLOAT -> le(Float.floatToRawIntBits(maxD == 0 ? 0.0f : (float) maxD), 4);
      case DOUBLE -> le(Double.doubleToRawLongBits(maxD == 0 ? 0.0 : maxD), 8);
      case FLOAT16 -> le(floatToHalf(maxD == 0 ? 0.0f : (float) maxD), 2);
      case BYTES_UNSIGNED -> maxB.length > truncateLength ? truncateMax(maxB, truncateLength, utf8) : maxB;
      case BYTES_SIGNED -> maxB;
      default -> null;
    };
  }

  /** Whether the min of {@link #min} is the actual min (not truncated). */
  boolean minExact(int truncateLength) {
    return !(order == SortOrder.BYTES_UNSIGNED && minB != null && minB.length > truncateLength);
  }

  /** Whether the max of {@link #max} is the actual max. */
  boolean maxExact(int truncateLength, boolean utf8) {
    return !(order == SortOrder.BYTES_UNSIGNED && maxB != null && maxB.length > truncateLength)
        || Arrays.equals(max(truncateLength, utf8), maxB);
  }

  static byte[] truncateMin(byte[] v, int length, boolean utf8) {
    int n = length;
    if (utf8) {
      while (n > 0 && (v[n] & 0xC0) == 0x80) {
        n--; // keep whole characters: v[n] starts the first character left out
      }
    }
    return Arrays.copyOf(v, n);
  }

  /**
   * An upper bound of {@code v} (unsigned byte order) of at most {@code length} bytes, or {@code v} itself when none
   * exists. For {@code utf8} values that are valid UTF-8 the bound keeps whole characters and rounds the last kept
   * one up; a value that is not valid UTF-8 (text columns may hold any bytes) is rounded up byte-wise, since
   * decoding it leniently would replace bytes by U+FFFD and could give a bound below the value.
   */
  static byte[] truncateMax(byte[] v, int length, boolean utf8) {
    String s = utf8 ? strictUtf8(v) : null;
    if (s != null) {
      int[] cps = s.codePoints().toArray();
      int keep = 0;
      int bytes = 0;
      while (keep < cps.length) {
        int b = new String(Character.toChars(cps[keep])).getBytes(StandardCharsets.UTF_8).length;
        if (bytes + b > length) {
          break;
        }
        bytes += b;
        keep++;
      }
      for (int i = keep - 1; i >= 0; i--) {
        int next = cps[i] + 1;
        if (next >= 0xD800 && next <= 0xDFFF) {
          next = 0xE000;
        }
        if (next <= Character.MAX_CODE_POINT) {
          int[] out = Arrays.copyOf(cps, i + 1);
          out[i] = next;
          byte[] r = new String(out, 0, out.length).getBytes(StandardCharsets.UTF_8);
          if (r.length <= length) {
            return r;
          }
        }
      }
      return v;
    }
    for (int i = length - 1; i >= 0; i--) {
      if (v[i] != (byte) 0xFF) {
        byte[] r = Arrays.copyOf(v, i + 1);
        r[i]++;
        return r;
      }
    }
    return v;
  }

  /** {@code v} decoded as UTF-8, or null when it is not well-formed UTF-8. */
  private static String strictUtf8(byte[] v) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(v)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static byte[] le(long v, int bytes) {
    byte[] b = new byte[bytes];
    for (int i = 0; i < bytes; i++) {
      b[i] = (byte) (v >>> (8 * i));
    }
    return b;
  }

  /** IEEE 754 half (binary16 bits) to float. */
  static float halfToFloat(int h) {
    int sign = (h & 0x8000) << 16;
    int exp = (h >>> 10) & 0x1F;
    int mant = h & 0x3FF;
    if (exp == 0x1F) {
      return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
    }
    if (exp == 0) {
      float f = mant * 0x1p-24f;
      return sign != 0 ? -f : f;
    }
    return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
  }

  /** Float to IEEE 754 half bits; exact for values that came from halves (min/max are such values). */
  static int floatToHalf(float f) {
    int bits = Float.floatToRawIntBits(f);
    int sign = (bits >>> 16) & 0x8000;
    float a = Math.abs(f);
    if (Float.isInfinite(a)) {
      return sign | 0x7C00;
    }
    if (a == 0) {
      return sign;
    }
    if (a < 0x1p-14f) {
      return sign | Math.round(a * 0x1p24f);
    }
    int e = ((Float.floatToRawIntBits(a) >>> 23) & 0xFF) - 112;
    int m = (Float.floatToRawIntBits(a) >>> 13) & 0x3FF;
    return sign | (e << 10) | m;
  }
}
