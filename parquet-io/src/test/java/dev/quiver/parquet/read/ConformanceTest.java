package dev.quiver.parquet.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.parquet.ParquetCorruptionException;
import dev.quiver.parquet.UnsupportedParquetException;
import dev.quiver.parquet.schema.SchemaNode;
import dev.quiver.parquet.testing.LeakCheckedAllocator;
import dev.quiver.parquet.testing.ParquetTesting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Conformance against the Apache parquet-testing corpus: every file of {@code data/} has an expected outcome here,
 * and a guard test fails when a file appears without one (or an expectation names a file that is gone).
 *
 * <p>Files this version reads are compared value for value, every column and row, with parquet-java's low-level
 * column API reading the same file (or, where parquet-java cannot read a file, an equivalent file it can), at
 * several batch sizes. Files out of this version's scope must fail with {@link UnsupportedParquetException} naming
 * the feature; corrupt ones with {@link ParquetCorruptionException}.
 */
class ConformanceTest {

  /** What reading a file must do. */
  sealed interface Outcome {}

  /** Reads; values equal parquet-java reading {@code reference} (the file itself unless given). */
  record Reads(String reference) implements Outcome {}

  /** Fails with UnsupportedParquetException whose message contains {@code messagePart}; why it is out of scope. */
  record Unsupported(String messagePart, String why) implements Outcome {}

  /** Fails with ParquetCorruptionException. */
  record Corrupt(String why) implements Outcome {}

  /** Not a Parquet file (side files with expected values, bloom filter blobs, documentation). */
  record NotParquet() implements Outcome {}

  static final Map<String, Outcome> EXPECTED = new LinkedHashMap<>();

  private static void reads(String... files) {
    for (String f : files) {
      EXPECTED.put(f, new Reads(f));
    }
  }

  private static void encrypted(String... files) {
    for (String f : files) {
      EXPECTED.put(f, new Unsupported("encrypted", "Parquet modular encryption is a later issue"));
    }
  }

  private static void notParquet(String... files) {
    for (String f : files) {
      EXPECTED.put(f, new NotParquet());
    }
  }

