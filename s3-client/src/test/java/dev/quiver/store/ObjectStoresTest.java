package dev.quiver.store;

import static dev.quiver.store.ObjectStores.await;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.store.ObjectStoreException.Kind;
import dev.quiver.store.local.LocalFileSystem;
import dev.quiver.store.memory.InMemoryStore;
import dev.quiver.store.s3.S3Store;
import dev.quiver.store.s3.auth.AwsEnvironment;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectStoresTest {

  @TempDir
  Path dir;

  @AfterEach
  void forgetMemoryStores() {
    ObjectStores.removeMemoryStore("shared");
  }

  @Test
  void pathsAndFileUrisNameTheSameFile() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("my data"));
    Path file = Files.write(folder.resolve("x y.parquet"), "PAR1".getBytes(UTF_8));
    List<String> spellings = List.of(
        file.toString(),
        folder.resolve("sub/../x y.parquet").toString(),
        file.toUri().toString(),                 // file:///.../my%20data/x%20y.parquet
        file.toFile().toURI().toString(),        // file:/.../my%20data/x%20y.parquet
        "file://localhost" + file.toUri().getRawPath(),
        "FILE://" + file.toUri().getRawPath());
    for (String spelling : spellings) {
      try (ObjectLocation location = ObjectStores.resolve(spelling)) {
        LocalFileSystem store = assertInstanceOf(LocalFileSystem.class, location.store(), spelling);
        assertEquals(folder, store.root(), spelling);
        assertEquals("x y.parquet", location.key(), spelling);
        assertTrue(location.ownsStore());
        assertEquals("file://" + file, location.location());
        assertEquals("PAR1", UTF_8.decode(await(location.store().get(location.key()))).toString(), spelling);
      }
    }
  }

  @Test
  void relativePathsResolveAgainstTheWorkingDirectory() {
    try (ObjectLocation location = ObjectStores.resolve("some/dir/x.parquet")) {
      LocalFileSystem store = (LocalFileSystem) location.store();
      assertEquals(Path.of("").toAbsolutePath().resolve("some/dir"), store.root());
      assertEquals("x.parquet", location.key());
    }
    try (ObjectLocation location = ObjectStores.resolve("x.parquet")) {
      assertEquals(Path.of("").toAbsolutePath(), ((LocalFileSystem) location.store()).root());
    }
    try (ObjectLocation location = ObjectStores.resolve("a:b.parquet")) {
      assertEquals("a:b.parquet", location.key());
    }
  }

  @Test
  void closingALocalLocationClosesItsStore() {
    ObjectLocation location = ObjectStores.resolve(dir.resolve("x").toString());
    location.close();
    assertThrows(IllegalStateException.class, () -> location.store().head("x"));
  }

  @Test
  void memoryLocationsShareNamedStores() {
    ObjectLocation first = ObjectStores.resolve("memory://shared/a/b.bin");
    assertEquals("a/b.bin", first.key());
    assertFalse(first.ownsStore());
    await(first.store().put(first.key(), ByteBuffer.wrap(new byte[] {1, 2, 3}), PutMode.OVERWRITE));
    first.close();

    ObjectLocation second = ObjectStores.resolve("MEMORY://shared/a/b.bin");
    assertSame(first.store(), second.store());
    assertSame(ObjectStores.memoryStore("shared"), second.store());
    assertEquals(3, await(second.store().head("a/b.bin")).size());
    assertEquals("memory://shared/a/b.bin", second.location());

    InMemoryStore old = ObjectStores.memoryStore("shared");
    ObjectStores.removeMemoryStore("shared");
    assertTrue(old.isClosed());
    InMemoryStore fresh = ObjectStores.memoryStore("shared");
    assertNotSame(old, fresh);
    assertEquals(List.of(), await(fresh.list("")));
  }

  @Test
  void aClosedSharedStoreIsReplaced() {
    InMemoryStore store = ObjectStores.memoryStore("shared");
    store.close();
    InMemoryStore replacement = ObjectStores.memoryStore("shared");
    assertNotSame(store, replacement);
    assertFalse(replacement.isClosed());
  }

  @Test
  void s3LocationsOpenAnS3StoreConfiguredFromTheEnvironment() {
    AwsEnvironment aws = AwsEnvironment.load(Map.of("AWS_ACCESS_KEY_ID", "AKIDX", "AWS_SECRET_ACCESS_KEY", "s3cr3tvalue",
        "AWS_REGION", "eu-central-1", "AWS_ENDPOINT_URL", "http://127.0.0.1:9"), Path.of("/nonexistent-home"));
    for (String location : List.of("s3://my-bucket/dir/key.parquet", "S3://my-bucket/dir/key.parquet")) {
      try (ObjectLocation resolved = ObjectStores.resolve(location, aws)) {
        S3Store store = assertInstanceOf(S3Store.class, resolved.store());
        assertEquals("dir/key.parquet", resolved.key());
        assertEquals("s3://my-bucket/dir/key.parquet", resolved.location());
        assertEquals("eu-central-1", store.config().region());
        assertTrue(store.config().pathStyle());
        assertFalse(store.config().tls());
        assertFalse(store.toString().contains("s3cr3tvalue"), store.toString());
      }
    }
    try (ObjectLocation aws3 = ObjectStores.resolve("s3://bucket/k", AwsEnvironment.load(Map.of(),
        Path.of("/nonexistent-home")))) {
      S3Store store = (S3Store) aws3.store();
      assertFalse(store.config().pathStyle());
      assertTrue(store.config().tls());
    }
  }

  @Test
  void malformedS3LocationsAreInvalid() {
    AwsEnvironment aws = AwsEnvironment.load(Map.of(), Path.of("/nonexistent-home"));
    for (String location : List.of("s3://", "s3://bucket", "s3://bucket/", "s3:///key", "s3://Bad_Bucket!/k",
        "s3://bucket/a//b", "s3://bucket/../x")) {
      ObjectStoreException e = assertThrows(ObjectStoreException.class, () -> ObjectStores.resolve(location, aws),
          location);
      assertEquals(Kind.INVALID_KEY, e.kind(), location);
    }
  }

  @Test
  void unknownSchemesAreNamed() {
    ObjectStoreException e =
        assertThrows(ObjectStoreException.class, () -> ObjectStores.resolve("hdfs://namenode/x.parquet"));
    assertEquals(Kind.UNSUPPORTED, e.kind());
    assertTrue(e.getMessage().contains("'hdfs://'"), e.getMessage());
  }

  @Test
  void malformedLocationsAreRefused() {
    assertKind(Kind.INVALID_KEY, "");
    assertKind(Kind.INVALID_KEY, "/");
    assertKind(Kind.INVALID_KEY, "file:relative/x");
    assertKind(Kind.INVALID_KEY, "file:///x?query");
    assertKind(Kind.INVALID_KEY, "file:///x#fragment");
    assertKind(Kind.INVALID_KEY, "file:///bad uri");
    assertKind(Kind.INVALID_KEY, "file:///");
    assertKind(Kind.INVALID_KEY, "a\0b");
    assertKind(Kind.INVALID_KEY, "memory://");
    assertKind(Kind.INVALID_KEY, "memory://name");
    assertKind(Kind.INVALID_KEY, "memory://name/");
    assertKind(Kind.INVALID_KEY, "memory:///key");
    assertKind(Kind.INVALID_KEY, "memory://name/../x");
    assertKind(Kind.INVALID_KEY, "memory://name/a//b");
    assertKind(Kind.UNSUPPORTED, "file://otherhost/x");
    assertThrows(NullPointerException.class, () -> ObjectStores.resolve(null));
  }

  @Test
  void awaitRethrowsTheStoresException() {
    ObjectStoreException failure = ObjectStoreException.notFound("memory://m/k");
    assertSame(failure, assertThrows(ObjectStoreException.class,
        () -> await(CompletableFuture.failedFuture(failure))));
    assertEquals("v", await(CompletableFuture.completedFuture("v")));
  }

  private static void assertKind(Kind kind, String location) {
    ObjectStoreException e = assertThrows(ObjectStoreException.class, () -> ObjectStores.resolve(location),
        location);
    assertEquals(kind, e.kind(), location + ": " + e.getMessage());
  }
}
