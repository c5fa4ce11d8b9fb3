package dev.quiver.store;

import static dev.quiver.store.ObjectStores.await;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.quiver.store.ObjectStoreException.Kind;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ObjectStore} promises. A store's test extends this class and says how to make an
 * empty store; it may add tests of its own.
 */
public abstract class ObjectStoreContractTest {

  /** Keys every store must refuse with {@code INVALID_KEY}, in every operation. */
  protected static final List<String> INVALID_KEYS = List.of(
      "", "..", ".", "../escape", "a/../../escape", "a/..", "./a", "a/./b", "/etc/passwd", "/abs", "a//b", "a/",
      "a\\b", "..\\escape", "a\0b", "x".repeat(ObjectKeys.MAX_KEY_BYTES + 1), "lone\uD800surrogate");

  protected ObjectStore store;

  /** A new, empty store. Called before each test; the test closes it. */
  protected abstract ObjectStore createStore() throws Exception;

  /**
   * Asserts that the store holds exactly {@code keys} and nothing else: no temporary or partial objects. The
   * default checks the listing; stores with a backing medium also check that medium.
   */
  protected void assertHoldsExactly(List<String> keys) throws Exception {
    assertEquals(keys, keysOf(""));
  }

  @BeforeEach
  void openStore() throws Exception {
    store = createStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  // ---- put, get, head ----

  @Test
  void putThenGetReturnsTheBytes() throws Exception {
    for (int size : new int[] {0, 1, 7, 4096, 65537, 3 * 1024 * 1024 + 7}) {
      byte[] data = randomBytes(size, size);
      put("sizes/" + size + ".bin", data);
      ByteBuffer got = await(store.get("sizes/" + size + ".bin"));
      assertEquals(0, got.position());
      assertEquals(size, got.remaining());
      assertArrayEquals(data, toArray(got), "object of " + size + " bytes");
    }
  }

  @Test
  void putReturnsTheMetadataThatHeadReports() throws Exception {
    Instant before = Instant.now().minusSeconds(2);
    ObjectMetadata written = await(store.put("dir/obj.bin", ByteBuffer.wrap(bytes("hello world")), PutMode.OVERWRITE));
    Instant after = Instant.now().plusSeconds(2);

    assertEquals("dir/obj.bin", written.key());
    assertEquals(11, written.size());
    assertNotNull(written.etag());
    assertTrue(!written.lastModified().isBefore(before) && !written.lastModified().isAfter(after),
        "lastModified " + written.lastModified() + " is near now");
    assertEquals(written, await(store.head("dir/obj.bin")));
  }

  @Test
  void overwriteReplacesTheBytesAndTheEtag() throws Exception {
    ObjectMetadata first = put("k", bytes("first!"));
    ObjectMetadata second = put("k", bytes("second"));
    assertEquals("second", string(await(store.get("k"))));
    assertEquals(6, await(store.head("k")).size());
    assertNotEquals(first.etag(), second.etag());
    assertEquals(second.etag(), await(store.head("k")).etag());
  }

  @Test
  void putReadsTheRemainingBytesWithoutMovingTheCallersBuffer() throws Exception {
    ByteBuffer heap = ByteBuffer.wrap(bytes("0123456789"));
    heap.position(3).limit(8);
    assertEquals(5, await(store.put("heap", heap, PutMode.OVERWRITE)).size());
    assertEquals(3, heap.position());
    assertEquals(8, heap.limit());
    assertEquals("34567", string(await(store.get("heap"))));

    ByteBuffer direct = ByteBuffer.allocateDirect(6).put(bytes("direct")).flip();
    await(store.put("direct", direct, PutMode.OVERWRITE));
    assertEquals(0, direct.position());
    assertEquals("direct", string(await(store.get("direct"))));
  }

  @Test
  void buffersBelongToTheCaller() throws Exception {
    byte[] data = bytes("immutable");
    ByteBuffer source = ByteBuffer.wrap(data);
    put("k", data);
    data[0] = 'X';
    source.put(1, (byte) 'Y');
    ByteBuffer got = await(store.get("k"));
    got.put(2, (byte) 'Z');
    ByteBuffer range = await(store.get("k", new ByteRange(0, 4)));
    range.put(3, (byte) 'W');
    assertEquals("immutable", string(await(store.get("k"))));
  }

  @Test
  void keysWithUnusualAsciiCharactersRoundTrip() throws Exception {
    List<String> keys = List.of("a b/c d.bin", "hash#/pct%20/q?x=1", "plus+eq=at@bang!", "..dots/x..", "-dash/~t");
    for (String key : keys) {
      put(key, bytes(key));
    }
    for (String key : keys) {
      assertEquals(key, string(await(store.get(key))));
    }
    List<String> sorted = new ArrayList<>(keys);
    sorted.sort(ObjectKeys.ORDER);
    assertEquals(sorted, keysOf(""));
  }

  // ---- missing keys ----

  @Test
  void missingKeysAreNotFound() {
    put("present", bytes("x"));
    assertEquals(Kind.NOT_FOUND, failureKind(() -> store.head("absent")));
    assertEquals(Kind.NOT_FOUND, failureKind(() -> store.get("absent")));
    assertEquals(Kind.NOT_FOUND, failureKind(() -> store.get("absent", new ByteRange(0, 0))));
    assertEquals(Kind.NOT_FOUND, failureKind(() -> store.getRanges("absent", List.of(new ByteRange(0, 1)))));
    assertEquals(Kind.NOT_FOUND, failureKind(() -> store.head("present/below")));
    assertEquals(Kind.NOT_FOUND, failureKind(() -> store.head("pres")));
  }

  @Test
  void errorsNameTheKindAndTheLocation() {
    ObjectStoreException e = failure(() -> store.get("some/missing.parquet"));
    assertEquals(Kind.NOT_FOUND, e.kind());
    assertEquals(ObjectKeys.location(store.describe(), "some/missing.parquet"), e.location());
    assertTrue(e.getMessage().startsWith("NOT_FOUND " + e.location()), e.getMessage());
  }

  // ---- ranges ----

  @Test
  void rangesReturnExactlyTheBytesAsked() {
    byte[] data = randomBytes(1000, 1);
    put("r", data);
    assertRange(data, 0, 10);
    assertRange(data, 990, 10);
    assertRange(data, 123, 456);
    assertRange(data, 0, 1000);
    assertRange(data, 500, 0);
    assertRange(data, 1000, 0);
  }

  @Test
  void rangesPastTheEndAreInvalid() {
    put("r", randomBytes(1000, 2));
    put("empty", new byte[0]);
    assertEquals(Kind.INVALID_RANGE, failureKind(() -> store.get("r", new ByteRange(995, 10))));
    assertEquals(Kind.INVALID_RANGE, failureKind(() -> store.get("r", new ByteRange(0, 1001))));
    assertEquals(Kind.INVALID_RANGE, failureKind(() -> store.get("r", new ByteRange(1001, 0))));
    assertEquals(Kind.INVALID_RANGE, failureKind(() -> store.get("r", new ByteRange(5000, 1))));
    assertEquals(Kind.INVALID_RANGE, failureKind(() -> store.get("empty", new ByteRange(0, 1))));
    assertEquals(0, await(store.get("empty", new ByteRange(0, 0))).remaining());
    ObjectStoreException e = failure(() -> store.get("r", new ByteRange(995, 10)));
    assertTrue(e.getMessage().contains("[995, 1005)") && e.getMessage().contains("1000"), e.getMessage());
  }

  @Test
  void getRangesReturnsEachRangeInTheOrderAsked() {
    byte[] data = randomBytes(300 * 1024, 3);
    put("big", data);
    List<ByteRange> ranges = List.of(
        new ByteRange(200_000, 100),       // far from the rest, asked first
        new ByteRange(0, 10),
        new ByteRange(10, 10),             // adjacent to the previous
        new ByteRange(15, 25),             // overlapping it
        new ByteRange(15, 25),             // the same range twice
        new ByteRange(16, 4),              // contained in another
        new ByteRange(5, 0),               // empty
        new ByteRange(1000, 10),           // backwards
        new ByteRange(100_000, 80_000),    // large, a gap > 64 KiB from its neighbours
        new ByteRange(300 * 1024 - 7, 7),  // the very end
        new ByteRange(300 * 1024, 0));     // empty, at the end
    List<ByteBuffer> got = await(store.getRanges("big", ranges));
    assertEquals(ranges.size(), got.size());
    for (int i = 0; i < ranges.size(); i++) {
      ByteRange range = ranges.get(i);
      ByteBuffer buffer = got.get(i);
      assertEquals(0, buffer.position(), "position of " + range);
      assertArrayEquals(slice(data, range), toArray(buffer), "bytes of range " + i + " " + range);
    }
    assertEquals(List.of(), await(store.getRanges("big", List.of())));
  }

  @Test
  void getRangesIntoLentArraysReturnsTheSameBytesRequestAfterRequest() {
    byte[] data = randomBytes(300 * 1024, 5);
    put("lent", data);
    List<byte[]> lent = new java.util.ArrayList<>();
    ReadArrays arrays = (slot, length) -> {
      while (lent.size() <= slot) {
        lent.add(new byte[0]);
      }
      if (lent.get(slot).length < length) {
        lent.set(slot, new byte[length + 3]); // longer than asked: the buffers must stop at their ranges
      }
      return lent.get(slot);
    };
    List<List<ByteRange>> requests = List.of(
        List.of(new ByteRange(200_000, 100), new ByteRange(0, 10), new ByteRange(100_000, 80_000)),
        List.of(new ByteRange(5, 50), new ByteRange(250_000, 7000), new ByteRange(300 * 1024 - 7, 7)),
        List.of(new ByteRange(1000, 20)));
    for (List<ByteRange> ranges : requests) {
      List<ByteBuffer> got = await(store.getRanges("lent", ranges, arrays));
      assertEquals(ranges.size(), got.size());
      for (int i = 0; i < ranges.size(); i++) {
        assertArrayEquals(slice(data, ranges.get(i)), toArray(got.get(i)), "bytes of " + ranges.get(i));
      }
    }
  }

  @Test
  void getRangesFailsWhenAnyRangeReachesPastTheEnd() {
    put("r", randomBytes(100, 4));
    assertEquals(Kind.INVALID_RANGE,
        failureKind(() -> store.getRanges("r", List.of(new ByteRange(0, 10), new ByteRange(95, 10)))));
  }

  // ---- list ----

  @Test
  void listReturnsKeysInLexicographicOrderWithSizes() {
    // Order by byte: '-' (2D) < '.' (2E) < '/' (2F) < 'b'; a folder walk in name order would put a/... elsewhere.
    List<String> keys = List.of("b", "a/c/d", "ab", "a.txt", "a/b", "a-b", "A");
    for (String key : keys) {
      put(key, bytes(key + key));
    }
    List<ObjectMetadata> listed = await(store.list(""));
    assertEquals(List.of("A", "a-b", "a.txt", "a/b", "a/c/d", "ab", "b"),
        listed.stream().map(ObjectMetadata::key).toList());
    for (ObjectMetadata metadata : listed) {
      assertEquals(2L * metadata.key().length(), metadata.size(), metadata.key());
      assertEquals(await(store.head(metadata.key())), metadata);
    }
  }

  @Test
  void listFiltersByPrefixAsAPlainStringMatch() {
    for (String key : List.of("a-b", "a.txt", "a/b", "a/c/d", "a/cd", "ab", "b", "..x/y", "a/..z")) {
      put(key, bytes(key));
    }
    assertEquals(List.of("a/..z", "a/b", "a/c/d", "a/cd"), keysOf("a/"));
    assertEquals(List.of("a/c/d", "a/cd"), keysOf("a/c"));
    assertEquals(List.of("a/c/d"), keysOf("a/c/"));
    assertEquals(List.of("a-b", "a.txt", "a/..z", "a/b", "a/c/d", "a/cd", "ab"), keysOf("a"));
    assertEquals(List.of("a.txt"), keysOf("a."));
    assertEquals(List.of("a/..z"), keysOf("a/.."));
    assertEquals(List.of("..x/y"), keysOf(".."));
    assertEquals(List.of("b"), keysOf("b"));
    assertEquals(List.of(), keysOf("c"));
    assertEquals(List.of(), keysOf("nothing/here/"));
    assertEquals(List.of(), keysOf("a/b/"));
  }

  @Test
  void listOfAnEmptyStoreIsEmpty() {
    assertEquals(List.of(), keysOf(""));
  }

  @Test
  void malformedPrefixesAreRefused() {
    for (String prefix : List.of("/", "/a", "../", "a/../", "a//", "./", "a\0", "a\\b")) {
      assertEquals(Kind.INVALID_KEY, failureKind(() -> store.list(prefix)), "prefix '" + prefix + "'");
    }
  }

  // ---- delete ----

  @Test
  void deleteRemovesTheObjectAndMissingKeysSucceed() throws Exception {
    put("a/x", bytes("1"));
    put("a/y", bytes("2"));
    await(store.delete("a/x"));
    assertEquals(Kind.NOT_FOUND, failureKind(() -> store.head("a/x")));
    assertEquals("2", string(await(store.get("a/y"))));
    await(store.delete("a/x"));
    await(store.delete("never/was"));
    await(store.delete("a/y/below"));
    await(store.delete("a"));
    assertHoldsExactly(List.of("a/y"));
    put("a/x", bytes("3"));
    assertEquals("3", string(await(store.get("a/x"))));
  }

  // ---- CREATE ----

  @Test
  void createFailsWhenTheKeyExistsAndKeepsTheOldObject() throws Exception {
    ObjectMetadata created = await(store.put("k", ByteBuffer.wrap(bytes("old")), PutMode.CREATE));
    assertEquals(3, created.size());
    ObjectStoreException e = failure(() -> store.put("k", ByteBuffer.wrap(bytes("new!")), PutMode.CREATE));
    assertEquals(Kind.PRECONDITION_FAILED, e.kind());
    assertEquals(ObjectKeys.location(store.describe(), "k"), e.location());
    assertEquals("old", string(await(store.get("k"))));
    assertEquals(created, await(store.head("k")));
    assertHoldsExactly(List.of("k"));

    await(store.delete("k"));
    await(store.put("k", ByteBuffer.wrap(bytes("again")), PutMode.CREATE));
    assertEquals("again", string(await(store.get("k"))));
  }

  @Test
  void concurrentCreatesOfOneKeyHaveExactlyOneWinner() throws Exception {
    int threads = 8;
    int rounds = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<String> keys = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        String key = "race/" + round;
        keys.add(key);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Kind>> outcomes = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          byte[] content = bytes(("writer " + t + " ").repeat(100 + t));
          outcomes.add(pool.submit(() -> {
            start.await();
            try {
              await(store.put(key, ByteBuffer.wrap(content), PutMode.CREATE));
              return null;
            } catch (ObjectStoreException e) {
              return e.kind();
            }
          }));
        }
        start.countDown();
        int winner = -1;
        for (int t = 0; t < threads; t++) {
          Kind outcome = outcomes.get(t).get(30, TimeUnit.SECONDS);
          if (outcome == null) {
            assertEquals(-1, winner, "round " + round + ": two creates won");
            winner = t;
          } else {
            assertEquals(Kind.PRECONDITION_FAILED, outcome, "round " + round + ", writer " + t);
          }
        }
        assertTrue(winner >= 0, "round " + round + ": no create won");
        assertEquals(("writer " + winner + " ").repeat(100 + winner), string(await(store.get(key))));
      }
      keys.sort(ObjectKeys.ORDER);
      assertHoldsExactly(keys);
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- atomicity ----

