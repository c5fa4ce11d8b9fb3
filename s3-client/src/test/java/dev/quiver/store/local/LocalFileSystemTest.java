package dev.quiver.store.local;

import static dev.quiver.store.ObjectStores.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.store.ByteRange;
import dev.quiver.store.ObjectKeys;
import dev.quiver.store.ObjectStore;
import dev.quiver.store.ObjectStoreContractTest;
import dev.quiver.store.ObjectStoreException;
import dev.quiver.store.ObjectStoreException.Kind;
import dev.quiver.store.PutMode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileSystemTest extends ObjectStoreContractTest {

  @TempDir
  Path dir;

  private Path root;

  @Override
  protected ObjectStore createStore() {
    root = dir.resolve("root");
    return new LocalFileSystem(root);
  }

  /** Also checks the disk: the regular files under the root are exactly the keys, and nothing left the root. */
  @Override
  protected void assertHoldsExactly(List<String> keys) throws Exception {
    super.assertHoldsExactly(keys);
    List<String> files = new ArrayList<>();
    if (Files.exists(root)) {
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(Files::isRegularFile).forEach(file -> files.add(root.relativize(file).toString()));
      }
    }
    files.sort(ObjectKeys.ORDER);
    List<String> sortedKeys = new ArrayList<>(keys);
    sortedKeys.sort(ObjectKeys.ORDER);
    assertEquals(sortedKeys, files, "regular files under the root");
    try (Stream<Path> siblings = Files.list(dir)) {
      assertEquals(Files.exists(root) ? List.of(root) : List.of(), siblings.toList(), "entries beside the root");
    }
  }

  @org.junit.jupiter.api.Test
  void getRangesReadsIntoTheArraysLentSlotBySlot() throws Exception {
    byte[] data = new byte[200_000];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 31 + 7);
    }
    Files.createDirectories(root);
    Files.write(root.resolve("f"), data);
    byte[][] lent = {new byte[70_000], new byte[10]};
    List<Integer> slots = new ArrayList<>();
    // two reads: [0, 100) and [100, 60_100) coalesce into slot 0, [150_000, 150_010) is slot 1
    List<ByteBuffer> got = await(store.getRanges("f", List.of(new ByteRange(100, 60_000), new ByteRange(0, 100),
        new ByteRange(150_000, 10)), (slot, length) -> {
          slots.add(slot);
          return lent[slot];
        }));
    assertEquals(List.of(0, 1), slots);
    assertTrue(got.get(0).array() == lent[0] && got.get(1).array() == lent[0] && got.get(2).array() == lent[1],
        "the buffers wrap the lent arrays");
    assertArrayEquals(java.util.Arrays.copyOfRange(data, 100, 60_100), toBytes(got.get(0)));
    assertArrayEquals(java.util.Arrays.copyOfRange(data, 0, 100), toBytes(got.get(1)));
    assertArrayEquals(java.util.Arrays.copyOfRange(data, 150_000, 150_010), toBytes(got.get(2)));
    // an array shorter than the read is refused, not overrun
    assertThrows(IllegalArgumentException.class,
        () -> store.getRanges("f", List.of(new ByteRange(0, 11)), (slot, length) -> new byte[10]));
  }

  private static byte[] toBytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  private LocalFileSystem local() {
    return (LocalFileSystem) store;
  }

  @Test
  void objectsAreFilesBeneathTheRoot() throws Exception {
    put("a/b/c.bin", bytes("payload"));
    assertArrayEquals(bytes("payload"), Files.readAllBytes(root.resolve("a/b/c.bin")));
    assertEquals(root.resolve("a").resolve("b").resolve("c.bin"), local().resolve("a/b/c.bin"));
    assertEquals("file://" + root, store.describe());
    assertEquals(root, local().root());
  }

  @Test
  void filesWrittenByOthersAreObjects() throws Exception {
    Files.createDirectories(root.resolve("x"));
    Files.write(root.resolve("x/y.txt"), bytes("written elsewhere"));
    assertEquals(17, await(store.head("x/y.txt")).size());
    assertEquals("written elsewhere", string(await(store.get("x/y.txt"))));
    assertEquals("else", string(await(store.get("x/y.txt", new ByteRange(8, 4)))));
    assertEquals(List.of("x/y.txt"), keysOf(""));
  }

  @Test
  void temporaryFilesAreHiddenAndTheirNamesReserved() throws Exception {
    Files.createDirectories(root.resolve("d"));
    Files.write(root.resolve(LocalFileSystem.TEMP_PREFIX + "abc"), bytes("crashed writer"));
    Files.write(root.resolve("d/" + LocalFileSystem.TEMP_PREFIX + "1"), bytes("crashed writer"));
    Files.write(root.resolve("d/real"), bytes("real"));
    assertEquals(List.of("d/real"), keysOf(""));
    assertEquals(List.of("d/real"), keysOf("d/"));
    String temp = LocalFileSystem.TEMP_PREFIX + "abc";
    assertEquals(Kind.INVALID_KEY, failureKind(() -> store.get(temp)));
    assertEquals(Kind.INVALID_KEY, failureKind(() -> store.delete(temp)));
    assertEquals(Kind.INVALID_KEY,
        failureKind(() -> store.put("d/" + temp, ByteBuffer.allocate(1), PutMode.OVERWRITE)));
    assertEquals(Kind.INVALID_KEY, failureKind(() -> store.head(temp + "/x")));
    assertTrue(Files.exists(root.resolve(temp)));
  }

  @Test
  void aDirectoryIsNotAnObject() throws Exception {
    Files.createDirectories(root.resolve("d"));
    Files.write(root.resolve("d/inner"), bytes("inner"));
    assertEquals(Kind.NOT_FOUND, failureKind(() -> store.head("d")));
    assertEquals(Kind.NOT_FOUND, failureKind(() -> store.get("d")));
    assertEquals(Kind.NOT_FOUND, failureKind(() -> store.get("d", new ByteRange(0, 0))));
    await(store.delete("d"));
    assertTrue(Files.exists(root.resolve("d/inner")));
    for (PutMode mode : PutMode.values()) {
      assertEquals(Kind.INVALID_KEY, failureKind(() -> store.put("d", ByteBuffer.allocate(1), mode)), mode.name());
    }
    assertHoldsExactly(List.of("d/inner"));
  }

  @Test
  void aFileCannotAlsoBeAFolder() throws Exception {
    put("a", bytes("file"));
    ObjectStoreException e = failure(() -> store.put("a/b", ByteBuffer.allocate(1), PutMode.OVERWRITE));
    assertEquals(Kind.INVALID_KEY, e.kind());
    assertEquals("file://" + root + "/a/b", e.location());
    assertEquals(List.of(), keysOf("a/"));
    assertHoldsExactly(List.of("a"));
  }

  @Test
  void escapingKeysTouchNothingOutsideTheRoot() throws Exception {
    Files.write(dir.resolve("secret.txt"), bytes("secret"));
    put("inside", bytes("in"));
    for (String key : List.of("../secret.txt", "x/../../secret.txt", dir.resolve("secret.txt").toString())) {
      assertEquals(Kind.INVALID_KEY, failureKind(() -> store.get(key)), key);
      assertEquals(Kind.INVALID_KEY, failureKind(() -> store.delete(key)), key);
      assertEquals(Kind.INVALID_KEY,
          failureKind(() -> store.put(key, ByteBuffer.wrap(bytes("overwritten")), PutMode.OVERWRITE)), key);
      ObjectStoreException e = assertThrows(ObjectStoreException.class, () -> local().resolve(key));
      assertEquals(Kind.INVALID_KEY, e.kind());
    }
    assertEquals("secret", Files.readString(dir.resolve("secret.txt")));
    assertEquals(Kind.INVALID_KEY, failureKind(() -> store.list("../")));
  }

  @Test
  void symbolicLinksInsideTheRootAreFollowed() throws Exception {
    put("real.bin", bytes("real bytes"));
    Files.createSymbolicLink(root.resolve("link.bin"), root.resolve("real.bin"));
    Files.createSymbolicLink(root.resolve("dangling.bin"), root.resolve("nothing"));
    assertEquals("real bytes", string(await(store.get("link.bin"))));
    assertEquals(10, await(store.head("link.bin")).size());
    assertEquals(List.of("link.bin", "real.bin"), keysOf(""));
    assertEquals(Kind.NOT_FOUND, failureKind(() -> store.get("dangling.bin")));
    await(store.delete("link.bin"));
    assertFalse(Files.exists(root.resolve("link.bin"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    assertEquals("real bytes", string(await(store.get("real.bin"))));
  }

  @Test
  void theRootNeedNotExistYet() throws IOException {
    Path later = dir.resolve("later/root");
    try (LocalFileSystem fresh = new LocalFileSystem(later, false)) {
      assertEquals(List.of(), await(fresh.list("")));
      assertEquals(Kind.NOT_FOUND, failureKind(() -> fresh.head("k")));
      await(fresh.delete("k"));
      await(fresh.put("k/v", ByteBuffer.wrap(bytes("v")), PutMode.CREATE));
      assertEquals("v", Files.readString(later.resolve("k/v")));
    }
  }

  @Test
  void aRootThatIsAFileHoldsNothing() throws IOException {
    Path file = dir.resolve("plain-file");
    Files.write(file, bytes("not a folder"));
    try (LocalFileSystem odd = new LocalFileSystem(file)) {
      assertEquals(List.of(), await(odd.list("")));
      assertEquals(Kind.NOT_FOUND, failureKind(() -> odd.head("k")));
      assertEquals(Kind.INVALID_KEY, failureKind(() -> odd.put("k", ByteBuffer.allocate(1), PutMode.OVERWRITE)));
    }
  }

  @Test
  void relativeRootsAreMadeAbsolute() {
    try (LocalFileSystem relative = new LocalFileSystem(Path.of("some/../rel"))) {
      assertEquals(Path.of("").toAbsolutePath().resolve("rel"), relative.root());
    }
  }
}
