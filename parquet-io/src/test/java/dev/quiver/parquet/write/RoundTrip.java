package dev.quiver.parquet.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.parquet.read.ArrowCanonical;
import dev.quiver.parquet.read.ParquetBatchReader;
import dev.quiver.parquet.read.ParquetFileReader;
import dev.quiver.parquet.read.ReadOptions;
import dev.quiver.store.ObjectStore;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryEncoder;
import org.apache.arrow.vector.dictionary.DictionaryProvider;

/** Helpers: canonical rows of batches, and reading a file back with Quiver's reader into canonical rows. */
final class RoundTrip {
  private RoundTrip() {}

  /** Canonical strings per top-level field, appended row by row (dictionary fields decoded). */
  static void canonical(VectorSchemaRoot root, DictionaryProvider dictionaries, List<List<String>> out) {
    List<FieldVector> vectors = root.getFieldVectors();
    while (out.size() < vectors.size()) {
      out.add(new ArrayList<>());
    }
    for (int f = 0; f < vectors.size(); f++) {
      FieldVector v = vectors.get(f);
      FieldVector decoded = v;
      if (v.getField().getDictionary() != null) {
        Dictionary d = dictionaries.lookup(v.getField().getDictionary().getId());
        decoded = (FieldVector) DictionaryEncoder.decode(v, d);
      }
      try {
        for (int i = 0; i < root.getRowCount(); i++) {
          out.get(f).add(ArrowCanonical.value(decoded, i));
        }
      } finally {
        if (decoded != v) {
          ((ValueVector) decoded).close();
        }
      }
    }
  }

  /** Reads {@code key} with Quiver's reader into canonical strings per top-level field. */
  static List<List<String>> readQuiver(ObjectStore store, String key, BufferAllocator allocator, int fields) {
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < fields; i++) {
      out.add(new ArrayList<>());
    }
    try (ParquetFileReader reader = ParquetFileReader.open(store, key);
        ParquetBatchReader batches = reader.read(allocator, ReadOptions.defaults().withVerifyChecksums(true))) {
      while (batches.hasNext()) {
        try (VectorSchemaRoot root = batches.next()) {
          canonical(root, batches.dictionaries(), out);
        }
      }
    }
    return out;
  }

  static void assertSameRows(List<List<String>> expected, List<List<String>> actual, String what) {
    assertEquals(expected.size(), actual.size(), what + ": field count");
    for (int f = 0; f < expected.size(); f++) {
      assertEquals(expected.get(f).size(), actual.get(f).size(), what + ": rows of field " + f);
      for (int i = 0; i < expected.get(f).size(); i++) {
        assertEquals(expected.get(f).get(i), actual.get(f).get(i), what + ": field " + f + " row " + i);
      }
    }
  }
}
