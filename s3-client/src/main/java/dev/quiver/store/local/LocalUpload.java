package dev.quiver.store.local;

import dev.quiver.store.MultipartUpload;
import dev.quiver.store.ObjectMetadata;
import dev.quiver.store.ObjectStoreException;
import dev.quiver.store.ObjectStoreException.Kind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The streaming {@link MultipartUpload} of {@link LocalFileSystem}: the bytes go straight to a temporary file beside
 * the target (a hidden name, {@value LocalFileSystem#TEMP_PREFIX} and 16 random hex digits, created exclusively),
 * so memory stays bounded by the caller's buffers whatever the object's size. {@link #complete()} forces the file
 * to disk (when the store syncs on put), renames it onto the key atomically (replacing any object there, like
 * {@link dev.quiver.store.PutMode#OVERWRITE}), then forces the folder entry. Readers see the old object or the whole
 * new one, never a partial one.
 *
 * <p>The temporary file is created by the first {@link #write} (or by {@link #complete()} for an empty object), so
 * its failures (a directory at the key, a file where a parent folder should be, permissions) arrive through that
 * future. Any failure deletes the temporary file and fails every later call with the same error; {@link #abort()},
 * {@link #close()} without complete, and closing the store delete it too. A process that dies mid-upload leaves a
 * hidden temporary file that {@link LocalFileSystem#list} ignores.
 *
 * <p>Every call runs on the calling thread and returns a completed future. Methods are synchronized, so a
 * {@link #close()} from another thread is safe; writes themselves follow the one-writer rule of the interface.
 */
final class LocalUpload implements MultipartUpload {

  /** Opens the temporary file for writing; the store's is {@link #CREATE_NEW}, tests may inject failures. */
  interface ChannelOpener {
    FileChannel open(Path path) throws IOException;
  }

  /** Creates the file, failing if the name exists, and opens it for writing. */
  static final ChannelOpener CREATE_NEW = path -> FileChannel.open(path,
      java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);

  private enum State { WRITING, COMPLETED, ABORTED, FAILED }

  private final LocalFileSystem store;
  private final String key;
  private final Path target;
  private final ChannelOpener opener;
  private Path temp;
  private FileChannel channel;
  private State state = State.WRITING;
  private ObjectStoreException failure;

  /** {@code target} is the resolved, checked file of {@code key}. */
  LocalUpload(LocalFileSystem store, String key, Path target, ChannelOpener opener) {
    this.store = store;
    this.key = key;
    this.target = target;
    this.opener = opener;
  }

  @Override
  public String key() {
    return key;
  }

  /** The temporary file, or null before the first write and after the upload ended (for tests). */
  synchronized Path temporaryFile() {
    return temp;
  }

  /**
   * Appends the remaining bytes of {@code data} to the temporary file (position and limit untouched). Fails with
   * {@code INVALID_KEY} when a directory occupies the key or a file one of its parent folders, {@code ACCESS_DENIED}
   * or {@code IO_ERROR} when the file system refuses (a full disk, say); the upload is then over and its temporary
   * file gone.
   */
  @Override
  public synchronized CompletableFuture<Void> write(ByteBuffer data) {
    Objects.requireNonNull(data, "data");
    ObjectStoreException refused = refusal();
    if (refused != null) {
      return CompletableFuture.failedFuture(refused);
    }
    try {
      open();
      LocalFileSystem.writeFully(channel, data.duplicate());
      return CompletableFuture.completedFuture(null);
    } catch (IOException | RuntimeException e) {
      return CompletableFuture.failedFuture(fail(e));
    }
  }

  /**
   * Publishes the temporary file under the key (see the class comment) and returns the metadata {@code head} would
   * give. Fails with {@code INVALID_KEY} when a directory has appeared at the key, or with the file system's error;
   * no object changes then and the temporary file is gone.
   */
  @Override
  public synchronized CompletableFuture<ObjectMetadata> complete() {
    ObjectStoreException refused = refusal();
    if (refused != null) {
      return CompletableFuture.failedFuture(refused);
    }
    try {
      open();
      if (store.syncOnPut()) {
        channel.force(false);
      }
      channel.close();
      if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
        throw store.invalidKey(key, "a directory exists where the object should go");
      }
      // As in put: the inode, size and modification time survive the rename, so these agree with head().
      BasicFileAttributes attributes = Files.readAttributes(temp, BasicFileAttributes.class);
      // rename(2): atomic, and replaces an existing file.
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      temp = null;
      if (store.syncOnPut()) {
        LocalFileSystem.syncFolder(target.getParent());
      }
      state = State.COMPLETED;
      store.forget(this);
      return CompletableFuture.completedFuture(LocalFileSystem.metadata(key, attributes));
    } catch (IOException | RuntimeException e) {
      return CompletableFuture.failedFuture(fail(e));
    }
  }

  /** Deletes the temporary file; no object appears. Harmless after a failure, a completion or an earlier abort. */
  @Override
  public synchronized CompletableFuture<Void> abort() {
    if (state == State.WRITING) {
      state = State.ABORTED;
      discard();
    }
    return CompletableFuture.completedFuture(null);
  }

  /** Aborts unless the upload completed. */
  @Override
  public void close() {
    abort();
  }

  @Override
  public String toString() {
    return "LocalUpload[" + store.location(key) + ", " + state + "]";
  }

  /** The error of a call made when no more writes are allowed, or null while writing. */
  private ObjectStoreException refusal() {
    switch (state) {
      case WRITING:
        return null;
      case FAILED:
        return failure;
      default:
        return new ObjectStoreException(Kind.IO_ERROR, store.location(key), "the upload was "
            + (state == State.COMPLETED ? "completed" : "aborted"));
    }
  }

  /** Creates the folders and the temporary file on first use. */
  private void open() throws IOException {
    if (channel != null) {
      return;
    }
    store.ensureOpen();
    if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      throw store.invalidKey(key, "a directory exists where the object should go");
    }
    Path folder = target.getParent();
    store.createFolders(key, folder);
    // 64 random bits and an exclusive create: a clash is astronomically unlikely, and retried if it happens.
    for (int tries = 0; ; tries++) {
      Path candidate = folder.resolve(LocalFileSystem.TEMP_PREFIX
          + String.format("%016x", ThreadLocalRandom.current().nextLong()));
      try {
        channel = opener.open(candidate);
        temp = candidate;
        return;
      } catch (FileAlreadyExistsException e) {
        if (tries >= 3) {
          throw e;
        }
      }
    }
  }

  /** Ends the upload with {@code cause}, removing the temporary file; returns the error to report. */
  private ObjectStoreException fail(Exception cause) {
    failure = cause instanceof ObjectStoreException e ? e : store.translate(key, cause);
    state = State.FAILED;
    discard();
    return failure;
  }

  private void discard() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // The file is deleted next; a close error changes nothing for the caller.
      }
      channel = null;
    }
    if (temp != null) {
      LocalFileSystem.deleteTemporary(temp);
      temp = null;
    }
    store.forget(this);
  }
}
