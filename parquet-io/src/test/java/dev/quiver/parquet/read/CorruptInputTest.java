package dev.quiver.parquet.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.quiver.parquet.ParquetCorruptionException;
import dev.quiver.parquet.UnsupportedParquetException;
import dev.quiver.parquet.testing.LeakCheckedAllocator;
import dev.quiver.parquet.testing.ParquetTesting;
import dev.quiver.store.memory.InMemoryStore;
import dev.quiver.store.PutMode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Bad input fails cleanly: every corrupt file, truncation, byte flip and inflated length either reads or raises the
 * one {@link ParquetCorruptionException} (or {@link UnsupportedParquetException} where the damage lands on a feature
 * this version does not read), never another exception, an out-of-memory error or a hang; and a corruption error
 * names the file.
 */
class CorruptInputTest {
  /** Good files damaged by the generated cases: small, varied in codec, page version and encoding. */
  private static final String[] GOOD = {
    "alltypes_plain.parquet", "alltypes_plain.snappy.parquet", "alltypes_dictionary.parquet",
    "datapage_v1-snappy-compressed-checksum.parquet", "rle-dict-snappy-checksum.parquet",
    "concatenated_gzip_members.parquet", "lz4_raw_compressed.parquet", "hadoop_lz4_compressed.parquet",
    "int32_with_null_pages.parquet", "byte_array_decimal.parquet", "fixed_length_decimal.parquet",
    "page_v2_empty_compressed.parquet", "nested_lists.snappy.parquet", "nested_maps.snappy.parquet",
    "nullable.impala.parquet", "old_list_structure.parquet", "repeated_no_annotation.parquet",
    "delta_encoding_optional_column.parquet", "delta_byte_array.parquet", "delta_binary_packed.parquet",
    "byte_stream_split.zstd.parquet", "datapage_v2.snappy.parquet"
  };

  /**
   * The corrupt corpus: for each file of {@code bad_data/}, a part of the {@link ParquetCorruptionException} message
   * it must raise (the style of duckdb's fuzzer-issue tests: the error text is asserted per file). A null entry means
   * the file is readable and must read exactly as parquet-java reads it: ARROW-GH-43605 has dictionary indices of
   * bit width 0, legal when every index is 0. A guard checks every file has an entry.
   */
  private static final Map<String, String> BAD = new TreeMap<>();

  static {
    BAD.put("ARROW-GH-41317.parquet", "invalid Thrift metadata");
    BAD.put("ARROW-GH-41321.parquet", "dictionary index bit width 254");
    BAD.put("ARROW-GH-43605.parquet", null);
    BAD.put("ARROW-GH-45185.parquet", "repetition level 1 where a row must start");
    BAD.put("ARROW-GH-47662.parquet", "PLAIN page holds 91 more values");
    BAD.put("ARROW-RS-GH-6229-DICTHEADER.parquet", "lies outside the file's data");
    BAD.put("ARROW-RS-GH-6229-LEVELS.parquet", "data pages claim 21 values, more than the 1 of their column chunk");
    BAD.put("PARQUET-1481.parquet", "unknown physical type id -7");
  }