  @Test
  void readersNeverSeeAPartialObject() throws Exception {
    byte[] large = new byte[256 * 1024];
    Arrays.fill(large, (byte) 'A');
    byte[] small = new byte[64 * 1024];
    Arrays.fill(small, (byte) 'B');
    put("flip", large);

    AtomicBoolean done = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<Integer>> readers = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        readers.add(pool.submit(() -> {
          int reads = 0;
          while (!done.get() || reads == 0) {
            byte[] seen = toArray(await(store.get("flip")));
            byte expected = seen.length == large.length ? (byte) 'A' : (byte) 'B';
            assertTrue(seen.length == large.length || seen.length == small.length, "length " + seen.length);
            for (int i = 0; i < seen.length; i++) {
              if (seen[i] != expected) {
                fail("byte " + i + " of a " + seen.length + "-byte read is " + seen[i]);
              }
            }
            reads++;
          }
          return reads;
        }));
      }
      for (int i = 0; i < 100; i++) {
        put("flip", i % 2 == 0 ? small : large);
      }
      done.set(true);
      for (Future<Integer> reader : readers) {
        assertTrue(reader.get(60, TimeUnit.SECONDS) > 0);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(large.length, await(store.head("flip")).size());
    assertHoldsExactly(List.of("flip"));
  }

