package dev.quiver.cli.convert;

import dev.quiver.store.ObjectLocation;
import dev.quiver.store.ObjectStores;
import dev.quiver.store.local.LocalFileSystem;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A text input named by a path or URL ({@link ObjectStores#resolve}), opened as a stream as many times as needed
 * (once to infer the schema, once to convert). Local files are read with {@link Files}; other stores stream
 * ({@code getStream}). Counts the bytes read across opens, for the progress bar.
 */
public final class InputFile implements AutoCloseable {
  private final String name;
  private final ObjectLocation location;
  private final AtomicLong bytesRead = new AtomicLong();

  /**
   * @param name a path, {@code file://}, {@code s3://} or {@code memory://} URL
   * @throws dev.quiver.store.ObjectStoreException for a location that cannot be resolved
   */
  public InputFile(String name) {
    this.name = name;
    this.location = ObjectStores.resolve(name);
  }

  private Path localPath() {
    return location.store() instanceof LocalFileSystem ? ((LocalFileSystem) location.store()).resolve(location.key())
        : null;
  }

  /**
   * The input's size in bytes.
   *
   * @throws IOException when it is missing or cannot be read
   */
  public long size() throws IOException {
    Path path = localPath();
    if (path != null) {
      if (!Files.isRegularFile(path)) {
        throw new NoSuchFileException(name, null, Files.isDirectory(path) ? "a folder, not a file" : "no such file");
      }
      return Files.size(path);
    }
    return ObjectStores.await(location.store().head(location.key())).size();
  }

  /**
   * A new stream over the whole input, counting into {@link #bytesRead()}; the caller closes it.
   *
   * @throws IOException (NoSuchFileException for a missing local file) when it cannot be opened
   */
  public InputStream open() throws IOException {
    Path path = localPath();
    InputStream in;
    if (path != null) {
      if (!Files.isRegularFile(path)) {
        throw new NoSuchFileException(name, null, Files.isDirectory(path) ? "a folder, not a file" : "no such file");
      }
      in = Files.newInputStream(path);
    } else {
      in = ObjectStores.await(location.store().getStream(location.key(), null));
    }
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          bytesRead.incrementAndGet();
        }
        return b;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
          bytesRead.addAndGet(n);
        }
        return n;
      }
    };
  }

  /** Bytes read through all streams opened so far. */
  public long bytesRead() {
    return bytesRead.get();
  }

  /** Resets {@link #bytesRead()} to 0 (after inference, before the conversion pass). */
  public void resetBytesRead() {
    bytesRead.set(0);
  }

  @Override
  public void close() {
    location.close();
  }
}
