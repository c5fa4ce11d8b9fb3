package dev.quiver.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Parses JSON lines and compares JSON trees exactly: keys in the same order, integers equal as big integers,
 * floating point numbers equal bit for bit as doubles (so {@code -0.0} differs from {@code 0.0}), and an integer
 * never equal to a floating point number. Whitespace does not matter; values do.
 */
final class JsonTrees {
  /** Reads integers as big integers (exact whatever their size) and other numbers as doubles. */
  static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private JsonTrees() {}

  /** Each line of {@code text} parsed as one JSON value. */
  static List<JsonNode> parseLines(String text) {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : text.lines().toList()) {
      try {
        nodes.add(MAPPER.readTree(line));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new UncheckedIOException("not JSON: " + line, e);
      }
    }
    return nodes;
  }

  /** The first difference between {@code expected} and {@code actual}, as a path and both values, or null. */
  static String difference(JsonNode expected, JsonNode actual, String path) {
    if (expected.isNumber() && actual.isNumber()) {
      if (expected.isIntegralNumber() != actual.isIntegralNumber()) {
        return path + ": expected " + expected + " but was " + actual + " (integer vs floating point)";
      }
      boolean same = expected.isIntegralNumber()
          ? expected.bigIntegerValue().equals(actual.bigIntegerValue())
          : Double.doubleToLongBits(expected.doubleValue()) == Double.doubleToLongBits(actual.doubleValue());
      return same ? null : path + ": expected " + expected + " but was " + actual;
    }
    if (expected.getNodeType() != actual.getNodeType()) {
      return path + ": expected " + expected + " but was " + actual;
    }
    if (expected.isObject()) {
      List<String> expectedKeys = keys(expected);
      List<String> actualKeys = keys(actual);
      if (!expectedKeys.equals(actualKeys)) {
        return path + ": expected keys " + expectedKeys + " but was " + actualKeys;
      }
      for (String key : expectedKeys) {
        String d = difference(expected.get(key), actual.get(key), path + "." + key);
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    if (expected.isArray()) {
      if (expected.size() != actual.size()) {
        return path + ": expected " + expected.size() + " elements but was " + actual.size();
      }
      for (int i = 0; i < expected.size(); i++) {
        String d = difference(expected.get(i), actual.get(i), path + "[" + i + "]");
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    return expected.equals(actual) ? null : path + ": expected " + expected + " but was " + actual;
  }

  private static List<String> keys(JsonNode object) {
    List<String> keys = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      keys.add(it.next().getKey());
    }
    return keys;
  }
}