  @Test
  void nothingIsLeftBehindBySuccessfulOrFailedPuts() throws Exception {
    put("one", bytes("1"));
    put("dir/two", bytes("22"));
    put("dir/two", bytes("222"));
    await(store.put("dir/three", ByteBuffer.wrap(bytes("333")), PutMode.CREATE));
    assertEquals(Kind.PRECONDITION_FAILED,
        failureKind(() -> store.put("dir/three", ByteBuffer.wrap(bytes("x")), PutMode.CREATE)));
    assertEquals(Kind.INVALID_KEY, failureKind(() -> store.put("dir/../x", ByteBuffer.allocate(1), PutMode.OVERWRITE)));
    assertHoldsExactly(List.of("dir/three", "dir/two", "one"));
  }

  // ---- delimiter listing, copy, conditional get, uploads, streams ----

  @Test
  void listWithADelimiterGroupsDeeperKeysIntoCommonPrefixes() {
    for (String key : List.of("a/x", "a/y", "a/b/1", "a/b/2", "a/c/d/e", "ab", "a.txt", "z")) {
      put(key, bytes(key));
    }
    ListResult level = await(store.list("a/", "/"));
    assertEquals(List.of("a/x", "a/y"), level.objects().stream().map(ObjectMetadata::key).toList());
    assertEquals(List.of("a/b/", "a/c/"), level.commonPrefixes());
    ListResult top = await(store.list("", "/"));
    assertEquals(List.of("a.txt", "ab", "z"), top.objects().stream().map(ObjectMetadata::key).toList());
    assertEquals(List.of("a/"), top.commonPrefixes());
    assertEquals(List.of(), await(store.list("none/", "/")).commonPrefixes());
  }

