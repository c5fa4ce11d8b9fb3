package dev.quiver.parquet.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.parquet.ParquetCorruptionException;
import dev.quiver.parquet.schema.SchemaNode;
import dev.quiver.parquet.testing.LeakCheckedAllocator;
import dev.quiver.parquet.testing.ParquetTesting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryEncoder;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The two-phase batch API of {@link ParquetBatchReader} ({@code startBatch}, {@code readColumn} whole or at
 * selected rows, unread columns skipped): random selections (empty, full, sparse, dense, runs) and random skip
 * patterns, column by column and batch by batch, over every readable file of parquet-testing (every encoding and
 * physical type, pages v1 and v2, nulls, nested fields) and parquet-java-written files (dictionary fallback
 * mid-chunk, small pages spanning batches, several row groups, four codecs); the values read must equal those
 * parquet-java reads from the same file (its column API for flat columns, its record assembly for nested ones) at
 * the same rows. Memory is checked by {@link LeakCheckedAllocator}.
 */
class SelectiveBatchesTest {

  /** A file and the canonical values of each of its top-level fields, as parquet-java reads them. */
  record Expected(List<String> columns, List<Boolean> flat, List<List<String>> values) {
    long rows() {
      return values.isEmpty() ? 0 : values.get(0).size();
    }
  }

  private static final Map<Path, Expected> EXPECTED = new ConcurrentHashMap<>();

