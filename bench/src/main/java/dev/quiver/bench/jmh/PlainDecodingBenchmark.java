package dev.quiver.bench.jmh;

import dev.quiver.columnar.VectorFiller;
import dev.quiver.parquet.encoding.BinaryBatch;
import dev.quiver.parquet.encoding.PlainBinaryDecoder;
import dev.quiver.parquet.encoding.PlainFixedWidthDecoder;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * PLAIN pages of {@value #VALUES} values decoded into Arrow vectors as the flat reader does: INT64 through
 * {@link PlainFixedWidthDecoder} into a staging array, then {@link VectorFiller#fillFixedWidth} into a
 * {@link BigIntVector}; BYTE_ARRAY (4-40 byte strings) through {@link PlainBinaryDecoder} into a
 * {@link BinaryBatch}, then {@link VectorFiller#fillVariableWidth} into a {@link VarCharVector}. Score: values per
 * microsecond.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.nio=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PlainDecodingBenchmark {
  /** Values per invocation. */
  public static final int VALUES = 65536;

  byte[] longsPage;
  byte[] stringsPage;
  final byte[] staging = new byte[VALUES * 8];
  final BinaryBatch batch = new BinaryBatch(VALUES, VALUES * 24);
  BufferAllocator allocator;
  BigIntVector longs;
  VarCharVector strings;

  /** Encodes the pages and creates the vectors. */
  @Setup
  public void setup() {
    longsPage = new byte[VALUES * 8];
    new SplittableRandom(2).nextBytes(longsPage);
    stringsPage = Encoded.plainBinary(Encoded.strings(VALUES, 3));
    allocator = new RootAllocator();
    longs = new BigIntVector("l", allocator);
    strings = new VarCharVector("s", allocator);
  }

  /** Frees the vectors; the allocator fails on a leak. */
  @TearDown
  public void tearDown() {
    longs.close();
    strings.close();
    allocator.close();
  }

  /** INT64 values into a BigIntVector. */
  @Benchmark
  @OperationsPerInvocation(VALUES)
  public long int64() {
    longs.clear();
    new PlainFixedWidthDecoder(longsPage, 0, longsPage.length, 8).read(staging, 0, VALUES);
    VectorFiller.fillFixedWidth(longs, staging, null, VALUES);
    return longs.get(VALUES - 1);
  }

  /** BYTE_ARRAY values into a VarCharVector. */
  @Benchmark
  @OperationsPerInvocation(VALUES)
  public long byteArray() {
    strings.clear();
    batch.reset();
    new PlainBinaryDecoder(stringsPage, 0, stringsPage.length).read(batch, VALUES);
    VectorFiller.fillVariableWidth(strings, batch.offsets(), batch.data(), null, VALUES);
    return strings.getEndOffset(VALUES - 1);
  }
}
