package dev.quiver.store.s3.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the AWS conventions say about credentials, region and endpoint, read the way the AWS CLI and SDKs read it
 * (AWS SDKs and Tools reference guide, "Standardized credential providers", "Shared config and credentials files",
 * "Environment variables"):
 * <ol>
 *   <li>credentials: {@code AWS_ACCESS_KEY_ID} + {@code AWS_SECRET_ACCESS_KEY} (+ {@code AWS_SESSION_TOKEN}); else
 *       the profile {@code AWS_PROFILE} (default {@code default}) of the shared credentials file
 *       ({@code AWS_SHARED_CREDENTIALS_FILE}, default {@code ~/.aws/credentials}), then of the config file
 *       ({@code AWS_CONFIG_FILE}, default {@code ~/.aws/config}, sections {@code [profile name]} or
 *       {@code [default]}); keys {@code aws_access_key_id}, {@code aws_secret_access_key},
 *       {@code aws_session_token};</li>
 *   <li>region: {@code AWS_REGION}, {@code AWS_DEFAULT_REGION}, the profile's {@code region}, else
 *       {@code us-east-1};</li>
 *   <li>endpoint: {@code AWS_ENDPOINT_URL_S3}, {@code AWS_ENDPOINT_URL}, the profile's {@code endpoint_url}, else
 *       none (AWS itself);</li>
 *   <li>CA bundle (certificates to trust for TLS, PEM): {@code AWS_CA_BUNDLE}, the profile's {@code ca_bundle},
 *       else none (the JDK's trust store).</li>
 * </ol>
 * Role assumption, SSO, web identity and instance metadata are not supported (yet): with none of the above there are
 * no credentials, and requests go unsigned (public buckets only).
 *
 * <p>Immutable. {@link #toString()} shows no secret.
 *
 * @param credentials the credentials, if any were found
 * @param region the region
 * @param endpoint the custom endpoint (such as {@code http://127.0.0.1:9000}), if any
 * @param source where the credentials came from, for messages: {@code environment}, {@code profile NAME in FILE},
 *     or {@code none}
 * @param caBundle a PEM file of certificates to trust for TLS, if one is named
 */
public record AwsEnvironment(
    Optional<Credentials> credentials, String region, Optional<URI> endpoint, String source,
    Optional<Path> caBundle) {

  /** The region used when nothing names one. */
  public static final String DEFAULT_REGION = "us-east-1";

  public AwsEnvironment {
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(caBundle, "caBundle");
  }

  /** Reads this process's environment variables and the files under {@code user.home}. */
  public static AwsEnvironment load() {
    return load(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /**
   * Reads {@code env} and the profile files.
   *
   * @param env environment variables
   * @param home the user's home folder, where {@code .aws/} lives unless the environment names the files
   * @throws UncheckedIOException when a profile file exists but cannot be read
   * @throws IllegalArgumentException when an endpoint is not an absolute http(s) URL
   */
  public static AwsEnvironment load(Map<String, String> env, Path home) {
    String profile = nonEmpty(env.get("AWS_PROFILE"), "default");
    Path credentialsFile = Path.of(nonEmpty(env.get("AWS_SHARED_CREDENTIALS_FILE"),
        home.resolve(".aws").resolve("credentials").toString()));
    Path configFile = Path.of(nonEmpty(env.get("AWS_CONFIG_FILE"), home.resolve(".aws").resolve("config").toString()));
    Map<String, String> fromCredentialsFile = section(credentialsFile, profile, false);
    Map<String, String> fromConfigFile = section(configFile, profile, true);

    Credentials credentials = null;
    String source = "none";
    String id = env.get("AWS_ACCESS_KEY_ID");
    String secret = env.get("AWS_SECRET_ACCESS_KEY");
    if (id != null && !id.isEmpty() && secret != null && !secret.isEmpty()) {
      credentials = new Credentials(id, secret, env.get("AWS_SESSION_TOKEN"));
      source = "environment";
    } else {
      for (var candidate : new Object[][] {{credentialsFile, fromCredentialsFile}, {configFile, fromConfigFile}}) {
        @SuppressWarnings("unchecked")
        Map<String, String> values = (Map<String, String>) candidate[1];
        String fileId = values.get("aws_access_key_id");
        String fileSecret = values.get("aws_secret_access_key");
        if (fileId != null && !fileId.isEmpty() && fileSecret != null && !fileSecret.isEmpty()) {
          credentials = new Credentials(fileId, fileSecret, values.get("aws_session_token"));
          source = "profile " + profile + " in " + candidate[0];
          break;
        }
      }
    }
    String region = firstNonEmpty(env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION"),
        fromConfigFile.get("region"), fromCredentialsFile.get("region"), DEFAULT_REGION);
    String endpoint = firstNonEmpty(env.get("AWS_ENDPOINT_URL_S3"), env.get("AWS_ENDPOINT_URL"),
        fromConfigFile.get("endpoint_url"), fromCredentialsFile.get("endpoint_url"), null);
    String caBundle = firstNonEmpty(env.get("AWS_CA_BUNDLE"), fromConfigFile.get("ca_bundle"), null);
    return new AwsEnvironment(Optional.ofNullable(credentials), region,
        Optional.ofNullable(endpoint).map(AwsEnvironment::endpoint), source,
        Optional.ofNullable(caBundle).map(Path::of));
  }

  private static URI endpoint(String text) {
    URI uri = URI.create(text.trim());
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new IllegalArgumentException("an endpoint must be an http:// or https:// URL with a host, got '" + text
          + "'");
    }
    return uri;
  }

  /**
   * The keys of one profile of an INI-style AWS file: {@code [name]} in the credentials file; {@code [profile name]}
   * (or {@code [default]}) in the config file. Keys are lower-cased; {@code #} and {@code ;} start comments; an
   * absent file is an empty profile.
   */
  static Map<String, String> section(Path file, String profile, boolean configFile) {
    Map<String, String> values = new HashMap<>();
    if (!Files.isRegularFile(file)) {
      return values;
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the AWS profile file " + file, e);
    }
    boolean inSection = false;
    for (String rawLine : text.split("\\R")) {
      String line = rawLine.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        String name = line.substring(1, line.length() - 1).strip();
        if (configFile && name.startsWith("profile ")) {
          name = name.substring("profile ".length()).strip();
        }
        inSection = name.equals(profile);
        continue;
      }
      int eq = line.indexOf('=');
      if (inSection && eq > 0 && !Character.isWhitespace(rawLine.charAt(0))) {
        String key = line.substring(0, eq).strip().toLowerCase(Locale.ROOT);
        String value = line.substring(eq + 1).strip();
        values.putIfAbsent(key, value);
      }
    }
    return values;
  }

  private static String nonEmpty(String value, String fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }

  private static String firstNonEmpty(String... values) {
    for (String value : values) {
      if (value != null && !value.isEmpty()) {
        return value;
      }
    }
    return null;
  }

  /** Region, endpoint and the credentials' source and access key id; never a secret. */
  @Override
  public String toString() {
    return "AwsEnvironment[region=" + region + ", endpoint=" + endpoint.map(URI::toString).orElse("AWS")
        + ", credentials=" + credentials.map(Credentials::toString).orElse("none") + " from " + source + "]";
  }
}
