package dev.quiver.parquet.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.quiver.parquet.ParquetCorruptionException;
import dev.quiver.parquet.ParquetException;
import dev.quiver.parquet.format.PageType;
import dev.quiver.parquet.testing.LeakCheckedAllocator;
import dev.quiver.store.PutMode;
import dev.quiver.store.memory.InMemoryStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link ParquetBatchReader#filterColumn}: the rows it keeps and the values it gathers must be those that
 * parquet-java's values of the same file satisfy under the same predicate (a value that is null never passes). The
 * predicate is a pure function of each value's canonical string (see {@link ParquetJavaReference}): Quiver's vector
 * entries are rendered with {@link ArrowCanonical}, parquet-java's values with its own getters, and a salted hash of
 * the string decides, so the reference answers do not come from Quiver. Covered: every readable parquet-testing file
 * and parquet-java-written files (dictionary pages with RLE runs and bit-packed indices, PLAIN fallback mid-chunk,
 * nulls, several pages per batch, v1 and v2 pages, DELTA_BINARY_PACKED, DELTA_BYTE_ARRAY and BYTE_STREAM_SPLIT,
 * entries of 3, 4, 8, 12/16 and 32 bytes), batch sizes 1, 7, 100 and 4096, selections (all rows, every third, random
 * sparse, empty), filtering mixed with whole and selected reads and skips along one column chunk, a new filter object
 * per batch, the documented argument checks, corrupt dictionary indices and byte-flipped files, and a filter that
 * throws. Every test runs on a {@link LeakCheckedAllocator}.
 */
class FilterColumnTest {

  /** The canonical string of entry {@code i}, with unscaled decimals scaled as parquet-java renders them. */
  static String canonical(FieldVector v, int i) {
    String got = ArrowCanonical.value(v, i);
    String scale = v.getField().getMetadata() == null ? null
        : v.getField().getMetadata().get(ReadOptions.DECIMAL_METADATA_KEY);
    if (scale != null && !got.equals("null")) {
      int s = Integer.parseInt(scale.substring(scale.indexOf(',') + 1));
      got = BigDecimal.valueOf(Long.parseLong(got), s).toPlainString();
    }
    return got;
  }

  /**
   * The predicate on a canonical value: {@code mode} 0 keeps about half, 1 about an eighth, 2 all, 3 none; the hash
   * is salted so that each filter object keeps another subset.
   */
  static boolean keeps(String canonical, int mode, int salt) {
    int h = (canonical.hashCode() ^ salt) * 0x9E3779B9;
    h ^= h >>> 15;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    return switch (mode) {
      case 0 -> (h & 1) == 0;
      case 1 -> (h & 7) == 0;
      case 2 -> true;
      default -> false;
    };
  }

  /** A filter by {@link #keeps} that checks the vectors it is handed are of the field's type. */
  static final class HashFilter implements ValueFilter {
    final int mode;
    final int salt;
    final ArrowType type;
    long tested;
    int calls;

    HashFilter(int mode, int salt, ArrowType type) {
      this.mode = mode;
      this.salt = salt;
      this.type = type;
    }

    @Override
    public void test(FieldVector values, int count, boolean[] out) {
      calls++;
      assertEquals(type, values.getField().getType(), "the filter's vector is of the field's type");
      assertTrue(values.getValueCount() >= count, "vector holds the entries tested");
      assertTrue(out.length >= count, "answers array holds the entries tested");
      for (int i = 0; i < count; i++) {
        String c = canonical(values, i);
        // a null entry answers true: the reader must still not pass it
        out[i] = c.equals("null") || keeps(c, mode, salt);
      }
      tested += count;
    }
  }

  /** What to do with one column in one batch. */
  enum Action { SKIP, READ, READ_SELECTED, FILTER, FILTER_KEEP }

  /** Chooses the action for a column in a batch. */
  interface Plan {
    Action action(int batch, int column, SplittableRandom random);
  }

  /** Random actions, filtering most often. */
  static final Plan RANDOM = (batch, column, random) -> {
    int r = random.nextInt(10);
    return r == 0 ? Action.SKIP : r == 1 ? Action.READ : r == 2 ? Action.READ_SELECTED
        : r < 6 ? Action.FILTER : Action.FILTER_KEEP;
  };

  /** The selection of a filter: 0 all rows (null), 1 every third row, 2 a random sparse set, 3 empty. */
  static int[] selection(int kind, int rows, SplittableRandom random) {
    switch (kind) {
      case 0:
        return null;
      case 1: {
        int[] s = new int[(rows + 2) / 3];
        for (int i = 0; i < s.length; i++) {
          s[i] = 3 * i;
        }
        return s;
      }
      case 2: {
        int[] s = new int[rows];
        int n = 0;
        for (int i = 0; i < rows; i++) {
          if (random.nextInt(10) == 0) {
            s[n++] = i;
          }
        }
        return Arrays.copyOf(s, n);
      }
      default:
        return new int[0];
    }
  }

