package dev.quiver.store.s3.auth;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 ({@code AWS4-HMAC-SHA256}), in its two forms: the {@code Authorization} header and the
 * presigned URL (query parameters). Implements "Signing AWS API requests" / "Create a signed AWS API request" of the
 * IAM user guide and, for S3, "Authenticating Requests (AWS Signature Version 4)" of the S3 API reference
 * (header-based auth and query-string auth). Hashes and HMACs come from the JDK.
 *
 * <p>Paths: S3 signs the path as sent, percent-encoding each byte except the unreserved characters and '/', once,
 * and never normalizes it ({@code //a/./b} stays). Other services first remove dot segments and collapse repeated
 * slashes (RFC 3986 section 5.2.4); {@link #normalizePath} selects that, for the cases of the generic test suite
 * that expect it.
 *
 * <p>Immutable and thread-safe. Secrets are used, never stored in fields other than what the caller passes.
 */
public final class SigV4Signer {

  /** The algorithm name that starts every string to sign and {@code Authorization} header. */
  public static final String ALGORITHM = "AWS4-HMAC-SHA256";
  /** The payload hash that tells S3 the body is not hashed (allowed over TLS, and for presigned URLs). */
  public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
  /** The SHA-256 of no bytes, in lowercase hex. */
  public static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  /** The longest life of a presigned URL, in seconds (7 days), as S3 allows. */
  public static final long MAX_PRESIGN_SECONDS = 7 * 24 * 3600;

  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final HexFormat HEX = HexFormat.of();

  private final String region;
  private final String service;
  private final boolean normalizePath;

  /**
   * @param region the region in the credential scope, such as {@code us-east-1}
   * @param service the service in the credential scope: {@code s3} for S3
   * @param normalizePath whether to normalize the path before encoding it; false for S3, true for most other
   *     services
   */
  public SigV4Signer(String region, String service, boolean normalizePath) {
    this.region = Objects.requireNonNull(region, "region");
    this.service = Objects.requireNonNull(service, "service");
    this.normalizePath = normalizePath;
  }

  /** The signer S3 uses: service {@code s3}, no path normalization. */
  public static SigV4Signer forS3(String region) {
    return new SigV4Signer(region, "s3", false);
  }

  /** The region of the credential scope. */
  public String region() {
    return region;
  }

  /**
   * Signs a request with the {@code Authorization} header. The signed headers are all of the request's headers plus
   * {@code x-amz-date}, {@code x-amz-security-token} (for temporary credentials, unless {@code omitSessionToken})
   * and {@code x-amz-content-sha256} (when {@code addContentSha256}; S3 requires it).
   *
   * @param request the request; its headers must not already contain the headers this method adds
   * @param payloadHash the lowercase hex SHA-256 of the body, or {@link #UNSIGNED_PAYLOAD} (S3, over TLS)
   * @param addContentSha256 whether to add and sign {@code x-amz-content-sha256: payloadHash}
   * @param omitSessionToken add the session token after signing, unsigned (what some services expect)
   * @param time the signing time; the request is valid for 15 minutes around it
   * @return the strings of each step and the headers to add, {@code Authorization} last
   */
  public SignedParts signHeaders(SigningRequest request, Credentials credentials, String payloadHash,
      boolean addContentSha256, boolean omitSessionToken, Instant time) {
    Objects.requireNonNull(payloadHash, "payloadHash");
    String amzDate = AMZ_DATE.format(time);
    String scope = scope(amzDate);
    List<Map.Entry<String, String>> additions = new ArrayList<>();
    List<Map.Entry<String, String>> headers = new ArrayList<>(request.headers());
    String token = credentials.sessionToken();
    if (token != null) {
      additions.add(Map.entry("X-Amz-Security-Token", token));
      if (!omitSessionToken) {
        headers.add(Map.entry("X-Amz-Security-Token", token));
      }
    }
    additions.add(Map.entry("X-Amz-Date", amzDate));
    headers.add(Map.entry("X-Amz-Date", amzDate));
    if (addContentSha256) {
      additions.add(Map.entry("x-amz-content-sha256", payloadHash));
      headers.add(Map.entry("x-amz-content-sha256", payloadHash));
    }
    TreeMap<String, String> canonicalHeaders = canonicalHeaders(headers);
    String signedHeaders = String.join(";", canonicalHeaders.keySet());
    String canonicalRequest = canonicalRequest(request.method(), request.path(), request.query(), canonicalHeaders,
        payloadHash);
    String stringToSign = stringToSign(amzDate, scope, canonicalRequest);
    String signature = signature(credentials, amzDate, stringToSign);
    additions.add(Map.entry("Authorization", ALGORITHM + " Credential=" + credentials.accessKeyId() + "/" + scope
        + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature));
    return new SignedParts(canonicalRequest, stringToSign, signature, additions);
  }

  /**
   * Presigns a request: the returned additions are the query parameters to append ({@code X-Amz-Algorithm},
   * {@code X-Amz-Credential}, {@code X-Amz-Date}, {@code X-Amz-SignedHeaders}, {@code X-Amz-Expires}, the session
   * token if any, {@code X-Amz-Signature}), decoded; encode them with {@link #uriEncode(String, boolean)}. The
   * signed headers are the request's headers (at least {@code Host}); whoever uses the URL must send them unchanged.
   *
   * @param payloadHash {@link #UNSIGNED_PAYLOAD} for S3; the body's SHA-256 for services that sign it
   * @param expiresSeconds the URL's life in seconds, in {@code [1, MAX_PRESIGN_SECONDS]}
   * @param omitSessionToken leave the session token out of the signature and append it after
   * @throws IllegalArgumentException for an expiry out of range
   */
  public SignedParts presign(SigningRequest request, Credentials credentials, String payloadHash, long expiresSeconds,
      boolean omitSessionToken, Instant time) {
    if (expiresSeconds < 1 || expiresSeconds > MAX_PRESIGN_SECONDS) {
      throw new IllegalArgumentException("a presigned URL lives 1 to " + MAX_PRESIGN_SECONDS + " seconds, got "
          + expiresSeconds);
    }
    String amzDate = AMZ_DATE.format(time);
    String scope = scope(amzDate);
    TreeMap<String, String> canonicalHeaders = canonicalHeaders(request.headers());
    String signedHeaders = String.join(";", canonicalHeaders.keySet());
    List<Map.Entry<String, String>> added = new ArrayList<>();
    added.add(Map.entry("X-Amz-Algorithm", ALGORITHM));
    added.add(Map.entry("X-Amz-Credential", credentials.accessKeyId() + "/" + scope));
    added.add(Map.entry("X-Amz-Date", amzDate));
    added.add(Map.entry("X-Amz-SignedHeaders", signedHeaders));
    added.add(Map.entry("X-Amz-Expires", Long.toString(expiresSeconds)));
    String token = credentials.sessionToken();
    List<Map.Entry<String, String>> query = new ArrayList<>(request.query());
    query.addAll(added);
    if (token != null) {
      added.add(Map.entry("X-Amz-Security-Token", token));
      if (!omitSessionToken) {
        query.add(Map.entry("X-Amz-Security-Token", token));
      }
    }
    String canonicalRequest = canonicalRequest(request.method(), request.path(), query, canonicalHeaders,
        payloadHash);
    String stringToSign = stringToSign(amzDate, scope, canonicalRequest);
    String signature = signature(credentials, amzDate, stringToSign);
    added.add(Map.entry("X-Amz-Signature", signature));
    return new SignedParts(canonicalRequest, stringToSign, signature, added);
  }

  // ---- the steps ----

  /**
   * Step 1: the canonical request, {@code method \n canonical URI \n canonical query \n canonical headers \n
   * signed headers \n payload hash}.
   */
  private String canonicalRequest(String method, String path, List<Map.Entry<String, String>> query,
      TreeMap<String, String> canonicalHeaders, String payloadHash) {
    StringBuilder sb = new StringBuilder(256);
    sb.append(method).append('\n');
    sb.append(canonicalUri(path, normalizePath)).append('\n');
    sb.append(canonicalQuery(query)).append('\n');
    for (Map.Entry<String, String> header : canonicalHeaders.entrySet()) {
      sb.append(header.getKey()).append(':').append(header.getValue()).append('\n');
    }
    sb.append('\n').append(String.join(";", canonicalHeaders.keySet())).append('\n');
    sb.append(payloadHash);
    return sb.toString();
  }

  /** Step 2: {@code AWS4-HMAC-SHA256 \n date \n scope \n hex(sha256(canonical request))}. */
  private static String stringToSign(String amzDate, String scope, String canonicalRequest) {
    return ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + sha256Hex(canonicalRequest.getBytes(UTF_8));
  }

  /** Steps 3 and 4: derive the signing key from the secret and the scope, then HMAC the string to sign. */
  private String signature(Credentials credentials, String amzDate, String stringToSign) {
    byte[] key = hmac(("AWS4" + credentials.secretAccessKey()).getBytes(UTF_8), amzDate.substring(0, 8));
    key = hmac(key, region);
    key = hmac(key, service);
    key = hmac(key, "aws4_request");
    return HEX.formatHex(hmac(key, stringToSign));
  }

  private String scope(String amzDate) {
    return amzDate.substring(0, 8) + "/" + region + "/" + service + "/aws4_request";
  }

  // ---- canonical forms (public for tests and for building URLs that match what was signed) ----

  /**
   * The canonical URI: the path (normalized first when {@code normalize}) with every UTF-8 byte outside the
   * unreserved set {@code A-Z a-z 0-9 - . _ ~} and '/' percent-encoded with uppercase hex. An empty path is "/".
   */
  public static String canonicalUri(String path, boolean normalize) {
    if (path.isEmpty()) {
      return "/";
    }
    return uriEncode(normalize ? normalizePath(path) : path, false);
  }

  /**
   * RFC 3986 remove_dot_segments plus collapsing of empty segments: {@code //a/./b/../c/} becomes {@code /a/c/}. A
   * trailing slash (or a trailing {@code .} / {@code ..} segment) is kept as a trailing slash.
   */
  static String normalizePath(String path) {
    Deque<String> segments = new ArrayDeque<>();
    String[] parts = path.split("/", -1);
    for (String part : parts) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        segments.pollLast();
      } else {
        segments.addLast(part);
      }
    }
    String last = parts[parts.length - 1];
    boolean trailingSlash = last.isEmpty() || last.equals(".") || last.equals("..");
    StringBuilder sb = new StringBuilder();
    for (String segment : segments) {
      sb.append('/').append(segment);
    }
    if (sb.length() == 0 || trailingSlash) {
      sb.append('/');
    }
    return sb.toString();
  }

  /**
   * The canonical query string: each name and value {@link #uriEncode uri-encoded} (a '/' too), pairs sorted by
   * encoded name then encoded value, joined as {@code n1=v1&n2=v2}; a parameter without a value is {@code n=}.
   */
  public static String canonicalQuery(List<Map.Entry<String, String>> query) {
    List<String[]> pairs = new ArrayList<>(query.size());
    for (Map.Entry<String, String> parameter : query) {
      pairs.add(new String[] {uriEncode(parameter.getKey(), true), uriEncode(parameter.getValue(), true)});
    }
    pairs.sort((a, b) -> {
      int byName = a[0].compareTo(b[0]);
      return byName != 0 ? byName : a[1].compareTo(b[1]);
    });
    StringBuilder sb = new StringBuilder();
    for (String[] pair : pairs) {
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(pair[0]).append('=').append(pair[1]);
    }
    return sb.toString();
  }

  /**
   * The canonical headers, lowercase name to value, sorted by name: values trimmed, runs of whitespace (including
   * obsolete line folding) collapsed to one space, values of a repeated name joined with ',' in request order.
   */
  static TreeMap<String, String> canonicalHeaders(List<Map.Entry<String, String>> headers) {
    TreeMap<String, String> canonical = new TreeMap<>();
    for (Map.Entry<String, String> header : headers) {
      String name = header.getKey().toLowerCase(Locale.ROOT).trim();
      String value = collapseWhitespace(header.getValue());
      canonical.merge(name, value, (a, b) -> a + "," + b);
    }
    return canonical;
  }

  private static String collapseWhitespace(String value) {
    StringBuilder sb = new StringBuilder(value.length());
    boolean pendingSpace = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        pendingSpace = sb.length() > 0;
      } else {
        if (pendingSpace) {
          sb.append(' ');
          pendingSpace = false;
        }
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * Percent-encodes {@code s} as SigV4 and S3 require: every UTF-8 byte outside {@code A-Z a-z 0-9 - . _ ~} becomes
   * {@code %XX} with uppercase hex; a space is {@code %20}, never '+'. '/' is kept unless {@code encodeSlash}.
   */
  public static String uriEncode(String s, boolean encodeSlash) {
    byte[] bytes = s.getBytes(UTF_8);
    StringBuilder sb = new StringBuilder(bytes.length + 16);
    for (byte b : bytes) {
      int c = b & 0xFF;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~' || (c == '/' && !encodeSlash)) {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
    }
    return sb.toString();
  }

  /** The lowercase hex SHA-256 of {@code bytes}. */
  public static String sha256Hex(byte[] bytes) {
    return HEX.formatHex(sha256().digest(bytes));
  }

  /** A new SHA-256 digest, for hashing a payload in pieces. */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** Lowercase hex of {@code bytes}. */
  public static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  /** The {@code X-Amz-Date} form of {@code time}: {@code yyyyMMdd'T'HHmmss'Z'} in UTC. */
  public static String amzDate(Instant time) {
    return AMZ_DATE.format(time);
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no HmacSHA256", e);
    }
  }

  @Override
  public String toString() {
    return "SigV4Signer[" + region + "/" + service + (normalizePath ? ", normalizing paths" : "") + "]";
  }
}
