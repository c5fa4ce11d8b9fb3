package dev.quiver.store.s3.auth;

import java.util.List;
import java.util.Map;

/**
 * The outcome of signing: the intermediate strings of AWS Signature Version 4 (for tests and debugging; they hold
 * no secret) and what must be added to the request.
 *
 * @param canonicalRequest the canonical request (SigV4 step 1)
 * @param stringToSign the string to sign (step 2)
 * @param signature the lowercase hex HMAC-SHA256 signature (step 4)
 * @param additions for header signing, the headers to add in this order ({@code X-Amz-Security-Token},
 *     {@code X-Amz-Date}, {@code x-amz-content-sha256}, {@code Authorization}, those that apply); for presigning,
 *     the decoded query parameters to append in this order ({@code X-Amz-Algorithm} ... {@code X-Amz-Signature})
 */
public record SignedParts(
    String canonicalRequest, String stringToSign, String signature, List<Map.Entry<String, String>> additions) {

  /** Copies the additions. */
  public SignedParts {
    additions = List.copyOf(additions);
  }

  /** The value of the first addition called {@code name} (case-insensitive), or null. */
  public String addition(String name) {
    for (Map.Entry<String, String> entry : additions) {
      if (entry.getKey().equalsIgnoreCase(name)) {
        return entry.getValue();
      }
    }
    return null;
  }
}
