package dev.quiver.store;

import java.util.List;

/**
 * One listing with a delimiter: the objects directly under the prefix, and the common prefixes that group the
 * deeper keys (S3 ListObjectsV2 {@code Contents} and {@code CommonPrefixes}).
 *
 * @param objects the objects whose key has no delimiter after the prefix, in key order ({@link ObjectKeys#ORDER})
 * @param commonPrefixes each distinct {@code prefix + ... + delimiter} that groups deeper keys, in key order
 */
public record ListResult(List<ObjectMetadata> objects, List<String> commonPrefixes) {

  /** Copies both lists; they are immutable afterwards. */
  public ListResult {
    objects = List.copyOf(objects);
    commonPrefixes = List.copyOf(commonPrefixes);
  }
}
