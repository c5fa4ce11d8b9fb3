package dev.quiver.store.s3.auth;

import java.util.Objects;

/**
 * AWS credentials: an access key id, its secret, and for temporary credentials a session token. Immutable.
 *
 * <p>The secret and the token never appear in {@link #toString()}, which shows the access key id only (it is not
 * secret, and AWS prints it in error documents), so credentials may be logged or put in messages by mistake
 * without leaking.
 */
public final class Credentials {

  private final String accessKeyId;
  private final String secretAccessKey;
  private final String sessionToken;

  /**
   * @param accessKeyId the access key id, such as {@code AKIAIOSFODNN7EXAMPLE}; non-empty
   * @param secretAccessKey the secret access key; non-empty
   * @param sessionToken the session token of temporary credentials (sent as {@code X-Amz-Security-Token}), or null
   * @throws IllegalArgumentException for an empty id or secret
   * @throws NullPointerException for a null id or secret
   */
  public Credentials(String accessKeyId, String secretAccessKey, String sessionToken) {
    this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
    this.secretAccessKey = Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    if (accessKeyId.isEmpty() || secretAccessKey.isEmpty()) {
      throw new IllegalArgumentException("the access key id and the secret access key must be non-empty");
    }
    this.sessionToken = sessionToken == null || sessionToken.isEmpty() ? null : sessionToken;
  }

  /** Long-term credentials without a session token. */
  public static Credentials of(String accessKeyId, String secretAccessKey) {
    return new Credentials(accessKeyId, secretAccessKey, null);
  }

  /** The access key id; not secret. */
  public String accessKeyId() {
    return accessKeyId;
  }

  /** The secret access key. Callers must keep it out of logs and messages. */
  public String secretAccessKey() {
    return secretAccessKey;
  }

  /** The session token, or null for long-term credentials. Callers must keep it out of logs and messages. */
  public String sessionToken() {
    return sessionToken;
  }

  /** {@code Credentials[accessKeyId=AKIA..., secret=****, sessionToken=****|none]}: no secret material. */
  @Override
  public String toString() {
    return "Credentials[accessKeyId=" + accessKeyId + ", secret=****, sessionToken="
        + (sessionToken == null ? "none" : "****") + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Credentials c && accessKeyId.equals(c.accessKeyId)
        && secretAccessKey.equals(c.secretAccessKey) && Objects.equals(sessionToken, c.sessionToken);
  }

  @Override
  public int hashCode() {
    return accessKeyId.hashCode();
  }
}