  @Test
  void copyMakesAnIndependentObject() {
    byte[] data = randomBytes(70_000, 11);
    put("src/one", data);
    put("dst/two", bytes("old"));
    ObjectMetadata copied = await(store.copy("src/one", "dst/two"));
    assertEquals(70_000, copied.size());
    assertEquals(copied, await(store.head("dst/two")));
    assertArrayEquals(data, toArray(await(store.get("dst/two"))));
    await(store.delete("src/one"));
    assertArrayEquals(data, toArray(await(store.get("dst/two"))));
    assertEquals(Kind.NOT_FOUND, failureKind(() -> store.copy("src/none", "dst/x")));
  }

  @Test
  void getWithIfMatchReadsOnlyTheVersionSeen() {
    ObjectMetadata first = put("v", bytes("first"));
    assertEquals("first", string(await(store.get("v", null, first.etag()))));
    assertEquals("irs", string(await(store.get("v", new ByteRange(1, 3), first.etag()))));
    put("v", bytes("second"));
    assertEquals(Kind.PRECONDITION_FAILED, failureKind(() -> store.get("v", null, first.etag())));
    assertEquals(Kind.PRECONDITION_FAILED, failureKind(() -> store.get("v", new ByteRange(0, 2), first.etag())));
    assertEquals(Kind.NOT_FOUND, failureKind(() -> store.get("none", null, first.etag())));
  }