  /**
   * Reads {@code file} batch by batch, each column as {@code plan} says, filters checked against {@code expected}
   * (parquet-java's values), reads checked value for value; each filter is a new object with its own salt.
   *
   * @return the rows whose filter answer was checked
   */
  static long run(Path file, SelectiveBatchesTest.Expected expected, int batchSize, long seed, boolean unscaled,
      Plan plan) {
    SplittableRandom random = new SplittableRandom(seed);
    long checked = 0;
    try (LeakCheckedAllocator a = new LeakCheckedAllocator();
        ParquetFileReader reader = ParquetFileReader.open(file.toString());
        ParquetBatchReader batches = reader.read(a.get(), ReadOptions.defaults().withBatchSize(batchSize)
            .withVerifyChecksums(!ConformanceTest.CORRUPT_CHECKSUMS.contains(file.getFileName().toString()))
            .withUnscaledDecimals(unscaled))) {
      List<Field> fields = batches.schema().getFields();
      long base = 0;
      int batch = 0;
      int rows;
      while ((rows = batches.startBatch()) > 0) {
        for (int c = 0; c < fields.size(); c++) {
          Action action = plan.action(batch, c, random);
          if (!expected.flat().get(c) && action != Action.SKIP) {
            action = Action.READ;
          }
          String what = file.getFileName() + " column " + expected.columns().get(c) + " batch " + batch
              + " (rows from " + base + ", batch size " + batchSize + ")";
          List<String> want = expected.values().get(c);
          switch (action) {
            case SKIP -> { }
            case READ, READ_SELECTED -> {
              int[] sel = action == Action.READ ? null : selection(2, rows, random);
              try (FieldVector v = fields.get(c).createVector(a.get())) {
                if (sel == null) {
                  batches.readColumn(c, v);
                } else {
                  batches.readColumn(c, v, sel, sel.length);
                }
                int n = sel == null ? rows : sel.length;
                assertEquals(n, v.getValueCount(), what);
                for (int i = 0; i < n; i++) {
                  long row = base + (sel == null ? i : sel[i]);
                  String got = canonical(v, i);
                  if (!got.equals(want.get((int) row))) {
                    assertEquals(want.get((int) row), got, what + " read row " + row);
                  }
                }
              }
            }
            default -> {
              int kind = (batch + c) % 4; // each selection kind along every column
              checked += filterAndCheck(batches, a.get(), fields.get(c), c, rows, selection(kind, rows, random),
                  random.nextInt(4), random.nextInt(), action == Action.FILTER_KEEP, want, base, what);
            }
          }
        }
        base += rows;
        batch++;
      }
      assertEquals(expected.rows(), base, "rows of " + file);
    }
    return checked;
  }

