package dev.quiver.store.s3;

import dev.quiver.store.ObjectMetadata;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the XML documents of the S3 API (S3 API reference: "Error responses", ListObjectsV2,
 * CreateMultipartUpload, CompleteMultipartUpload, CopyObject, ListMultipartUploads) with the JDK's StAX parser,
 * DTDs and external entities off. Namespaces are ignored; element names are local names. Stateless.
 */
final class S3Xml {

  private static final XMLInputFactory FACTORY = newFactory();

  private S3Xml() {}

  private static XMLInputFactory newFactory() {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
    return factory;
  }

  /** An S3 error document: {@code <Error><Code/><Message/><RequestId/></Error>}. */
  record S3Error(String code, String message, String requestId) {}

  /** One page of ListObjectsV2. */
  record ListPage(List<ObjectMetadata> objects, List<String> commonPrefixes, boolean truncated, String nextToken) {}

  /** The error document in {@code body}, or null when the body is not one (or not XML). */
  static S3Error error(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      Map<String, String> fields = new HashMap<>();
      String root = topLevelFields(body, fields);
      if (!"Error".equals(root)) {
        return null;
      }
      return new S3Error(fields.get("Code"), fields.get("Message"), fields.get("RequestId"));
    } catch (XMLStreamException e) {
      return null;
    }
  }

  /** The text of the first element called {@code name} anywhere in the document, or null. */
  static String firstText(byte[] body, String name) throws XMLStreamException {
    XMLStreamReader reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
    try {
      while (reader.hasNext()) {
        if (reader.next() == XMLStreamConstants.START_ELEMENT && reader.getLocalName().equals(name)) {
          return reader.getElementText();
        }
      }
      return null;
    } finally {
      reader.close();
    }
  }

  /** The name of the root element, with its direct text children put in {@code fields}. */
  private static String topLevelFields(byte[] body, Map<String, String> fields) throws XMLStreamException {
    XMLStreamReader reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
    try {
      String root = null;
      int depth = 0;
      while (reader.hasNext()) {
        int event = reader.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          depth++;
          if (depth == 1) {
            root = reader.getLocalName();
          } else if (depth == 2) {
            String name = reader.getLocalName();
            String text = readTextOrSkip(reader);
            depth--;
            if (text != null) {
              fields.putIfAbsent(name, text);
            }
          }
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          depth--;
        }
      }
      return root;
    } finally {
      reader.close();
    }
  }

  /** Reads an element's text, or skips it whole (returning null) when it has child elements. */
  private static String readTextOrSkip(XMLStreamReader reader) throws XMLStreamException {
    StringBuilder text = new StringBuilder();
    int depth = 1;
    boolean children = false;
    while (depth > 0) {
      int event = reader.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        depth++;
        children = true;
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      } else if (depth == 1 && (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA)) {
        text.append(reader.getText());
      }
    }
    return children ? null : text.toString();
  }

  /**
   * One ListObjectsV2 page ({@code ListBucketResult}): {@code Contents} (Key, Size, ETag, LastModified),
   * {@code CommonPrefixes/Prefix}, {@code IsTruncated}, {@code NextContinuationToken}. Times are truncated to
   * seconds, the precision of {@code Last-Modified} in HEAD, so that both agree. When the page says
   * {@code <EncodingType>url</EncodingType>} (the answer to {@code encoding-type=url}), keys and prefixes are
   * URL-decoded ({@link #urlDecode}); a server that ignores the parameter sends them, and they are kept, as they are.
   *
   * @throws XMLStreamException for a malformed document, or a malformed URL-encoded key
   */
  static ListPage listPage(byte[] body) throws XMLStreamException {
    XMLStreamReader reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
    try {
      List<ObjectMetadata> objects = new ArrayList<>();
      List<String> prefixes = new ArrayList<>();
      boolean truncated = false;
      String token = null;
      String encoding = null;
      int depth = 0;
      while (reader.hasNext()) {
        int event = reader.next();
        if (event == XMLStreamConstants.END_ELEMENT) {
          depth--;
          continue;
        }
        if (event != XMLStreamConstants.START_ELEMENT) {
          continue;
        }
        depth++;
        String name = reader.getLocalName();
        if (depth != 2) {
          continue;
        }
        switch (name) {
          case "Contents" -> {
            Map<String, String> fields = new HashMap<>();
            readChildren(reader, fields);
            depth--;
            objects.add(new ObjectMetadata(fields.get("Key"), Long.parseLong(fields.get("Size")),
                fields.get("ETag"), Instant.parse(fields.get("LastModified")).truncatedTo(ChronoUnit.SECONDS)));
          }
          case "CommonPrefixes" -> {
            Map<String, String> fields = new HashMap<>();
            readChildren(reader, fields);
            depth--;
            prefixes.add(fields.get("Prefix"));
          }
          case "IsTruncated" -> {
            truncated = Boolean.parseBoolean(reader.getElementText().trim());
            depth--;
          }
          case "NextContinuationToken" -> {
            token = reader.getElementText();
            depth--;
          }
          case "EncodingType" -> {
            encoding = reader.getElementText().trim();
            depth--;
          }
          default -> { }
        }
      }
      if ("url".equals(encoding)) {
        for (int i = 0; i < objects.size(); i++) {
          ObjectMetadata object = objects.get(i);
          objects.set(i, new ObjectMetadata(urlDecode(object.key()), object.size(), object.etag(),
              object.lastModified()));
        }
        for (int i = 0; i < prefixes.size(); i++) {
          prefixes.set(i, urlDecode(prefixes.get(i)));
        }
      }
      return new ListPage(objects, prefixes, truncated, token);
    } catch (RuntimeException e) {
      throw new XMLStreamException("a ListBucketResult entry is incomplete: " + e, e);
    } finally {
      reader.close();
    }
  }

  /**
   * Decodes a key or prefix of a listing made with {@code encoding-type=url}: {@code %XX} is a byte, {@code +} a
   * space (S3 encodes spaces as {@code +} and a literal plus as {@code %2B}; other servers use {@code %20}, which
   * decodes the same), any other character stands for itself; the bytes are UTF-8. This is what lets keys with
   * characters XML 1.0 cannot carry (controls such as U+0001) come through a listing.
   *
   * @throws XMLStreamException for a truncated or non-hex escape, or bytes that are not UTF-8
   */
  static String urlDecode(String value) throws XMLStreamException {
    if (value.indexOf('%') < 0 && value.indexOf('+') < 0) {
      return value;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
    for (int i = 0; i < value.length(); ) {
      char c = value.charAt(i);
      if (c == '%') {
        int high = i + 2 < value.length() ? Character.digit(value.charAt(i + 1), 16) : -1;
        int low = high < 0 ? -1 : Character.digit(value.charAt(i + 2), 16);
        if (low < 0) {
          throw new XMLStreamException("a URL-encoded key has a bad escape at character " + i + ": " + value);
        }
        bytes.write(high << 4 | low);
        i += 3;
      } else if (c == '+') {
        bytes.write(' ');
        i++;
      } else {
        // Copy a run of plain characters (surrogate pairs included) as UTF-8.
        int end = i;
        while (end < value.length() && value.charAt(end) != '%' && value.charAt(end) != '+') {
          end++;
        }
        byte[] run = value.substring(i, end).getBytes(StandardCharsets.UTF_8);
        bytes.write(run, 0, run.length);
        i = end;
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new XMLStreamException("a URL-encoded key is not UTF-8: " + value, e);
    }
  }

  /** The upload ids of a ListMultipartUploadsResult whose key is {@code key}. */
  static List<String> uploadIds(byte[] body, String key) throws XMLStreamException {
    XMLStreamReader reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
    try {
      List<String> ids = new ArrayList<>();
      while (reader.hasNext()) {
        if (reader.next() == XMLStreamConstants.START_ELEMENT && reader.getLocalName().equals("Upload")) {
          Map<String, String> fields = new HashMap<>();
          readChildren(reader, fields);
          if (key.equals(fields.get("Key"))) {
            ids.add(fields.get("UploadId"));
          }
        }
      }
      return ids;
    } finally {
      reader.close();
    }
  }

  /** Reads the text children of the current element into {@code fields}, up to its end tag. */
  private static void readChildren(XMLStreamReader reader, Map<String, String> fields) throws XMLStreamException {
    int depth = 1;
    while (depth > 0) {
      int event = reader.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        String name = reader.getLocalName();
        String text = readTextOrSkip(reader);
        if (text != null) {
          fields.putIfAbsent(name, text);
        }
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      }
    }
  }
}
