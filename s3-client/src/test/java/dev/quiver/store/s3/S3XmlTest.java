package dev.quiver.store.s3;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.store.ObjectMetadata;
import java.net.URLEncoder;
import java.time.Instant;
import java.util.List;
import javax.xml.stream.XMLStreamException;
import org.junit.jupiter.api.Test;

/**
 * The ListObjectsV2 page parser with {@code encoding-type=url}: pages shaped like the S3 API reference's examples,
 * encoded the way S3 encodes (form style: {@code +} for a space, {@code %2B} for a plus, as the JDK's
 * {@link URLEncoder} does) and the way S3Proxy does ({@code %20}).
 */
class S3XmlTest {

  private static String page(String encodingType, List<String> keys, List<String> prefixes) {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
        + "<Name>bucket</Name><Prefix>odd%2F</Prefix><KeyCount>" + keys.size() + "</KeyCount>"
        + "<MaxKeys>1000</MaxKeys>");
    if (encodingType != null) {
      xml.append("<EncodingType>").append(encodingType).append("</EncodingType>");
    }
    xml.append("<IsTruncated>true</IsTruncated>");
    for (String key : keys) {
      xml.append("<Contents><Key>").append(key).append("</Key><LastModified>2026-11-21T08:00:01.500Z</LastModified>"
          + "<ETag>&quot;abc&quot;</ETag><Size>7</Size><StorageClass>STANDARD</StorageClass></Contents>");
    }
    for (String prefix : prefixes) {
      xml.append("<CommonPrefixes><Prefix>").append(prefix).append("</Prefix></CommonPrefixes>");
    }
    xml.append("<NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>"
        + "</ListBucketResult>");
    return xml.toString();
  }

  private static S3Xml.ListPage parse(String xml) throws XMLStreamException {
    return S3Xml.listPage(xml.getBytes(UTF_8));
  }

  @Test
  void urlEncodedKeysAndPrefixesAreDecoded() throws Exception {
    List<String> keys = List.of("odd/ctl\u0001one", "odd/cr\r\nlf", "odd/plus+and space", "odd/percent%41",
        "odd/caf\u00e9", "odd/emoji\uD83D\uDE00", "odd/non\uFFFEchar");
    List<String> prefixes = List.of("odd/dir\u0002/", "odd/two words/");
    S3Xml.ListPage page = parse(page("url", keys.stream().map(k -> URLEncoder.encode(k, UTF_8)).toList(),
        prefixes.stream().map(p -> URLEncoder.encode(p, UTF_8)).toList()));
    assertEquals(keys, page.objects().stream().map(ObjectMetadata::key).toList());
    assertEquals(prefixes, page.commonPrefixes());
    ObjectMetadata first = page.objects().get(0);
    assertEquals(7, first.size());
    assertEquals("\"abc\"", first.etag());
    assertEquals(Instant.parse("2026-11-21T08:00:01Z"), first.lastModified());
    assertTrue(page.truncated());
    // Continuation tokens are opaque and never encoded.
    assertEquals("1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=", page.nextToken());
  }

  @Test
  void percentTwentyAndLowerCaseHexDecodeToo() throws Exception {
    S3Xml.ListPage page = parse(page("url", List.of("a%20b%2bc%e2%82%ac"), List.of()));
    assertEquals("a b+c\u20ac", page.objects().get(0).key());
  }

  @Test
  void withoutEncodingTypeKeysAreKeptAsSent() throws Exception {
    // A server that ignores encoding-type=url sends raw keys; decoding them would corrupt '%' and '+'.
    S3Xml.ListPage page = parse(page(null, List.of("odd/percent%41", "odd/plus+sign"), List.of("odd/a%20b/")));
    assertEquals(List.of("odd/percent%41", "odd/plus+sign"), page.objects().stream().map(ObjectMetadata::key)
        .toList());
    assertEquals(List.of("odd/a%20b/"), page.commonPrefixes());
  }

  @Test
  void malformedEncodingsAreRefused() {
    for (String bad : List.of("trailing%", "short%4", "nonhex%zz", "half%g1")) {
      XMLStreamException e = assertThrows(XMLStreamException.class, () -> parse(page("url", List.of(bad), List.of())));
      assertTrue(e.getMessage().contains("bad escape"), e.getMessage());
    }
    for (String bad : List.of("lone%C3", "overlong%C0%AF", "surrogate%ED%A0%80", "%FF")) {
      XMLStreamException e = assertThrows(XMLStreamException.class, () -> parse(page("url", List.of(bad), List.of())));
      assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
    }
  }

  @Test
  void plainKeysPassThroughUnchanged() throws Exception {
    assertEquals("plain/key-1.parquet", S3Xml.urlDecode("plain/key-1.parquet"));
    assertEquals("", S3Xml.urlDecode(""));
    assertFalse(S3Xml.urlDecode("x%2F").contains("%"));
  }
}
