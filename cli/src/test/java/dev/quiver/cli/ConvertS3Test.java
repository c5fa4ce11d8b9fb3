package dev.quiver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quiver convert} from and to {@code s3://} against a real S3 server (S3Proxy over an in-memory jclouds
 * store, SigV4 enforced, on loopback). The command runs as its own process, as a user runs it, with the endpoint and
 * credentials in its environment ({@code AWS_ENDPOINT_URL}, ...); objects are put and inspected through jclouds,
 * not through Quiver's client. The Parquet it uploads reads in DuckDB as DuckDB reads the CSV; a malformed input
 * leaves no object and no unfinished multipart upload.
 */
class ConvertS3Test {
  private static final String ACCESS_KEY = "AKIAQUIVERCONVERT001";
  private static final String SECRET_KEY = "quiver/convert+test/secret0000000000000000";
  private static final String BUCKET = "convert-test";

  static BlobStoreContext context;
  static S3Proxy proxy;

  @TempDir
  Path tmp;

  @BeforeAll
  static void startServer() throws Exception {
    context = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
        .build(BlobStoreContext.class);
    proxy = S3Proxy.builder().blobStore(context.getBlobStore())
        .awsAuthentication(AuthenticationType.AWS_V4, ACCESS_KEY, SECRET_KEY)
        .endpoint(URI.create("http://127.0.0.1:0")).build();
    proxy.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
      }
      Thread.sleep(5);
    }
    context.getBlobStore().createContainerInLocation(null, BUCKET);
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (proxy != null) {
      proxy.stop();
    }
    if (context != null) {
      context.close();
    }
  }

  private static BlobStore blobs() {
    return context.getBlobStore();
  }

  private record Run(int status, String err) {}

  /** Runs {@code quiver ARGS} in a new JVM on this test's class path, with the server in its AWS environment. */
  private Run quiver(String... args) throws IOException, InterruptedException {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-opens=java.base/java.nio=ALL-UNNAMED", "-cp", classPath, Quiver.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_"));
    env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
    env.put("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:" + proxy.getPort());
    env.put("AWS_CONFIG_FILE", tmp.resolve("no-config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", tmp.resolve("no-credentials").toString());
    Process process = builder.start();
    byte[] err;
    try (InputStream in = process.getErrorStream()) {
      err = in.readAllBytes();
    }
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("quiver did not finish");
    }
    return new Run(process.exitValue(), new String(err, StandardCharsets.UTF_8));
  }

  private static void put(String key, String text) {
    Blob blob = blobs().blobBuilder(key).payload(text.getBytes(StandardCharsets.UTF_8)).build();
    blobs().putBlob(BUCKET, blob);
  }

  private static byte[] get(String key) throws IOException {
    Blob blob = blobs().getBlob(BUCKET, key);
    try (InputStream in = blob.getPayload().openStream()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toByteArray();
    }
  }

  private static List<String> keys() {
    List<String> keys = new ArrayList<>();
    for (StorageMetadata m : blobs().list(BUCKET, ListContainerOptions.Builder.recursive())) {
      keys.add(m.getName());
    }
    keys.sort(null);
    return keys;
  }

  private static List<String> rows(String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
         Statement s = c.createStatement();
         ResultSet r = s.executeQuery(sql)) {
      int n = r.getMetaData().getColumnCount();
      List<String> types = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        types.add(r.getMetaData().getColumnTypeName(i));
      }
      rows.add(String.join("|", types));
      while (r.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(r.getString(i));
        }
        rows.add(String.join("|", row));
      }
    }
    return rows;
  }

  @Test
  void csvOnS3ToParquetOnS3() throws Exception {
    StringBuilder csv = new StringBuilder("id,name,price,day\n");
    for (int i = 0; i < 3000; i++) {
      csv.append(i).append(",\"name ").append(i % 17).append(", \u00e9\"").append(',').append(i * 0.25).append(",2024-01-")
          .append(10 + i % 20).append('\n');
    }
    put("in/data.csv", csv.toString());
    Run run = quiver("convert", "s3://" + BUCKET + "/in/data.csv", "s3://" + BUCKET + "/out/data.parquet",
        "--row-group-size", "500", "--codec", "zstd");
    assertEquals(0, run.status(), run.err());
    assertEquals("", run.err());
    Path parquet = tmp.resolve("data.parquet");
    Files.write(parquet, get("out/data.parquet"));
    Path local = tmp.resolve("data.csv");
    Files.writeString(local, csv, StandardCharsets.UTF_8);
    List<String> ours = rows("SELECT * FROM read_parquet('" + parquet + "')");
    assertEquals(rows("SELECT * FROM read_csv('" + local + "', header = true, auto_detect = false, delim = ',',"
        + " quote = '\"', escape = '\"', columns = {'id': 'BIGINT', 'name': 'VARCHAR', 'price': 'DOUBLE',"
        + " 'day': 'DATE'})"), ours);
    assertEquals(3001, ours.size());

    // a malformed row past the sample: exit 1 naming the line, no object, no multipart upload left open
    put("in/bad.csv", csv + "x,y,1.0,2024-01-01\n");
    Run bad = quiver("convert", "s3://" + BUCKET + "/in/bad.csv", "s3://" + BUCKET + "/out/bad.parquet",
        "--sample-rows", "10", "--batch-size", "256");
    assertEquals(1, bad.status(), bad.err());
    assertEquals(1, bad.err().lines().count(), bad.err());
    assertTrue(bad.err().contains("line 3002, column 'id': 'x' is not an int64"), bad.err());
    assertEquals(List.of("in/bad.csv", "in/data.csv", "out/data.parquet"), keys());
    assertEquals(List.of(), blobs().listMultipartUploads(BUCKET));
  }
}
