package dev.quiver.exec.dataset;

import dev.quiver.exec.QueryException;
import dev.quiver.exec.expr.Binder;
import dev.quiver.exec.types.DataType;
import dev.quiver.exec.vector.ArrowBridge;
import dev.quiver.exec.vector.Schema;
import dev.quiver.parquet.ParquetException;
import dev.quiver.parquet.read.ParquetFileReader;
import dev.quiver.parquet.schema.ColumnDescriptor;
import dev.quiver.store.ObjectLocation;
import dev.quiver.store.ObjectMetadata;
import dev.quiver.store.ObjectStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The Parquet files a query reads: one file, a local directory (every {@code .parquet} file below it), or a glob
 * over a store ({@code data/*.parquet}, {@code s3://b/k/**}{@code /*.parquet}; {@code *} and {@code ?} stay within
 * one folder, {@code **} crosses folders), listed through {@link dev.quiver.store.ObjectStore#list}. Folder names
 * {@code name=value} become partition columns (BIGINT when every value is an integer, else VARCHAR), after the
 * file columns. Files' schemas are unified by column name: types widen to their common type, a column missing
 * from a file reads as nulls. Owns the stores it opened: {@link #close()} them after the query.
 */
public final class Dataset implements AutoCloseable {
  private final String location;
  private final List<DataFile> files;
  private final Schema schema;
  private final List<String> partitionColumns;
  private final ObjectLocation owned;

  private Dataset(String location, List<DataFile> files, Schema schema, List<String> partitionColumns,
      ObjectLocation owned) {
    this.location = location;
    this.files = files;
    this.schema = schema;
    this.partitionColumns = partitionColumns;
    this.owned = owned;
  }

  /**
   * Opens the files at {@code location} and reads their footers.
   *
   * @throws QueryException when nothing matches, or the files' schemas conflict (the column and types named)
   * @throws ParquetException when a footer is corrupt
   * @throws dev.quiver.store.ObjectStoreException when the store fails
   */
  public static Dataset open(String location) {
    String loc = location;
    int glob = firstGlobChar(loc);
    if (glob < 0 && ObjectStoresHelper.isLocalDirectory(loc)) {
      loc = loc.replaceAll("/+$", "") + "/**/*.parquet";
      glob = firstGlobChar(loc);
    }
    if (glob < 0) {
      ObjectLocation ol = ObjectStores.resolve(loc);
      try {
        if (ol.store() instanceof dev.quiver.store.local.LocalFileSystem && ol.ownsStore()) {
          return openCached(location, loc, ol);
        }
        DataFile f = openFile(ol, ol.key(), loc, Map.of());
        return build(location, List.of(f), ol);
      } catch (RuntimeException e) {
        ol.close();
        throw e;
      }
    }
    int slash = loc.lastIndexOf('/', glob);
    String dir = slash < 0 ? "." : loc.substring(0, slash);
    String pattern = loc.substring(slash + 1);
    String probe = "__quiver_probe";
    ObjectLocation ol = ObjectStores.resolve(dir + "/" + probe);
    try {
      String keyPrefix = ol.key().substring(0, ol.key().length() - probe.length());
      Pattern regex = Pattern.compile(globToRegex(pattern));
      List<ObjectMetadata> listed = ObjectStores.await(ol.store().list(keyPrefix));
      List<DataFile> files = new ArrayList<>();
      List<String> keys = new ArrayList<>();
      for (ObjectMetadata m : listed) {
        String rel = m.key().substring(keyPrefix.length());
        if (regex.matcher(rel).matches() && !rel.contains("/.") && !rel.startsWith(".")) {
          keys.add(m.key());
        }
      }
      keys.sort(null);
      for (String key : keys) {
        String rel = key.substring(keyPrefix.length());
        files.add(openFile(ol, key, dir + "/" + rel, partitions(rel, dir + "/" + rel)));
      }
      if (files.isEmpty()) {
        throw new QueryException("no files match " + location);
      }
      return build(location, files, ol);
    } catch (RuntimeException e) {
      ol.close();
      throw e;
    }
  }

  /**
   * One local file through the {@link FooterCache}: when the file is unchanged since it was cached (size,
   * modification time, ETag), its opened {@link DataFile} is used and {@code ol} (just resolved) is closed; else the
   * file is opened on {@code ol}, whose store the cache then keeps. Either way the dataset does not own the store.
   */
  private static Dataset openCached(String location, String loc, ObjectLocation ol) {
    ObjectMetadata now = ObjectStores.await(ol.store().head(ol.key()));
    FooterCache.Entry hit = FooterCache.get(loc, now);
    if (hit != null) {
      ol.close();
      return build(location, List.of(hit.file()), new ObjectLocation(hit.location().store(), hit.location().key()));
    }
    DataFile f = openFile(ol, ol.key(), loc, Map.of());
    Dataset d = build(location, List.of(f), new ObjectLocation(ol.store(), ol.key()));
    FooterCache.put(loc, new FooterCache.Entry(ol, now, f));
    return d;
  }

  /** Local-path checks, kept apart from the store-agnostic code. */
  private static final class ObjectStoresHelper {
    static boolean isLocalDirectory(String loc) {
      if (loc.contains("://")) {
        return false;
      }
      try {
        return Files.isDirectory(Path.of(loc));
      } catch (RuntimeException e) {
        return false;
      }
    }
  }

  private static int firstGlobChar(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == '{') {
        return i;
      }
    }
    return -1;
  }

  static String globToRegex(String glob) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*') {
        if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
          i++;
          if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
            i++;
            sb.append("(?:.*/)?");
          } else {
            sb.append(".*");
          }
        } else {
          sb.append("[^/]*");
        }
      } else if (c == '?') {
        sb.append("[^/]");
      } else if (c == '{') {
        sb.append("(?:");
      } else if (c == '}') {
        sb.append(')');
      } else if (c == ',') {
        sb.append('|');
      } else if (c == '[' || c == ']') {
        sb.append(c);
      } else {
        sb.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return sb.toString();
  }

  /** The NULL partition value in a Hive or Spark folder name ({@code col=__HIVE_DEFAULT_PARTITION__}). */
  static final String HIVE_NULL = "__HIVE_DEFAULT_PARTITION__";

  /** The NULL partition value in a folder name DuckDB writes ({@code col=NULL}), which DuckDB reads as NULL. */
  static final String DUCKDB_NULL = "NULL";

  /**
   * Hive partition values from the folder names of a file's key relative to the dataset root: {@code k=v} folders
   * give k → v with {@code %XX} escapes decoded as UTF-8 bytes ('+' stays '+'; Hive escapes only with %), and
   * {@value #HIVE_NULL} or {@value #DUCKDB_NULL} gives k → null.
   *
   * @throws QueryException naming {@code location} when a '%' is not followed by two hex digits or the decoded
   *     bytes are not UTF-8
   */
  static Map<String, String> partitions(String relativeKey, String location) {
    Map<String, String> out = new LinkedHashMap<>();
    String[] parts = relativeKey.split("/");
    for (int i = 0; i < parts.length - 1; i++) {
      int eq = parts[i].indexOf('=');
      if (eq > 0) {
        String raw = parts[i].substring(eq + 1);
        boolean isNull = raw.equals(HIVE_NULL) || raw.equals(DUCKDB_NULL);
        out.put(parts[i].substring(0, eq), isNull ? null : percentDecode(raw, location));
      }
    }
    return out;
  }

  private static String percentDecode(String raw, String location) {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    byte[] in = raw.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(in.length);
    for (int i = 0; i < in.length; i++) {
      if (in[i] != '%') {
        out.write(in[i]);
        continue;
      }
      int hi = i + 2 < in.length ? Character.digit(in[i + 1], 16) : -1;
      int lo = i + 2 < in.length ? Character.digit(in[i + 2], 16) : -1;
      if (hi < 0 || lo < 0) {
        throw new QueryException("bad %-escape in the partition folder '" + raw + "' of " + location);
      }
      out.write(hi * 16 + lo);
      i += 2;
    }
    try {
      return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(out.toByteArray())).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new QueryException("the partition folder '" + raw + "' of " + location + " is not UTF-8 once decoded");
    }
  }

  private static DataFile openFile(ObjectLocation ol, String key, String location, Map<String, String> partitions) {
    ParquetFileReader reader = ParquetFileReader.open(ol.store(), key);
    try {
      List<String> names = new ArrayList<>();
      List<DataType> types = new ArrayList<>();
      List<Integer> leaves = new ArrayList<>();
      List<Boolean> prunable = new ArrayList<>();
      List<ColumnDescriptor> descriptors = reader.schema().columns();
      for (Field f : reader.arrowSchema().getFields()) {
        DataType t = ArrowBridge.typeOf(f); // nested and exotic types are OPAQUE pass-through columns
        int leaf = -1;
        for (ColumnDescriptor d : descriptors) {
          if (d.path().size() == 1 && d.path().get(0).equals(f.getName())) {
            leaf = d.index();
          }
        }
        names.add(f.getName());
        types.add(t);
        leaves.add(leaf);
        org.apache.arrow.vector.types.pojo.ArrowType at = f.getType();
        prunable.add(leaf >= 0 && ((at instanceof org.apache.arrow.vector.types.pojo.ArrowType.Int i && i.getIsSigned())
            || at instanceof org.apache.arrow.vector.types.pojo.ArrowType.Decimal
            || at instanceof org.apache.arrow.vector.types.pojo.ArrowType.Date
            || at instanceof org.apache.arrow.vector.types.pojo.ArrowType.Utf8));
      }
      return new DataFile(ol.store(), key, location, reader.metadata(), names, types, leaves, prunable, partitions,
          reader);
    } catch (RuntimeException e) {
      reader.close();
      throw e;
    }
  }

  private static Dataset build(String location, List<DataFile> files, ObjectLocation owned) {
    List<String> names = new ArrayList<>();
    List<DataType> types = new ArrayList<>();
    for (DataFile f : files) {
      for (int i = 0; i < f.columnNames().size(); i++) {
        String n = f.columnNames().get(i);
        DataType t = f.columnTypes().get(i);
        int at = indexOf(names, n);
        if (at < 0) {
          names.add(n);
          types.add(t);
        } else {
          DataType common = Binder.commonType(types.get(at), t);
          if (common == null) {
            throw new QueryException("column '" + n + "' is " + types.get(at) + " in one file and " + t + " in "
                + f.location());
          }
          types.set(at, common);
        }
      }
    }
    List<String> partitionColumns = new ArrayList<>();
    for (DataFile f : files) {
      for (String p : f.partitionValues().keySet()) {
        if (indexOf(partitionColumns, p) < 0 && indexOf(names, p) < 0) {
          partitionColumns.add(p);
        }
      }
    }
    for (String p : partitionColumns) {
      boolean allInts = true;
      for (DataFile f : files) {
        String v = value(f.partitionValues(), p);
        if (v != null && !v.matches("-?\\d{1,18}")) {
          allInts = false;
        }
      }
      names.add(p);
      types.add(allInts ? DataType.BIGINT : DataType.VARCHAR);
    }
    return new Dataset(location, List.copyOf(files), new Schema(names, types), List.copyOf(partitionColumns), owned);
  }

  /** The partition value of column {@code name} (case-insensitive) in {@code values}, or null. */
  public static String value(Map<String, String> values, String name) {
    for (Map.Entry<String, String> e : values.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  private static int indexOf(List<String> names, String n) {
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equalsIgnoreCase(n)) {
        return i;
      }
    }
    return -1;
  }

  /** The location the dataset was opened from. */
  public String location() {
    return location;
  }

  /** The files, sorted by key. */
  public List<DataFile> files() {
    return files;
  }

  /** The unified schema: file columns, then partition columns. */
  public Schema schema() {
    return schema;
  }

  /** The partition column names. */
  public List<String> partitionColumns() {
    return partitionColumns;
  }

  @Override
  public void close() {
    owned.close();
  }
}
