package dev.quiver.parquet.write;

import dev.quiver.codec.CodecName;
import dev.quiver.parquet.format.Encoding;
import dev.quiver.parquet.testing.LeakCheckedAllocator;
import dev.quiver.store.memory.InMemoryStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writer then Quiver's reader: random Arrow schemas (every leaf type, nullability, lists, large and fixed-size
 * lists, structs and maps nested up to three levels, a dictionary-encoded column), random batches (empty ones,
 * all-null columns, zero-row files included) and random writer properties; every value read back equals the value
 * written, compared through {@link dev.quiver.parquet.read.ArrowCanonical}'s canonical strings.
 */
class WriterRoundTripPropertyTest {
  private static final CodecName[] CODECS = {
    CodecName.UNCOMPRESSED, CodecName.SNAPPY, CodecName.GZIP, CodecName.ZSTD, CodecName.LZ4_RAW, CodecName.BROTLI,
    CodecName.LZ4_HADOOP
  };
  private static final Encoding[] ENCODINGS = {
    Encoding.PLAIN, Encoding.DELTA_BINARY_PACKED, Encoding.DELTA_LENGTH_BYTE_ARRAY, Encoding.DELTA_BYTE_ARRAY,
    Encoding.BYTE_STREAM_SPLIT, Encoding.RLE
  };

  @Property(tries = 150)
  void writtenBatchesReadBackEqual(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed,
      @ForAll @IntRange(min = 0, max = 3) int depth, @ForAll @IntRange(min = 0, max = 4) int batches) {
    Random r = new Random(seed);
    RandomBatches gen = new RandomBatches(seed);
    gen.nullPercent = r.nextInt(8) == 0 ? 100 : r.nextInt(8) == 0 ? 0 : 20;
    Schema generated = gen.schema(1 + r.nextInt(4), depth);
    boolean withDictionary = r.nextInt(4) == 0;
    List<Field> fields = new ArrayList<>(generated.getFields());
    if (withDictionary) {
      fields.add(new Field("dict", new FieldType(true, new ArrowType.Int(32, true),
          new DictionaryEncoding(7L, false, new ArrowType.Int(32, true))), null));
    }
    Schema schema = new Schema(fields);
    WriterProperties props = randomProperties(r);
    try (LeakCheckedAllocator a = new LeakCheckedAllocator(); InMemoryStore store = new InMemoryStore("p")) {
      List<List<String>> expected = new ArrayList<>();
      for (int i = 0; i < schema.getFields().size(); i++) {
        expected.add(new ArrayList<>());
      }
      try (VarCharVector dictionary = dictionaryValues(a.get(), r)) {
        DictionaryProvider.MapDictionaryProvider provider = new DictionaryProvider.MapDictionaryProvider();
        provider.put(new Dictionary(dictionary, new DictionaryEncoding(7L, false, new ArrowType.Int(32, true))));
        try (ParquetWriter w = ParquetWriter.open(store, "x.parquet", schema, props)) {
          for (int b = 0; b < batches; b++) {
            int rows = r.nextInt(5) == 0 ? 0 : r.nextInt(r.nextBoolean() ? 20 : 700);
            try (VectorSchemaRoot root = batch(gen, generated, schema, a.get(), rows, r, dictionary)) {
              RoundTrip.canonical(root, provider, expected);
              w.write(root, provider);
            }
          }
          if (batches == 0 && withDictionary) {
            try (VectorSchemaRoot root = batch(gen, generated, schema, a.get(), 0, r, dictionary)) {
              w.write(root, provider); // the dictionary's value type comes with the first batch
            }
          }
        }
      }
      List<List<String>> actual = RoundTrip.readQuiver(store, "x.parquet", a.get(), schema.getFields().size());
      RoundTrip.assertSameRows(expected, actual, "seed " + seed + " " + props.codec() + " v"
          + props.dataPageVersion() + " " + props.encoding() + " dict=" + props.dictionary() + " " + schema);
    }
  }

  static WriterProperties randomProperties(Random r) {
    WriterProperties.Builder b = WriterProperties.builder()
        .codec(CODECS[r.nextInt(CODECS.length)])
        .encoding(ENCODINGS[r.nextInt(ENCODINGS.length)])
        .dictionary(r.nextBoolean())
        .dataPageVersion(1 + r.nextInt(2))
        .dataPageSize(r.nextBoolean() ? 64 + r.nextInt(2000) : 1 << 20)
        .rowGroupRows(r.nextBoolean() ? 1 + r.nextInt(500) : 1 << 20)
        .dataPageRowLimit(r.nextBoolean() ? 1 + r.nextInt(300) : 20_000)
        .pageChecksums(r.nextBoolean())
        .statistics(StatisticsLevel.values()[r.nextInt(3)]);
    if (r.nextInt(4) == 0) {
      b.dictionaryPageSizeLimit(1 + r.nextInt(200));
    }
    if (r.nextInt(5) == 0) {
      b.rowGroupBytes(1 + r.nextInt(5000));
    }
    return b.build();
  }

  private static VarCharVector dictionaryValues(BufferAllocator a, Random r) {
    VarCharVector v = new VarCharVector("dictionary", a);
    int n = 1 + r.nextInt(20);
    v.allocateNew();
    for (int i = 0; i < n; i++) {
      v.setSafe(i, ("word" + i + "é").getBytes(StandardCharsets.UTF_8));
    }
    v.setValueCount(n);
    return v;
  }

  private static VectorSchemaRoot batch(RandomBatches gen, Schema generated, Schema schema, BufferAllocator a,
      int rows, Random r, VarCharVector dictionary) {
    VectorSchemaRoot data = gen.batch(generated, a, rows);
    if (schema.getFields().size() == generated.getFields().size()) {
      return data;
    }
    List<FieldVector> vectors = new ArrayList<>(data.getFieldVectors());
    IntVector indices = (IntVector) schema.getFields().get(schema.getFields().size() - 1).createVector(a);
    indices.allocateNew(rows);
    for (int i = 0; i < rows; i++) {
      if (r.nextInt(5) == 0) {
        indices.setNull(i);
      } else {
        indices.set(i, r.nextInt(dictionary.getValueCount()));
      }
    }
    indices.setValueCount(rows);
    vectors.add(indices);
    return new VectorSchemaRoot(schema.getFields(), vectors, rows);
  }
}
