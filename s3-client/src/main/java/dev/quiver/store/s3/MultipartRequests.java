package dev.quiver.store.s3;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.quiver.store.ObjectMetadata;
import dev.quiver.store.ObjectStoreException;
import dev.quiver.store.ObjectStoreException.Kind;
import dev.quiver.store.s3.http.BodySink;
import dev.quiver.store.s3.http.HttpResponse;
import dev.quiver.store.s3.http.HttpResponseHead;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.xml.stream.XMLStreamException;

/**
 * The multipart upload requests of S3 (S3 API reference: CreateMultipartUpload, UploadPart,
 * CompleteMultipartUpload, AbortMultipartUpload, ListMultipartUploads), one method each; {@link S3Upload} decides
 * when to send them. UploadPart, CompleteMultipartUpload and AbortMultipartUpload are retried (the same part number
 * or upload id makes them idempotent); CreateMultipartUpload is not repeated once it may have reached the server.
 */
final class MultipartRequests {

  private final S3Store store;
  private final RequestLoop loop;
  private final RequestSigner signer;

  MultipartRequests(S3Store store, RequestLoop loop, RequestSigner signer) {
    this.store = store;
    this.loop = loop;
    this.signer = signer;
  }

  /** CreateMultipartUpload: the new upload id. */
  CompletableFuture<String> createUpload(String key) {
    return loop.call(key, new S3Operation<String>() {
      @Override
      public S3Request request(int attempt) {
        return new S3Request("POST", key, List.of(Map.entry("uploads", "")),
            List.of(Map.entry("Content-Type", "application/octet-stream")), null, false);
      }

      @Override
      public BodySink sinkFor(HttpResponseHead head) {
        return new Sinks.Bounded(S3Responses.MAX_ERROR_BODY);
      }

      @Override
      public String onSuccess(HttpResponse response) throws RetryableFailure {
        try {
          String id = S3Xml.firstText(((Sinks.Bounded) response.body()).bytes(), "UploadId");
          if (id == null || id.isEmpty()) {
            throw new RetryableFailure(Kind.IO_ERROR, "no UploadId in the response", null);
          }
          return id;
        } catch (XMLStreamException e) {
          throw new RetryableFailure(Kind.IO_ERROR, "malformed InitiateMultipartUploadResult", e);
        }
      }
    });
  }

  /** UploadPart: the part's ETag. */
  CompletableFuture<String> uploadPart(String key, String uploadId, int part, ByteBuffer body, String payloadHash) {
    return loop.call(key, new S3Operation<String>() {
      @Override
      public S3Request request(int attempt) {
        return new S3Request("PUT", key, List.of(Map.entry("partNumber", Integer.toString(part)),
            Map.entry("uploadId", uploadId)), List.of(), body, true).withPayloadHash(payloadHash);
      }

      @Override
      public BodySink sinkFor(HttpResponseHead head) {
        return Sinks.discard();
      }

      @Override
      public String onSuccess(HttpResponse response) throws RetryableFailure {
        String etag = response.head().header("ETag");
        if (etag == null) {
          throw new RetryableFailure(Kind.IO_ERROR, "no ETag for part " + part, null);
        }
        return etag;
      }
    });
  }

  /** CompleteMultipartUpload, then HEAD for the metadata. A 200 carrying an error document is retried. */
  CompletableFuture<ObjectMetadata> completeUpload(String key, String uploadId, List<String> etags) {
    StringBuilder xml = new StringBuilder("<CompleteMultipartUpload>");
    for (int i = 0; i < etags.size(); i++) {
      xml.append("<Part><PartNumber>").append(i + 1).append("</PartNumber><ETag>")
          .append(etags.get(i).replace("&", "&amp;").replace("\"", "&quot;")).append("</ETag></Part>");
    }
    xml.append("</CompleteMultipartUpload>");
    ByteBuffer body = ByteBuffer.wrap(xml.toString().getBytes(UTF_8));
    String payloadHash = signer.payloadHash(body);
    return loop.call(key, new S3Operation<String>() {
      @Override
      public S3Request request(int attempt) {
        return new S3Request("POST", key, List.of(Map.entry("uploadId", uploadId)),
            List.of(Map.entry("Content-Type", "application/xml")), body, true).withPayloadHash(payloadHash);
      }

      @Override
      public BodySink sinkFor(HttpResponseHead head) {
        return new Sinks.Bounded(S3Responses.MAX_ERROR_BODY);
      }

      @Override
      public String onSuccess(HttpResponse response) throws RetryableFailure {
        return S3Responses.etagOfOkBody(response, "CompleteMultipartUploadResult");
      }
    }).thenCompose(etag -> store.metadataAfterWrite(key, etag));
  }

  /** AbortMultipartUpload; a 404 (already gone) counts as done. */
  CompletableFuture<Void> abortUpload(String key, String uploadId) {
    return loop.call(key, new S3Operation<Void>() {
      @Override
      public S3Request request(int attempt) {
        return new S3Request("DELETE", key, List.of(Map.entry("uploadId", uploadId)), List.of(), null, true);
      }

      @Override
      public BodySink sinkFor(HttpResponseHead head) {
        return Sinks.discard();
      }

      @Override
      public Void onSuccess(HttpResponse response) {
        return null;
      }
    }).exceptionally(failure -> {
      Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
      if (cause instanceof ObjectStoreException e && e.kind() == Kind.NOT_FOUND) {
        return null;
      }
      throw failure instanceof CompletionException ce ? ce : new CompletionException(failure);
    });
  }

  /** ListMultipartUploads: the ids of the uploads in progress for {@code key}. */
  CompletableFuture<List<String>> uploadsInProgress(String key) {
    return loop.call(key, new S3Operation<List<String>>() {
      @Override
      public S3Request request(int attempt) {
        return new S3Request("GET", null, List.of(Map.entry("uploads", ""), Map.entry("prefix", key)), List.of(),
            null, true);
      }

      @Override
      public BodySink sinkFor(HttpResponseHead head) {
        return new Sinks.Bounded(S3Responses.MAX_XML_BODY);
      }

      @Override
      public List<String> onSuccess(HttpResponse response) throws RetryableFailure {
        try {
          return S3Xml.uploadIds(((Sinks.Bounded) response.body()).bytes(), key);
        } catch (XMLStreamException e) {
          throw new RetryableFailure(Kind.IO_ERROR, "malformed ListMultipartUploadsResult", e);
        }
      }
    });
  }


}
