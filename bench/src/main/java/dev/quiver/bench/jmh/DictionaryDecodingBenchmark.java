package dev.quiver.bench.jmh;

import dev.quiver.parquet.encoding.BinaryBatch;
import dev.quiver.parquet.encoding.DictionaryBinaryDecoder;
import dev.quiver.parquet.encoding.DictionaryFixedWidthDecoder;
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
 * Dictionary-encoded data pages: {@value #VALUES} random indices into a dictionary of {@code dictionarySize}
 * entries (index bit width from the size), gathered as 4- and 8-byte values
 * ({@link DictionaryFixedWidthDecoder}) and as strings of 4-40 bytes ({@link DictionaryBinaryDecoder}). Score:
 * values per microsecond.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.nio=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DictionaryDecodingBenchmark {
  /** Values per invocation. */
  public static final int VALUES = 65536;

  /** Dictionary entries. */
  @Param({"16", "1000", "60000"})
  public int dictionarySize;

  byte[] page;
  int[] indices;
  byte[] dictionary4;
  byte[] dictionary8;
  BinaryBatch stringDictionary;
  final byte[] out = new byte[VALUES * 8];
  final BinaryBatch strings = new BinaryBatch(VALUES, VALUES * 16);

  /** Builds the dictionaries and encodes the indices as a data page does: bit-width byte, then the hybrid. */
  @Setup
  public void setup() {
    SplittableRandom r = new SplittableRandom(5);
    indices = new int[VALUES];
    for (int i = 0; i < VALUES; i++) {
      indices[i] = r.nextInt(dictionarySize);
    }
    int bitWidth = 32 - Integer.numberOfLeadingZeros(dictionarySize - 1);
    byte[] hybrid = Encoded.rleHybrid(indices, bitWidth);
    page = new byte[hybrid.length + 1];
    page[0] = (byte) bitWidth;
    System.arraycopy(hybrid, 0, page, 1, hybrid.length);
    dictionary4 = new byte[dictionarySize * 4];
    dictionary8 = new byte[dictionarySize * 8];
    r.nextBytes(dictionary4);
    r.nextBytes(dictionary8);
    stringDictionary = new BinaryBatch(dictionarySize, dictionarySize * 24);
    for (byte[] s : Encoded.strings(dictionarySize, 9)) {
      stringDictionary.append(s, 0, s.length);
    }
  }

  /** Gathers 4-byte values (INT32, FLOAT, DATE). */
  @Benchmark
  @OperationsPerInvocation(VALUES)
  public byte fixed4() {
    new DictionaryFixedWidthDecoder(page, 0, page.length, dictionary4, dictionarySize, 4).read(out, 0, VALUES);
    return out[VALUES * 4 - 1];
  }

  /** Gathers 8-byte values (INT64, DOUBLE, small decimals). */
  @Benchmark
  @OperationsPerInvocation(VALUES)
  public byte fixed8() {
    new DictionaryFixedWidthDecoder(page, 0, page.length, dictionary8, dictionarySize, 8).read(out, 0, VALUES);
    return out[VALUES * 8 - 1];
  }

  /** Gathers strings into a batch. */
  @Benchmark
  @OperationsPerInvocation(VALUES)
  public int binary() {
    strings.reset();
    new DictionaryBinaryDecoder(page, 0, page.length, stringDictionary).read(strings, VALUES);
    return strings.byteLength();
  }
}
