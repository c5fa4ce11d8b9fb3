package dev.quiver.parquet.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.parquet.testing.LeakCheckedAllocator;
import dev.quiver.parquet.testing.ParquetTesting;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryEncoder;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;

/**
 * {@link ReadOptions#withDictionaryColumns}: named flat string and binary columns arrive as Int32 indices into
 * dictionaries from {@link ParquetBatchReader#dictionaries()}, whose decoded values equal parquet-java's, through
 * dictionary pages, the PLAIN fallback mid-chunk, files without dictionaries, v1 and v2 pages, and both reading
 * styles (whole batches and selective two-phase reads); other columns named are left as they are.
 */
class DictionaryColumnsTest {
  private static final Set<String> NAMES = Set.of("s", "raw", "dec40", "id", "tags", "no-such-column");

  @Test
  void namedStringAndBinaryColumnsComeDictionaryEncoded() {
    for (Path file : SelectiveBatchesTest.written()) {
      SelectiveBatchesTest.Expected expected = SelectiveBatchesTest.expected(file, file);
      try (LeakCheckedAllocator a = new LeakCheckedAllocator();
          ParquetFileReader reader = ParquetFileReader.open(file.toString());
          ParquetBatchReader batches = reader.read(a.get(), ReadOptions.defaults().withBatchSize(700)
              .withDictionaryColumns(NAMES))) {
        List<Field> fields = batches.schema().getFields();
        int s = expected.columns().indexOf("s");
        int raw = expected.columns().indexOf("raw");
        assertEquals(new ArrowType.Int(32, true), fields.get(s).getType());
        assertNotNull(fields.get(s).getDictionary());
        assertNotNull(fields.get(raw).getDictionary());
        assertNotEquals(fields.get(s).getDictionary().getId(), fields.get(raw).getDictionary().getId());
        for (String other : List.of("dec40", "id", "tags", "d")) {
          assertNull(fields.get(expected.columns().indexOf(other)).getDictionary(), other);
        }
        long base = 0;
        while (batches.hasNext()) {
          try (VectorSchemaRoot root = batches.next()) {
            assertInstanceOf(IntVector.class, root.getVector(s));
            Dictionary ds = batches.dictionaries().lookup(fields.get(s).getDictionary().getId());
            Dictionary dr = batches.dictionaries().lookup(fields.get(raw).getDictionary().getId());
            assertInstanceOf(VarCharVector.class, ds.getVector());
            assertInstanceOf(VarBinaryVector.class, dr.getVector());
            for (int[] c : new int[][] {{s}, {raw}}) {
              Dictionary d = c[0] == s ? ds : dr;
              try (ValueVector decoded = DictionaryEncoder.decode(root.getVector(c[0]), d)) {
                for (int i = 0; i < root.getRowCount(); i++) {
                  assertEquals(expected.values().get(c[0]).get((int) (base + i)),
                      ArrowCanonical.value((FieldVector) decoded, i), file + " " + c[0] + " row " + (base + i));
                }
              }
            }
            base += root.getRowCount();
          }
        }
        assertEquals(expected.rows(), base);
      }
    }
  }

  @Test
  void twoPhaseReadsOfDictionaryColumns() {
    long checked = 0;
    for (Path file : SelectiveBatchesTest.written()) {
      SelectiveBatchesTest.Expected expected = SelectiveBatchesTest.expected(file, file);
      for (int batch : new int[] {13, 97, 1000, 5000}) {
        checked += SelectiveBatchesTest.readTwoPhase(file, expected, batch, batch * 31L + file.hashCode(), false,
            NAMES);
      }
    }
    assertTrue(checked > 10_000, "values checked: " + checked);
  }

  @Test
  void corpusStringColumns() {
    // PLAIN-only, dictionary, DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY string columns
    for (String name : List.of("alltypes_plain.parquet", "alltypes_dictionary.parquet",
        "delta_length_byte_array.parquet", "delta_byte_array.parquet", "binary.parquet",
        "datapage_v2.snappy.parquet")) {
      Path file = ParquetTesting.dataFile(name);
      SelectiveBatchesTest.Expected expected = SelectiveBatchesTest.expected(file, file);
      Set<String> all = Set.copyOf(expected.columns());
      for (int batch : new int[] {3, 1000}) {
        SelectiveBatchesTest.readTwoPhase(file, expected, batch, batch + name.hashCode(), false, all);
      }
      List<String> encoded = new ArrayList<>();
      try (LeakCheckedAllocator a = new LeakCheckedAllocator();
          ParquetFileReader reader = ParquetFileReader.open(file.toString());
          ParquetBatchReader batches = reader.read(a.get(), ReadOptions.defaults().withDictionaryColumns(all))) {
        for (Field f : batches.schema().getFields()) {
          if (f.getDictionary() != null) {
            encoded.add(f.getName());
          }
        }
      }
      assertTrue(!encoded.isEmpty(), name + " has a string or binary column read dictionary-encoded");
    }
  }
}
