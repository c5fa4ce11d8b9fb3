package dev.quiver.bench.s3;

import dev.quiver.store.ByteRange;
import java.nio.ByteBuffer;
import java.util.List;

/** One S3 client as the benchmark drives it: fetch byte ranges of one object, all requests issued at once. */
public interface RangeReader extends AutoCloseable {

  /** A short name for the results table. */
  String name();

  /**
   * One GET per range, all issued before any is awaited; returns the bytes of each range, in order.
   *
   * @throws Exception when a request fails
   */
  List<ByteBuffer> getEach(String key, List<ByteRange> ranges) throws Exception;

  /**
   * The ranges of a columnar read: near ranges merged into fewer GETs exactly as Quiver's {@code getRanges} merges
   * them ({@link dev.quiver.store.RangeCoalescer} with the S3 store's gap and largest merged read), the merged GETs
   * issued at once, each range returned as a slice, in order.
   *
   * @throws Exception when a request fails
   */
  List<ByteBuffer> getCoalesced(String key, List<ByteRange> ranges) throws Exception;
}