  /**
   * One {@code filterColumn} call checked against parquet-java's values {@code want} of the batch's rows from
   * {@code base}.
   *
   * @return the rows filtered
   */
  static int filterAndCheck(ParquetBatchReader batches, BufferAllocator allocator, Field field, int c, int rows,
      int[] sel, int mode, int salt, boolean keep, List<String> want, long base, String what) {
    int count = sel == null ? rows : sel.length;
    HashFilter filter = new HashFilter(mode, salt, field.getType());
    int[] passed = new int[count + 2];
    Arrays.fill(passed, -7);
    List<Integer> expectPassed = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String v = want.get((int) (base + (sel == null ? i : sel[i])));
      if (!v.equals("null") && keeps(v, mode, salt)) {
        expectPassed.add(i);
      }
    }
    String how = what + " filter mode " + mode + (sel == null ? " all rows" : " " + sel.length + " selected")
        + (keep ? " keeping values" : "");
    try (FieldVector values = keep ? field.createVector(allocator) : null) {
      int p = batches.filterColumn(c, filter, sel, count, passed, values);
      int[] got = Arrays.copyOf(passed, p);
      int[] expect = expectPassed.stream().mapToInt(Integer::intValue).toArray();
      if (!Arrays.equals(expect, got)) {
        assertEquals(Arrays.toString(expect), Arrays.toString(got), how + ": passing positions");
      }
      if (values != null) {
        assertEquals(p, values.getValueCount(), how + ": values gathered");
        for (int j = 0; j < p; j++) {
          long row = base + (sel == null ? got[j] : sel[got[j]]);
          assertFalse(values.isNull(j), how + ": gathered value " + j + " is valid");
          String v = canonical(values, j);
          if (!v.equals(want.get((int) row))) {
            assertEquals(want.get((int) row), v, how + ": gathered value of row " + row);
          }
        }
      }
    }
    return count;
  }

  // ---------------------------------------------------------------------------------------------- files

  private static Path generated;

  /**
   * parquet-java-written files for the fixed-width fast path: low-cardinality columns that stay dictionary-encoded
   * (RLE runs from clustered values, bit-packed indices from random ones), entries of 3, 4, 8, 16 and 32 bytes, nulls,
   * pages of ~1 KiB so batches span pages; v1 and v2 pages; and a v2 file without dictionaries
   * (DELTA_BINARY_PACKED, DELTA_BYTE_ARRAY) and one with BYTE_STREAM_SPLIT.
   */
  static synchronized List<Path> ownFiles() {
    try {
      if (generated == null) {
        generated = Files.createTempDirectory("quiver-filter");
        generated.toFile().deleteOnExit();
      }
      List<Path> files = new ArrayList<>();
      String[] names = {"dict-v1", "dict-v2", "plain-v2", "bss-v2"};
      for (String name : names) {
        Path file = generated.resolve(name + ".parquet");
        if (!Files.exists(file)) {
          writeLowCardinality(file, name.endsWith("v1") ? WriterVersion.PARQUET_1_0 : WriterVersion.PARQUET_2_0,
              name.startsWith("dict"), name.startsWith("bss"), 4000);
          file.toFile().deleteOnExit();
        }
        files.add(file);
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final MessageType LOW_CARDINALITY = MessageTypeParser.parseMessageType("""
      message lowcard {
        required int32 run;
        optional int64 pick;
        optional double d;
        optional float f;
        optional fixed_len_byte_array(3) w3;
        optional fixed_len_byte_array(16) uuid (UUID);
        optional int32 dec (DECIMAL(9,2));
        optional binary wide (DECIMAL(40,2));
        optional fixed_len_byte_array(12) dec12 (DECIMAL(25,3));
        optional int32 day (DATE);
        optional int64 ts (TIMESTAMP(MILLIS,true));
        optional fixed_len_byte_array(16) block;
        optional binary s (STRING);
        optional boolean flag;
      }
      """);

  static void writeLowCardinality(Path file, WriterVersion version, boolean dictionary, boolean byteStreamSplit,
      int rows) throws IOException {
    SplittableRandom random = new SplittableRandom(file.getFileName().toString().hashCode());
    SimpleGroupFactory groups = new SimpleGroupFactory(LOW_CARDINALITY);
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
        .withType(LOW_CARDINALITY).withWriterVersion(version).withDictionaryEncoding(dictionary)
        .withByteStreamSplitEncoding(byteStreamSplit)
        .withDictionaryPageSize(1 << 20).withPageSize(1024).withRowGroupSize(32 * 1024L)
        .withCompressionCodec(CompressionCodecName.UNCOMPRESSED).build()) {
      for (int r = 0; r < rows; r++) {
        Group g = groups.newGroup();
        g.add("run", (r / 53) % 7 - 3); // long runs of equal values: RLE runs of indices
        if (random.nextInt(6) > 0) {
          g.add("pick", random.nextInt(5) * 1_000_000_007L - 2);
        }
        if (random.nextInt(6) > 0) {
          g.add("d", random.nextInt(40) == 0 ? Double.NaN : random.nextInt(9) * 0.25 - 1);
        }
        if (random.nextInt(6) > 0) {
          g.add("f", random.nextInt(30) == 0 ? -0.0f : random.nextInt(6) * 1.5f);
        }
        if (random.nextInt(6) > 0) {
          int k = random.nextInt(10);
          g.add("w3", Binary.fromConstantByteArray(new byte[] {(byte) k, (byte) (k * 37), (byte) -k}));
        }
        if (random.nextInt(6) > 0) {
          byte[] b = new byte[16];
          new java.util.Random(random.nextInt(12)).nextBytes(b);
          g.add("uuid", Binary.fromConstantByteArray(b));
        }
        if (random.nextInt(6) > 0) {
          g.add("dec", random.nextInt(20) * 101 - 1000);
        }
        if (random.nextInt(6) > 0) {
          BigInteger v = BigInteger.ONE.shiftLeft(100 + random.nextInt(8)).add(BigInteger.valueOf(r % 3));
          g.add("wide", Binary.fromConstantByteArray((random.nextBoolean() ? v : v.negate()).toByteArray()));
        }
        if (random.nextInt(6) > 0) {
          byte[] b = new BigInteger(70, new java.util.Random(random.nextInt(9))).subtract(BigInteger.ONE.shiftLeft(69))
              .toByteArray();
          byte[] fixed = new byte[12];
          byte fill = (byte) (b[0] < 0 ? -1 : 0);
          Arrays.fill(fixed, fill);
          System.arraycopy(b, 0, fixed, 12 - b.length, b.length);
          g.add("dec12", Binary.fromConstantByteArray(fixed));
        }
        if (random.nextInt(6) > 0) {
          g.add("day", 18_000 + random.nextInt(15));
        }
        if (random.nextInt(6) > 0) {
          g.add("ts", 1_700_000_000_000L + (r / 200) * 3_600_000L);
        }
        if (random.nextInt(6) > 0) {
          byte[] b = new byte[16];
          Arrays.fill(b, (byte) ((r / 120) % 5)); // runs of a 16-byte entry
          b[15] = (byte) ((r / 120) % 5 * 3);
          g.add("block", Binary.fromConstantByteArray(b));
        }
        if (random.nextInt(6) > 0) {
          g.add("s", "s" + random.nextInt(r < 2000 ? 6 : 500));
        }
        if (random.nextInt(6) > 0) {
          g.add("flag", random.nextBoolean());
        }
        writer.write(g);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------- tests

  /** 1. Every readable parquet-testing file, every flat column, four batch sizes, against parquet-java. */
  @TestFactory
  Stream<DynamicTest> everyReadableCorpusFileFiltersLikeParquetJava() {
    return SelectiveBatchesTest.corpus().stream().map(p -> DynamicTest.dynamicTest(p[0].getFileName().toString(),
        () -> {
          SelectiveBatchesTest.Expected expected = SelectiveBatchesTest.expected(p[0], p[1]);
          long seed = p[0].getFileName().toString().hashCode() * 7L;
          for (int batchSize : new int[] {1, 7, 100, ReadOptions.DEFAULT_BATCH_SIZE}) {
            if (batchSize == 1 && expected.rows() > 3000) {
              continue; // one-row batches over large files add run time, not cases
            }
            run(p[0], expected, batchSize, seed + batchSize, false, RANDOM);
          }
          run(p[0], expected, 64, seed, true, RANDOM);
        }));
  }

  /** 1. The parquet-java-written files (SelectiveBatchesTest's and this class's), four batch sizes. */
  @TestFactory
  Stream<DynamicTest> writtenFilesFilterLikeParquetJava() {
    List<Path> files = new ArrayList<>(SelectiveBatchesTest.written());
    files.addAll(ownFiles());
    return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
      SelectiveBatchesTest.Expected expected = SelectiveBatchesTest.expected(f, f);
      long seed = f.getFileName().toString().hashCode();
      long checked = 0;
      for (int batchSize : new int[] {7, 100, ReadOptions.DEFAULT_BATCH_SIZE}) {
        checked += run(f, expected, batchSize, seed + batchSize, batchSize == 100, RANDOM);
      }
      assertTrue(checked > 0, "some rows were filtered");
    }));
  }

  /** The files of {@link #ownFiles} hold the encodings and page layouts the tests above rely on. */
  @Test
  void ownFilesHoldTheEncodingsTheyAreFor() throws IOException {
    String[] expect = {"PLAIN_DICTIONARY", "RLE_DICTIONARY", "DELTA_BINARY_PACKED", "BYTE_STREAM_SPLIT"};
    List<Path> files = ownFiles();
    for (int i = 0; i < files.size(); i++) {
      try (ParquetFileReader reader = ParquetFileReader.open(files.get(i).toString())) {
        byte[] bytes = Files.readAllBytes(files.get(i));
        int maxPages = 0;
        Set<String> encodings = new java.util.TreeSet<>();
        for (var group : reader.metadata().rowGroups()) {
          for (var chunk : group.columns()) {
            chunk.metaData().encodings().forEach(e -> encodings.add(e.name()));
            String name = chunk.metaData().pathInSchema().get(0);
            // parquet-java's v1 writer keeps FIXED_LEN_BYTE_ARRAY PLAIN; the v2 one dictionary-encodes it
            if (i < 2 && (Set.of("run", "pick", "d", "f", "dec", "day", "ts").contains(name)
                || i == 1 && Set.of("w3", "uuid", "dec12", "block", "wide").contains(name))) {
              assertTrue(chunk.metaData().dictionaryPageOffset() != null, files.get(i).getFileName() + " "
                  + chunk.metaData().pathInSchema() + ": dictionary page");
              maxPages = Math.max(maxPages, dataPages(bytes, chunk.metaData()));
            }
          }
        }
        assertTrue(encodings.contains(expect[i]), files.get(i).getFileName() + ": " + encodings);
        if (i < 2) {
          assertTrue(reader.metadata().rowGroups().size() > 1, "several row groups");
          assertTrue(maxPages >= 3, "dictionary-encoded chunks of several data pages: " + maxPages);
        }
      }
    }
  }

  /** The data pages of a column chunk, counted by walking its page headers. */
  static int dataPages(byte[] bytes, dev.quiver.parquet.format.ColumnMetaData md) {
    long start = md.dictionaryPageOffset() != null && md.dictionaryPageOffset() > 0
        ? Math.min(md.dictionaryPageOffset(), md.dataPageOffset()) : md.dataPageOffset();
    int pos = (int) start;
    int pages = 0;
    while (pos < start + md.totalCompressedSize()) {
      var r = new dev.quiver.parquet.format.thrift.CompactReader(bytes, pos, bytes.length - pos, pos);
      var header = dev.quiver.parquet.format.MetadataDecoder.pageHeader(r);
      if (header.type() == PageType.DATA_PAGE || header.type() == PageType.DATA_PAGE_V2) {
        pages++;
      }
      pos += r.consumed() + header.compressedPageSize();
    }
    return pages;
  }

  /** 1. One-row batches over the start of a written file (each batch one row: page edges at every row). */
  @Test
  void oneRowBatches() {
    Path f = ownFiles().get(0);
    SelectiveBatchesTest.Expected expected = SelectiveBatchesTest.expected(f, f);
    assertTrue(run(f, expected, 1, 11, false, RANDOM) > 0);
  }

  /**
   * 2. Along one column chunk, each column is filtered in one batch, read (whole or at selected rows) in the next,
   * filtered again, skipped: the filter path and the value decoders move one position along each page.
   */
  @TestFactory
  Stream<DynamicTest> filterReadFilterAlongOneChunk() {
    List<Path> files = new ArrayList<>(ownFiles());
    files.addAll(SelectiveBatchesTest.written());
    Action[] cycle = {Action.FILTER, Action.READ, Action.FILTER_KEEP, Action.READ_SELECTED, Action.FILTER,
        Action.SKIP, Action.FILTER_KEEP, Action.FILTER, Action.READ};
    return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
      SelectiveBatchesTest.Expected expected = SelectiveBatchesTest.expected(f, f);
      for (int batchSize : new int[] {37, 333}) {
        for (int shift = 0; shift < 3; shift++) {
          int s = shift;
          run(f, expected, batchSize, batchSize * 31L + shift, false,
              (batch, column, random) -> cycle[(batch + column + s) % cycle.length]);
        }
      }
    }));
  }

  /**
   * 3. A new filter object on a later batch of the same dictionary-encoded chunk gets its own answers (not the
   * first filter's table), and going back to the first object gives the first's again.
   */
  @Test
  void eachFilterObjectGetsItsOwnAnswers() {
    Path f = ownFiles().get(0);
    SelectiveBatchesTest.Expected expected = SelectiveBatchesTest.expected(f, f);
    try (LeakCheckedAllocator a = new LeakCheckedAllocator();
        ParquetFileReader reader = ParquetFileReader.open(f.toString());
        ParquetBatchReader batches = reader.read(a.get(), ReadOptions.defaults().withBatchSize(250))) {
      List<Field> fields = batches.schema().getFields();
      int run = expected.columns().indexOf("run");
      int pick = expected.columns().indexOf("pick");
      HashFilter[][] filters = new HashFilter[2][2];
      for (int k = 0; k < 2; k++) {
        filters[0][k] = new HashFilter(0, 1000 + k, fields.get(run).getType());
        filters[1][k] = new HashFilter(0, 2000 + k, fields.get(pick).getType());
      }
      long base = 0;
      int rows;
      int batch = 0;
      boolean differed = false;
      while ((rows = batches.startBatch()) > 0) {
        int k = (batch / 2) % 2; // A, A, B, B, A, A, ...
        int[] cols = {run, pick};
        for (int j = 0; j < 2; j++) {
          int c = cols[j];
          HashFilter filter = filters[j][k];
          int[] passed = new int[rows];
          int p = batches.filterColumn(c, filter, null, rows, passed, null);
          List<String> want = expected.values().get(c);
          List<Integer> expect = new ArrayList<>();
          List<Integer> other = new ArrayList<>();
          for (int i = 0; i < rows; i++) {
            String v = want.get((int) (base + i));
            if (!v.equals("null") && keeps(v, 0, filter.salt)) {
              expect.add(i);
            }
            if (!v.equals("null") && keeps(v, 0, filters[j][1 - k].salt)) {
              other.add(i);
            }
          }
          assertEquals(expect.toString(), Arrays.toString(Arrays.copyOf(passed, p)),
              expected.columns().get(c) + " batch " + batch);
          differed |= !expect.equals(other);
        }
        base += rows;
        batch++;
      }
      assertTrue(differed, "the two filters' answers differ somewhere, so the test can tell them apart");
      for (HashFilter[] fs : filters) {
        for (HashFilter filter : fs) {
          // the dictionary is tested again when the filter object changes, at most once per run of batches
          assertTrue(filter.calls > 0 && filter.calls <= (batch + 1) / 2, filter.calls + " calls");
        }
      }
    }
  }

  /** One filter object for every batch of a dictionary-encoded chunk tests its dictionary page once per chunk. */
  @Test
  void oneFilterObjectTestsEachDictionaryOnce() {
    Path f = ownFiles().get(1);
    SelectiveBatchesTest.Expected expected = SelectiveBatchesTest.expected(f, f);
    for (String column : List.of("run", "pick", "d", "w3", "uuid", "wide", "dec12", "block")) {
      try (LeakCheckedAllocator a = new LeakCheckedAllocator();
          ParquetFileReader reader = ParquetFileReader.open(f.toString());
          ParquetBatchReader batches = reader.read(a.get(), ReadOptions.defaults().withBatchSize(90))) {
        int c = expected.columns().indexOf(column);
        HashFilter filter = new HashFilter(0, 77, batches.schema().getFields().get(c).getType());
        long base = 0;
        int rows;
        int batchCount = 0;
        while ((rows = batches.startBatch()) > 0) {
          int[] passed = new int[rows];
          int p = batches.filterColumn(c, filter, null, rows, passed, null);
          List<Integer> expect = new ArrayList<>();
          for (int i = 0; i < rows; i++) {
            String v = expected.values().get(c).get((int) (base + i));
            if (!v.equals("null") && keeps(v, 0, 77)) {
              expect.add(i);
            }
          }
          assertEquals(expect.toString(), Arrays.toString(Arrays.copyOf(passed, p)), column + " rows from " + base);
          base += rows;
          batchCount++;
        }
        int groups = reader.metadata().rowGroups().size();
        assertTrue(batchCount > 2 * groups, "several batches per chunk");
        assertEquals(groups, filter.calls, column + ": the filter's calls, one per row group's dictionary page");
      }
    }
  }

  /** 4. Each documented misuse throws the documented exception and leaves the column unread. */
  @Test
  void argumentChecksLeaveTheColumnUnread() {
    Path f = ownFiles().get(0);
    SelectiveBatchesTest.Expected expected = SelectiveBatchesTest.expected(f, f);
    try (LeakCheckedAllocator a = new LeakCheckedAllocator();
        ParquetFileReader reader = ParquetFileReader.open(f.toString());
        ParquetBatchReader batches = reader.read(a.get(), ReadOptions.defaults().withBatchSize(100)
            .withDictionaryColumns(Set.of("s")))) {
      BufferAllocator al = a.get();
      List<Field> fields = batches.schema().getFields();
      int pick = expected.columns().indexOf("pick");
      int s = expected.columns().indexOf("s");
      ValueFilter any = (v, n, out) -> Arrays.fill(out, 0, n, true);
      assertThrows(IllegalStateException.class, () -> batches.filterColumn(pick, any, null, 100, new int[100], null),
          "before startBatch");
      assertEquals(100, batches.startBatch());
      assertThrows(IllegalArgumentException.class,
          () -> batches.filterColumn(fields.size(), any, null, 100, new int[100], null), "no such column");
      assertThrows(IllegalArgumentException.class,
          () -> batches.filterColumn(-1, any, null, 100, new int[100], null), "negative column");
      assertThrows(IllegalArgumentException.class, () -> batches.filterColumn(s, any, null, 100, new int[100], null),
          "dictionary-encoded field");
      assertThrows(IllegalArgumentException.class, () -> batches.filterColumn(pick, null, null, 100, new int[100],
          null), "null filter");
      assertThrows(IllegalArgumentException.class, () -> batches.filterColumn(pick, any, null, 100, null, null),
          "null passed");
      assertThrows(IllegalArgumentException.class, () -> batches.filterColumn(pick, any, null, 100, new int[99],
          null), "passed too short");
      assertThrows(IllegalArgumentException.class, () -> batches.filterColumn(pick, any, new int[] {1, 5}, 2,
          new int[1], null), "passed shorter than the selection");
      assertThrows(IllegalArgumentException.class, () -> batches.filterColumn(pick, any, null, 99, new int[100],
          null), "count other than the batch's rows without a selection");
      assertThrows(IllegalArgumentException.class, () -> batches.filterColumn(pick, any, new int[] {3, 3}, 2,
          new int[2], null), "not strictly ascending");
      assertThrows(IllegalArgumentException.class, () -> batches.filterColumn(pick, any, new int[] {5, 2}, 2,
          new int[2], null), "descending");
      assertThrows(IllegalArgumentException.class, () -> batches.filterColumn(pick, any, new int[] {100}, 1,
          new int[1], null), "row outside the batch");
      assertThrows(IllegalArgumentException.class, () -> batches.filterColumn(pick, any, new int[] {-1}, 1,
          new int[1], null), "negative row");
      assertThrows(IllegalArgumentException.class, () -> batches.filterColumn(pick, any, new int[] {1}, 2,
          new int[2], null), "count above the selection's length");
      assertThrows(IllegalArgumentException.class, () -> batches.filterColumn(pick, any, new int[] {1}, -1,
          new int[2], null), "negative count");
      assertThrows(IllegalArgumentException.class, () -> batches.filterColumn(pick, any, new int[101], 101,
          new int[101], null), "count above the batch's rows");
      int run = expected.columns().indexOf("run");
      try (FieldVector wrong = fields.get(run).createVector(al)) { // int32 for an int64 column
        assertThrows(IllegalArgumentException.class, () -> batches.filterColumn(pick, any, null, 100, new int[100],
            wrong), "values of another type");
      }
      // the column is still unread: a filter works and gives parquet-java's answer
      int[] passed = new int[100];
      try (FieldVector values = fields.get(pick).createVector(al)) {
        int p = batches.filterColumn(pick, any, null, 100, passed, values);
        int nonNull = 0;
        for (int i = 0; i < 100; i++) {
          if (!expected.values().get(pick).get(i).equals("null")) {
            assertEquals(i, passed[nonNull], "row " + i);
            assertEquals(expected.values().get(pick).get(i), canonical(values, nonNull));
            nonNull++;
          }
        }
        assertEquals(nonNull, p);
        assertTrue(nonNull < 100, "some nulls in the batch");
      }
      // now it is read: neither a filter nor a read may follow in this batch
      assertThrows(IllegalStateException.class, () -> batches.filterColumn(pick, any, null, 100, new int[100], null),
          "filtered twice");
      try (FieldVector v = fields.get(pick).createVector(al)) {
        assertThrows(IllegalStateException.class, () -> batches.readColumn(pick, v), "read after filter");
      }
      try (FieldVector v = fields.get(run).createVector(al)) {
        batches.readColumn(run, v);
        assertThrows(IllegalStateException.class, () -> batches.filterColumn(run, any, null, 100, new int[100],
            null), "filter after read");
      }
      // the rejected dictionary-encoded column still reads
      try (FieldVector v = fields.get(s).createVector(al)) {
        batches.readColumn(s, v);
        assertEquals(100, v.getValueCount());
      }
      // the next batch continues at row 100
      int next = batches.startBatch();
      assertTrue(next > 0);
      int n = batches.filterColumn(run, any, null, next, new int[next], null);
      assertEquals(next, n, "a required column: every row passes an always-true filter");
    }
    // a nested field is refused as IllegalStateException
    Path w = SelectiveBatchesTest.written().get(0);
    try (LeakCheckedAllocator a = new LeakCheckedAllocator();
        ParquetFileReader reader = ParquetFileReader.open(w.toString());
        ParquetBatchReader batches = reader.read(a.get(), ReadOptions.defaults().withBatchSize(10))) {
      List<Field> fields = batches.schema().getFields();
      int tags = fields.indexOf(fields.stream().filter(x -> x.getName().equals("tags")).findFirst().orElseThrow());
      assertEquals(10, batches.startBatch());
      assertThrows(IllegalStateException.class, () -> batches.filterColumn(tags, (v, n, out) -> { }, null, 10,
          new int[10], null), "nested");
      try (FieldVector v = fields.get(tags).createVector(a.get())) {
        batches.readColumn(tags, v); // still unread
        assertEquals(10, v.getValueCount());
      }
    }
  }

  // ---------------------------------------------------------------------------------------------- corruption

  /** A small required INT32 column, dictionary-encoded (4 entries, bit width 2), one v1 data page, uncompressed. */
  static byte[] smallDictionaryFile(WriterVersion version) throws IOException {
    Path file = Files.createTempFile("quiver-filter-dict", ".parquet");
    try {
      MessageType schema = MessageTypeParser.parseMessageType(
          "message m { required int32 k; optional int64 v; optional fixed_len_byte_array(20) w; }");
      SimpleGroupFactory groups = new SimpleGroupFactory(schema);
      Files.delete(file);
      SplittableRandom random = new SplittableRandom(5);
      try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema)
          .withWriterVersion(version).withDictionaryEncoding(true).withPageWriteChecksumEnabled(false)
          .withCompressionCodec(CompressionCodecName.UNCOMPRESSED).build()) {
        for (int r = 0; r < 400; r++) {
          Group g = groups.newGroup();
          g.add("k", random.nextInt(4) * 10);
          if (random.nextInt(5) > 0) {
            g.add("v", (long) random.nextInt(6));
          }
          if (random.nextInt(5) > 0) {
            byte[] b = new byte[20];
            Arrays.fill(b, (byte) random.nextInt(3));
            g.add("w", Binary.fromConstantByteArray(b));
          }
          writer.write(g);
        }
      }
      return Files.readAllBytes(file);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** Where column 0's first data page's values start (its bit-width byte) and how many bytes they take. */
  static int[] firstDataPageValues(byte[] bytes) {
    try (InMemoryStore store = new InMemoryStore("locate")) {
      store.put("f.parquet", ByteBuffer.wrap(bytes), PutMode.OVERWRITE).join();
      try (ParquetFileReader reader = ParquetFileReader.open(store, "f.parquet")) {
        var md = reader.metadata().rowGroups().get(0).columns().get(0).metaData();
        int pos = (int) (md.dictionaryPageOffset() != null && md.dictionaryPageOffset() > 0
            ? Math.min(md.dictionaryPageOffset(), md.dataPageOffset()) : md.dataPageOffset());
        while (true) {
          var r = new dev.quiver.parquet.format.thrift.CompactReader(bytes, pos, bytes.length - pos, pos);
          var header = dev.quiver.parquet.format.MetadataDecoder.pageHeader(r);
          int start = pos + r.consumed();
          if (header.type() == PageType.DATA_PAGE) {
            return new int[] {start, header.compressedPageSize(), header.dataPageHeader().numValues()};
          }
          if (header.type() == PageType.DATA_PAGE_V2) {
            int levels = header.dataPageHeaderV2().repetitionLevelsByteLength()
                + header.dataPageHeaderV2().definitionLevelsByteLength();
            return new int[] {start + levels, header.compressedPageSize() - levels,
                header.dataPageHeaderV2().numValues()};
          }
          pos = start + header.compressedPageSize();
        }
      }
    }
  }

  /** LSB-first bit-packing of {@code values} (a multiple of 8) at {@code width} bits. */
  static byte[] bitPack(int[] values, int width) {
    byte[] out = new byte[values.length * width / 8];
    long bit = 0;
    for (int v : values) {
      for (int b = 0; b < width; b++, bit++) {
        if ((v >>> b & 1) != 0) {
          out[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
        }
      }
    }
    return out;
  }

  /**
   * The file with column 0's first data page's indices replaced: bit width 3, a bit-packed group of 8 indices
   * ({@code group}), then an RLE run of index {@code runValue} over the page's other values.
   */
  static byte[] withIndices(byte[] good, int[] group, int runValue) {
    byte[] bytes = good.clone();
    int[] page = firstDataPageValues(bytes);
    int at = page[0];
    int n = page[2];
    ByteBuffer body = ByteBuffer.allocate(page[1]);
    body.put((byte) 3);
    body.put((byte) ((1 << 1) | 1)); // one bit-packed group of 8
    body.put(bitPack(group, 3));
    int run = (n - 8) << 1;
    while ((run & ~0x7F) != 0) {
      body.put((byte) ((run & 0x7F) | 0x80));
      run >>>= 7;
    }
    body.put((byte) run);
    body.put((byte) runValue);
    assertTrue(body.position() <= page[1], "replacement fits the page");
    System.arraycopy(body.array(), 0, bytes, at, body.position());
    return bytes;
  }

  /** Filters column 0 of {@code bytes} in batches of {@code batchSize}; returns the rows that passed. */
  static long filterAll(byte[] bytes, int batchSize, boolean selected, ValueFilter filter) {
    return filterAll(bytes, batchSize, selected, filter, true);
  }

  /** As above; {@code keep} false filters without a values vector (answers looked up, nothing gathered). */
  static long filterAll(byte[] bytes, int batchSize, boolean selected, ValueFilter filter, boolean keep) {
    try (InMemoryStore store = new InMemoryStore("corrupt")) {
      store.put("file.parquet", ByteBuffer.wrap(bytes), PutMode.OVERWRITE).join();
      try (LeakCheckedAllocator a = new LeakCheckedAllocator();
          ParquetFileReader reader = ParquetFileReader.open(store, "file.parquet");
          ParquetBatchReader batches = reader.read(a.get(), ReadOptions.defaults().withBatchSize(batchSize)
              .withVerifyChecksums(false))) {
        long passing = 0;
        int rows;
        while ((rows = batches.startBatch()) > 0) {
          int[] sel = selected ? selection(1, rows, null) : null;
          int count = sel == null ? rows : sel.length;
          try (FieldVector v = keep ? batches.schema().getFields().get(0).createVector(a.get()) : null) {
            passing += batches.filterColumn(0, filter, sel, count, new int[count], v);
          } catch (RuntimeException e) {
            assertEquals(0, batches.startBatch(), "the reader is spent after " + e);
            assertFalse(batches.hasNext(), "the reader is spent after " + e);
            throw e;
          }
        }
        return passing;
      }
    }
  }

  /** 5. A dictionary index past the dictionary in a filtered page is corruption, whichever path meets it. */
  @Test
  void dictionaryIndexOutOfRangeIsCorruption() throws IOException {
    for (WriterVersion version : WriterVersion.values()) {
      byte[] good = smallDictionaryFile(version);
      ValueFilter evens = (v, n, out) -> {
        for (int i = 0; i < n; i++) {
          out[i] = ((org.apache.arrow.vector.IntVector) v).get(i) % 20 == 0;
        }
      };
      // the unmodified file filters as parquet-java reads it (the keys 0, 10, 20, 30: half are multiples of 20)
      long passing = filterAll(good, 100, false, evens);
      assertTrue(passing > 100 && passing < 300, "about half pass: " + passing);
      // a valid replacement of the indices still filters: entries 0..3 only
      byte[] valid = withIndices(good, new int[] {0, 1, 2, 3, 3, 2, 1, 0}, 2);
      int[] page = firstDataPageValues(good);
      // entries 0, 10, 20, 30, 30, 20, 10, 0 (4 multiples of 20), then 20 repeated; the pages after as they were
      long expectValid = 4 + (page[2] - 8) + passing - countPassingInFirstPage(good, page[2], evens);
      assertEquals(expectValid, filterAll(valid, 100, false, evens), "valid indices, " + version);
      int[][] groups = {{0, 1, 2, 7, 0, 1, 2, 3}, {4, 0, 0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0, 0, 5}};
      for (int[] group : groups) {
        byte[] bad = withIndices(good, group, 0);
        for (int batchSize : new int[] {1, 5, 100}) {
          for (boolean selected : new boolean[] {false, true}) {
            if (selected && batchSize == 1) {
              continue;
            }
            int badAt = 0;
            while (group[badAt] < 4) {
              badAt++;
            }
            String what = Arrays.toString(group) + " batch " + batchSize + (selected ? " selected" : "");
            for (boolean keep : new boolean[] {true, false}) {
              if (selected && (badAt % batchSize) % 3 != 0) {
                // an index the selection skips is not looked at (as readColumn at selected rows documents)
                filterAll(bad, batchSize, selected, evens, keep);
              } else {
                ParquetCorruptionException e = assertThrows(ParquetCorruptionException.class,
                    () -> filterAll(bad, batchSize, selected, evens, keep), what + (keep ? "" : " no values"));
                assertTrue(e.getMessage().contains("memory://corrupt"), "names the file: " + e.getMessage());
                assertEquals("k", e.column(), e.getMessage());
              }
            }
          }
        }
      }
      // an RLE run of an index past the dictionary
      byte[] badRun = withIndices(good, new int[8], 6);
      for (boolean selected : new boolean[] {false, true}) {
        assertThrows(ParquetCorruptionException.class, () -> filterAll(badRun, 100, selected, evens),
            "RLE run of index 6" + (selected ? " selected" : ""));
      }
    }
  }

  /** Rows of the first {@code n} of the good file that pass {@code filter}, counted by filtering in one batch. */
  private static long countPassingInFirstPage(byte[] good, int n, ValueFilter filter) {
    try (InMemoryStore store = new InMemoryStore("count")) {
      store.put("file.parquet", ByteBuffer.wrap(good), PutMode.OVERWRITE).join();
      try (LeakCheckedAllocator a = new LeakCheckedAllocator();
          ParquetFileReader reader = ParquetFileReader.open(store, "file.parquet");
          ParquetBatchReader batches = reader.read(a.get(), ReadOptions.defaults().withBatchSize(n))) {
        int rows = batches.startBatch();
        return batches.filterColumn(0, filter, null, rows, new int[rows], null);
      }
    }
  }

  /** 5. Byte-flip mutants of a small dictionary-encoded file, filtered column by column: only ParquetExceptions. */
  @Test
  void byteFlipsFilterOrFailCleanly() throws IOException {
    for (WriterVersion version : WriterVersion.values()) {
      byte[] good = smallDictionaryFile(version);
      SplittableRandom random = new SplittableRandom(version.ordinal() + 17);
      int failures = 0;
      for (int trial = 0; trial < 300; trial++) {
        byte[] damaged = good.clone();
        int flips = 1 + random.nextInt(3);
        for (int f = 0; f < flips; f++) {
          damaged[random.nextInt(damaged.length)] ^= (byte) (1 + random.nextInt(255));
        }
        int batchSize = 1 + random.nextInt(150);
        boolean selected = random.nextBoolean();
        try {
          filterEveryColumn(damaged, batchSize, selected, random.nextInt());
        } catch (ParquetException e) {
          failures++; // clean: corruption or an unsupported feature the damage made up
        } catch (RuntimeException | Error e) {
          fail(version + " trial " + trial + ": unexpected " + e, e);
        }
      }
      assertTrue(failures > 0, "some mutants fail");
    }
  }

  private static void filterEveryColumn(byte[] bytes, int batchSize, boolean selected, int salt) {
    try (InMemoryStore store = new InMemoryStore("corrupt")) {
      store.put("file.parquet", ByteBuffer.wrap(bytes), PutMode.OVERWRITE).join();
      try (LeakCheckedAllocator a = new LeakCheckedAllocator();
          ParquetFileReader reader = ParquetFileReader.open(store, "file.parquet");
          ParquetBatchReader batches = reader.read(a.get(), ReadOptions.defaults().withBatchSize(batchSize)
              .withVerifyChecksums(false))) {
        List<Field> fields = batches.schema().getFields();
        int rows;
        while ((rows = batches.startBatch()) > 0) {
          for (int c = 0; c < fields.size(); c++) {
            if (fields.get(c).getChildren().size() > 0) {
              continue;
            }
            int[] sel = selected ? selection(1, rows, null) : null;
            int count = sel == null ? rows : sel.length;
            try (FieldVector v = fields.get(c).createVector(a.get())) {
              batches.filterColumn(c, new HashFilter(0, salt, fields.get(c).getType()), sel, count,
                  new int[count], v);
            } catch (RuntimeException e) {
              assertEquals(0, batches.startBatch(), "the reader is spent after " + e);
              throw e;
            }
          }
        }
      }
    }
  }

  /**
   * 5. A filter's own exception propagates as it is, and the reader is spent: also the kinds a decoder's failure
   * would raise (an index out of bounds, an arithmetic error), which must not be reported as a corrupt page.
   */
  @TestFactory
  Stream<DynamicTest> aThrowingFilterPropagatesAndSpendsTheReader() {
    List<RuntimeException> failures = List.of(new IllegalStateException("the filter's own failure"),
        new ArrayIndexOutOfBoundsException("the filter's own index"), new ArithmeticException("/ by zero"),
        new IllegalArgumentException("the filter's own argument"));
    return failures.stream().map(mine -> DynamicTest.dynamicTest(mine.getClass().getSimpleName(),
        () -> throwingFilter(mine)));
  }

  private static void throwingFilter(RuntimeException mine) {
    for (Path f : List.of(ownFiles().get(0), ownFiles().get(2))) {
      for (String column : List.of("pick", "s", "uuid", "flag")) {
        try (LeakCheckedAllocator a = new LeakCheckedAllocator();
            ParquetFileReader reader = ParquetFileReader.open(f.toString());
            ParquetBatchReader batches = reader.read(a.get(), ReadOptions.defaults().withBatchSize(100))) {
          int c = batches.schema().getFields().indexOf(batches.schema().findField(column));
          assertEquals(100, batches.startBatch());
          try (FieldVector v = batches.schema().getFields().get(c).createVector(a.get())) {
            RuntimeException thrown = assertThrows(RuntimeException.class,
                () -> batches.filterColumn(c, (values, n, out) -> {
                  throw mine;
                }, null, 100, new int[100], v));
            assertSame(mine, thrown, f.getFileName() + " " + column);
          }
          assertEquals(0, batches.startBatch(), "spent");
          assertFalse(batches.hasNext(), "spent");
        }
      }
    }
  }
}
