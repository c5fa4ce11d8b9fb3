package dev.quiver.store.s3.testing;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.options.GetOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;
import org.jclouds.io.Payload;
import org.jclouds.io.payloads.InputStreamPayload;

/**
 * A blob store inside S3Proxy that fails on purpose: the next {@link #failGets} reads throw (S3Proxy answers them
 * with 503), and the next {@link #truncateGets} reads break their payload after {@link #truncateAfter}
 * bytes, so S3Proxy itself cuts the response body mid-way after sending its full {@code Content-Length}.
 */
public final class FlakyBlobStore extends ForwardingBlobStore {

  /** Reads still to fail outright. */
  public final AtomicInteger failGets = new AtomicInteger();
  /** Reads still to break mid-body. */
  public final AtomicInteger truncateGets = new AtomicInteger();
  /** Bytes a broken read delivers before its stream fails. */
  public volatile long truncateAfter = 100_000;
  /** Reads seen. */
  public final AtomicInteger gets = new AtomicInteger();

  public FlakyBlobStore(BlobStore delegate) {
    super(delegate);
  }

  @Override
  public Blob getBlob(String container, String name, GetOptions options) {
    gets.incrementAndGet();
    if (failGets.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      // S3Proxy answers an HttpResponseException with its status: a 503, as an overloaded S3 would.
      throw new org.jclouds.http.HttpResponseException("injected failure of the backing store", null,
          org.jclouds.http.HttpResponse.builder().statusCode(503).message("Service Unavailable").build());
    }
    Blob blob = super.getBlob(container, name, options);
    if (blob != null && truncateGets.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      Payload payload = blob.getPayload();
      long limit = truncateAfter;
      InputStream broken;
      try {
        broken = new FilterInputStream(payload.openStream()) {
          long delivered;

          @Override
          public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            if (delivered >= limit) {
              throw new IOException("injected: the backing store broke mid-read");
            }
            int n = super.read(b, off, (int) Math.min(len, limit - delivered));
            if (n > 0) {
              delivered += n;
            }
            return n;
          }
        };
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      InputStreamPayload replacement = new InputStreamPayload(broken);
      replacement.setContentMetadata(payload.getContentMetadata());
      blob.setPayload(replacement);
    }
    return blob;
  }
}
