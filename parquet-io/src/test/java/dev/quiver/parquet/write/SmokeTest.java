package dev.quiver.parquet.write;

import dev.quiver.parquet.testing.LeakCheckedAllocator;
import dev.quiver.store.memory.InMemoryStore;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void flatTypes() {
    for (long seed = 0; seed < 40; seed++) {
      RandomBatches gen = new RandomBatches(seed);
      Schema schema = gen.schema(4, seed < 10 ? 0 : 2);
      try (LeakCheckedAllocator a = new LeakCheckedAllocator(); InMemoryStore store = new InMemoryStore("t")) {
        List<List<String>> expected = new ArrayList<>();
        WriterProperties props = WriterProperties.builder().dataPageSize(512).rowGroupRows(300)
            .dataPageVersion(seed % 2 == 0 ? 1 : 2).build();
        try (ParquetWriter w = ParquetWriter.open(store, "f.parquet", schema, props)) {
          for (int b = 0; b < 3; b++) {
            try (VectorSchemaRoot root = gen.batch(schema, a.get(), 200)) {
              RoundTrip.canonical(root, null, expected);
              w.write(root);
            }
          }
        }
        List<List<String>> actual = RoundTrip.readQuiver(store, "f.parquet", a.get(), schema.getFields().size());
        RoundTrip.assertSameRows(expected, actual, "seed " + seed + " " + schema);
      }
    }
  }
}
