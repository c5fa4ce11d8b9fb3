package dev.quiver.parquet.read;

import dev.quiver.parquet.ParquetCorruptionException;
import dev.quiver.parquet.encoding.BinaryBatch;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Batch conversions from a Parquet physical layout to an Arrow buffer layout, where the two differ. Each runs once
 * per batch (or once per dictionary) over plain arrays; the identity case has no converter at all.
 */
final class ValueConverters {
  private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** The Julian day number of 1970-01-01. */
  static final long JULIAN_EPOCH_DAY = 2_440_588L;
  static final long NANOS_PER_DAY = 86_400_000_000_000L;

  private ValueConverters() {}

  /** Converts {@code count} fixed-width physical values to fixed-width output values. */
  interface FixedConverter {
    void convert(byte[] in, int inOffset, byte[] out, int outOffset, int count);
  }

  /** Converts the values of a binary batch to fixed-width output values. */
  interface BinaryToFixedConverter {
    void convert(BinaryBatch in, byte[] out, int outOffset);
  }

  /** INT32 to its low {@code outWidth} (1 or 2) bytes: INT(8)/INT(16), signed or not. */
  static FixedConverter narrowInt32(int outWidth) {
    return (in, inOff, out, outOff, count) -> {
      for (int i = 0; i < count; i++) {
        System.arraycopy(in, inOff + 4 * i, out, outOff + outWidth * i, outWidth);
      }
    };
  }

  /** A little-endian signed integer of {@code inWidth} bytes sign-extended to {@code outWidth} bytes (decimals). */
  static FixedConverter signExtend(int inWidth, int outWidth) {
    if (inWidth == 8 && outWidth == 16) {
      // INT64 decimals into Decimal128, the common case: two stores per value, no inner loop
      return (in, inOff, out, outOff, count) -> {
        for (int i = 0; i < count; i++) {
          long v = (long) LONGS.get(in, inOff + 8 * i);
          LONGS.set(out, outOff + 16 * i, v);
          LONGS.set(out, outOff + 16 * i + 8, v >> 63);
        }
      };
    }
    if (inWidth == 4 && outWidth == 16) {
      return (in, inOff, out, outOff, count) -> {
        for (int i = 0; i < count; i++) {
          long v = (int) INTS.get(in, inOff + 4 * i);
          LONGS.set(out, outOff + 16 * i, v);
          LONGS.set(out, outOff + 16 * i + 8, v >> 63);
        }
      };
    }
    if (inWidth == 4 && outWidth == 8) {
      // INT32 decimals as unscaled 64-bit values
      return (in, inOff, out, outOff, count) -> {
        for (int i = 0; i < count; i++) {
          LONGS.set(out, outOff + 8 * i, (long) (int) INTS.get(in, inOff + 4 * i));
        }
      };
    }
    if ((inWidth == 4 || inWidth == 8) && outWidth == 32) {
      // INT32/INT64 into Decimal256: whole 64-bit words, no per-value copy or fill
      boolean int32 = inWidth == 4;
      return (in, inOff, out, outOff, count) -> {
        for (int i = 0; i < count; i++) {
          long v = int32 ? (int) INTS.get(in, inOff + 4 * i) : (long) LONGS.get(in, inOff + 8 * i);
          int dst = outOff + 32 * i;
          long sign = v >> 63;
          LONGS.set(out, dst, v);
          LONGS.set(out, dst + 8, sign);
          LONGS.set(out, dst + 16, sign);
          LONGS.set(out, dst + 24, sign);
        }
      };
    }
    return (in, inOff, out, outOff, count) -> {
      for (int i = 0; i < count; i++) {
        int src = inOff + inWidth * i;
        int dst = outOff + outWidth * i;
        System.arraycopy(in, src, out, dst, inWidth);
        byte fill = in[src + inWidth - 1] < 0 ? (byte) -1 : 0;
        java.util.Arrays.fill(out, dst + inWidth, dst + outWidth, fill);
      }
    };
  }

  /**
   * Big-endian two's complement of {@code inWidth} bytes (FIXED_LEN_BYTE_ARRAY decimals) to little-endian.
   *
   * @throws ParquetCorruptionException (from the converter) when a value does not fit {@code outWidth} bytes
   */
  static FixedConverter bigEndianDecimal(int inWidth, int outWidth) {
    if (outWidth == 8) {
      return (in, inOff, out, outOff, count) -> {
        for (int i = 0; i < count; i++) {
          LONGS.set(out, outOff + 8 * i, bigEndianLong(in, inOff + inWidth * i, inWidth));
        }
      };
    }
    return (in, inOff, out, outOff, count) -> {
      for (int i = 0; i < count; i++) {
        writeBigEndian(in, inOff + inWidth * i, inWidth, out, outOff + outWidth * i, outWidth);
      }
    };
  }