  static {
    reads("alltypes_dictionary.parquet", "alltypes_plain.parquet", "alltypes_plain.snappy.parquet",
        "alltypes_tiny_pages.parquet", "alltypes_tiny_pages_plain.parquet", "binary.parquet",
        "binary_truncated_min_max.parquet", "byte_array_decimal.parquet", "column_chunk_key_value_metadata.parquet",
        "concatenated_gzip_members.parquet", "data_index_bloom_encoding_stats.parquet",
        "data_index_bloom_encoding_with_length.parquet", "datapage_v1-corrupt-checksum.parquet",
        "datapage_v1-snappy-compressed-checksum.parquet", "datapage_v1-uncompressed-checksum.parquet",
        "datapage_v2_empty_datapage.snappy.parquet", "dict-page-offset-zero.parquet",
        "fixed_length_byte_array.parquet", "fixed_length_decimal.parquet", "fixed_length_decimal_legacy.parquet",
        "float16_nonzeros_and_nans.parquet", "float16_zeros_and_nans.parquet", "floating_orders_nan_count.parquet",
        "hadoop_lz4_compressed.parquet", "hadoop_lz4_compressed_larger.parquet", "int32_decimal.parquet",
        "int32_with_null_pages.parquet", "int64_decimal.parquet", "int96_from_spark.parquet",
        "lz4_raw_compressed.parquet", "lz4_raw_compressed_larger.parquet", "nan_in_stats.parquet",
        "overflow_i16_page_cnt.parquet", "page_v2_empty_compressed.parquet",
        "plain-dict-uncompressed-checksum.parquet", "rle-dict-snappy-checksum.parquet",
        "rle-dict-uncompressed-corrupt-checksum.parquet", "rle_boolean_encoding.parquet", "single_nan.parquet",
        "sort_columns.parquet",
        "geospatial/crs-arbitrary-value.parquet", "geospatial/crs-default.parquet",
        "geospatial/crs-geography.parquet", "geospatial/crs-projjson.parquet", "geospatial/crs-srid.parquet",
        "geospatial/geography-lines.parquet", "geospatial/geography-points.parquet",
        "geospatial/geography-polygons.parquet", "geospatial/geospatial-with-nan.parquet",
        "geospatial/geospatial.parquet");
    // LZ4 (codec id 5) holding raw LZ4 blocks instead of Hadoop framing: parquet-java cannot read it; it holds the
    // same rows as the Hadoop-framed file, as Arrow C++'s tests of both files say.
    EXPECTED.put("non_hadoop_lz4_compressed.parquet", new Reads("hadoop_lz4_compressed.parquet"));
    // parquet-java fails on the unknown logical type in the footer; checked by UnknownLogicalTypeTest instead.
    EXPECTED.put("unknown-logical-type.parquet", new Reads(null));
    EXPECTED.put("nation.dict-malformed.parquet",
        new Corrupt("pages of the name and comment_col chunks run past their column chunk"));

    reads("datapage_v2.snappy.parquet", "incorrect_map_schema.parquet", "list_columns.parquet",
        "map_no_value.parquet", "nested_lists.snappy.parquet", "nested_maps.snappy.parquet",
        "nested_structs.rust.parquet", "nonnullable.impala.parquet", "null_list.parquet", "nullable.impala.parquet",
        "nulls.snappy.parquet", "old_list_structure.parquet", "repeated_no_annotation.parquet",
        "repeated_primitive_no_list.parquet");
    // large_string_map.brotli.parquet: a MAP<STRING, INT32> whose string column chunk holds over 2 GiB of values
    // (two pages of about 1 GiB); parquet-java has no Brotli codec here.
    EXPECTED.put("large_string_map.brotli.parquet", new Unsupported("over 1 GiB", "pages over 1 GiB"));
    reads("delta_binary_packed.parquet", "delta_encoding_optional_column.parquet",
        "delta_encoding_required_column.parquet", "delta_byte_array.parquet", "delta_length_byte_array.parquet",
        "byte_stream_split.zstd.parquet", "byte_stream_split_extended.gzip.parquet");
    encrypted("encrypt_columns_and_footer.parquet.encrypted", "encrypt_columns_and_footer_aad.parquet.encrypted",
        "encrypt_columns_and_footer_bloom_filter.parquet.encrypted",
        "encrypt_columns_and_footer_ctr.parquet.encrypted",
        "encrypt_columns_and_footer_disable_aad_storage.parquet.encrypted",
        "encrypt_columns_plaintext_footer.parquet.encrypted", "external_key_material_java.parquet.encrypted",
        "uniform_encryption.parquet.encrypted", "aes256/encrypt_columns_and_footer.parquet.encrypted",
        "aes256/encrypt_columns_and_footer_ctr.parquet.encrypted",
        "aes256/encrypt_columns_and_footer_disable_aad_storage.parquet.encrypted",
        "aes256/encrypt_columns_plaintext_footer.parquet.encrypted", "aes256/uniform_encryption.parquet.encrypted");
    notParquet("README.md", "_KEY_MATERIAL_FOR_external_key_material_java.parquet.encrypted.json", "bloom_filter.bin",
        "bloom_filter.xxhash.bin", "delta_binary_packed.md", "delta_binary_packed_expect.csv", "delta_byte_array.md",
        "delta_byte_array_expect.csv", "delta_encoding_optional_column.md",
        "delta_encoding_optional_column_expect.csv", "delta_encoding_required_column.md",
        "delta_encoding_required_column_expect.csv", "fixed_length_byte_array.md", "int32_with_null_pages.md",
        "int96_from_spark.md", "map_no_value.md", "old_list_structure.md", "geospatial/README.md",
        "geospatial/geospatial.yaml");
  }

  @Test
  void everyFileOfTheCorpusHasAnExpectation() throws IOException {
    Path data = ParquetTesting.data();
    TreeSet<String> present = new TreeSet<>();
    try (Stream<Path> files = Files.walk(data)) {
      files.filter(Files::isRegularFile).forEach(p -> present.add(data.relativize(p).toString().replace('\\', '/')));
    }
    TreeSet<String> missing = new TreeSet<>(present);
    missing.removeAll(EXPECTED.keySet());
    TreeSet<String> gone = new TreeSet<>(EXPECTED.keySet());
    gone.removeAll(present);
    assertTrue(missing.isEmpty(), "files of parquet-testing/data without an expected outcome: " + missing);
    assertTrue(gone.isEmpty(), "expectations for files that are not in parquet-testing/data: " + gone);
  }

