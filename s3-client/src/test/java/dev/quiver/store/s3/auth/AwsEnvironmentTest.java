package dev.quiver.store.s3.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AwsEnvironmentTest {

  @TempDir
  Path home;

  @Test
  void environmentVariablesComeFirst() throws Exception {
    writeProfiles();
    AwsEnvironment env = AwsEnvironment.load(Map.of("AWS_ACCESS_KEY_ID", "AKIDENV", "AWS_SECRET_ACCESS_KEY",
        "envsecret", "AWS_SESSION_TOKEN", "envtoken", "AWS_REGION", "eu-west-3",
        "AWS_ENDPOINT_URL", "http://127.0.0.1:9000"), home);
    assertEquals(new Credentials("AKIDENV", "envsecret", "envtoken"), env.credentials().orElseThrow());
    assertEquals("eu-west-3", env.region());
    assertEquals(Optional.of(URI.create("http://127.0.0.1:9000")), env.endpoint());
    assertEquals("environment", env.source());
  }

  @Test
  void theDefaultProfileOfTheSharedFiles() throws Exception {
    writeProfiles();
    AwsEnvironment env = AwsEnvironment.load(Map.of(), home);
    assertEquals(Credentials.of("AKIDDEFAULT", "defaultsecret"), env.credentials().orElseThrow());
    assertEquals("us-west-2", env.region());
    assertEquals(Optional.empty(), env.endpoint());
  }

  @Test
  void aNamedProfileFromTheConfigFileWithItsEndpoint() throws Exception {
    writeProfiles();
    AwsEnvironment env = AwsEnvironment.load(Map.of("AWS_PROFILE", "local"), home);
    assertEquals(new Credentials("AKIDLOCAL", "localsecret", "localtoken"), env.credentials().orElseThrow());
    assertEquals("ap-south-1", env.region());
    assertEquals(Optional.of(URI.create("http://localhost:8080")), env.endpoint());
    assertTrue(env.source().startsWith("profile local in "), env.source());
  }

  @Test
  void filesNamedByTheEnvironment() throws Exception {
    Path credentials = Files.writeString(home.resolve("creds.ini"), "[x]\naws_access_key_id = A1\n"
        + "aws_secret_access_key = S1\n");
    Path config = Files.writeString(home.resolve("conf.ini"), "[profile x]\nregion = sa-east-1\n");
    AwsEnvironment env = AwsEnvironment.load(Map.of("AWS_PROFILE", "x", "AWS_SHARED_CREDENTIALS_FILE",
        credentials.toString(), "AWS_CONFIG_FILE", config.toString()), home);
    assertEquals(Credentials.of("A1", "S1"), env.credentials().orElseThrow());
    assertEquals("sa-east-1", env.region());
  }

  @Test
  void nothingConfiguredMeansNoCredentialsAndUsEast1() {
    AwsEnvironment env = AwsEnvironment.load(Map.of(), home);
    assertEquals(Optional.empty(), env.credentials());
    assertEquals("us-east-1", env.region());
    assertEquals("none", env.source());
  }

  @Test
  void toStringShowsNoSecret() throws Exception {
    writeProfiles();
    String shown = AwsEnvironment.load(Map.of("AWS_PROFILE", "local"), home).toString();
    assertFalse(shown.contains("localsecret") || shown.contains("localtoken"), shown);
    assertTrue(shown.contains("AKIDLOCAL"), shown);
  }

  private void writeProfiles() throws Exception {
    Path aws = Files.createDirectories(home.resolve(".aws"));
    Files.writeString(aws.resolve("credentials"), """
        # comment
        [default]
        aws_access_key_id = AKIDDEFAULT
        aws_secret_access_key = defaultsecret
        [other]
        aws_access_key_id = AKIDOTHER
        aws_secret_access_key = othersecret
        """);
    Files.writeString(aws.resolve("config"), """
        [default]
        region = us-west-2
        ; comment
        [profile local]
        region = ap-south-1
        endpoint_url = http://localhost:8080
        aws_access_key_id = AKIDLOCAL
        aws_secret_access_key = localsecret
        aws_session_token = localtoken
        """);
  }
}
