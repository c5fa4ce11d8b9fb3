package dev.quiver.store.s3;

import dev.quiver.store.ListResult;
import dev.quiver.store.ObjectKeys;
import dev.quiver.store.ObjectMetadata;
import dev.quiver.store.ObjectStoreException.Kind;
import dev.quiver.store.s3.http.BodySink;
import dev.quiver.store.s3.http.HttpResponse;
import dev.quiver.store.s3.http.HttpResponseHead;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.xml.stream.XMLStreamException;

/**
 * The listings of {@link S3Store} (S3 API reference, ListObjectsV2): every page for a prefix, optionally grouped by
 * a delimiter into common prefixes, following continuation tokens. Pages are requested one after another (each
 * needs the previous one's token); a malformed page is retried like a failed request. Every page is asked for with
 * {@code encoding-type=url} and its keys and prefixes decoded ({@link S3Xml#urlDecode}), so keys holding control
 * characters or anything else XML 1.0 cannot carry are listed intact.
 */
final class ObjectListing {

  private final S3Store store;
  private final RequestLoop loop;

  ObjectListing(S3Store store, RequestLoop loop) {
    this.store = store;
    this.loop = loop;
  }

  /**
   * Every page of ListObjectsV2 for {@code prefix}, {@code pageSize} keys a page (S3's maximum and default is 1000),
   * following continuation tokens. Fails with {@code INVALID_KEY} for a malformed prefix.
   *
   * @param delimiter null for a flat listing
   */
  CompletableFuture<ListResult> listAll(String prefix, String delimiter, int pageSize) {
    String problem = ObjectKeys.prefixProblem(prefix);
    if (problem != null) {
      return store.invalidKey(prefix, problem);
    }
    List<ObjectMetadata> objects = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    return listFrom(prefix, delimiter, pageSize, null, objects, prefixes)
        .thenApply(ignored -> new ListResult(objects, prefixes));
  }

  private CompletableFuture<Void> listFrom(String prefix, String delimiter, int pageSize, String token,
      List<ObjectMetadata> objects, List<String> prefixes) {
    List<Map.Entry<String, String>> query = new ArrayList<>();
    query.add(Map.entry("list-type", "2"));
    query.add(Map.entry("prefix", prefix));
    query.add(Map.entry("max-keys", Integer.toString(pageSize)));
    // Keys come back URL-encoded, so that characters XML 1.0 cannot carry (U+0001, say) survive the listing.
    query.add(Map.entry("encoding-type", "url"));
    if (delimiter != null) {
      query.add(Map.entry("delimiter", delimiter));
    }
    if (token != null) {
      query.add(Map.entry("continuation-token", token));
    }
    return loop.call(prefix, new S3Operation<S3Xml.ListPage>() {
      @Override
      public S3Request request(int attempt) {
        return new S3Request("GET", null, query, List.of(), null, true);
      }

      @Override
      public BodySink sinkFor(HttpResponseHead head) {
        return new Sinks.Bounded(S3Responses.MAX_XML_BODY);
      }

      @Override
      public S3Xml.ListPage onSuccess(HttpResponse response) throws RetryableFailure {
        try {
          return S3Xml.listPage(((Sinks.Bounded) response.body()).bytes());
        } catch (XMLStreamException e) {
          throw new RetryableFailure(Kind.IO_ERROR, "malformed listing: " + e.getMessage(), e);
        }
      }
    }).thenCompose(page -> {
      objects.addAll(page.objects());
      prefixes.addAll(page.commonPrefixes());
      if (page.truncated() && page.nextToken() != null) {
        return listFrom(prefix, delimiter, pageSize, page.nextToken(), objects, prefixes);
      }
      return CompletableFuture.completedFuture(null);
    });
  }
}
