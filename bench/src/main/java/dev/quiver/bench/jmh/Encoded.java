package dev.quiver.bench.jmh;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.delta.DeltaBinaryPackingValuesWriterForLong;
import org.apache.parquet.column.values.deltalengthbytearray.DeltaLengthByteArrayValuesWriter;
import org.apache.parquet.column.values.deltastrings.DeltaByteArrayWriter;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.apache.parquet.io.api.Binary;

/** Benchmark inputs encoded by parquet-java's encoders, as byte arrays. */
final class Encoded {
  private static final HeapByteBufferAllocator HEAP = new HeapByteBufferAllocator();

  private Encoded() {}

  /** {@code values} in the RLE/bit-packed hybrid encoding of {@code bitWidth}, without a length prefix. */
  static byte[] rleHybrid(int[] values, int bitWidth) {
    try (RunLengthBitPackingHybridEncoder e = new RunLengthBitPackingHybridEncoder(bitWidth, 1024, 1 << 24, HEAP)) {
      for (int v : values) {
        e.writeInt(v);
      }
      return e.toBytes().toByteArray();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** {@code values} as DELTA_BINARY_PACKED INT64. */
  static byte[] deltaLongs(long[] values) {
    DeltaBinaryPackingValuesWriterForLong w = new DeltaBinaryPackingValuesWriterForLong(128, 4, 64, 1 << 24, HEAP);
    for (long v : values) {
      w.writeLong(v);
    }
    return bytes(w);
  }

  /** {@code values} as DELTA_LENGTH_BYTE_ARRAY. */
  static byte[] deltaLength(byte[][] values) {
    DeltaLengthByteArrayValuesWriter w = new DeltaLengthByteArrayValuesWriter(64, 1 << 24, HEAP);
    for (byte[] v : values) {
      w.writeBytes(Binary.fromConstantByteArray(v));
    }
    return bytes(w);
  }

  /** {@code values} as DELTA_BYTE_ARRAY. */
  static byte[] deltaByteArray(byte[][] values) {
    DeltaByteArrayWriter w = new DeltaByteArrayWriter(64, 1 << 24, HEAP);
    for (byte[] v : values) {
      w.writeBytes(Binary.fromConstantByteArray(v));
    }
    return bytes(w);
  }

  private static byte[] bytes(ValuesWriter w) {
    try {
      return w.getBytes().toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      w.close();
    }
  }

  /** {@code n} PLAIN BYTE_ARRAY values (4-byte little-endian length, then the bytes) from {@code values}. */
  static byte[] plainBinary(byte[][] values) {
    int total = 0;
    for (byte[] v : values) {
      total += 4 + v.length;
    }
    byte[] out = new byte[total];
    int p = 0;
    for (byte[] v : values) {
      out[p] = (byte) v.length;
      out[p + 1] = (byte) (v.length >>> 8);
      out[p + 2] = (byte) (v.length >>> 16);
      out[p + 3] = (byte) (v.length >>> 24);
      System.arraycopy(v, 0, out, p + 4, v.length);
      p += 4 + v.length;
    }
    return out;
  }

  /** Deterministic ASCII strings of 4 to 40 bytes, with shared prefixes every few values (URL-like). */
  static byte[][] strings(int n, long seed) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    byte[][] out = new byte[n][];
    for (int i = 0; i < n; i++) {
      String s = "https://host" + r.nextInt(50) + ".example/" + Integer.toString(r.nextInt(1 << 20), 36);
      out[i] = s.substring(0, Math.min(s.length(), 4 + r.nextInt(37))).getBytes(
          java.nio.charset.StandardCharsets.US_ASCII);
    }
    return out;
  }
}
