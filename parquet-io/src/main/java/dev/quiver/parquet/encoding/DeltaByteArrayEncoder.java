package dev.quiver.parquet.encoding;

/**
 * DELTA_BYTE_ARRAY (Encodings.md, incremental encoding): per value the length of the prefix it shares with the
 * previous value (DELTA_BINARY_PACKED), then the suffixes as DELTA_LENGTH_BYTE_ARRAY. Values come as Arrow-style
 * offsets into {@code data}; FIXED_LEN_BYTE_ARRAY values are passed the same way with equal lengths.
 */
public final class DeltaByteArrayEncoder {
  private DeltaByteArrayEncoder() {}

  /** Appends the encoding of values {@code from} (inclusive) to {@code to} (exclusive). */
  public static void encode(byte[] data, int[] offsets, int from, int to, ByteSink out) {
    int n = to - from;
    long[] prefixes = new long[n];
    long[] suffixLengths = new long[n];
    int prevStart = 0;
    int prevLength = 0;
    for (int i = 0; i < n; i++) {
      int start = offsets[from + i];
      int length = offsets[from + i + 1] - start;
      int max = Math.min(length, prevLength);
      int p = i == 0 ? 0 : java.util.Arrays.mismatch(data, prevStart, prevStart + max, data, start, start + max);
      if (p < 0) {
        p = max;
      }
      prefixes[i] = p;
      suffixLengths[i] = length - p;
      prevStart = start;
      prevLength = length;
    }
    DeltaBinaryPackedEncoder.encode(prefixes, 0, n, true, out);
    DeltaBinaryPackedEncoder.encode(suffixLengths, 0, n, true, out);
    for (int i = 0; i < n; i++) {
      int start = offsets[from + i];
      out.write(data, start + (int) prefixes[i], (int) suffixLengths[i]);
    }
  }
}
