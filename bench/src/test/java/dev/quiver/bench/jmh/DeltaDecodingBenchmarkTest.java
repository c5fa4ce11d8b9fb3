package dev.quiver.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Runs every {@link DeltaDecodingBenchmark} method once; both string encodings must give the same bytes. */
class DeltaDecodingBenchmarkTest {
  @Test
  void decodesParquetJavaPages() {
    DeltaDecodingBenchmark b = new DeltaDecodingBenchmark();
    b.setup();
    b.binaryPacked();
    long last = java.nio.ByteBuffer.wrap(b.out).order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .getLong((DeltaDecodingBenchmark.VALUES - 1) * 8);
    long first = java.nio.ByteBuffer.wrap(b.out).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(0);
    assertEquals(true, last > first);
    int length = b.lengthByteArray();
    assertEquals(length, b.byteArray());
  }
}
