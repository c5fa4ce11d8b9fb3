package dev.quiver.parquet.encoding;

/**
 * DELTA_LENGTH_BYTE_ARRAY (Encodings.md): the value lengths in DELTA_BINARY_PACKED, then all value bytes
 * concatenated. Values come as Arrow-style offsets: value {@code i} is {@code data[offsets[i], offsets[i + 1])}.
 */
public final class DeltaLengthByteArrayEncoder {
  private DeltaLengthByteArrayEncoder() {}

  /** Appends the encoding of values {@code from} (inclusive) to {@code to} (exclusive). */
  public static void encode(byte[] data, int[] offsets, int from, int to, ByteSink out) {
    int n = to - from;
    long[] lengths = new long[n];
    for (int i = 0; i < n; i++) {
      lengths[i] = offsets[from + i + 1] - offsets[from + i];
    }
    DeltaBinaryPackedEncoder.encode(lengths, 0, n, true, out);
    out.write(data, offsets[from], offsets[to] - offsets[from]);
  }
}
