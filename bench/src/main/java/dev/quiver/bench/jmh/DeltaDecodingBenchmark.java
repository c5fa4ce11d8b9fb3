package dev.quiver.bench.jmh;

import dev.quiver.parquet.encoding.BinaryBatch;
import dev.quiver.parquet.encoding.DeltaBinaryPackedDecoder;
import dev.quiver.parquet.encoding.DeltaByteArrayDecoder;
import dev.quiver.parquet.encoding.DeltaLengthByteArrayDecoder;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The DELTA_* encodings, {@value #VALUES} values encoded by parquet-java: DELTA_BINARY_PACKED INT64 (sorted keys with
 * small random gaps, as a key column), DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY strings of 4-40 bytes with
 * shared prefixes. Score: values per microsecond.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.nio=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DeltaDecodingBenchmark {
  /** Values per invocation. */
  public static final int VALUES = 65536;

  byte[] longsPage;
  byte[] lengthPage;
  byte[] prefixPage;
  final byte[] out = new byte[VALUES * 8];
  final BinaryBatch batch = new BinaryBatch(VALUES, VALUES * 24);

  /** Encodes the pages with parquet-java's writers. */
  @Setup
  public void setup() {
    SplittableRandom r = new SplittableRandom(4);
    long[] keys = new long[VALUES];
    long k = 1_000_000;
    for (int i = 0; i < VALUES; i++) {
      k += r.nextInt(1, 8);
      keys[i] = k;
    }
    longsPage = Encoded.deltaLongs(keys);
    byte[][] strings = Encoded.strings(VALUES, 6);
    java.util.Arrays.sort(strings, java.util.Arrays::compare); // sorted, so consecutive values share prefixes
    lengthPage = Encoded.deltaLength(strings);
    prefixPage = Encoded.deltaByteArray(strings);
  }

  /** DELTA_BINARY_PACKED INT64. */
  @Benchmark
  @OperationsPerInvocation(VALUES)
  public byte binaryPacked() {
    new DeltaBinaryPackedDecoder(longsPage, 0, longsPage.length, false).read(out, 0, VALUES);
    return out[VALUES * 8 - 1];
  }

  /** DELTA_LENGTH_BYTE_ARRAY. */
  @Benchmark
  @OperationsPerInvocation(VALUES)
  public int lengthByteArray() {
    batch.reset();
    new DeltaLengthByteArrayDecoder(lengthPage, 0, lengthPage.length).read(batch, VALUES);
    return batch.byteLength();
  }

  /** DELTA_BYTE_ARRAY (prefix + suffix). */
  @Benchmark
  @OperationsPerInvocation(VALUES)
  public int byteArray() {
    batch.reset();
    new DeltaByteArrayDecoder(prefixPage, 0, prefixPage.length).read(batch, VALUES);
    return batch.byteLength();
  }
}