  @Test
  void anUploadIsInvisibleUntilCompleteAndAnAbortLeavesNothing() throws Exception {
    byte[] data = randomBytes(300_001, 12);
    MultipartUpload upload = store.startUpload("up/loaded");
    for (int at = 0; at < data.length; at += 65_537) {
      await(upload.write(ByteBuffer.wrap(data, at, Math.min(65_537, data.length - at))));
    }
    assertEquals(List.of(), keysOf("up/"));
    ObjectMetadata done = await(upload.complete());
    upload.close();
    assertEquals(data.length, done.size());
    assertArrayEquals(data, toArray(await(store.get("up/loaded"))));

    MultipartUpload abandoned = store.startUpload("up/abandoned");
    await(abandoned.write(ByteBuffer.wrap(data)));
    abandoned.close();
    await(abandoned.abort());
    assertHoldsExactly(List.of("up/loaded"));
    assertThrows(ObjectStoreException.class, () -> store.startUpload("../escape"));
  }

  @Test
  void anUploadReplacesAnExistingObjectOnlyWhenItCompletes() throws Exception {
    put("up/k", bytes("old contents"));
    byte[] data = randomBytes(150_000, 21);
    MultipartUpload upload = store.startUpload("up/k");
    ByteBuffer source = ByteBuffer.wrap(data);
    source.position(10).limit(100_010);
    await(upload.write(source));
    assertEquals(10, source.position(), "the write must not move the caller's position");
    assertEquals(100_010, source.limit(), "the write must not move the caller's limit");
    await(upload.write(ByteBuffer.wrap(data, 100_010, data.length - 100_010)));
    assertEquals("old contents", string(await(store.get("up/k"))), "readers see the old object until complete");
    ObjectMetadata done = await(upload.complete());
    assertEquals(data.length - 10, done.size());
    assertEquals(done, await(store.head("up/k")));
    assertArrayEquals(Arrays.copyOfRange(data, 10, data.length), toArray(await(store.get("up/k"))));
    assertHoldsExactly(List.of("up/k"));
  }

