package dev.quiver.parquet.write;

import dev.quiver.parquet.encoding.ByteSink;
import dev.quiver.parquet.encoding.ByteStreamSplitEncoder;
import dev.quiver.parquet.encoding.DeltaBinaryPackedEncoder;
import dev.quiver.parquet.encoding.DeltaByteArrayEncoder;
import dev.quiver.parquet.encoding.DeltaLengthByteArrayEncoder;
import dev.quiver.parquet.encoding.RleBitPackedHybridEncoder;
import dev.quiver.parquet.format.Encoding;
import dev.quiver.parquet.format.PhysicalType;

/**
 * Encodes the values of a {@link ValueBatch} in a non-dictionary encoding (Encodings.md), and says which encodings
 * suit which physical type.
 */
final class PlainValues {
  private PlainValues() {}

  /** Whether {@code e} can encode values of {@code type} (Encodings.md lists the types of each encoding). */
  static boolean suits(Encoding e, PhysicalType type) {
    return switch (e) {
      case PLAIN -> true;
      case RLE -> type == PhysicalType.BOOLEAN;
      case DELTA_BINARY_PACKED -> type == PhysicalType.INT32 || type == PhysicalType.INT64;
      case DELTA_LENGTH_BYTE_ARRAY -> type == PhysicalType.BYTE_ARRAY;
      case DELTA_BYTE_ARRAY -> type == PhysicalType.BYTE_ARRAY || type == PhysicalType.FIXED_LEN_BYTE_ARRAY;
      case BYTE_STREAM_SPLIT -> type == PhysicalType.FLOAT || type == PhysicalType.DOUBLE
          || type == PhysicalType.INT32 || type == PhysicalType.INT64 || type == PhysicalType.FIXED_LEN_BYTE_ARRAY;
      default -> false;
    };
  }

  /** Bytes the values would take PLAIN-encoded (the page size estimate). */
  static long plainSize(PhysicalType type, int width, ValueBatch v) {
    return switch (type) {
      case BOOLEAN -> (v.count + 7) / 8;
      case INT32, FLOAT -> 4L * v.count;
      case INT64, DOUBLE -> 8L * v.count;
      case BYTE_ARRAY -> v.byteLength + 4L * v.count;
      default -> (long) width * v.count;
    };
  }

  /** Appends values {@code v[0, count)} encoded with {@code e} to {@code out}. */
  static void encode(Encoding e, PhysicalType type, int width, ValueBatch v, ByteSink out, ByteSink scratch) {
    int n = v.count;
    switch (e) {
      case PLAIN -> plain(type, width, v, out);
      case RLE -> {
        int at = out.reserve(4);
        out.skip(4);
        RleBitPackedHybridEncoder.encode(v.ints, 0, n, 1, out);
        int len = out.size() - at - 4;
        byte[] a = out.array();
        a[at] = (byte) len;
        a[at + 1] = (byte) (len >>> 8);
        a[at + 2] = (byte) (len >>> 16);
        a[at + 3] = (byte) (len >>> 24);
      }
      case DELTA_BINARY_PACKED -> {
        if (type == PhysicalType.INT32) {
          DeltaBinaryPackedEncoder.encodeInts(v.ints, 0, n, out);
        } else {
          DeltaBinaryPackedEncoder.encodeLongs(v.longs, 0, n, out);
        }
      }
      case DELTA_LENGTH_BYTE_ARRAY -> DeltaLengthByteArrayEncoder.encode(v.bytes, v.offsets, 0, n, out);
      case DELTA_BYTE_ARRAY -> {
        if (type == PhysicalType.FIXED_LEN_BYTE_ARRAY) {
          int[] offsets = new int[n + 1];
          for (int i = 0; i <= n; i++) {
            offsets[i] = i * width;
          }
          DeltaByteArrayEncoder.encode(v.bytes, offsets, 0, n, out);
        } else {
          DeltaByteArrayEncoder.encode(v.bytes, v.offsets, 0, n, out);
        }
      }
      case BYTE_STREAM_SPLIT -> {
        if (type == PhysicalType.FIXED_LEN_BYTE_ARRAY) {
          ByteStreamSplitEncoder.encode(v.bytes, 0, n, width, out);
        } else {
          scratch.reset();
          plain(type, width, v, scratch);
          int w = type == PhysicalType.INT32 || type == PhysicalType.FLOAT ? 4 : 8;
          ByteStreamSplitEncoder.encode(scratch.array(), 0, n, w, out);
        }
      }
      default -> throw new IllegalArgumentException("encoding " + e + " cannot encode " + type + " values");
    }
  }

  /** PLAIN (Encodings.md): little-endian fixed width, bit-packed booleans, length-prefixed byte arrays. */
  static void plain(PhysicalType type, int width, ValueBatch v, ByteSink out) {
    int n = v.count;
    switch (type) {
      case BOOLEAN -> {
        int bytes = (n + 7) >>> 3;
        int at = out.reserve(bytes);
        byte[] a = out.array();
        java.util.Arrays.fill(a, at, at + bytes, (byte) 0);
        for (int i = 0; i < n; i++) {
          a[at + (i >>> 3)] |= (byte) (v.ints[i] << (i & 7));
        }
        out.skip(bytes);
      }
      case INT32, FLOAT -> out.writeInts(v.ints, 0, n);
      case INT64, DOUBLE -> out.writeLongs(v.longs, 0, n);
      case BYTE_ARRAY -> {
        for (int i = 0; i < n; i++) {
          int s = v.offsets[i];
          int len = v.offsets[i + 1] - s;
          out.writeInt(len);
          out.write(v.bytes, s, len);
        }
      }
      default -> out.write(v.bytes, 0, n * width);
    }
  }
}
