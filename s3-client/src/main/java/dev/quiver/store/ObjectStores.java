package dev.quiver.store;

import dev.quiver.store.ObjectStoreException.Kind;
import dev.quiver.store.local.LocalFileSystem;
import dev.quiver.store.memory.InMemoryStore;
import dev.quiver.store.s3.S3Config;
import dev.quiver.store.s3.S3Store;
import dev.quiver.store.s3.auth.AwsEnvironment;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Turns the locations users type into a store and a key, and keeps the registry of named in-memory stores.
 *
 * <p>Thread-safe.
 */
public final class ObjectStores {

  private static final ConcurrentMap<String, InMemoryStore> MEMORY_STORES = new ConcurrentHashMap<>();

  private ObjectStores() {}

  /**
   * The store and key named by {@code location}:
   * <ul>
   *   <li>a plain path, relative (to the working directory) or absolute, or a {@code file:} URI
   *       ({@code file:///abs/path}, {@code file:/abs/path}, {@code file://localhost/abs/path}, percent-encoded as
   *       URIs are): a new {@link LocalFileSystem} rooted at the file's parent folder, the file name as key; the
   *       location owns that store. The path is made absolute and normalized lexically first ({@code a/../b} is
   *       {@code b}), and the file need not exist;</li>
   *   <li>{@code memory://name/key}: the shared {@link InMemoryStore} called {@code name} (see
   *       {@link #memoryStore(String)}), which the location does not own;</li>
   *   <li>{@code s3://bucket/key}: a new {@link S3Store} for the bucket, which the location owns, with credentials,
   *       region and endpoint from the environment and the AWS profile files ({@link AwsEnvironment#load()}); a
   *       custom endpoint ({@code AWS_ENDPOINT_URL}) is addressed path style. The key is taken literally (not
   *       percent-decoded), as the AWS CLI does. Every such store runs on the process's one shared Netty event
   *       loop group ({@link S3Store#onSharedEventLoop}), which stops when the last of them is closed.</li>
   * </ul>
   * A location is taken as a URI only when it starts with a scheme followed by {@code ://} (or is a {@code file:}
   * URI); anything else, {@code a:b.parquet} included, is a plain path. Schemes are case-insensitive. No I/O
   * happens here.
   *
   * @throws ObjectStoreException of kind {@code UNSUPPORTED} for unknown schemes and for {@code file:} URIs naming
   *     another host; of kind {@code INVALID_KEY} for an empty location, a malformed {@code file:} URI (opaque, with
   *     a query or fragment, bad syntax), a path without a file name ({@code /}), a {@code memory:} or {@code s3:}
   *     location without a name/bucket or key, an invalid bucket name or endpoint, and a key that breaks the rules
   *     of {@link ObjectKeys}
   * @throws NullPointerException when {@code location} is null
   */
  public static ObjectLocation resolve(String location) {
    return resolve(location, null);
  }

  /**
   * As {@link #resolve(String)}, with {@code s3://} locations configured from {@code aws} instead of this process's
   * environment (null: {@link AwsEnvironment#load()}, read only when an {@code s3://} location needs it).
   */
  public static ObjectLocation resolve(String location, AwsEnvironment aws) {
    Objects.requireNonNull(location, "location");
    if (location.isEmpty()) {
      throw new ObjectStoreException(Kind.INVALID_KEY, location, "the location is empty");
    }
    String scheme = schemeOf(location);
    if (scheme == null) {
      return local(location, location);
    }
    switch (scheme) {
      case "file":
        return file(location);
      case "memory":
        return memory(location, location.substring("memory://".length()));
      case "s3":
        return s3(location, location.substring(location.indexOf("://") + 3), aws);
      default:
        throw new ObjectStoreException(Kind.UNSUPPORTED, location, "unknown scheme '" + scheme
            + "://'; Quiver reads plain paths, file://, s3:// and memory:// locations");
    }
  }

  /**
   * The shared in-memory store called {@code name}, created empty on first use. A shared store that was closed is
   * replaced by a new, empty one on the next call. Stores live until {@link #removeMemoryStore(String)}.
   *
   * @throws IllegalArgumentException for a name that is empty or contains '/'
   */
  public static InMemoryStore memoryStore(String name) {
    Objects.requireNonNull(name, "name");
    return MEMORY_STORES.compute(name, (n, store) -> store == null || store.isClosed() ? new InMemoryStore(n) : store);
  }

