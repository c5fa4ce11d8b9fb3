package dev.quiver.store.s3.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The worked S3 examples of the AWS documentation: S3 API reference, "Authenticating Requests: Using the
 * Authorization Header" (Examples: GET Object with Range, PUT Object, GET Bucket Lifecycle, Get Bucket / list
 * objects) and "Authenticating Requests: Using Query Parameters" (presigned GET). Credentials
 * {@code AKIAIOSFODNN7EXAMPLE} / {@code wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY}, region us-east-1, time
 * 2013-05-24T00:00:00Z, host {@code examplebucket.s3.amazonaws.com}. The expected strings, hashes and signatures
 * are the published ones (cross-checked against several independent implementations' tests of the same page).
 */
class S3DocumentationExamplesTest {

  static final Credentials EXAMPLE = Credentials.of("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
  static final Instant TIME = Instant.parse("2013-05-24T00:00:00Z");
  static final String HOST = "examplebucket.s3.amazonaws.com";
  static final SigV4Signer S3 = SigV4Signer.forS3("us-east-1");
  static final String EMPTY = SigV4Signer.EMPTY_SHA256;

  @Test
  void getObjectWithRange() {
    SigningRequest request = new SigningRequest("GET", "/test.txt", List.of(),
        List.of(Map.entry("Host", HOST), Map.entry("Range", "bytes=0-9")));
    SignedParts signed = S3.signHeaders(request, EXAMPLE, EMPTY, true, false, TIME);
    assertEquals("""
        GET
        /test.txt

        host:examplebucket.s3.amazonaws.com
        range:bytes=0-9
        x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
        x-amz-date:20130524T000000Z

        host;range;x-amz-content-sha256;x-amz-date
        e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""", signed.canonicalRequest());
    assertEquals("""
        AWS4-HMAC-SHA256
        20130524T000000Z
        20130524/us-east-1/s3/aws4_request
        7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972""", signed.stringToSign());
    assertEquals("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41", signed.signature());
    assertEquals("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
        + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
        + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
        signed.addition("Authorization"));
  }

  @Test
  void putObjectWithASpecialCharacterInTheKeyAndASignedPayload() {
    byte[] body = "Welcome to Amazon S3.".getBytes(UTF_8);
    String payloadHash = SigV4Signer.sha256Hex(body);
    assertEquals("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072", payloadHash);
    SigningRequest request = new SigningRequest("PUT", "/test$file.text", List.of(), List.of(
        Map.entry("Host", HOST), Map.entry("Date", "Fri, 24 May 2013 00:00:00 GMT"),
        Map.entry("x-amz-storage-class", "REDUCED_REDUNDANCY")));
    SignedParts signed = S3.signHeaders(request, EXAMPLE, payloadHash, true, false, TIME);
    assertEquals("""
        PUT
        /test%24file.text

        date:Fri, 24 May 2013 00:00:00 GMT
        host:examplebucket.s3.amazonaws.com
        x-amz-content-sha256:44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072
        x-amz-date:20130524T000000Z
        x-amz-storage-class:REDUCED_REDUNDANCY

        date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class
        44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072""", signed.canonicalRequest());
    assertEquals("""
        AWS4-HMAC-SHA256
        20130524T000000Z
        20130524/us-east-1/s3/aws4_request
        9e0e90d9c76de8fa5b200d8c849cd5b8dc7a3be3951ddb7f6a76b4158342019d""", signed.stringToSign());
    assertEquals("98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd", signed.signature());
  }

  @Test
  void getBucketLifecycleSignsAValuelessParameterAsNameEquals() {
    SigningRequest request = new SigningRequest("GET", "/", List.of(Map.entry("lifecycle", "")),
        List.of(Map.entry("Host", HOST)));
    SignedParts signed = S3.signHeaders(request, EXAMPLE, EMPTY, true, false, TIME);
    assertEquals("""
        GET
        /
        lifecycle=
        host:examplebucket.s3.amazonaws.com
        x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
        x-amz-date:20130524T000000Z

        host;x-amz-content-sha256;x-amz-date
        e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""", signed.canonicalRequest());
    assertEquals("""
        AWS4-HMAC-SHA256
        20130524T000000Z
        20130524/us-east-1/s3/aws4_request
        9766c798316ff2757b517bc739a67f6213b4ab36dd5da2f94eaebf79c77395ca""", signed.stringToSign());
    assertEquals("fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543", signed.signature());
  }

  @Test
  void listObjectsSortsTheQuery() {
    SigningRequest request = new SigningRequest("GET", "/",
        List.of(Map.entry("prefix", "J"), Map.entry("max-keys", "2")), List.of(Map.entry("Host", HOST)));
    SignedParts signed = S3.signHeaders(request, EXAMPLE, EMPTY, true, false, TIME);
    assertEquals("""
        GET
        /
        max-keys=2&prefix=J
        host:examplebucket.s3.amazonaws.com
        x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
        x-amz-date:20130524T000000Z

        host;x-amz-content-sha256;x-amz-date
        e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""", signed.canonicalRequest());
    assertEquals("34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7", signed.signature());
  }

  @Test
  void presignedGetUrl() {
    SigningRequest request = new SigningRequest("GET", "/test.txt", List.of(), List.of(Map.entry("Host", HOST)));
    SignedParts signed = S3.presign(request, EXAMPLE, SigV4Signer.UNSIGNED_PAYLOAD, 86400, false, TIME);
    assertEquals("""
        GET
        /test.txt
        X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host
        host:examplebucket.s3.amazonaws.com

        host
        UNSIGNED-PAYLOAD""", signed.canonicalRequest());
    assertEquals("""
        AWS4-HMAC-SHA256
        20130524T000000Z
        20130524/us-east-1/s3/aws4_request
        3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04""", signed.stringToSign());
    assertEquals("aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404", signed.signature());
    assertEquals("https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256"
        + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
        + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
        + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404",
        PresignedUrls.url("https", HOST, "/test.txt", List.of(), signed));
  }

  @Test
  void uriEncodingOfUnicodeAndSpecialCharacters() {
    // S3 API reference, "UriEncode": unreserved kept, everything else %XX of its UTF-8 bytes, upper-case hex.
    assertEquals("a%20b/c~d%25%C3%A9", SigV4Signer.uriEncode("a b/c~d%é", false));
    assertEquals("a%2Fb%2Bc%3D%3D", SigV4Signer.uriEncode("a/b+c==", true));
    assertEquals("%21%27%28%29%2A", SigV4Signer.uriEncode("!'()*", true));
    assertEquals("%F0%9F%98%80", SigV4Signer.uriEncode("\uD83D\uDE00", true));
    assertEquals("/%E1%88%B4", SigV4Signer.canonicalUri("/\u1234", false));
    assertEquals("//a/./b/../", SigV4Signer.canonicalUri("//a/./b/../", false), "S3 never normalizes");
  }

  @Test
  void secretsStayOutOfToString() {
    Credentials credentials = new Credentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "SESSIONTOKENvalue");
    String shown = credentials.toString();
    assertFalse(shown.contains("wJalr") || shown.contains("SESSIONTOKEN"), shown);
    assertEquals("Credentials[accessKeyId=AKIAIOSFODNN7EXAMPLE, secret=****, sessionToken=****]", shown);
  }
}
