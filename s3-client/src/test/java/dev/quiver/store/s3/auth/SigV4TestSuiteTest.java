package dev.quiver.store.s3.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of the AWS SigV4 test suite (awslabs/aws-c-auth {@code tests/aws-signing-test-suite/v4}, kept in
 * {@code ../shared/sigv4-test-suite/v4}), in both forms: header signing and presigned query. Each checks the
 * canonical request, the string to sign, the signature and the whole signed request against the files.
 *
 * <p>Cases whose context says {@code "normalize": true} are for services that normalize paths; S3 does not, so the
 * signer does it only when built with {@code normalizePath} (the S3 store never is). They run as the suite defines.
 * {@code sign_body} adds {@code x-amz-content-sha256} (header form) and signs the body's hash;
 * {@code omit_session_token} leaves the token out of the signature and adds it after.
 */
class SigV4TestSuiteTest {

  static final Path SUITE = locateSuite();

  private static Path locateSuite() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared/sigv4-test-suite/v4");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
      candidate = p.resolve("../shared/sigv4-test-suite/v4").normalize();
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("the SigV4 test suite (shared/sigv4-test-suite/v4) is not found above " + dir);
  }

  static Stream<String> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(SUITE)) {
      return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  @Test
  void theSuiteHasAllItsCases() throws IOException {
    assertEquals(38, cases().count(), "cases in " + SUITE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void headerSigning(String name) throws IOException {
    Case c = Case.load(SUITE.resolve(name));
    String payloadHash = SigV4Signer.sha256Hex(c.body);
    SignedParts signed = c.signer().signHeaders(c.request, c.credentials, payloadHash, c.signBody,
        c.omitSessionToken, c.time);
    assertEquals(c.read("header-canonical-request.txt"), signed.canonicalRequest(), "canonical request");
    assertEquals(c.read("header-string-to-sign.txt"), signed.stringToSign(), "string to sign");
    assertEquals(c.read("header-signature.txt").trim(), signed.signature(), "signature");

    StringBuilder out = new StringBuilder(c.requestHead);
    for (Map.Entry<String, String> header : signed.additions()) {
      out.append(header.getKey()).append(':').append(header.getValue()).append('\n');
    }
    out.append('\n').append(new String(c.body, UTF_8));
    assertEquals(c.read("header-signed-request.txt"), out.toString(), "signed request");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void presignedQuery(String name) throws IOException {
    Case c = Case.load(SUITE.resolve(name));
    String payloadHash = SigV4Signer.sha256Hex(c.body);
    SignedParts signed = c.signer().presign(c.request, c.credentials, payloadHash, c.expiresSeconds,
        c.omitSessionToken, c.time);
    assertEquals(c.read("query-canonical-request.txt"), signed.canonicalRequest(), "canonical request");
    assertEquals(c.read("query-string-to-sign.txt"), signed.stringToSign(), "string to sign");
    assertEquals(c.read("query-signature.txt").trim(), signed.signature(), "signature");

    StringBuilder target = new StringBuilder(c.rawTarget).append(c.rawTarget.contains("?") ? '&' : '?');
    for (int i = 0; i < signed.additions().size(); i++) {
      Map.Entry<String, String> parameter = signed.additions().get(i);
      target.append(i == 0 ? "" : "&").append(parameter.getKey()).append('=')
          .append(SigV4Signer.uriEncode(parameter.getValue(), true));
    }
    String expected = c.read("query-signed-request.txt");
    String firstLine = expected.substring(0, expected.indexOf('\n'));
    assertEquals(firstLine, c.method + " " + target + " HTTP/1.1", "signed request line");
  }

  @Test
  void pathNormalizationFollowsRfc3986() {
    assertEquals("/", SigV4Signer.normalizePath("/example/.."));
    assertEquals("/example/", SigV4Signer.normalizePath("//example//"));
    assertEquals("/a/c/", SigV4Signer.normalizePath("/a/./b/../c/"));
    assertEquals("/a/c", SigV4Signer.normalizePath("/a/b/../c"));
    assertEquals("/", SigV4Signer.normalizePath("/../.."));
  }

  /** One folder of the suite, parsed. */
  static final class Case {
    Path dir;
    String method;
    String rawTarget;
    String requestHead;
    byte[] body;
    SigningRequest request;
    Credentials credentials;
    Instant time;
    String region;
    String service;
    boolean normalize;
    boolean signBody;
    boolean omitSessionToken;
    long expiresSeconds;

    SigV4Signer signer() {
      return new SigV4Signer(region, service, normalize);
    }

    String read(String file) throws IOException {
      return Files.readString(dir.resolve(file), UTF_8);
    }

    static Case load(Path dir) throws IOException {
      Case c = new Case();
      c.dir = dir;
      String context = Files.readString(dir.resolve("context.json"), UTF_8);
      c.credentials = new Credentials(json(context, "access_key_id"), json(context, "secret_access_key"),
          json(context, "token"));
      c.region = json(context, "region");
      c.service = json(context, "service");
      c.time = Instant.parse(json(context, "timestamp"));
      c.normalize = "true".equals(json(context, "normalize"));
      c.signBody = "true".equals(json(context, "sign_body"));
      c.omitSessionToken = "true".equals(json(context, "omit_session_token"));
      c.expiresSeconds = Long.parseLong(json(context, "expiration_in_seconds"));

      byte[] raw = Files.readAllBytes(dir.resolve("request.txt"));
      String text = new String(raw, UTF_8);
      int headEnd = text.indexOf("\n\n");
      String head = headEnd < 0 ? text : text.substring(0, headEnd);
      c.body = headEnd < 0 ? new byte[0] : text.substring(headEnd + 2).getBytes(UTF_8);
      c.requestHead = head.endsWith("\n") ? head : head + "\n";
      String[] lines = head.split("\n");
      String requestLine = lines[0];
      c.method = requestLine.substring(0, requestLine.indexOf(' '));
      c.rawTarget = requestLine.substring(c.method.length() + 1, requestLine.lastIndexOf(' '));
      List<Map.Entry<String, String>> headers = new ArrayList<>();
      for (int i = 1; i < lines.length; i++) {
        String line = lines[i];
        if (line.isEmpty()) {
          continue;
        }
        if (Character.isWhitespace(line.charAt(0))) {
          // Obsolete line folding: the line continues the previous header's value.
          Map.Entry<String, String> last = headers.remove(headers.size() - 1);
          headers.add(Map.entry(last.getKey(), last.getValue() + "\n" + line));
        } else {
          int colon = line.indexOf(':');
          headers.add(Map.entry(line.substring(0, colon), line.substring(colon + 1)));
        }
      }
      int question = c.rawTarget.indexOf('?');
      String path = question < 0 ? c.rawTarget : c.rawTarget.substring(0, question);
      List<Map.Entry<String, String>> query = new ArrayList<>();
      if (question >= 0) {
        for (String parameter : c.rawTarget.substring(question + 1).split("&")) {
          if (parameter.isEmpty()) {
            continue;
          }
          int eq = parameter.indexOf('=');
          String name = eq < 0 ? parameter : parameter.substring(0, eq);
          String value = eq < 0 ? "" : parameter.substring(eq + 1);
          query.add(Map.entry(percentDecode(name), percentDecode(value)));
        }
      }
      c.request = new SigningRequest(c.method, path, query, headers);
      return c;
    }

    /** A string or scalar field of the suite's flat JSON, or null. Good enough for these small files. */
    private static String json(String context, String field) {
      Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[^,}\\s]+)").matcher(context);
      if (!m.find()) {
        return null;
      }
      return m.group(2) != null ? m.group(2) : m.group(1);
    }

    private static String percentDecode(String s) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] bytes = s.getBytes(UTF_8);
      for (int i = 0; i < bytes.length; i++) {
        if (bytes[i] == '%' && i + 2 < bytes.length) {
          out.write(Integer.parseInt(new String(bytes, i + 1, 2, UTF_8), 16));
          i += 2;
        } else {
          out.write(bytes[i]);
        }
      }
      return out.toString(UTF_8);
    }
  }

  @Test
  void everyCaseHasTheFilesWeCheck() throws IOException {
    for (String name : cases().toList()) {
      for (String file : List.of("request.txt", "context.json", "header-canonical-request.txt",
          "header-string-to-sign.txt", "header-signature.txt", "header-signed-request.txt",
          "query-canonical-request.txt", "query-string-to-sign.txt", "query-signature.txt",
          "query-signed-request.txt")) {
        assertTrue(Files.isRegularFile(SUITE.resolve(name).resolve(file)), name + "/" + file);
      }
    }
  }
}