  /** Forgets and closes the shared in-memory store called {@code name}, if there is one. */
  public static void removeMemoryStore(String name) {
    Objects.requireNonNull(name, "name");
    InMemoryStore store = MEMORY_STORES.remove(name);
    if (store != null) {
      store.close();
    }
  }

  /**
   * Waits for {@code future} and returns its value; a failure is rethrown as the exception the store raised (an
   * {@link ObjectStoreException}, usually) rather than wrapped in a {@link CompletionException}.
   *
   * @throws ObjectStoreException the store's failure
   * @throws java.util.concurrent.CancellationException when the future was cancelled
   */
  public static <T> T await(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  /** The lower-cased scheme when {@code location} is a URI we should interpret, else null (a plain path). */
  private static String schemeOf(String location) {
    int colon = location.indexOf(':');
    if (colon <= 0 || !Character.isLetter(location.charAt(0))) {
      return null;
    }
    for (int i = 1; i < colon; i++) {
      char c = location.charAt(i);
      if (!(c < 0x80 && (Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.'))) {
        return null;
      }
    }
    String scheme = location.substring(0, colon).toLowerCase(Locale.ROOT);
    boolean slashes = location.startsWith("//", colon + 1);
    return slashes || scheme.equals("file") ? scheme : null;
  }

  private static ObjectLocation file(String location) {
    URI uri;
    try {
      uri = new URI(location);
    } catch (URISyntaxException e) {
      throw new ObjectStoreException(Kind.INVALID_KEY, location, "not a valid file URI (" + e.getReason()
          + "); percent-encode special characters, or pass a plain path", null, e);
    }
    if (uri.isOpaque()) {
      throw new ObjectStoreException(Kind.INVALID_KEY, location, "a file URI needs an absolute path: file:///path");
    }
    String host = uri.getRawAuthority();
    if (host != null && !host.isEmpty() && !host.equalsIgnoreCase("localhost")) {
      throw new ObjectStoreException(Kind.UNSUPPORTED, location, "file URIs naming a host ('" + host
          + "') are not supported; for a local file write file:///absolute/path");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new ObjectStoreException(Kind.INVALID_KEY, location,
          "a file URI cannot have a query or fragment; percent-encode '?' and '#' in file names");
    }
    String path = uri.getPath();
    if (path == null || path.isEmpty()) {
      throw new ObjectStoreException(Kind.INVALID_KEY, location, "the file URI has no path");
    }
    return local(path, location);
  }

  private static ObjectLocation local(String path, String location) {
    Path file;
    try {
      file = Path.of(path).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new ObjectStoreException(Kind.INVALID_KEY, location, "not a valid path: " + e.getReason(), null, e);
    }
    Path name = file.getFileName();
    if (name == null) {
      throw new ObjectStoreException(Kind.INVALID_KEY, location, "the path names no file");
    }
    LocalFileSystem store = new LocalFileSystem(file.getParent());
    String key = name.toString();
    store.resolve(key);
    return new ObjectLocation(store, key, true);
  }

  private static ObjectLocation s3(String location, String rest, AwsEnvironment aws) {
    int slash = rest.indexOf('/');
    if (slash <= 0 || slash == rest.length() - 1) {
      throw new ObjectStoreException(Kind.INVALID_KEY, location, "an S3 location names a bucket and a key: "
          + "s3://bucket/key");
    }
    String bucket = rest.substring(0, slash);
    String key = ObjectKeys.requireValidKey(rest.substring(slash + 1), "s3://" + bucket);
    S3Config config;
    try {
      config = S3Config.fromEnvironment(bucket, aws != null ? aws : AwsEnvironment.load());
    } catch (IllegalArgumentException e) {
      throw new ObjectStoreException(Kind.INVALID_KEY, location, e.getMessage(), null, e);
    }
    return new ObjectLocation(S3Store.onSharedEventLoop(config), key, true);
  }

  private static ObjectLocation memory(String location, String rest) {
    int slash = rest.indexOf('/');
    if (slash <= 0 || slash == rest.length() - 1) {
      throw new ObjectStoreException(Kind.INVALID_KEY, location,
          "an in-memory location names a store and a key: memory://name/key");
    }
    String name = rest.substring(0, slash);
    String key = ObjectKeys.requireValidKey(rest.substring(slash + 1), "memory://" + name);
    return new ObjectLocation(memoryStore(name), key, false);
  }
}
