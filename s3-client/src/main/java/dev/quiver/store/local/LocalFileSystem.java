package dev.quiver.store.local;

import dev.quiver.store.ByteRange;
import dev.quiver.store.MultipartUpload;
import dev.quiver.store.ObjectKeys;
import dev.quiver.store.ObjectMetadata;
import dev.quiver.store.ObjectStore;
import dev.quiver.store.ObjectStoreException;
import dev.quiver.store.ObjectStoreException.Kind;
import dev.quiver.store.PutMode;
import dev.quiver.store.RangeCoalescer;
import dev.quiver.store.ReadArrays;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An {@link ObjectStore} over a folder of the local file system: key {@code a/b.parquet} is the file
 * {@code <root>/a/b.parquet}.
 *
 * <p><b>Keys.</b> Keys follow {@link ObjectKeys}; since no key may hold a {@code .} or {@code ..} segment, start
 * with '/', or contain a backslash or NUL, every key resolves lexically beneath the root, and anything else fails
 * with kind {@code INVALID_KEY}. Names starting with {@value #TEMP_PREFIX} are reserved for temporary files and
 * refused as well. Symbolic links that already exist inside the root are followed, as the folder's owner meant
 * them; keys cannot create links. A directory is not an object: reading it fails with {@code NOT_FOUND}, writing
 * onto it or beneath a file ({@code a/b} when {@code a} is a file) fails with {@code INVALID_KEY}. Keys whose
 * names the platform cannot encode fail with {@code INVALID_KEY}.
 *
 * <p><b>Reads</b> are positional {@link FileChannel} reads into heap buffers, {@value #READ_CHUNK} bytes per call.
 * {@link #getRanges} merges ranges closer than {@value #COALESCE_GAP} bytes into one read (see
 * {@link RangeCoalescer}); its buffers are slices of the merged read, so buffers of overlapping ranges share bytes.
 *
 * <p><b>Writes</b> go to a temporary file beside the target, are optionally forced to disk, then renamed over the
 * target atomically, so readers see the old file or the new one, never a partial one. {@link PutMode#CREATE}
 * publishes with a hard link, which fails if the name exists, so concurrent creates cannot both win (on file systems
 * without hard links it falls back to a rename that checks first, which can race). The temporary file is removed
 * whether the put succeeds or fails; files left by a crashed process are ignored by {@link #list}. Parent folders
 * are created as needed and are not removed by {@link #delete}. {@link #startUpload} streams into such a temporary
 * file as the bytes come, so a large object never sits in memory (see {@link LocalUpload}).
 *
 * <p><b>Metadata.</b> The etag is derived from size, modification time and file identity (inode), so it changes
 * whenever a put replaces the file. {@code lastModified} is the file's modification time.
 *
 * <p><b>Threads.</b> Thread-safe. Every operation runs on the calling thread and returns an already-completed
 * future: local reads are fast and blocking, and a hand-off to another thread would cost more than it saves.
 * Callers that want overlap should call from their own threads. {@link #close()} marks the store closed and aborts
 * the uploads still open.
 */
public final class LocalFileSystem implements ObjectStore {

  /** The name prefix of temporary files written by {@link #put}; keys may not use it. */
  public static final String TEMP_PREFIX = ".quiver-tmp-";

  /** Ranges closer than this many bytes are read together by {@link #getRanges}. */
  public static final int COALESCE_GAP = 64 * 1024;

  /** Merging ranges stops before one read would grow past this many bytes. */
  public static final int MAX_COALESCED_READ = 8 * 1024 * 1024;

  /**
   * The most bytes moved by one write call. NIO copies heap buffers through a temporary direct buffer as large as
   * the request and caches it per thread, so unbounded calls would pin large native buffers in every thread that
   * ever wrote a large object.
   */
  private static final int IO_CHUNK = 1024 * 1024;

  /**
   * The most bytes moved by one positional read. NIO reads a heap buffer through a per-thread temporary direct buffer
   * as large as the request, so every byte is copied twice: by the kernel into the direct buffer, then into the heap
   * array. At 64 KiB the direct buffer stays in the core's L2 cache between the two copies; at 1 MiB it did not, and
   * reading lineitem SF1 (392 MB) back to back in 8 MiB ranges took 0.27 s of thread CPU instead of 0.11 s (inside a
   * full scan, where decoding runs between reads, both sizes cost about 0.15 s). Memory-mapping the range and copying
   * it out cost the same, but a file truncated while mapped makes the copy fail with the JVM's asynchronous
   * {@code InternalError} (a SIGBUS) rather than an I/O error, so reads stay positional.
   */
  private static final int READ_CHUNK = 64 * 1024;

  private final Path root;
  private final String description;
  private final boolean syncOnPut;
  private final Set<LocalUpload> uploads = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * A store rooted at {@code root}, forcing written files to disk before publishing them ({@code syncOnPut}).
   *
   * @param root the folder holding the objects; made absolute and normalized. It need not exist yet: reads then
   *     fail with {@code NOT_FOUND}, listings are empty, and the first put creates it
   */
  public LocalFileSystem(Path root) {
    this(root, true);
  }

  /**
   * @param root the folder holding the objects; made absolute and normalized; it need not exist yet
   * @param syncOnPut whether {@link #put} forces the file's bytes to disk before publishing it and the folder entry
   *     after, so that a crash cannot leave an empty or torn object under the key. Off is faster and still atomic
   *     for running processes; use it for scratch data and tests
   */
  public LocalFileSystem(Path root, boolean syncOnPut) {
    this.root = root.toAbsolutePath().normalize();
    this.description = "file://" + this.root;
    this.syncOnPut = syncOnPut;
  }

  /** The absolute, normalized root folder. */
  public Path root() {
    return root;
  }

  /**
   * The file that holds {@code key}: {@code root} joined with the key's segments.
   *
   * @throws ObjectStoreException of kind {@code INVALID_KEY} for a key this store refuses (see the class comment)
   * @throws NullPointerException when {@code key} is null
   */
  public Path resolve(String key) {
    Objects.requireNonNull(key, "key");
    String problem = localKeyProblem(key);
    if (problem != null) {
      throw invalidKey(key, problem);
    }
    Path path;
    try {
      path = root.resolve(key);
    } catch (InvalidPathException e) {
      throw new ObjectStoreException(Kind.INVALID_KEY, location(key), "not a valid file name here: "
          + e.getReason(), null, e);
    }
    // Belt and braces: the key rules already keep every key lexically beneath the root.
    if (!path.normalize().startsWith(root) || path.equals(root)) {
      throw invalidKey(key, "the key resolves outside the store's root");
    }
    return path;
  }

  /** Fails with {@code NOT_FOUND} for a missing file or a directory. */
  @Override
  public CompletableFuture<ObjectMetadata> head(String key) {
    Objects.requireNonNull(key, "key");
    ensureOpen();
    return run(key, () -> metadata(key, regularFileAttributes(key, resolve(key))));
  }

  /**
   * Fails with {@code NOT_FOUND} for a missing file or a directory, and with {@code INVALID_RANGE} for a file longer
   * than {@link ByteRange#MAX_LENGTH} bytes.
   */
  @Override
  public CompletableFuture<ByteBuffer> get(String key) {
    Objects.requireNonNull(key, "key");
    ensureOpen();
    return run(key, () -> {
      try (FileChannel channel = openForRead(key)) {
        long size = channel.size();
        if (size > ByteRange.MAX_LENGTH) {
          throw new ObjectStoreException(Kind.INVALID_RANGE, location(key), "the object is " + size
              + " bytes, more than one buffer holds (" + ByteRange.MAX_LENGTH + "); read it in ranges");
        }
        return readFully(channel, key, 0, (int) size);
      }
    });
  }

  /** Fails with {@code NOT_FOUND} for a missing file or a directory, {@code INVALID_RANGE} past the end. */
  @Override
  public CompletableFuture<ByteBuffer> get(String key, ByteRange range) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(range, "range");
    ensureOpen();
    return run(key, () -> {
      try (FileChannel channel = openForRead(key)) {
        checkRange(key, range, channel.size());
        return readFully(channel, key, range.offset(), (int) range.length());
      }
    });
  }

  /**
   * Opens the file once, checks every range against its size (failing with {@code INVALID_RANGE} before reading
   * anything), then reads each group of ranges closer than {@value #COALESCE_GAP} bytes with one read. The
   * returned buffers are slices of those reads: independent positions and limits, but overlapping ranges share
   * bytes.
   */
  @Override
  public CompletableFuture<List<ByteBuffer>> getRanges(String key, List<ByteRange> ranges) {
    return getRanges(key, ranges, null);
  }

  /**
   * As {@link #getRanges(String, List)}, each coalesced read going into the array {@code arrays} lends for its
   * slot (the reads' order: 0, 1, ...), when {@code arrays} is not null; the buffers returned wrap those arrays.
   *
   * @throws IllegalArgumentException (directly, not through the future) when {@code arrays} lends no array or one
   *     shorter than its read
   */
  @Override
  public CompletableFuture<List<ByteBuffer>> getRanges(String key, List<ByteRange> ranges, ReadArrays arrays) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(ranges, "ranges");
    ranges.forEach(range -> Objects.requireNonNull(range, "range"));
    ensureOpen();
    return run(key, () -> {
      try (FileChannel channel = openForRead(key)) {
        long size = channel.size();
        for (ByteRange range : ranges) {
          checkRange(key, range, size);
        }
        ByteBuffer[] result = new ByteBuffer[ranges.size()];
        int slot = 0;
        for (RangeCoalescer.Span span : RangeCoalescer.coalesce(ranges, COALESCE_GAP, MAX_COALESCED_READ)) {
          int length = (int) span.range().length();
          ByteBuffer target = null;
          if (arrays != null) {
            byte[] lent = arrays.array(slot++, length);
            if (lent == null || lent.length < length) {
              throw new IllegalArgumentException("ReadArrays lent " + (lent == null ? "no array" : lent.length
                  + " bytes") + " for a read of " + length);
            }
            target = ByteBuffer.wrap(lent, 0, length);
          }
          ByteBuffer bytes = readFully(channel, key, span.range().offset(), length, target);
          for (int member : span.members()) {
            ByteRange range = ranges.get(member);
            result[member] = bytes.slice((int) (range.offset() - span.range().offset()), (int) range.length());
          }
        }
        return Arrays.asList(result);
      }
    });
  }

  /**
   * Writes a temporary file beside the target and publishes it atomically (see the class comment). Fails with
   * {@code PRECONDITION_FAILED} for {@link PutMode#CREATE} on an existing key, with {@code INVALID_KEY} when a
   * directory occupies the key or a file occupies one of its parent folders.
   */
  @Override
  public CompletableFuture<ObjectMetadata> put(String key, ByteBuffer data, PutMode mode) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(mode, "mode");
    ensureOpen();
    return run(key, () -> {
      Path target = resolve(key);
      if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
        throw invalidKey(key, "a directory exists where the object should go");
      }
      // Cheap early answer for the common case; the link below is what makes CREATE race-free.
      if (mode == PutMode.CREATE && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        throw preconditionFailed(key);
      }
      Path folder = target.getParent();
      createFolders(key, folder);
      Path temp = folder.resolve(TEMP_PREFIX + Long.toHexString(ThreadLocalRandom.current().nextLong()));
      try {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          writeFully(channel, data.duplicate());
          if (syncOnPut) {
            channel.force(false);
          }
        }
        // Read before publishing: a concurrent put may replace the target right after. The inode, size and
        // modification time survive the rename or link, so these agree with head() on the published file.
        BasicFileAttributes attributes = Files.readAttributes(temp, BasicFileAttributes.class);
        if (mode == PutMode.CREATE) {
          publishNew(key, temp, target);
        } else {
          // rename(2): atomic, and replaces an existing file.
          Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        }
        if (syncOnPut) {
          syncFolder(folder);
        }
        return metadata(key, attributes);
      } finally {
        deleteTemporary(temp);
      }
    });
  }

  /**
   * Starts a streaming upload: the bytes go to a hidden temporary file beside the target as they are written, and
   * {@code complete()} forces it to disk (when this store syncs on put) and renames it onto the key atomically,
   * replacing any object there. {@code abort()}, {@code close()} without complete, any failure and closing the store
   * delete the temporary file; nothing appears under the key. See {@link LocalUpload}.
   *
   * @throws ObjectStoreException of kind {@code INVALID_KEY} at once for a key this store refuses
   * @throws IllegalStateException when the store is closed
   */
  @Override
  public MultipartUpload startUpload(String key) {
    return startUpload(key, LocalUpload.CREATE_NEW);
  }

  /** {@link #startUpload(String)} with another way to open the temporary file (tests inject failures with it). */
  MultipartUpload startUpload(String key, LocalUpload.ChannelOpener opener) {
    Objects.requireNonNull(key, "key");
    ensureOpen();
    LocalUpload upload = new LocalUpload(this, key, resolve(key), opener);
    uploads.add(upload);
    if (closed) {
      // close() ran between the check and the registration: it may have missed this upload.
      upload.abort();
      ensureOpen();
    }
    return upload;
  }

  /** The uploads started and neither completed nor aborted (for tests). */
  int openUploads() {
    return uploads.size();
  }

  void forget(LocalUpload upload) {
    uploads.remove(upload);
  }

  boolean syncOnPut() {
    return syncOnPut;
  }

  /**
   * The regular files under the root whose keys start with {@code prefix}, following symbolic links, skipping
   * temporary files and files whose names are not valid keys.
   */
  @Override
  public CompletableFuture<List<ObjectMetadata>> list(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    ensureOpen();
    return run(prefix, () -> {
      ObjectKeys.requireValidPrefix(prefix, description);
      int lastSlash = prefix.lastIndexOf('/');
      Path start = lastSlash < 0 ? root : root.resolve(prefix.substring(0, lastSlash));
      if (!Files.isDirectory(start)) {
        return List.of();
      }
      List<ObjectMetadata> found = new ArrayList<>();
      Files.walkFileTree(start, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
              if (dir.equals(start)) {
                return FileVisitResult.CONTINUE;
              }
              String key = keyOf(dir);
              if (key == null) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              String dirPrefix = key + "/";
              // Descend only where keys can still match: the folder lies inside the prefix or the prefix inside it.
              return dirPrefix.startsWith(prefix) || prefix.startsWith(dirPrefix)
                  ? FileVisitResult.CONTINUE
                  : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
              if (attributes.isRegularFile()) {
                String key = keyOf(file);
                if (key != null && key.startsWith(prefix)) {
                  found.add(metadata(key, attributes));
                }
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
              // Deleted while we walked, or a link cycle: not an object either way.
              if (e instanceof NoSuchFileException || e instanceof FileSystemLoopException) {
                return FileVisitResult.CONTINUE;
              }
              throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              if (e != null && !(e instanceof NoSuchFileException)) {
                throw e;
              }
              return FileVisitResult.CONTINUE;
            }
          });
      found.sort((a, b) -> ObjectKeys.compare(a.key(), b.key()));
      return found;
    });
  }

  /**
   * Deletes the file; a missing key or a directory (a prefix, not an object) is left alone and succeeds. A symbolic
   * link is removed, not its target.
   */
  @Override
  public CompletableFuture<Void> delete(String key) {
    Objects.requireNonNull(key, "key");
    ensureOpen();
    return run(key, () -> {
      Path path = resolve(key);
      BasicFileAttributes attributes;
      try {
        attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (FileSystemException e) {
        if (isMissing(path, e)) {
          return null;
        }
        throw e;
      }
      if (!attributes.isDirectory()) {
        Files.deleteIfExists(path);
      }
      return null;
    });
  }

  /** {@code file://} followed by the absolute root, such as {@code file:///data}. */
  @Override
  public String describe() {
    return description;
  }

  /**
   * Marks the store closed and aborts the uploads still open (deleting their temporary files; an upload's write in
   * progress on another thread finishes first). Idempotent.
   */
  @Override
  public void close() {
    closed = true;
    for (LocalUpload upload : List.copyOf(uploads)) {
      upload.abort();
    }
  }

  @Override
  public String toString() {
    return "LocalFileSystem[" + description + "]";
  }

  // ---- reading ----

  private FileChannel openForRead(String key) throws IOException {
    Path path = resolve(key);
    regularFileAttributes(key, path);
    // The file may be replaced between the check and the open; the channel then reads the new file whole,
    // because put never changes a published file in place.
    return FileChannel.open(path, StandardOpenOption.READ);
  }

  private BasicFileAttributes regularFileAttributes(String key, Path path) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (FileSystemException e) {
      if (isMissing(path, e)) {
        throw new ObjectStoreException(Kind.NOT_FOUND, location(key), "no such object", null, e);
      }
      throw e;
    }
    if (!attributes.isRegularFile()) {
      throw new ObjectStoreException(Kind.NOT_FOUND, location(key), "no such object (a directory, not a file)");
    }
    return attributes;
  }

  /**
   * Whether a failed look-up means "no such file": besides {@code ENOENT}, a file where a parent folder should be
   * ({@code a/b} when {@code a} is a file) fails with {@code ENOTDIR}, which Java reports as a bare
   * {@link FileSystemException}.
   */
  private static boolean isMissing(Path path, FileSystemException e) {
    return e instanceof NoSuchFileException
        || (!(e instanceof AccessDeniedException) && !Files.exists(path, LinkOption.NOFOLLOW_LINKS));
  }

  private void checkRange(String key, ByteRange range, long size) {
    if (!range.fitsWithin(size)) {
      throw ObjectStoreException.invalidRange(location(key), range, size);
    }
  }

  private ByteBuffer readFully(FileChannel channel, String key, long position, int length) throws IOException {
    return readFully(channel, key, position, length, null);
  }

  /**
   * Reads {@code length} bytes at {@code position} into {@code target} (from its position 0), or into a new buffer
   * when it is null.
   */
  private ByteBuffer readFully(FileChannel channel, String key, long position, int length, ByteBuffer target)
      throws IOException {
    ByteBuffer buffer = target != null ? target.slice(0, length) : ByteBuffer.allocate(length);
    while (buffer.position() < length) {
      buffer.limit((int) Math.min(length, (long) buffer.position() + READ_CHUNK));
      int n = channel.read(buffer, position + buffer.position());
      if (n < 0) {
        throw new ObjectStoreException(Kind.IO_ERROR, location(key), "the file ended at byte "
            + (position + buffer.position()) + " while reading [" + position + ", " + (position + length)
            + "); was it truncated in place?");
      }
    }
    return buffer.flip();
  }

  // ---- writing ----

  static void writeFully(FileChannel channel, ByteBuffer source) throws IOException {
    int end = source.limit();
    while (source.position() < end) {
      source.limit((int) Math.min(end, (long) source.position() + IO_CHUNK));
      channel.write(source);
    }
  }

  void createFolders(String key, Path folder) throws IOException {
    try {
      Files.createDirectories(folder);
    } catch (FileAlreadyExistsException e) {
      throw new ObjectStoreException(Kind.INVALID_KEY, location(key),
          "a file exists where a parent folder of the key should go (" + e.getFile() + ")", null, e);
    }
  }

  /** Publishes {@code temp} under {@code target} only if nothing is there, without a check-then-act race. */
  private void publishNew(String key, Path temp, Path target) throws IOException {
    try {
      try {
        // link(2) fails with EEXIST if the name is taken, atomically. The temporary name is removed afterwards.
        Files.createLink(target, temp);
      } catch (UnsupportedOperationException e) {
        // No hard links here: a rename without REPLACE_EXISTING checks first, and can race.
        Files.move(temp, target);
      }
    } catch (FileAlreadyExistsException e) {
      throw preconditionFailed(key);
    }
  }

  /**
   * Removes a temporary file if it is still there (it is gone after a rename). A failure here must not hide the
   * put's own outcome; a file left behind is invisible to {@link #list}.
   */
  static void deleteTemporary(Path temp) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      // see above
    }
  }

  static void syncFolder(Path folder) {
    // Makes the rename itself durable. Some platforms cannot open a folder for reading; the object is already
    // published then, and only survival of a power cut is left to the file system.
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // see above
    }
  }

  // ---- keys, metadata and errors ----

  /** The key of a file or folder under the root, or null when its name is not a key this store accepts. */
  private String keyOf(Path path) {
    Path relative = root.relativize(path);
    StringBuilder key = new StringBuilder();
    for (Path name : relative) {
      if (key.length() > 0) {
        key.append('/');
      }
      key.append(name);
    }
    String result = key.toString();
    return localKeyProblem(result) == null ? result : null;
  }

  private static String localKeyProblem(String key) {
    String problem = ObjectKeys.keyProblem(key);
    if (problem != null) {
      return problem;
    }
    if (key.startsWith(TEMP_PREFIX) || key.contains("/" + TEMP_PREFIX)) {
      return "names starting with '" + TEMP_PREFIX + "' are reserved for temporary files";
    }
    return null;
  }

  static ObjectMetadata metadata(String key, BasicFileAttributes attributes) {
    Instant modified = attributes.lastModifiedTime().toInstant();
    Object fileKey = attributes.fileKey();
    String etag = Long.toHexString(attributes.size()) + "-" + Long.toHexString(modified.getEpochSecond()) + "."
        + Integer.toHexString(modified.getNano())
        + (fileKey == null ? "" : "-" + Integer.toHexString(fileKey.hashCode()));
    return new ObjectMetadata(key, attributes.size(), etag, modified);
  }

  String location(String key) {
    return ObjectKeys.location(description, key);
  }

  ObjectStoreException invalidKey(String key, String problem) {
    return new ObjectStoreException(Kind.INVALID_KEY, location(key), problem);
  }

  private ObjectStoreException preconditionFailed(String key) {
    return new ObjectStoreException(Kind.PRECONDITION_FAILED, location(key), "an object already exists at this key");
  }

  void ensureOpen() {
    if (closed) {
      throw new IllegalStateException(this + " is closed");
    }
  }

  /** One blocking operation; {@code IOException}s become {@link ObjectStoreException}s. */
  private interface IoOperation<T> {
    T run() throws IOException;
  }

  private <T> CompletableFuture<T> run(String key, IoOperation<T> operation) {
    try {
      return CompletableFuture.completedFuture(operation.run());
    } catch (ObjectStoreException e) {
      return CompletableFuture.failedFuture(e);
    } catch (IOException e) {
      return CompletableFuture.failedFuture(translate(key, e));
    } catch (InvalidPathException e) {
      return CompletableFuture.failedFuture(new ObjectStoreException(
          Kind.INVALID_KEY, location(key), "not a valid file name here: " + e.getReason(), null, e));
    } catch (SecurityException e) {
      return CompletableFuture.failedFuture(
          new ObjectStoreException(Kind.ACCESS_DENIED, location(key), e.getMessage(), null, e));
    }
  }

  /** The store error for any failure of a file-system call: I/O, a bad file name, a security manager's refusal. */
  ObjectStoreException translate(String key, Exception e) {
    if (e instanceof ObjectStoreException storeException) {
      return storeException;
    }
    if (e instanceof InvalidPathException invalid) {
      return new ObjectStoreException(Kind.INVALID_KEY, location(key), "not a valid file name here: "
          + invalid.getReason(), null, e);
    }
    if (e instanceof SecurityException) {
      return new ObjectStoreException(Kind.ACCESS_DENIED, location(key), e.getMessage(), null, e);
    }
    if (e instanceof IOException io) {
      return translate(key, io);
    }
    return new ObjectStoreException(Kind.IO_ERROR, location(key), e.toString(), null, e);
  }

  private ObjectStoreException translate(String key, IOException e) {
    String location = location(key);
    if (e instanceof NoSuchFileException) {
      return new ObjectStoreException(Kind.NOT_FOUND, location, "no such object", null, e);
    }
    if (e instanceof AccessDeniedException) {
      return new ObjectStoreException(Kind.ACCESS_DENIED, location, "permission denied: " + e.getMessage(), null, e);
    }
    if (e instanceof ClosedByInterruptException) {
      return new ObjectStoreException(Kind.IO_ERROR, location, "interrupted", null, e);
    }
    return new ObjectStoreException(Kind.IO_ERROR, location, e.toString(), null, e);
  }
}