  /**
   * BYTE_ARRAY decimals: each value a big-endian two's complement of any length whose value fits the output width
   * (an empty value is 0).
   *
   * @throws ParquetCorruptionException (from the converter) when a value does not fit {@code outWidth} bytes
   */
  static BinaryToFixedConverter binaryDecimal(int outWidth) {
    if (outWidth == 8) {
      return (in, out, outOff) -> {
        int[] offsets = in.offsets();
        byte[] data = in.data();
        for (int i = 0; i < in.count(); i++) {
          LONGS.set(out, outOff + 8 * i, bigEndianLong(data, offsets[i], offsets[i + 1] - offsets[i]));
        }
      };
    }
    return (in, out, outOff) -> {
      int[] offsets = in.offsets();
      byte[] data = in.data();
      for (int i = 0; i < in.count(); i++) {
        writeBigEndian(data, offsets[i], offsets[i + 1] - offsets[i], out, outOff + outWidth * i, outWidth);
      }
    };
  }

  /**
   * The big-endian two's complement integer {@code in[src, src + length)} as a long (0 when empty).
   *
   * @throws ParquetCorruptionException when the value does not fit 64 bits
   */
  static long bigEndianLong(byte[] in, int src, int length) {
    if (length == 0) {
      return 0;
    }
    int skip = length - 8;
    if (skip > 0) {
      checkSignExtension(in, src, length, skip, 8);
      src += skip;
      length = 8;
    }
    long v = in[src]; // sign-extended first byte
    for (int k = 1; k < length; k++) {
      v = (v << 8) | (in[src + k] & 0xFF);
    }
    return v;
  }

  /**
   * Checks that the {@code skip} leading bytes of a big-endian value are pure sign extension of the remaining ones:
   * each equals the sign byte, and the first kept byte has the same sign.
   */
  private static void checkSignExtension(byte[] in, int src, int length, int skip, int outWidth) {
    byte fill = in[src] < 0 ? (byte) -1 : 0;
    for (int k = 0; k < skip; k++) {
      if (in[src + k] != fill) {
        throw doesNotFit(length, outWidth);
      }
    }
    if ((in[src + skip] < 0) != (fill < 0)) {
      throw doesNotFit(length, outWidth);
    }
  }

  private static ParquetCorruptionException doesNotFit(int length, int outWidth) {
    return new ParquetCorruptionException("decimal value of " + length + " bytes does not fit in " + outWidth
        + " bytes");
  }

  private static void writeBigEndian(byte[] in, int src, int length, byte[] out, int dst, int outWidth) {
    if (length == 0) {
      java.util.Arrays.fill(out, dst, dst + outWidth, (byte) 0);
      return;
    }
    byte fill = in[src] < 0 ? (byte) -1 : 0;
    // leading bytes beyond the output width must be pure sign extension
    int skip = Math.max(0, length - outWidth);
    if (skip > 0) {
      checkSignExtension(in, src, length, skip, outWidth);
    }
    int n = length - skip;
    for (int k = 0; k < n; k++) {
      out[dst + k] = in[src + length - 1 - k];
    }
    java.util.Arrays.fill(out, dst + n, dst + outWidth, fill);
  }

  /**
   * INT96 (8 bytes little-endian nanoseconds of the day, then 4 bytes little-endian Julian day) to nanoseconds
   * since the epoch, as Impala, Hive and Spark define it. Instants outside the range of 64-bit nanoseconds
   * (before 1677 or after 2262) wrap, as they do in Arrow C++ and arrow-rs.
   */
  static FixedConverter int96ToNanos() {
    return (in, inOff, out, outOff, count) -> {
      for (int i = 0; i < count; i++) {
        int src = inOff + 12 * i;
        long nanosOfDay = (long) LONGS.get(in, src);
        long julianDay = (int) INTS.get(in, src + 8);
        LONGS.set(out, outOff + 8 * i, (julianDay - JULIAN_EPOCH_DAY) * NANOS_PER_DAY + nanosOfDay);
      }
    };
  }

  /**
   * INTERVAL (three little-endian unsigned 32-bit integers: months, days, milliseconds) to Arrow's
   * MONTH_DAY_NANO layout (int32 months, int32 days, int64 nanoseconds).
   */
  static FixedConverter intervalToMonthDayNano() {
    return (in, inOff, out, outOff, count) -> {
      for (int i = 0; i < count; i++) {
        int src = inOff + 12 * i;
        int dst = outOff + 16 * i;
        INTS.set(out, dst, (int) INTS.get(in, src));
        INTS.set(out, dst + 4, (int) INTS.get(in, src + 4));
        long millis = Integer.toUnsignedLong((int) INTS.get(in, src + 8));
        LONGS.set(out, dst + 8, millis * 1_000_000L);
      }
    };
  }
}
