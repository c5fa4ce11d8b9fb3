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
 * The two ways {@code DictionaryIndexReader.selected} reads the values at selected positions of RLE/bit-packed
 * hybrid data (random values, so bit-packed runs), per bit width and share of positions selected: {@code gather}
 * ({@link RleBitPackedHybridDecoder#gather}: each selected value cut out of the packed bytes) and {@code unpack}
 * (the span decoded {@value #STRETCH} values at a time with {@link RleBitPackedHybridDecoder#read}, the selected ones
 * picked). {@code selected} switches from the first to the second at a quarter. Score: span values per microsecond.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.nio=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class IndexSelectionBenchmark {
  /** Values in the span read per invocation. */
  public static final int VALUES = 65536;
  /** The unpack strategy's stretch, as in {@code DictionaryIndexReader}. */
  public static final int STRETCH = 512;

  /** Bits per value. */
  @Param({"4", "6", "12"})
  public int bitWidth;

  /** Share of the span's positions selected, in percent. */
  @Param({"2", "5", "15", "25", "50"})
  public int percent;

  int[] values;
  int[] positions;
  int count;
  byte[] encoded;
  final int[] out = new int[VALUES];
  final int[] stretch = new int[STRETCH];
  final RleBitPackedHybridDecoder decoder = new RleBitPackedHybridDecoder();

  /** Random values encoded by parquet-java's encoder, and random positions at the chosen share. */
  @Setup
  public void setup() {
    SplittableRandom r = new SplittableRandom(bitWidth * 100L + percent);
    values = new int[VALUES];
    for (int i = 0; i < VALUES; i++) {
      values[i] = (int) r.nextLong(1L << bitWidth);
    }
    encoded = Encoded.rleHybrid(values, bitWidth);
    positions = new int[VALUES];
    count = 0;
    for (int i = 0; i < VALUES; i++) {
      if (r.nextInt(100) < percent) {
        positions[count++] = i;
      }
    }
  }

  /** Cuts each selected value out; returns the last so that nothing is dead code. */
  @Benchmark
  @OperationsPerInvocation(VALUES)
  public int gather() {
    decoder.init(encoded, 0, encoded.length, bitWidth);
    decoder.gather(positions, 0, count, VALUES, out);
    return out[count - 1];
  }

  /** Decodes the span a stretch at a time and picks the selected values; returns the last. */
  @Benchmark
  @OperationsPerInvocation(VALUES)
  public int unpack() {
    decoder.init(encoded, 0, encoded.length, bitWidth);
    int i = 0;
    for (int base = 0; base < VALUES; base += STRETCH) {
      decoder.read(stretch, 0, STRETCH);
      int limit = base + STRETCH;
      for (; i < count && positions[i] < limit; i++) {
        out[i] = stretch[positions[i] - base];
      }
    }
    return out[count - 1];
  }
}