  static Expected expected(Path file, Path reference) {
    return EXPECTED.computeIfAbsent(file, f -> {
      try {
        List<String> columns = new ArrayList<>();
        List<Boolean> isFlat = new ArrayList<>();
        List<String> flat = new ArrayList<>();
        List<String> nested = new ArrayList<>();
        try (ParquetFileReader reader = ParquetFileReader.open(file.toString())) {
          for (SchemaNode node : reader.schema().root().children()) {
            columns.add(node.name());
            boolean f1 = node instanceof SchemaNode.Primitive
                && node.repetition() != dev.quiver.parquet.format.Repetition.REPEATED;
            isFlat.add(f1);
            (f1 ? flat : nested).add(node.name());
          }
        }
        List<List<String>> flatValues = ParquetJavaReference.read(reference, flat);
        List<List<String>> nestedValues = nested.isEmpty() ? List.of() : ParquetJavaRecords.read(reference, nested);
        List<List<String>> values = new ArrayList<>();
        for (String c : columns) {
          int i = flat.indexOf(c);
          values.add(i >= 0 ? flatValues.get(i) : nestedValues.get(nested.indexOf(c)));
        }
        return new Expected(columns, isFlat, values);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** The parquet-testing files that read, with the file parquet-java reads as their reference. */
  static List<Path[]> corpus() {
    List<Path[]> files = new ArrayList<>();
    for (var e : ConformanceTest.EXPECTED.entrySet()) {
      if (e.getValue() instanceof ConformanceTest.Reads r && r.reference() != null) {
        files.add(new Path[] {ParquetTesting.dataFile(e.getKey()), ParquetTesting.dataFile(r.reference())});
      }
    }
    return files;
  }

  private static Path generated;

  /** parquet-java-written files (see {@link ParquetJavaWrittenFilesTest}), generated once per run. */
  static synchronized List<Path> written() {
    try {
      if (generated == null) {
        generated = Files.createTempDirectory("quiver-selective");
        generated.toFile().deleteOnExit();
      }
      List<Path> files = new ArrayList<>();
      Object[][] configs = {
          {WriterVersion.PARQUET_1_0, true, CompressionCodecName.SNAPPY},
          {WriterVersion.PARQUET_1_0, false, CompressionCodecName.UNCOMPRESSED},
          {WriterVersion.PARQUET_2_0, true, CompressionCodecName.ZSTD},
          {WriterVersion.PARQUET_2_0, false, CompressionCodecName.UNCOMPRESSED},
          {WriterVersion.PARQUET_2_0, true, CompressionCodecName.SNAPPY}};
      for (Object[] c : configs) {
        Path file = generated.resolve(c[0] + "-" + c[1] + "-" + c[2] + ".parquet");
        if (!Files.exists(file)) {
          ParquetJavaWrittenFilesTest.write(file, (WriterVersion) c[0], (Boolean) c[1], (CompressionCodecName) c[2],
              3000);
          file.toFile().deleteOnExit();
        }
        files.add(file);
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Ascending positions in {@code [0, rows)}: empty, all, sparse, dense, a run, or single rows at the ends. */
  static int[] selection(SplittableRandom random, int rows) {
    int kind = random.nextInt(8);
    int[] out = new int[rows];
    int n = 0;
    switch (kind) {
      case 0 -> { } // empty
      case 1 -> {
        for (int i = 0; i < rows; i++) {
          out[n++] = i;
        }
      }
      case 2 -> {
        int from = random.nextInt(rows);
        int to = from + random.nextInt(rows - from) + 1;
        for (int i = from; i < to; i++) {
          out[n++] = i;
        }
      }
      case 3 -> {
        out[n++] = random.nextBoolean() ? 0 : rows - 1;
      }
      default -> {
        double density = new double[] {0.02, 0.3, 0.7, 0.95}[kind - 4];
        for (int i = 0; i < rows; i++) {
          if (random.nextDouble() < density) {
            out[n++] = i;
          }
        }
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  /**
   * Reads {@code file} in the two-phase style with random choices per batch and column (skip, whole, selected rows;
   * now and then a whole batch by {@code next()}), checking every value read against {@code expected}.
   *
   * @return values checked
   */
  static long readTwoPhase(Path file, Expected expected, int batchSize, long seed, boolean unscaledDecimals) {
    return readTwoPhase(file, expected, batchSize, seed, unscaledDecimals, java.util.Set.of());
  }

  /** As {@link #readTwoPhase(Path, Expected, int, long, boolean)}, with dictionary-encoded columns. */
  static long readTwoPhase(Path file, Expected expected, int batchSize, long seed, boolean unscaledDecimals,
      java.util.Set<String> dictionaryColumns) {
    SplittableRandom random = new SplittableRandom(seed);
    long checked = 0;
    try (LeakCheckedAllocator a = new LeakCheckedAllocator();
        ParquetFileReader reader = ParquetFileReader.open(file.toString());
        ParquetBatchReader batches = reader.read(a.get(), ReadOptions.defaults().withBatchSize(batchSize)
            .withVerifyChecksums(!ConformanceTest.CORRUPT_CHECKSUMS.contains(file.getFileName().toString()))
            .withUnscaledDecimals(unscaledDecimals).withDictionaryColumns(dictionaryColumns))) {
      List<Field> fields = batches.schema().getFields();
      long base = 0;
      while (true) {
        if (random.nextInt(10) == 0) {
          if (!batches.hasNext()) {
            break;
          }
          try (VectorSchemaRoot root = batches.next()) {
            for (int c = 0; c < fields.size(); c++) {
              int[] all = new int[root.getRowCount()];
              for (int i = 0; i < all.length; i++) {
                all[i] = i;
              }
              checked += check(root.getVector(c), batches.dictionaries(), expected, c, base, all, all.length,
                  unscaledDecimals, file);
            }
            base += root.getRowCount();
          }
          continue;
        }
        int rows = batches.startBatch();
        if (rows == 0) {
          break;
        }
        assertTrue(rows <= batchSize);
        List<Integer> order = new ArrayList<>();
        for (int c = 0; c < fields.size(); c++) {
          order.add(c);
        }
        Collections.shuffle(order, new java.util.Random(random.nextLong()));
        for (int c : order) {
          int choice = random.nextInt(5);
          if (choice == 0) {
            continue; // skipped
          }
          try (FieldVector v = fields.get(c).createVector(a.get())) {
            int[] selected;
            if (choice == 1 || !expected.flat().get(c)) {
              batches.readColumn(c, v);
              selected = new int[rows];
              for (int i = 0; i < rows; i++) {
                selected[i] = i;
              }
            } else {
              selected = selection(random, rows);
              // now and then a larger array than the count, to check only rows[0, count) is read
              int[] passed = random.nextInt(4) == 0 ? java.util.Arrays.copyOf(selected, selected.length + 3)
                  : selected;
              batches.readColumn(c, v, passed, selected.length);
            }
            checked += check(v, batches.dictionaries(), expected, c, base, selected, selected.length,
                unscaledDecimals, file);
          }
        }
        base += rows;
      }
      assertEquals(expected.rows(), base, "rows of " + file);
      assertEquals(0, batches.startBatch(), "no rows after the end");
    }
    return checked;
  }

  private static long check(FieldVector v, DictionaryProvider dictionaries, Expected expected, int column,
      long base, int[] selected, int count, boolean unscaledDecimals, Path file) {
    assertEquals(count, v.getValueCount(), "value count");
    FieldVector decoded = v;
    if (v.getField().getDictionary() != null) {
      Dictionary d = dictionaries.lookup(v.getField().getDictionary().getId());
      decoded = (FieldVector) DictionaryEncoder.decode(v, d);
    }
    try {
      String scale = v.getField().getMetadata().get(ReadOptions.DECIMAL_METADATA_KEY);
      List<String> want = expected.values().get(column);
      for (int i = 0; i < count; i++) {
        String got = ArrowCanonical.value(decoded, i);
        if (scale != null && !got.equals("null")) {
          int s = Integer.parseInt(scale.substring(scale.indexOf(',') + 1));
          got = java.math.BigDecimal.valueOf(Long.parseLong(got), s).toPlainString();
        }
        String expect = want.get((int) (base + selected[i]));
        if (!expect.equals(got)) {
          assertEquals(expect, got, file.getFileName() + " column " + expected.columns().get(column) + " row "
              + (base + selected[i]));
        }
      }
    } finally {
      if (decoded != v) {
        ((ValueVector) decoded).close();
      }
    }
    return count;
  }

  @TestFactory
  Stream<DynamicTest> everyReadableCorpusFileReadsSelectively() {
    return corpus().stream().map(p -> DynamicTest.dynamicTest(p[0].getFileName().toString(), () -> {
      Expected expected = expected(p[0], p[1]);
      long seed = p[0].getFileName().toString().hashCode();
      for (int batchSize : new int[] {1, 7, 100, ReadOptions.DEFAULT_BATCH_SIZE}) {
        readTwoPhase(p[0], expected, batchSize, seed + batchSize, false);
      }
      readTwoPhase(p[0], expected, 64, seed, true);
    }));
  }

  @Property(tries = 100)
  void randomSelectionsAndSkipsOnWrittenFiles(@ForAll @IntRange(min = 0, max = 4) int file,
      @ForAll @IntRange(min = 1, max = 4000) int batchSize, @ForAll @LongRange long seed) {
    Path path = written().get(file);
    Expected expected = expected(path, path);
    readTwoPhase(path, expected, batchSize, seed, seed % 3 == 0);
  }

  @Test
  void skippingEveryColumnReadsNothingAndEndsRight() {
    for (Path path : written()) {
      try (LeakCheckedAllocator a = new LeakCheckedAllocator();
          ParquetFileReader reader = ParquetFileReader.open(path.toString());
          ParquetBatchReader batches = reader.read(a.get(), ReadOptions.defaults().withBatchSize(500))) {
        long rows = 0;
        int n;
        while ((n = batches.startBatch()) > 0) {
          rows += n;
        }
        assertEquals(3000, rows);
        assertEquals(false, batches.hasNext());
      }
    }
  }

  @Test
  void misuseIsIllegalState() {
    Path path = written().get(0);
    try (LeakCheckedAllocator a = new LeakCheckedAllocator();
        ParquetFileReader reader = ParquetFileReader.open(path.toString());
        ParquetBatchReader batches = reader.read(a.get(), ReadOptions.defaults().withBatchSize(100))) {
      List<Field> fields = batches.schema().getFields();
      int nested = fields.indexOf(fields.stream().filter(f -> f.getName().equals("tags")).findFirst().orElseThrow());
      BufferAllocator al = a.get();
      try (FieldVector v = fields.get(0).createVector(al)) {
        assertThrows(IllegalStateException.class, () -> batches.readColumn(0, v), "before startBatch");
      }
      assertEquals(100, batches.startBatch());
      try (FieldVector v = fields.get(0).createVector(al); FieldVector w = fields.get(0).createVector(al)) {
        batches.readColumn(0, v);
        assertThrows(IllegalStateException.class, () -> batches.readColumn(0, w), "twice");
        assertThrows(IllegalStateException.class, () -> batches.readColumn(0, w, new int[] {1}, 1), "twice");
      }
      try (FieldVector v = fields.get(nested).createVector(al)) {
        assertThrows(IllegalStateException.class, () -> batches.readColumn(nested, v, new int[] {1}, 1),
            "selective read of a nested field");
        batches.readColumn(nested, v); // whole read of a nested field works
        assertEquals(100, v.getValueCount());
      }
      try (FieldVector v = fields.get(1).createVector(al)) {
        assertThrows(IllegalArgumentException.class, () -> batches.readColumn(1, v, new int[] {3, 3}, 2));
        assertThrows(IllegalArgumentException.class, () -> batches.readColumn(1, v, new int[] {5, 2}, 2));
        assertThrows(IllegalArgumentException.class, () -> batches.readColumn(1, v, new int[] {100}, 1));
        assertThrows(IllegalArgumentException.class, () -> batches.readColumn(1, v, new int[] {-1}, 1));
        assertThrows(IllegalArgumentException.class, () -> batches.readColumn(1, v, new int[101], 101));
        assertThrows(IllegalArgumentException.class, () -> batches.readColumn(1, v, new int[] {1}, 2));
        assertThrows(IllegalArgumentException.class, () -> batches.readColumn(1, v, new int[] {1}, -1));
        assertThrows(IllegalArgumentException.class, () -> batches.readColumn(fields.size(), v));
        try (FieldVector wrongType = fields.get(0).createVector(al)) { // id is int64, i32 int32
          assertThrows(IllegalArgumentException.class, () -> batches.readColumn(1, wrongType));
          assertThrows(IllegalArgumentException.class, () -> batches.readColumn(1, wrongType, new int[] {0}, 1));
        }
        // a bad selection leaves the column unread: it can still be read
        batches.readColumn(1, v, new int[] {0, 99}, 2);
        assertEquals(2, v.getValueCount());
      }
      // next() finishes the started batch and returns the following one
      try (VectorSchemaRoot root = batches.next()) {
        assertEquals(100, root.getRowCount());
        assertEquals(expected(path, path).values().get(0).get(100), ArrowCanonical.value(root.getVector(0), 0));
      }
      try (FieldVector v = fields.get(0).createVector(al)) {
        assertThrows(IllegalStateException.class, () -> batches.readColumn(0, v), "after next()");
      }
    }
  }

  /**
   * Pages wholly within skipped rows are not decompressed: with one data page's compressed body overwritten (its
   * header intact, checksums not verified), skipping every batch reads the file to its end, while reading it whole
   * fails as corruption naming the column.
   */
  @Test
  void skippedPagesAreNotDecompressed() throws IOException {
    Path source = written().get(4); // v2 pages, SNAPPY
    Path file = Files.createTempFile("quiver-skip", ".parquet");
    try {
      byte[] bytes = Files.readAllBytes(source);
      long pageOffset;
      int bodyStart;
      int bodyLength;
      int batchSize;
      try (ParquetFileReader reader = ParquetFileReader.open(source.toString())) {
        int id = -1;
        for (var c : reader.schema().columns()) {
          if (c.dottedPath().equals("id")) {
            id = c.index();
          }
        }
        var md = reader.metadata().rowGroups().get(0).columns().get(id).metaData();
        pageOffset = md.dictionaryPageOffset() != null && md.dictionaryPageOffset() > 0
            && md.dictionaryPageOffset() < md.dataPageOffset() ? md.dictionaryPageOffset() : md.dataPageOffset();
        // walk to the first data page
        int pos = (int) pageOffset;
        while (true) {
          var r = new dev.quiver.parquet.format.thrift.CompactReader(bytes, pos, bytes.length - pos, pos);
          var header = dev.quiver.parquet.format.MetadataDecoder.pageHeader(r);
          int start = pos + r.consumed();
          if (header.type() == dev.quiver.parquet.format.PageType.DATA_PAGE_V2) {
            int levels = header.dataPageHeaderV2().repetitionLevelsByteLength()
                + header.dataPageHeaderV2().definitionLevelsByteLength();
            bodyStart = start + levels;
            bodyLength = header.compressedPageSize() - levels;
            // a batch holding the whole page but not the whole row group, so the skip happens within the group
            long groupRows = reader.metadata().rowGroups().get(0).numRows();
            batchSize = (int) groupRows - 1;
            assertTrue(header.dataPageHeaderV2().numValues() <= batchSize, "page within the first batch");
            break;
          }
          pos = start + header.compressedPageSize();
        }
      }
      for (int i = 0; i < bodyLength; i++) {
        bytes[bodyStart + i] = (byte) 0xFF;
      }
      Files.write(file, bytes);
      try (LeakCheckedAllocator a = new LeakCheckedAllocator();
          ParquetFileReader reader = ParquetFileReader.open(file.toString());
          ParquetBatchReader batches = reader.read(a.get(), ReadOptions.defaults().withBatchSize(batchSize))) {
        long rows = 0;
        int n;
        while ((n = batches.startBatch()) > 0) {
          rows += n;
          // read another column, so the batches are not trivially empty
          try (FieldVector v = batches.schema().getFields().get(1).createVector(a.get())) {
            batches.readColumn(1, v, new int[] {0}, 1);
          }
        }
        assertEquals(3000, rows);
      }
      ParquetCorruptionException e = assertThrows(ParquetCorruptionException.class,
          () -> ConformanceTest.readAll(file, batchSize));
      assertEquals("id", e.column(), e.getMessage());
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
