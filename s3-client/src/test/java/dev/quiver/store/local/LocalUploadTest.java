package dev.quiver.store.local;

import static dev.quiver.store.ObjectStores.await;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.store.MultipartUpload;
import dev.quiver.store.ObjectMetadata;
import dev.quiver.store.ObjectStoreException;
import dev.quiver.store.ObjectStoreException.Kind;
import dev.quiver.store.PutMode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming upload of {@link LocalFileSystem}, checked on disk with {@link Files} (independently of the store's
 * own reads): where the bytes go while writing, and that failures, aborts and closes leave no file behind.
 */
class LocalUploadTest {

  @TempDir
  Path dir;

  private Path root;
  private LocalFileSystem store;

  @BeforeEach
  void open() {
    root = dir.resolve("root");
    store = new LocalFileSystem(root);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void bytesStreamIntoAHiddenTemporaryFileBesideTheTarget() throws Exception {
    byte[] data = randomBytes(3 * 1024 * 1024 + 17, 1);
    MultipartUpload upload = store.startUpload("a/b/data.bin");
    int written = 0;
    for (int chunk : new int[] {1, 1_000_000, 2_000_000}) {
      await(upload.write(ByteBuffer.wrap(data, written, chunk)));
      written += chunk;
      Path temp = ((LocalUpload) upload).temporaryFile();
      assertNotNull(temp);
      assertEquals(root.resolve("a/b"), temp.getParent(), "the temporary file sits beside the target");
      assertTrue(temp.getFileName().toString().startsWith(LocalFileSystem.TEMP_PREFIX));
      assertEquals(written, Files.size(temp), "the bytes are on disk, not held in memory");
      assertEquals(List.of(temp), regularFiles(), "only the temporary file exists");
      assertEquals(List.of(), await(store.list("")), "a listing does not show the temporary file");
    }
    await(upload.write(ByteBuffer.wrap(data, written, data.length - written)));
    ObjectMetadata done = await(upload.complete());
    assertArrayEquals(data, Files.readAllBytes(root.resolve("a/b/data.bin")));
    assertEquals(data.length, done.size());
    assertEquals(Files.getLastModifiedTime(root.resolve("a/b/data.bin")).toInstant(), done.lastModified());
    assertEquals(List.of(root.resolve("a/b/data.bin")), regularFiles());
    assertNull(((LocalUpload) upload).temporaryFile());
    assertEquals(0, store.openUploads());
  }

  @Test
  void anAbortOrACloseLeavesNoFileAndNoTemporaryFile() throws Exception {
    Files.createDirectories(root.resolve("x"));
    Files.write(root.resolve("x/existing"), bytes("before"));
    for (boolean viaClose : new boolean[] {false, true}) {
      MultipartUpload upload = store.startUpload("x/existing");
      await(upload.write(ByteBuffer.wrap(randomBytes(100_000, 2))));
      assertEquals(2, regularFiles().size());
      if (viaClose) {
        upload.close();
      } else {
        await(upload.abort());
      }
      assertEquals(List.of(root.resolve("x/existing")), regularFiles(), viaClose ? "close" : "abort");
      assertEquals("before", Files.readString(root.resolve("x/existing")), "the old object is untouched");
    }
    MultipartUpload fresh = store.startUpload("x/new");
    await(fresh.write(ByteBuffer.wrap(bytes("abc"))));
    fresh.close();
    assertFalse(Files.exists(root.resolve("x/new")));
    assertEquals(0, store.openUploads());
  }

  @Test
  void aWriteErrorLeavesNoFileAndEndsTheUpload() throws Exception {
    Files.createDirectories(root.resolve("d"));
    Files.write(root.resolve("d/target"), bytes("previous"));
    List<Path> opened = new ArrayList<>();
    MultipartUpload upload = store.startUpload("d/target", path -> {
      opened.add(path);
      return new FailingChannel(LocalUpload.CREATE_NEW.open(path), 150_000);
    });
    await(upload.write(ByteBuffer.wrap(randomBytes(100_000, 3))));
    assertTrue(Files.exists(opened.get(0)));
    ObjectStoreException e = failure(() -> upload.write(ByteBuffer.wrap(randomBytes(100_000, 4))));
    assertEquals(Kind.IO_ERROR, e.kind());
    assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
    assertEquals("file://" + root + "/d/target", e.location());
    assertFalse(Files.exists(opened.get(0)), "the temporary file is deleted");
    assertEquals(List.of(root.resolve("d/target")), regularFiles());
    assertEquals("previous", Files.readString(root.resolve("d/target")));
    // Every later call reports the same failure, and nothing ever appears.
    assertSame(e, failure(() -> upload.write(ByteBuffer.wrap(bytes("more")))));
    assertSame(e, failure(upload::complete));
    await(upload.abort());
    upload.close();
    assertEquals("previous", Files.readString(root.resolve("d/target")));
    assertEquals(1, opened.size());
    assertEquals(0, store.openUploads());
  }

  @Test
  void aFailureToForceTheFileLeavesNothing() throws Exception {
    MultipartUpload upload = store.startUpload("k", path -> new FailingChannel(LocalUpload.CREATE_NEW.open(path),
        Long.MAX_VALUE) {
      @Override
      public void force(boolean metaData) throws IOException {
        throw new IOException("Input/output error");
      }
    });
    await(upload.write(ByteBuffer.wrap(bytes("payload"))));
    assertEquals(Kind.IO_ERROR, failure(upload::complete).kind());
    assertEquals(List.of(), regularFiles());
  }

  @Test
  void aDirectoryAtTheKeyFailsTheUploadAndLeavesNothing() throws Exception {
    Files.createDirectories(root.resolve("dir"));
    MultipartUpload early = store.startUpload("dir");
    assertEquals(Kind.INVALID_KEY, failure(() -> early.write(ByteBuffer.wrap(bytes("x")))).kind());

    // A directory that appears while the upload is open is found by complete().
    MultipartUpload late = store.startUpload("later");
    await(late.write(ByteBuffer.wrap(bytes("payload"))));
    Files.createDirectories(root.resolve("later"));
    assertEquals(Kind.INVALID_KEY, failure(late::complete).kind());
    assertTrue(Files.isDirectory(root.resolve("later")));
    assertEquals(List.of(), regularFiles());
  }

  @Test
  void aFileWhereAParentFolderShouldBeFailsTheUpload() throws Exception {
    await(store.put("file", ByteBuffer.wrap(bytes("plain")), PutMode.OVERWRITE));
    MultipartUpload upload = store.startUpload("file/child");
    assertEquals(Kind.INVALID_KEY, failure(() -> upload.write(ByteBuffer.wrap(bytes("x")))).kind());
    assertEquals(List.of(root.resolve("file")), regularFiles());
  }

  @Test
  void closingTheStoreAbortsOpenUploads() throws Exception {
    Files.createDirectories(root);
    Files.write(root.resolve("kept"), bytes("kept"));
    MultipartUpload upload = store.startUpload("open/upload");
    await(upload.write(ByteBuffer.wrap(randomBytes(10_000, 5))));
    store.close();
    assertEquals(List.of(root.resolve("kept")), regularFiles());
    assertEquals(Kind.IO_ERROR, failure(upload::complete).kind());
    assertThrows(IllegalStateException.class, () -> store.startUpload("another"));
    assertEquals(List.of(root.resolve("kept")), regularFiles());
  }

  @Test
  void reservedAndEscapingKeysAreRefusedAtOnce() {
    for (String key : List.of("../out", LocalFileSystem.TEMP_PREFIX + "x", "a/" + LocalFileSystem.TEMP_PREFIX)) {
      assertEquals(Kind.INVALID_KEY, assertThrows(ObjectStoreException.class, () -> store.startUpload(key)).kind());
    }
    assertEquals(0, store.openUploads());
  }

  // ---- helpers ----

  /** Every regular file under the root, hidden ones included, sorted. */
  private List<Path> regularFiles() throws IOException {
    if (!Files.exists(root)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private static ObjectStoreException failure(Supplier<? extends CompletableFuture<?>> operation) {
    CompletionException e = assertThrows(CompletionException.class, () -> operation.get().join());
    if (e.getCause() instanceof ObjectStoreException storeException) {
      return storeException;
    }
    throw new AssertionError("failed with " + e.getCause(), e);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  private static byte[] randomBytes(int size, long seed) {
    byte[] out = new byte[size];
    new Random(seed).nextBytes(out);
    return out;
  }

  /** A real file channel that fails like a full disk once {@code capacity} bytes were written. */
  static class FailingChannel extends FileChannel {
    private final FileChannel delegate;
    private long room;

    FailingChannel(FileChannel delegate, long capacity) {
      this.delegate = delegate;
      this.room = capacity;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      if (src.remaining() > room) {
        // Like write(2) on a full disk: part of the bytes may land before the error.
        int before = src.limit();
        src.limit(src.position() + (int) room);
        delegate.write(src);
        src.limit(before);
        room = 0;
        throw new IOException("No space left on device");
      }
      int n = delegate.write(src);
      room -= n;
      return n;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      return delegate.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
      return delegate.read(dsts, offset, length);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long position() throws IOException {
      return delegate.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
      delegate.position(newPosition);
      return this;
    }

    @Override
    public long size() throws IOException {
      return delegate.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      delegate.truncate(size);
      return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
      delegate.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) {
      throw new UnsupportedOperationException();
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      return delegate.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src, long position) {
      throw new UnsupportedOperationException();
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) {
      throw new UnsupportedOperationException();
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) {
      throw new UnsupportedOperationException();
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) {
      throw new UnsupportedOperationException();
    }

    @Override
    protected void implCloseChannel() throws IOException {
      delegate.close();
    }
  }
}