  @Test
  void anUploadWithNoBytesMakesAnEmptyObject() throws Exception {
    MultipartUpload upload = store.startUpload("empty");
    assertEquals("empty", upload.key());
    assertEquals(0, await(upload.complete()).size());
    assertEquals(0, await(store.get("empty")).remaining());
    assertHoldsExactly(List.of("empty"));
  }

  @Test
  void anUploadRefusesWritesOnceItEnded() throws Exception {
    MultipartUpload completed = store.startUpload("done");
    await(completed.write(ByteBuffer.wrap(bytes("abc"))));
    await(completed.complete());
    assertEquals(Kind.IO_ERROR, failureKind(() -> completed.write(ByteBuffer.wrap(bytes("d")))));
    assertEquals(Kind.IO_ERROR, failureKind(completed::complete));
    completed.close();
    assertEquals("abc", string(await(store.get("done"))), "closing a completed upload keeps the object");

    MultipartUpload aborted = store.startUpload("gone");
    await(aborted.write(ByteBuffer.wrap(bytes("abc"))));
    await(aborted.abort());
    await(aborted.abort());
    assertEquals(Kind.IO_ERROR, failureKind(() -> aborted.write(ByteBuffer.wrap(bytes("d")))));
    assertEquals(Kind.IO_ERROR, failureKind(aborted::complete));
    assertHoldsExactly(List.of("done"));
  }

  @Test
  void streamsReturnTheBytes() throws Exception {
    byte[] data = randomBytes(200_000, 13);
    put("s", data);
    try (java.io.InputStream in = await(store.getStream("s", null))) {
      assertArrayEquals(data, in.readAllBytes());
    }
    try (java.io.InputStream in = await(store.getStream("s", new ByteRange(5, 1000)))) {
      assertArrayEquals(Arrays.copyOfRange(data, 5, 1005), in.readAllBytes());
    }
    try (java.io.InputStream in = await(store.getStream("s", new ByteRange(7, 0)))) {
      assertEquals(-1, in.read());
    }
    assertEquals(Kind.NOT_FOUND, failureKind(() -> store.getStream("none", null)));
  }

