package dev.quiver.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ObjectKeysTest {

  @Test
  void validKeys() {
    for (String key : List.of("a", "a/b", "a.b/c..d/...", "..a", "a..", "x y/#?%", "\u00E9/\uD83D\uDE00",
        "x".repeat(ObjectKeys.MAX_KEY_BYTES), "\u00E9".repeat(ObjectKeys.MAX_KEY_BYTES / 2))) {
      assertNull(ObjectKeys.keyProblem(key), key);
      assertEquals(key, ObjectKeys.requireValidKey(key, "memory://t"));
    }
  }

  @Test
  void invalidKeysSayWhy() {
    assertEquals("the key is empty", ObjectKeys.keyProblem(""));
    assertEquals("the key starts with '/' (keys are relative to the store)", ObjectKeys.keyProblem("/a"));
    assertEquals("the key ends with '/' (that names a prefix, not an object)", ObjectKeys.keyProblem("a/"));
    assertEquals("the key has an empty segment ('//')", ObjectKeys.keyProblem("a//b"));
    assertEquals("the key has a '..' segment (keys may not climb out of the store)", ObjectKeys.keyProblem("a/../b"));
    assertEquals("the key has a '.' segment (keys may not climb out of the store)", ObjectKeys.keyProblem("."));
    assertEquals("the key contains a NUL character", ObjectKeys.keyProblem("a\0"));
    assertEquals("the key contains a backslash", ObjectKeys.keyProblem("a\\b"));
    assertEquals("the key is not well-formed UTF-16 (lone surrogate at index 1)", ObjectKeys.keyProblem("a\uDE00"));
    assertEquals("the key is not well-formed UTF-16 (lone surrogate at index 1)", ObjectKeys.keyProblem("a\uD83D"));
    assertEquals("the key is 1026 bytes in UTF-8, more than 1024", ObjectKeys.keyProblem("\u00E9".repeat(513)));

    ObjectStoreException e =
        assertThrows(ObjectStoreException.class, () -> ObjectKeys.requireValidKey("../x", "file:///data"));
    assertEquals(ObjectStoreException.Kind.INVALID_KEY, e.kind());
    assertEquals("file:///data/../x", e.location());
  }

  @Test
  void prefixesMayEndInAPartialSegment() {
    for (String prefix : List.of("", "a", "a/", "a/b", "a/..", "a/.", "..", ".", "a/b/")) {
      assertNull(ObjectKeys.prefixProblem(prefix), prefix);
    }
    for (String prefix : List.of("/", "/a", "../", "a/../", "a//", "./x", "a\0", "a\\", "a\uD800")) {
      assertNotNull(ObjectKeys.prefixProblem(prefix), prefix);
    }
  }

  @Test
  void orderIsUtf8ByteOrder() {
    Random random = new Random(42);
    int[] codePoints = {'a', 'z', '/', '-', 0xE9, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x1F600,
        0x10FFFF};
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      StringBuilder sb = new StringBuilder();
      int length = random.nextInt(4);
      for (int j = 0; j < length; j++) {
        sb.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
      }
      keys.add(sb.toString());
    }
    for (String a : keys) {
      for (String b : keys) {
        int expected = Integer.signum(Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, Integer.signum(ObjectKeys.compare(a, b)), a + " vs " + b);
      }
    }
    assertTrue(ObjectKeys.ORDER.compare("\uFFFD", "\uD83D\uDE00") < 0);
    assertTrue("\uFFFD".compareTo("\uD83D\uDE00") > 0);
  }

  @Test
  void locationsJoinWithOneSlash() {
    assertEquals("file:///data/x.parquet", ObjectKeys.location("file:///data", "x.parquet"));
    assertEquals("file:///x.parquet", ObjectKeys.location("file:///", "x.parquet"));
    assertEquals("s3://bucket/a/b", ObjectKeys.location("s3://bucket", "a/b"));
  }
}