  @Test
  void everyCorruptFileHasAnExpectation() throws IOException {
    TreeSet<String> present = new TreeSet<>();
    try (Stream<Path> files = Files.list(ParquetTesting.badData())) {
      files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".parquet")).forEach(present::add);
    }
    assertEquals(present, BAD.keySet());
  }

  @TestFactory
  Stream<DynamicTest> everyCorruptFileFailsCleanly() {
    return BAD.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
      Path file = ParquetTesting.badData().resolve(e.getKey());
      if (e.getValue() == null) {
        ConformanceTest.compareWithParquetJava(file, file);
        return;
      }
      ParquetCorruptionException thrown = assertThrows(ParquetCorruptionException.class,
          () -> ConformanceTest.readAll(file, 1000));
      assertTrue(thrown.getMessage().contains(file.toString()), "names the file: " + thrown.getMessage());
      assertTrue(thrown.getMessage().contains(e.getValue()), "says " + e.getValue() + ": " + thrown.getMessage());
    }));
  }

  @Test
  void wrongMagicNumbersAreCorruption() throws IOException {
    byte[] good = Files.readAllBytes(ParquetTesting.dataFile("alltypes_plain.parquet"));
    byte[] badHead = good.clone();
    badHead[0] = 'X';
    ParquetCorruptionException head = assertThrows(ParquetCorruptionException.class, () -> read(badHead));
    assertTrue(head.getMessage().contains("first 4 bytes"), head.getMessage());
    assertEquals(0, head.offset());
    byte[] badTail = good.clone();
    badTail[good.length - 1] = 'X';
    ParquetCorruptionException tail = assertThrows(ParquetCorruptionException.class, () -> read(badTail));
    assertTrue(tail.getMessage().contains("last 4 bytes"), tail.getMessage());
    assertEquals(good.length - 4, tail.offset());
  }

  @Test
  void footerLengthPastTheFileIsCorruption() throws IOException {
    byte[] bytes = Files.readAllBytes(ParquetTesting.dataFile("alltypes_plain.parquet"));
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(bytes.length - 8, bytes.length);
    ParquetCorruptionException e = assertThrows(ParquetCorruptionException.class, () -> read(bytes));
    assertTrue(e.getMessage().contains("footer length"), e.getMessage());
    assertEquals(bytes.length - 8, e.offset());
  }

  @Test
  void filesTooSmallToBeParquetAreCorruption() {
    for (int n = 0; n < 12; n++) {
      byte[] bytes = new byte[n];
      assertThrows(ParquetCorruptionException.class, () -> read(bytes), n + " bytes");
    }
  }

  @Test
  void pageHeaderClaimingMoreBytesThanExistIsCorruption() throws IOException {
    // In alltypes_plain.parquet (uncompressed, written by parquet-mr) the first page header of the first column
    // starts at offset 4; its field 3 (compressed_page_size) follows fields 1 and 2. Inflate it to 2^30.
    byte[] bytes = Files.readAllBytes(ParquetTesting.dataFile("alltypes_plain.parquet"));
    int pos = 4;
    assertEquals(0x15, bytes[pos] & 0xFF, "field 1 (type) header");
    pos += 2; // header + zigzag varint of a small page type
    assertEquals(0x15, bytes[pos] & 0xFF, "field 2 (uncompressed_page_size) header");
    pos++;
    while ((bytes[pos++] & 0x80) != 0) {
      // skip the varint
    }
    assertEquals(0x15, bytes[pos] & 0xFF, "field 3 (compressed_page_size) header");
    int varintStart = pos + 1;
    int varintEnd = varintStart;
    while ((bytes[varintEnd] & 0x80) != 0) {
      varintEnd++;
    }
    // rewrite the varint in place, keeping its length: the largest value that fits in the same bytes
    for (int i = varintStart; i < varintEnd; i++) {
      bytes[i] = (byte) 0xFE;
    }
    bytes[varintEnd] = 0x7E;
    ParquetCorruptionException e = assertThrows(ParquetCorruptionException.class, () -> read(bytes));
    assertTrue(e.getMessage().contains("runs past the end of its column chunk"), e.getMessage());
    assertTrue(e.column() != null && e.rowGroup() == 0 && e.offset() >= 4, e.getMessage());
  }

  @TestFactory
  Stream<DynamicTest> everyTruncationFailsCleanly() {
    return Stream.of(GOOD).map(name -> DynamicTest.dynamicTest(name, () -> {
      byte[] good = Files.readAllBytes(ParquetTesting.dataFile(name));
      int step = Math.max(1, good.length / 200);
      for (int length = 0; length < good.length; length += step) {
        byte[] cut = java.util.Arrays.copyOf(good, length);
        assertThrows(ParquetCorruptionException.class, () -> read(cut), name + " cut to " + cut.length);
      }
    }));
  }

  @TestFactory
  Stream<DynamicTest> everyByteFlipReadsOrFailsCleanly() {
    return Stream.of(GOOD).map(name -> DynamicTest.dynamicTest(name, () -> {
      byte[] good = Files.readAllBytes(ParquetTesting.dataFile(name));
      SplittableRandom random = new SplittableRandom(name.hashCode());
      for (int trial = 0; trial < 300; trial++) {
        byte[] damaged = good.clone();
        int flips = 1 + random.nextInt(3);
        for (int f = 0; f < flips; f++) {
          damaged[random.nextInt(damaged.length)] ^= (byte) (1 + random.nextInt(255));
        }
        readOrFailCleanly(damaged, name + " trial " + trial);
      }
    }));
  }

  @TestFactory
  Stream<DynamicTest> inflatedLengthsReadOrFailCleanly() {
    // Varints in Thrift metadata and the 4-byte little-endian lengths of levels and BYTE_ARRAY values: overwrite
    // 4 bytes at many positions with huge or negative numbers.
    int[] values = {Integer.MAX_VALUE, Integer.MIN_VALUE, -1, 1 << 30, 0x7FFFFFF0};
    return Stream.of(GOOD).map(name -> DynamicTest.dynamicTest(name, () -> {
      byte[] good = Files.readAllBytes(ParquetTesting.dataFile(name));
      SplittableRandom random = new SplittableRandom(name.hashCode() * 31L);
      for (int trial = 0; trial < 200; trial++) {
        byte[] damaged = good.clone();
        int at = random.nextInt(Math.max(1, damaged.length - 4));
        if (random.nextBoolean()) {
          ByteBuffer.wrap(damaged).order(ByteOrder.LITTLE_ENDIAN).putInt(at, values[random.nextInt(values.length)]);
        } else {
          // a maximal 5-byte varint
          for (int k = 0; k < 4 && at + k < damaged.length; k++) {
            damaged[at + k] = (byte) 0xFF;
          }
          damaged[Math.min(at + 4, damaged.length - 1)] = 0x07;
        }
        readOrFailCleanly(damaged, name + " inflated at " + at);
      }
    }));
  }

  private static void readOrFailCleanly(byte[] bytes, String what) {
    try {
      read(bytes);
    } catch (ParquetCorruptionException e) {
      assertTrue(e.getMessage().contains("memory://corrupt"), what + ": message names the file: " + e.getMessage());
    } catch (UnsupportedParquetException e) {
      // damage that turns a value into a feature we do not read (an encoding id, a nested schema): a clean error
    } catch (RuntimeException | Error e) {
      fail(what + ": unexpected " + e, e);
    }
  }

  /** Reads every row of {@code bytes} as a file, every column, and returns the row count. */
  private static long read(byte[] bytes) {
    try (InMemoryStore store = new InMemoryStore("corrupt")) {
      store.put("file.parquet", ByteBuffer.wrap(bytes), PutMode.OVERWRITE).join();
      long rows = 0;
      try (ParquetFileReader reader = ParquetFileReader.open(store, "file.parquet");
           LeakCheckedAllocator allocator = new LeakCheckedAllocator();
           ParquetBatchReader batches = reader.read(allocator.get(), ReadOptions.defaults().withBatchSize(100)
               .withVerifyChecksums(true))) {
        while (batches.hasNext()) {
          try (VectorSchemaRoot root = batches.next()) {
            rows += root.getRowCount();
          }
        }
      }
      return rows;
    }
  }
}
