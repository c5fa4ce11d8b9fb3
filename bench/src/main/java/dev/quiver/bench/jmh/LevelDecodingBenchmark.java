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
 * Definition levels of an optional flat column straight into a validity bitmap
 * ({@link RleBitPackedHybridDecoder#readValidity}), at several null fractions, with nulls scattered at random or
 * clustered in runs. Score: levels per microsecond.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.nio=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LevelDecodingBenchmark {
  /** Levels per invocation. */
  public static final int LEVELS = 65536;

  /** The fraction of nulls, 0 to 1. */
  @Param({"0.0", "0.01", "0.1", "0.5"})
  public double nullFraction;

  /** {@code scattered}: each level null independently; {@code clustered}: nulls and values in runs of ~64. */
  @Param({"scattered", "clustered"})
  public String layout;

  byte[] encoded;
  int expectedNonNull;
  final byte[] validity = new byte[LEVELS / 8];
  final int[] scratch = new int[1024];
  final RleBitPackedHybridDecoder decoder = new RleBitPackedHybridDecoder();

  /** Encodes the levels (max level 1, bit width 1) with parquet-java's encoder. */
  @Setup
  public void setup() {
    SplittableRandom r = new SplittableRandom(1);
    int[] levels = new int[LEVELS];
    int i = 0;
    expectedNonNull = 0;
    while (i < LEVELS) {
      int level = r.nextDouble() < nullFraction ? 0 : 1;
      int run = layout.equals("clustered") ? r.nextInt(1, 128) : 1;
      for (int k = 0; k < run && i < LEVELS; k++) {
        levels[i++] = level;
        expectedNonNull += level;
      }
    }
    encoded = Encoded.rleHybrid(levels, 1);
  }

  /** Decodes all levels into the bitmap; returns the non-null count. */
  @Benchmark
  @OperationsPerInvocation(LEVELS)
  public int readValidity() {
    decoder.init(encoded, 0, encoded.length, 1);
    return decoder.readValidity(validity, 0, LEVELS, 1, scratch);
  }
}
