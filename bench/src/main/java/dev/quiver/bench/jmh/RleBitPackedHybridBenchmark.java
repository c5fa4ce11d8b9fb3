package dev.quiver.bench.jmh;

import dev.quiver.parquet.encoding.RleBitPackedHybridDecoder;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link RleBitPackedHybridDecoder#read} of {@value #VALUES} values per bit width: random values (so parquet-java's
 * encoder writes bit-packed runs) or runs of repeats averaging 16 (RLE runs). Score: values per microsecond.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.nio=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RleBitPackedHybridBenchmark {
  /** Values per invocation. */
  public static final int VALUES = 65536;

  /** Bits per value. */
  @Param({"1", "2", "3", "4", "7", "8", "12", "16", "20", "32"})
  public int bitWidth;

  /** {@code packed}: random values; {@code rle}: runs of one value. */
  @Param({"packed", "rle"})
  public String shape;

  int[] expected;
  byte[] encoded;
  final int[] out = new int[VALUES];
  final RleBitPackedHybridDecoder decoder = new RleBitPackedHybridDecoder();

  /** Encodes the values with parquet-java's encoder. */
  @Setup
  public void setup() {
    SplittableRandom r = new SplittableRandom(bitWidth);
    expected = new int[VALUES];
    long bound = 1L << bitWidth;
    int i = 0;
    while (i < VALUES) {
      int v = (int) r.nextLong(bound);
      int run = shape.equals("rle") ? r.nextInt(1, 32) : 1;
      for (int k = 0; k < run && i < VALUES; k++) {
        expected[i++] = v;
      }
    }
    encoded = Encoded.rleHybrid(expected, bitWidth);
  }

  /** Decodes all values; returns the last so that nothing is dead code. */
  @Benchmark
  @OperationsPerInvocation(VALUES)
  public int decode() {
    decoder.init(encoded, 0, encoded.length, bitWidth);
    decoder.read(out, 0, VALUES);
    return out[VALUES - 1];
  }
}
