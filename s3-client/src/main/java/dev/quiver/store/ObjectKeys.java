package dev.quiver.store;

import java.util.Comparator;

/**
 * The rules for object keys shared by the stores in this module, their order, and how locations are spelt.
 *
 * <p>A valid key is a relative, '/'-separated name that means the same thing in every store, S3 and local
 * folders alike:
 * <ul>
 *   <li>non-empty, at most {@link #MAX_KEY_BYTES} bytes in UTF-8, well-formed UTF-16 (no lone surrogates);</li>
 *   <li>no leading '/' (keys are relative to the store), no trailing '/' (that names a prefix, not an object),
 *       no empty segment ({@code a//b});</li>
 *   <li>no {@code .} or {@code ..} segment, so a key can never climb out of its store's root;</li>
 *   <li>no NUL and no backslash (which some file systems read as a separator).</li>
 * </ul>
 * Stores may add their own rules (the local store reserves the names of its temporary files).
 *
 * <p>Keys are ordered by Unicode code point, which equals the byte order of their UTF-8 encoding and so the order
 * in which S3 lists keys; it differs from {@link String#compareTo} only for characters outside the Basic
 * Multilingual Plane.
 *
 * <p>Stateless and thread-safe.
 */
public final class ObjectKeys {

  /** The longest key, in UTF-8 bytes (S3's limit). */
  public static final int MAX_KEY_BYTES = 1024;

  /** Keys in Unicode code point order (= UTF-8 byte order, the order of S3 listings). */
  public static final Comparator<String> ORDER = ObjectKeys::compare;

  private ObjectKeys() {}

  /**
   * Returns {@code key} if it is valid, as described in the class comment.
   *
   * @param storeDescription the store's {@link ObjectStore#describe()}, for the error's location
   * @throws ObjectStoreException of kind {@code INVALID_KEY} naming the rule broken
   * @throws NullPointerException when {@code key} is null
   */
  public static String requireValidKey(String key, String storeDescription) {
    String problem = keyProblem(key);
    if (problem != null) {
      throw invalidKey(storeDescription, key, problem);
    }
    return key;
  }

  /**
   * Returns {@code prefix} if it is a valid listing prefix: {@code ""}, or a string without a leading '/' whose
   * complete segments (those followed by '/') obey the key rules; the last, partial segment may be anything a key
   * segment may contain, including {@code .} and {@code ..} (it only matches names starting with them).
   *
   * @throws ObjectStoreException of kind {@code INVALID_KEY} naming the rule broken
   * @throws NullPointerException when {@code prefix} is null
   */
  public static String requireValidPrefix(String prefix, String storeDescription) {
    String problem = prefixProblem(prefix);
    if (problem != null) {
      throw invalidKey(storeDescription, prefix, problem);
    }
    return prefix;
  }

  /** Why {@code key} is not a valid key, or null when it is. */
  public static String keyProblem(String key) {
    if (key.isEmpty()) {
      return "the key is empty";
    }
    if (key.charAt(0) == '/') {
      return "the key starts with '/' (keys are relative to the store)";
    }
    if (key.charAt(key.length() - 1) == '/') {
      return "the key ends with '/' (that names a prefix, not an object)";
    }
    String problem = segmentsProblem(key, key.length());
    return problem != null ? problem : charactersProblem(key);
  }

  /** Why {@code prefix} is not a valid listing prefix, or null when it is. */
  public static String prefixProblem(String prefix) {
    if (prefix.isEmpty()) {
      return null;
    }
    if (prefix.charAt(0) == '/') {
      return "the prefix starts with '/' (keys are relative to the store)";
    }
    int lastSlash = prefix.lastIndexOf('/');
    String problem = lastSlash < 0 ? null : segmentsProblem(prefix, lastSlash);
    return problem != null ? problem : charactersProblem(prefix);
  }

  /**
   * Compares two keys by Unicode code point (= UTF-8 byte order). Consistent with equals for well-formed strings.
   */
  public static int compare(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char ca = a.charAt(i);
      char cb = b.charAt(i);
      if (ca != cb) {
        // UTF-16 order and code point order differ only between surrogates (D800-DFFF, which encode code points
        // above FFFF) and E000-FFFF: move surrogates above every BMP character, keeping both groups' inner order.
        if (ca >= 0xD800 && cb >= 0xD800) {
          return codePointRank(ca) - codePointRank(cb);
        }
        return ca - cb;
      }
    }
    return a.length() - b.length();
  }

  /**
   * The location of {@code key} in a store: its description and the key joined by exactly one '/', such as
   * {@code file:///data} + {@code x.parquet} = {@code file:///data/x.parquet}.
   */
  public static String location(String storeDescription, String key) {
    if (storeDescription.endsWith("/") || key.startsWith("/")) {
      return storeDescription + key;
    }
    return storeDescription + "/" + key;
  }

  private static int codePointRank(char c) {
    return c >= 0xE000 ? c - 0x800 : c + 0x2000;
  }

  /** Checks the complete segments of {@code s[0, end)}: non-empty, not "." or "..". */
  private static String segmentsProblem(String s, int end) {
    int start = 0;
    while (start <= end) {
      int slash = s.indexOf('/', start);
      int segmentEnd = slash < 0 || slash > end ? end : slash;
      int length = segmentEnd - start;
      if (length == 0) {
        return "the key has an empty segment ('//')";
      }
      if (s.charAt(start) == '.' && (length == 1 || (length == 2 && s.charAt(start + 1) == '.'))) {
        return "the key has a '" + s.substring(start, segmentEnd) + "' segment (keys may not climb out of the store)";
      }
      start = segmentEnd + 1;
    }
    return null;
  }

  /** Checks the characters: no NUL, no backslash, well-formed UTF-16, and the UTF-8 length. */
  private static String charactersProblem(String s) {
    long utf8Bytes = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0) {
        return "the key contains a NUL character";
      } else if (c == '\\') {
        return "the key contains a backslash";
      } else if (c < 0x80) {
        utf8Bytes += 1;
      } else if (c < 0x800) {
        utf8Bytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return "the key is not well-formed UTF-16 (lone surrogate at index " + i + ")";
        }
        utf8Bytes += 4;
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return "the key is not well-formed UTF-16 (lone surrogate at index " + i + ")";
      } else {
        utf8Bytes += 3;
      }
    }
    if (utf8Bytes > MAX_KEY_BYTES) {
      return "the key is " + utf8Bytes + " bytes in UTF-8, more than " + MAX_KEY_BYTES;
    }
    return null;
  }

  private static ObjectStoreException invalidKey(String storeDescription, String key, String problem) {
    return new ObjectStoreException(ObjectStoreException.Kind.INVALID_KEY, location(storeDescription, key), problem);
  }
}