  @TestFactory
  Stream<DynamicTest> everyFileMeetsItsExpectation() {
    return EXPECTED.entrySet().stream()
        .filter(e -> !(e.getValue() instanceof NotParquet))
        .filter(e -> !(e.getValue() instanceof Reads r && r.reference() == null))
        .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> check(e.getKey(), e.getValue())));
  }

  private static void check(String name, Outcome outcome) throws IOException {
    Path file = ParquetTesting.dataFile(name);
    if (outcome instanceof Reads r) {
      compareWithParquetJava(file, ParquetTesting.dataFile(r.reference()));
    } else if (outcome instanceof Unsupported u) {
      UnsupportedParquetException e = assertThrows(UnsupportedParquetException.class, () -> readAll(file, 1000));
      assertTrue(e.getMessage().contains(u.messagePart()), "message should name " + u.messagePart() + ": "
          + e.getMessage());
    } else if (outcome instanceof Corrupt) {
      ParquetCorruptionException e = assertThrows(ParquetCorruptionException.class, () -> readAll(file, 1000));
      assertTrue(e.getMessage().contains(file.toString()), "message names the file: " + e.getMessage());
    } else {
      throw new IllegalStateException("no check for " + outcome);
    }
  }

  /** Reads every column of every row, returning the rows read. */
  static long readAll(Path file, int batchSize) {
    long rows = 0;
    try (ParquetFileReader reader = ParquetFileReader.open(file.toString());
         LeakCheckedAllocator allocator = new LeakCheckedAllocator();
         ParquetBatchReader batches = reader.read(allocator.get(), ReadOptions.defaults().withBatchSize(batchSize))) {
      while (batches.hasNext()) {
        try (VectorSchemaRoot root = batches.next()) {
          rows += root.getRowCount();
        }
      }
    }
    return rows;
  }

  static void compareWithParquetJava(Path file, Path reference) throws IOException {
    List<String> columns = new ArrayList<>();
    List<String> flat = new ArrayList<>();
    List<String> nested = new ArrayList<>();
    try (ParquetFileReader reader = ParquetFileReader.open(file.toString())) {
      for (SchemaNode node : reader.schema().root().children()) {
        columns.add(node.name());
        boolean isFlat = node instanceof SchemaNode.Primitive
            && node.repetition() != dev.quiver.parquet.format.Repetition.REPEATED;
        (isFlat ? flat : nested).add(node.name());
      }
    }
    // flat columns through parquet-java's column API, nested fields through its record assembly
    List<List<String>> flatValues = ParquetJavaReference.read(reference, flat);
    List<List<String>> nestedValues = nested.isEmpty() ? List.of() : ParquetJavaRecords.read(reference, nested);
    List<List<String>> expected = new ArrayList<>();
    for (String c : columns) {
      int f = flat.indexOf(c);
      expected.add(f >= 0 ? flatValues.get(f) : nestedValues.get(nested.indexOf(c)));
    }
    for (int batchSize : new int[] {1, 7, 1000, ReadOptions.DEFAULT_BATCH_SIZE}) {
      List<List<String>> actual = readCanonical(file, batchSize);
      for (int c = 0; c < columns.size(); c++) {
        assertEquals(expected.get(c).size(), actual.get(c).size(),
            "row count of column " + columns.get(c) + " at batch size " + batchSize);
        for (int r = 0; r < expected.get(c).size(); r++) {
          String want = expected.get(c).get(r);
          String got = actual.get(c).get(r);
          if (!want.equals(got)) {
            assertEquals(want, got, "column " + columns.get(c) + ", row " + r + ", batch size " + batchSize);
          }
        }
      }
    }
    assertFalse(columns.isEmpty(), "a file with no columns proves nothing");
  }

  /** Files whose page CRCs are wrong on purpose: read with verification off here, checked by their own test. */
  static final java.util.Set<String> CORRUPT_CHECKSUMS = java.util.Set.of("datapage_v1-corrupt-checksum.parquet",
      "rle-dict-uncompressed-corrupt-checksum.parquet");

  @TestFactory
  Stream<DynamicTest> corruptChecksumsFailOnlyWhenVerified() {
    return CORRUPT_CHECKSUMS.stream().sorted().map(name -> DynamicTest.dynamicTest(name, () -> {
      Path file = ParquetTesting.dataFile(name);
      ParquetCorruptionException e = assertThrows(ParquetCorruptionException.class, () -> {
        try (ParquetFileReader reader = ParquetFileReader.open(file.toString());
             LeakCheckedAllocator allocator = new LeakCheckedAllocator();
             ParquetBatchReader batches = reader.read(allocator.get(),
                 ReadOptions.defaults().withVerifyChecksums(true))) {
          while (batches.hasNext()) {
            batches.next().close();
          }
        }
      });
      assertTrue(e.getMessage().contains("checksum mismatch") && e.column() != null && e.page() >= 0,
          e.getMessage());
      assertTrue(readAll(file, 1000) > 0, "reads without verification");
    }));
  }

  static List<List<String>> readCanonical(Path file, int batchSize) {
    List<List<String>> out = new ArrayList<>();
    try (ParquetFileReader reader = ParquetFileReader.open(file.toString());
         LeakCheckedAllocator allocator = new LeakCheckedAllocator();
         ParquetBatchReader batches = reader.read(allocator.get(), ReadOptions.defaults().withBatchSize(batchSize)
             .withVerifyChecksums(!CORRUPT_CHECKSUMS.contains(file.getFileName().toString())))) {
      for (int c = 0; c < batches.schema().getFields().size(); c++) {
        out.add(new ArrayList<>());
      }
      while (batches.hasNext()) {
        try (VectorSchemaRoot root = batches.next()) {
          assertTrue(root.getRowCount() <= batchSize);
          for (int c = 0; c < root.getFieldVectors().size(); c++) {
            var vector = root.getVector(c);
            assertEquals(root.getRowCount(), vector.getValueCount());
            for (int r = 0; r < root.getRowCount(); r++) {
              out.get(c).add(ArrowCanonical.value(vector, r));
            }
          }
        }
      }
    }
    return out;
  }
}
