package dev.quiver.bench.s3;

import dev.quiver.store.ByteRange;
import dev.quiver.store.ObjectStores;
import dev.quiver.store.s3.S3Config;
import dev.quiver.store.s3.S3Store;
import dev.quiver.store.s3.auth.Credentials;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Quiver's {@link S3Store} with its default settings (64 connections per host, its own I/O threads), addressed path
 * style at the loopback endpoint.
 */
public final class QuiverRangeReader implements RangeReader {

  private final S3Store store;

  /** A store for {@code bucket} at {@code endpoint}, signing with {@link LoopbackS3}'s keys. */
  public QuiverRangeReader(URI endpoint, String bucket) {
    this.store = new S3Store(S3Config.of(bucket, LoopbackS3.REGION,
        Credentials.of(LoopbackS3.ACCESS_KEY, LoopbackS3.SECRET_KEY)).withEndpoint(endpoint));
  }

  /** The store's configuration (its coalescing gap and largest merged read). */
  public S3Config config() {
    return store.config();
  }

  @Override
  public String name() {
    return "quiver";
  }

  @Override
  public List<ByteBuffer> getEach(String key, List<ByteRange> ranges) {
    List<CompletableFuture<ByteBuffer>> reads = new ArrayList<>(ranges.size());
    for (ByteRange range : ranges) {
      reads.add(store.get(key, range));
    }
    List<ByteBuffer> result = new ArrayList<>(ranges.size());
    for (CompletableFuture<ByteBuffer> read : reads) {
      result.add(ObjectStores.await(read));
    }
    return result;
  }

  @Override
  public List<ByteBuffer> getCoalesced(String key, List<ByteRange> ranges) {
    return ObjectStores.await(store.getRanges(key, ranges));
  }

  @Override
  public void close() {
    store.close();
  }
}
