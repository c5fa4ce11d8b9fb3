package dev.quiver.bench.jmh;

import dev.quiver.bench.s3.LoopbackS3;
import dev.quiver.bench.s3.QuiverRangeReader;
import dev.quiver.bench.s3.RangeReader;
import dev.quiver.bench.s3.RangeWorkload;
import dev.quiver.bench.s3.SdkRangeReader;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Range GETs of one object on S3Proxy (loopback, in memory, SigV4) by Quiver's S3 store or by the AWS SDK v2 async
 * client: one operation fetches every range of a {@link RangeWorkload}, all requests issued at once. Score:
 * milliseconds per operation. The setup checks the first fetch's bytes against the object.
 * {@code dev.quiver.bench.s3.RangeGetBench} runs the same comparison interleaved in one process and writes the
 * table of RESULTS.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class RangeGetBenchmark {

  /** {@code quiver} or {@code aws-sdk-v2}. */
  @Param({"quiver", "aws-sdk-v2"})
  public String client;

  /** A workload id of {@link RangeWorkload#all}. */
  @Param({"ranges-1MiB", "ranges-8MiB", "columnar-coalesced", "columnar-each"})
  public String workload;

  /** The object's size in MiB. */
  @Param({"64"})
  public int objectMiB;

  LoopbackS3 server;
  RangeReader reader;
  RangeWorkload ranges;
  byte[] object;

  /**
   * Starts the server, stores the object, opens the client and checks one fetch.
   *
   * @throws Exception when the server does not start or the bytes differ
   */
  @Setup
  public void setup() throws Exception {
    long size = (long) objectMiB << 20;
    object = new byte[(int) size];
    new Random(7).nextBytes(object);
    ranges = RangeWorkload.byId(workload, size);
    server = new LoopbackS3();
    server.put("bench", "object.bin", object);
    QuiverRangeReader quiver = new QuiverRangeReader(server.endpoint(), "bench");
    if (client.equals("quiver")) {
      reader = quiver;
    } else if (client.equals("aws-sdk-v2")) {
      reader = new SdkRangeReader(server.endpoint(), "bench", quiver.config());
      quiver.close();
    } else {
      quiver.close();
      throw new IllegalArgumentException("unknown client " + client);
    }
    ranges.verify(object, fetch(), client);
  }

  /**
   * Closes the client and stops the server.
   *
   * @throws Exception when S3Proxy does not stop
   */
  @TearDown
  public void tearDown() throws Exception {
    if (reader != null) {
      reader.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /**
   * Fetches every range of the workload.
   *
   * @throws Exception when a request fails
   */
  @Benchmark
  public List<ByteBuffer> fetch() throws Exception {
    return ranges.run(reader, "object.bin");
  }
}
