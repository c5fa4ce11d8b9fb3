package dev.quiver.bench.s3;

import dev.quiver.store.ByteRange;
import dev.quiver.store.RangeCoalescer;
import dev.quiver.store.s3.S3Config;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The AWS SDK for Java v2 {@link S3AsyncClient} on its Netty NIO HTTP client, set up as a user would for an
 * S3-compatible server: path style, the endpoint overridden, static credentials, at most as many connections as
 * Quiver's store opens ({@code maxConcurrency} = its connections per host). Checksums are computed and validated
 * only where S3 requires them (range GETs carry none either way). Bodies are collected with
 * {@link AsyncResponseTransformer#toBytes()}, the SDK's way to get an object's bytes in memory.
 */
public final class SdkRangeReader implements RangeReader {

  private final String bucket;
  private final SdkAsyncHttpClient http;
  private final S3AsyncClient client;
  private final long coalesceGap;
  private final int maxCoalescedRead;

  /**
   * A client for {@code bucket} at {@code endpoint}, signing with {@link LoopbackS3}'s keys; {@code like} gives the
   * connection bound and the coalescing of {@link #getCoalesced}.
   */
  public SdkRangeReader(URI endpoint, String bucket, S3Config like) {
    this.bucket = bucket;
    this.coalesceGap = like.coalesceGap();
    this.maxCoalescedRead = like.maxCoalescedRead();
    this.http = NettyNioAsyncHttpClient.builder()
        .maxConcurrency(like.http().maxConnectionsPerHost())
        .build();
    this.client = S3AsyncClient.builder()
        .httpClient(http)
        .endpointOverride(endpoint)
        .forcePathStyle(true)
        .region(Region.of(LoopbackS3.REGION))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(LoopbackS3.ACCESS_KEY, LoopbackS3.SECRET_KEY)))
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .build();
  }

  @Override
  public String name() {
    return "aws-sdk-v2";
  }

  private CompletableFuture<ResponseBytes<GetObjectResponse>> get(String key, ByteRange range) {
    GetObjectRequest request = GetObjectRequest.builder().bucket(bucket).key(key)
        .range("bytes=" + range.offset() + "-" + (range.end() - 1)).build();
    return client.getObject(request, AsyncResponseTransformer.toBytes());
  }

  @Override
  public List<ByteBuffer> getEach(String key, List<ByteRange> ranges) {
    List<CompletableFuture<ResponseBytes<GetObjectResponse>>> reads = new ArrayList<>(ranges.size());
    for (ByteRange range : ranges) {
      reads.add(get(key, range));
    }
    List<ByteBuffer> result = new ArrayList<>(ranges.size());
    for (CompletableFuture<ResponseBytes<GetObjectResponse>> read : reads) {
      result.add(read.join().asByteBuffer());
    }
    return result;
  }

  @Override
  public List<ByteBuffer> getCoalesced(String key, List<ByteRange> ranges) {
    List<RangeCoalescer.Span> spans = RangeCoalescer.coalesce(ranges, coalesceGap, maxCoalescedRead);
    List<CompletableFuture<ResponseBytes<GetObjectResponse>>> reads = new ArrayList<>(spans.size());
    for (RangeCoalescer.Span span : spans) {
      reads.add(get(key, span.range()));
    }
    ByteBuffer[] result = new ByteBuffer[ranges.size()];
    for (int i = 0; i < spans.size(); i++) {
      ByteBuffer bytes = reads.get(i).join().asByteBuffer();
      RangeCoalescer.Span span = spans.get(i);
      for (int member : span.members()) {
        ByteRange range = ranges.get(member);
        result[member] = bytes.slice((int) (range.offset() - span.range().offset()), (int) range.length());
      }
    }
    return Arrays.asList(result);
  }

  @Override
  public void close() {
    client.close();
    http.close();
  }
}
