package dev.quiver.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs every {@link DictionaryDecodingBenchmark} method once, checking the gathered values. */
class DictionaryDecodingBenchmarkTest {
  @ParameterizedTest
  @ValueSource(ints = {16, 1000})
  void gathersTheIndexedEntries(int size) {
    DictionaryDecodingBenchmark b = new DictionaryDecodingBenchmark();
    b.dictionarySize = size;
    b.setup();
    int last = b.indices[DictionaryDecodingBenchmark.VALUES - 1];
    assertEquals(b.dictionary4[last * 4 + 3], b.fixed4());
    assertEquals(b.dictionary8[last * 8 + 7], b.fixed8());
    long bytes = 0;
    int[] offsets = b.stringDictionary.offsets();
    for (int i : b.indices) {
      bytes += offsets[i + 1] - offsets[i];
    }
    assertEquals(bytes, b.binary());
  }
}