  // ---- keys ----

  @Test
  void invalidKeysAreRefusedByEveryOperation() throws Exception {
    put("a/b", bytes("inside"));
    for (String key : INVALID_KEYS) {
      String shown = "key '" + key.replace("\0", "\\0") + "'";
      ByteBuffer data = ByteBuffer.wrap(bytes("payload"));
      List<Supplier<CompletableFuture<?>>> operations = List.of(
          () -> store.head(key),
          () -> store.get(key),
          () -> store.get(key, new ByteRange(0, 1)),
          () -> store.getRanges(key, List.of(new ByteRange(0, 1))),
          () -> store.put(key, data, PutMode.OVERWRITE),
          () -> store.put(key, data, PutMode.CREATE),
          () -> store.delete(key));
      for (int op = 0; op < operations.size(); op++) {
        ObjectStoreException e = failure(operations.get(op));
        assertEquals(Kind.INVALID_KEY, e.kind(), shown + ", operation " + op + ": " + e.getMessage());
      }
    }
    assertHoldsExactly(List.of("a/b"));
    assertEquals("inside", string(await(store.get("a/b"))));
  }

  // ---- lifecycle ----

  @Test
  void aClosedStoreRefusesCallsAtOnce() {
    store.close();
    store.close();
    assertThrows(IllegalStateException.class, () -> store.get("k"));
    assertThrows(IllegalStateException.class, () -> store.put("k", ByteBuffer.allocate(0), PutMode.OVERWRITE));
    assertThrows(IllegalStateException.class, () -> store.list(""));
  }

  @Test
  void nullArgumentsThrowAtOnce() {
    assertThrows(NullPointerException.class, () -> store.get(null));
    assertThrows(NullPointerException.class, () -> store.get("k", null));
    assertThrows(NullPointerException.class, () -> store.put("k", null, PutMode.OVERWRITE));
    assertThrows(NullPointerException.class, () -> store.put("k", ByteBuffer.allocate(0), null));
    assertThrows(NullPointerException.class, () -> store.list(null));
  }

  // ---- helpers ----

  protected final ObjectMetadata put(String key, byte[] data) {
    return await(store.put(key, ByteBuffer.wrap(data), PutMode.OVERWRITE));
  }

  protected final List<String> keysOf(String prefix) {
    return await(store.list(prefix)).stream().map(ObjectMetadata::key).toList();
  }

  private void assertRange(byte[] data, long offset, long length) {
    ByteRange range = new ByteRange(offset, length);
    ByteBuffer got = await(store.get("r", range));
    assertEquals(0, got.position());
    assertArrayEquals(slice(data, range), toArray(got), "range " + range);
  }

  /** The failure of an operation, which must arrive through its future, not be thrown by the call. */
  protected static ObjectStoreException failure(Supplier<? extends CompletableFuture<?>> operation) {
    CompletableFuture<?> future = operation.get();
    try {
      future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof ObjectStoreException storeException) {
        return storeException;
      }
      throw new AssertionError("failed with " + e.getCause() + " instead of an ObjectStoreException", e);
    }
    throw new AssertionError("expected the operation to fail");
  }

  protected static Kind failureKind(Supplier<? extends CompletableFuture<?>> operation) {
    return failure(operation).kind();
  }

  protected static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  protected static String string(ByteBuffer buffer) {
    return new String(toArray(buffer), UTF_8);
  }

  protected static byte[] toArray(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }

  protected static byte[] randomBytes(int size, long seed) {
    byte[] out = new byte[size];
    new Random(seed).nextBytes(out);
    return out;
  }

  protected static byte[] slice(byte[] data, ByteRange range) {
    return Arrays.copyOfRange(data, (int) range.offset(), (int) range.end());
  }
}
