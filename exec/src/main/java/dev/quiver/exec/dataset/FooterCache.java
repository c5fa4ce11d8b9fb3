package dev.quiver.exec.dataset;

import dev.quiver.store.ObjectLocation;
import dev.quiver.store.ObjectMetadata;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Opened local Parquet files kept across queries, so a file queried again is not re-read and its footer not
 * re-decoded: entries map a file's location to its {@link DataFile} (footer, schema, opened reader) and the store
 * it was opened on. An entry is used only while the file's size, modification time and ETag (one {@code head} call
 * per query) are those it was opened with; otherwise the file is opened again and the entry replaced. Only files of
 * the local file system are kept (their stores hold no OS resources, so keeping them open costs memory only); at
 * most {@value #CAPACITY} files, least recently used dropped first. Thread-safe; process-wide.
 */
final class FooterCache {
  /** Files kept at most. */
  static final int CAPACITY = 64;

  /** A cached file: the store it was opened on (kept open by the cache), its metadata then, and the file. */
  record Entry(ObjectLocation location, ObjectMetadata metadata, DataFile file) {}

  private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
      return size() > CAPACITY;
    }
  };

  private FooterCache() {}

  /** The entry for {@code location} if it was opened with {@code now}'s size, modification time and ETag. */
  static synchronized Entry get(String location, ObjectMetadata now) {
    Entry e = ENTRIES.get(location);
    if (e == null) {
      return null;
    }
    ObjectMetadata then = e.metadata();
    boolean same = then.size() == now.size() && then.lastModified().equals(now.lastModified())
        && java.util.Objects.equals(then.etag(), now.etag());
    if (!same) {
      ENTRIES.remove(location);
      return null;
    }
    return e;
  }

  /** Keeps {@code entry} for {@code location} (replacing an older one, which queries still using it keep). */
  static synchronized void put(String location, Entry entry) {
    ENTRIES.put(location, entry);
  }

  /** Drops every entry (for tests). */
  static synchronized void clear() {
    ENTRIES.clear();
  }
}
