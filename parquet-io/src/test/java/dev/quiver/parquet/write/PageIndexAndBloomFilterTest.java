package dev.quiver.parquet.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.codec.CodecName;
import dev.quiver.parquet.testing.LeakCheckedAllocator;
import dev.quiver.store.local.LocalFileSystem;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.column.values.bloomfilter.BloomFilter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.internal.column.columnindex.BoundaryOrder;
import org.apache.parquet.internal.column.columnindex.ColumnIndex;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Statistics, column and offset indexes and bloom filters as peers read them: parquet-java's
 * {@code ParquetFileReader.readColumnIndex/readOffsetIndex/readBloomFilter} and DuckDB's {@code parquet_metadata}
 * and {@code parquet_bloom_probe}, checked against min/max/null counts computed here from the rows of each page
 * (page row ranges from the offset index) in the sort orders of parquet.thrift.
 */
class PageIndexAndBloomFilterTest {
  static final int ROWS = 6000;
  static final int GROUP_ROWS = 2500;
  @TempDir static Path dir;
  /** The same rows written without dictionaries, and with dictionaries that fall back to PLAIN within chunks. */
  static final String PLAIN = "idx.parquet";
  static final String DICTIONARY = "idx-dict.parquet";
  static long[] id = new long[ROWS];
  static int[] desc = new int[ROWS];
  static int[] u = new int[ROWS];
  static double[] f = new double[ROWS];
  static String[] s = new String[ROWS];
  static BigDecimal[] dec = new BigDecimal[ROWS];
  static Integer[] n = new Integer[ROWS];

  @BeforeAll
  static void write() {
    Random r = new Random(42);
    for (int i = 0; i < ROWS; i++) {
      id[i] = i * 3L;
      desc[i] = -i;
      u[i] = r.nextInt(); // half of them above 2^31 as unsigned
      double[] special = {Double.NaN, -0.0, 0.0};
      f[i] = r.nextInt(5) == 0 ? special[r.nextInt(3)] : r.nextGaussian();
      StringBuilder sb = new StringBuilder();
      int len = r.nextInt(10) == 0 ? 70 + r.nextInt(40) : r.nextInt(12);
      for (int k = 0; k < len; k++) {
        sb.appendCodePoint(r.nextInt(6) == 0 ? 0xE9 + r.nextInt(4) : 'a' + r.nextInt(26));
      }
      // each row group's largest string is 100 bytes long: its chunk max must be truncated and rounded up
      s[i] = i % GROUP_ROWS == 17 ? "\u00EC".repeat(50) : sb.toString();
      dec[i] = new BigDecimal(new BigInteger(90, r).subtract(BigInteger.ONE.shiftLeft(89)), 2);
      n[i] = i >= 1000 && i < 3000 ? null : r.nextInt(100);
    }
    Schema schema = new Schema(List.of(
        new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
        new Field("desc", FieldType.notNullable(new ArrowType.Int(32, true)), null),
        new Field("u", FieldType.notNullable(new ArrowType.Int(32, false)), null),
        new Field("f", FieldType.notNullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null),
        new Field("s", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
        new Field("dec", FieldType.notNullable(new ArrowType.Decimal(30, 2, 128)), null),
        new Field("n", FieldType.nullable(new ArrowType.Int(32, true)), null)));
    for (String name : new String[] {PLAIN, DICTIONARY}) {
      WriterProperties.Builder props = WriterProperties.builder().codec(CodecName.ZSTD).dataPageSize(2048)
          .rowGroupRows(GROUP_ROWS).statistics(StatisticsLevel.PAGE).dictionary(name.equals(DICTIONARY))
          .bloomFilter("id", 3000, 0.01).bloomFilter("s", 3000, 0.01).bloomFilter("dec", 3000, 0.01)
          .bloomFilter("f", 3000, 0.01);
      if (name.equals(DICTIONARY)) {
        // the unique ids fall back after ~500 values, n (0..99) never does; its small RLE pages need a row limit
        props.dictionaryPageSizeLimit(4096).dataPageRowLimit(800);
      }
      write(schema, name, props.build());
    }
  }

  private static void write(Schema schema, String name, WriterProperties props) {
    try (LeakCheckedAllocator a = new LeakCheckedAllocator(); LocalFileSystem fs = new LocalFileSystem(dir);
        ParquetWriter w = ParquetWriter.open(fs, name, schema, props);
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, a.get())) {
      root.allocateNew();
      for (int i = 0; i < ROWS; i++) {
        ((BigIntVector) root.getVector("id")).setSafe(i, id[i]);
        ((IntVector) root.getVector("desc")).setSafe(i, desc[i]);
        ((UInt4Vector) root.getVector("u")).setSafe(i, u[i]);
        ((Float8Vector) root.getVector("f")).setSafe(i, f[i]);
        ((VarCharVector) root.getVector("s")).setSafe(i, s[i].getBytes(StandardCharsets.UTF_8));
        ((DecimalVector) root.getVector("dec")).setSafe(i, dec[i]);
        if (n[i] == null) {
          ((IntVector) root.getVector("n")).setNull(i);
        } else {
          ((IntVector) root.getVector("n")).setSafe(i, n[i]);
        }
      }
      root.setRowCount(ROWS);
      w.write(root);
    }
  }

  /** The value of row {@code i} of {@code column} as a comparable Java value (null for null, NaN kept). */
  static Comparable<?> value(String column, int i) {
    return switch (column) {
      case "id" -> id[i];
      case "desc" -> desc[i];
      case "u" -> Integer.toUnsignedLong(u[i]);
      case "f" -> f[i];
      case "s" -> new String(s[i].getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1); // byte order
      case "dec" -> dec[i];
      default -> n[i];
    };
  }

  /** A min/max as parquet-java hands it over, decoded to the same Java value as {@link #value}. */
  static Comparable<?> decode(String column, ByteBuffer b) {
    b = b.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    byte[] bytes = new byte[b.remaining()];
    b.duplicate().get(bytes);
    return switch (column) {
      case "id" -> b.getLong(b.position());
      case "desc", "n" -> b.getInt(b.position());
      case "u" -> Integer.toUnsignedLong(b.getInt(b.position()));
      case "f" -> b.getDouble(b.position());
      case "s" -> new String(bytes, StandardCharsets.ISO_8859_1);
      default -> new BigDecimal(new BigInteger(bytes), 2);
    };
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static Comparable[] minMax(String column, int from, int to) {
    Comparable min = null;
    Comparable max = null;
    for (int i = from; i < to; i++) {
      Comparable v = value(column, i);
      if (v == null || v instanceof Double d && d.isNaN()) {
        continue;
      }
      if (min == null || v.compareTo(min) < 0) {
        min = v;
      }
      if (max == null || v.compareTo(max) > 0) {
        max = v;
      }
    }
    if (min instanceof Double d && d == 0) {
      min = -0.0; // parquet.thrift: a zero min is written as -0.0, a zero max as +0.0
    }
    if (max instanceof Double d && d == 0) {
      max = 0.0;
    }
    return new Comparable[] {min, max};
  }

  static long nulls(String column, int from, int to) {
    long c = 0;
    for (int i = from; i < to; i++) {
      c += value(column, i) == null ? 1 : 0;
    }
    return c;
  }

  @ParameterizedTest
  @ValueSource(strings = {PLAIN, DICTIONARY})
  @SuppressWarnings({"unchecked", "rawtypes"})
  void parquetJavaReadsColumnIndexOffsetIndexAndStatistics(String name) throws Exception {
    boolean fellBack = false;
    boolean dictionaryOnly = false;
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(dir.resolve(name)))) {
      List<BlockMetaData> blocks = reader.getFooter().getBlocks();
      assertEquals(3, blocks.size());
      long groupStart = 0;
      for (BlockMetaData block : blocks) {
        for (ColumnChunkMetaData chunk : block.getColumns()) {
          String column = chunk.getPath().toDotString();
          var encodings = chunk.getEncodingStats();
          assertEquals(name.equals(DICTIONARY), encodings.hasDictionaryPages(), column);
          fellBack |= encodings.hasDictionaryEncodedPages() && encodings.hasNonDictionaryEncodedPages();
          dictionaryOnly |= encodings.hasDictionaryEncodedPages() && !encodings.hasNonDictionaryEncodedPages();
          OffsetIndex oi = reader.readOffsetIndex(chunk);
          assertNotNull(oi, column);
          assertTrue(oi.getPageCount() > 1, column + " has several pages");
          assertEquals(0, oi.getFirstRowIndex(0));
          assertEquals(chunk.getFirstDataPageOffset(), oi.getOffset(0));
          long stored = 0;
          for (int p = 0; p < oi.getPageCount(); p++) {
            stored += oi.getCompressedPageSize(p);
            if (p > 0) {
              assertEquals(oi.getOffset(p - 1) + oi.getCompressedPageSize(p - 1), oi.getOffset(p));
            }
          }
          // the data pages cover the chunk after its dictionary page
          assertEquals(chunk.getTotalSize() - (chunk.getFirstDataPageOffset() - chunk.getStartingPos()), stored,
              column + ": pages cover the chunk");
          ColumnIndex ci = reader.readColumnIndex(chunk);
          assertNotNull(ci, column);
          for (int p = 0; p < oi.getPageCount(); p++) {
            int from = (int) (groupStart + oi.getFirstRowIndex(p));
            int to = (int) (groupStart + (p + 1 < oi.getPageCount() ? oi.getFirstRowIndex(p + 1)
                : block.getRowCount()));
            Comparable[] want = minMax(column, from, to);
            assertEquals(nulls(column, from, to), ci.getNullCounts().get(p), column + " page " + p);
            assertEquals(want[0] == null, ci.getNullPages().get(p), column + " page " + p);
            if (want[0] == null) {
              continue;
            }
            Comparable min = decode(column, ci.getMinValues().get(p));
            Comparable max = decode(column, ci.getMaxValues().get(p));
            if (column.equals("s")) {
              // truncated to 64 bytes: still bounds, exact when the value was short enough
              assertTrue(min.compareTo(want[0]) <= 0 && max.compareTo(want[1]) >= 0, column + " page " + p);
              assertTrue(((String) min).length() <= 64 && ((String) max).length() <= 64);
              if (((String) want[0]).length() <= 64) {
                assertEquals(want[0], min);
              }
            } else {
              assertEquals(want[0], min, column + " page " + p + " min");
              assertEquals(want[1], max, column + " page " + p + " max");
            }
          }
          BoundaryOrder order = ci.getBoundaryOrder();
          if (column.equals("id")) {
            assertEquals(BoundaryOrder.ASCENDING, order);
          } else if (column.equals("desc")) {
            assertEquals(BoundaryOrder.DESCENDING, order);
          }
          // chunk statistics
          Comparable[] want = minMax(column, (int) groupStart, (int) (groupStart + block.getRowCount()));
          var stats = chunk.getStatistics();
          assertEquals(nulls(column, (int) groupStart, (int) (groupStart + block.getRowCount())),
              stats.getNumNulls(), column);
          if (!column.equals("s")) {
            assertEquals(want[0], decode(column, ByteBuffer.wrap(stats.getMinBytes())), column + " chunk min");
            assertEquals(want[1], decode(column, ByteBuffer.wrap(stats.getMaxBytes())), column + " chunk max");
          }
        }
        groupStart += block.getRowCount();
      }
    }
    if (name.equals(DICTIONARY)) {
      assertTrue(fellBack && dictionaryOnly, "fallback " + fellBack + ", dictionary-only chunks " + dictionaryOnly);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {PLAIN, DICTIONARY})
  void parquetJavaFindsBloomFilterValues(String name) throws Exception {
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(dir.resolve(name)))) {
      long groupStart = 0;
      for (BlockMetaData block : reader.getFooter().getBlocks()) {
        for (ColumnChunkMetaData chunk : block.getColumns()) {
          String column = chunk.getPath().toDotString();
          BloomFilter bf = reader.readBloomFilter(chunk);
          if (!List.of("id", "s", "dec", "f").contains(column)) {
            assertEquals(null, bf, column + " has no bloom filter");
            continue;
          }
          assertNotNull(bf, column);
          int falsePositives = 0;
          for (int i = (int) groupStart; i < groupStart + block.getRowCount(); i++) {
            assertTrue(bf.findHash(hash(bf, column, i, false)), column + " row " + i);
            boolean nan = column.equals("f") && Double.isNaN(f[i]); // NaN + 1e-3 is NaN again: not absent
            falsePositives += !nan && bf.findHash(hash(bf, column, i, true)) ? 1 : 0;
          }
          assertTrue(falsePositives < block.getRowCount() / 20, column + ": " + falsePositives + " false positives");
        }
        groupStart += block.getRowCount();
      }
    }
  }

  private static long hash(BloomFilter bf, String column, int i, boolean absent) {
    return switch (column) {
      case "id" -> bf.hash(absent ? id[i] + 1 : id[i]);
      case "f" -> bf.hash(absent ? f[i] + 1e-3 : f[i]);
      case "s" -> bf.hash(Binary.fromString(absent ? s[i] + "#" : s[i]));
      default -> {
        byte[] be = (absent ? dec[i].add(BigDecimal.ONE) : dec[i]).unscaledValue().toByteArray();
        byte[] fixed = new byte[13]; // DECIMAL(30) on FIXED_LEN_BYTE_ARRAY(13)
        Arrays.fill(fixed, (byte) (be[0] < 0 ? -1 : 0));
        System.arraycopy(be, 0, fixed, 13 - be.length, be.length);
        yield bf.hash(Binary.fromConstantByteArray(fixed));
      }
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {PLAIN, DICTIONARY})
  @SuppressWarnings({"unchecked", "rawtypes"})
  void duckDbAgreesOnStatisticsAndProbesBloomFilters(String name) throws Exception {
    String f = dir.resolve(name).toString().replace("'", "''");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      Map<String, Integer> checked = new HashMap<>();
      try (ResultSet rs = st.executeQuery("SELECT row_group_id, path_in_schema, stats_min_value, stats_max_value, "
          + "stats_null_count, row_group_num_rows FROM parquet_metadata('" + f + "') ORDER BY row_group_id")) {
        while (rs.next()) {
          int group = rs.getInt(1);
          String column = rs.getString(2);
          int from = group * GROUP_ROWS;
          int to = from + rs.getInt(6);
          Comparable[] want = minMax(column, from, to);
          assertEquals(nulls(column, from, to), rs.getLong(5), column);
          String min = rs.getString(3);
          String max = rs.getString(4);
          switch (column) {
            case "id", "desc", "u", "n" -> {
              assertEquals(want[0].toString(), min, column);
              assertEquals(want[1].toString(), max, column);
            }
            case "dec" -> {
              assertEquals(0, ((BigDecimal) want[0]).compareTo(new BigDecimal(min)), column);
              assertEquals(0, ((BigDecimal) want[1]).compareTo(new BigDecimal(max)), column);
            }
            case "f" -> {
              assertEquals((Double) want[0], Double.parseDouble(min), 0.0, column);
              assertEquals((Double) want[1], Double.parseDouble(max), 0.0, column);
            }
            default -> {
              // bytes as written (UTF-8), compared unsigned: the min is a prefix of the real min, the max an upper
              // bound of at most 64 bytes, equal to the real max when that fits
              byte[] lo = ((String) want[0]).getBytes(StandardCharsets.ISO_8859_1);
              byte[] hi = ((String) want[1]).getBytes(StandardCharsets.ISO_8859_1);
              byte[] minBytes = min.getBytes(StandardCharsets.UTF_8);
              byte[] maxBytes = max.getBytes(StandardCharsets.UTF_8);
              assertTrue(minBytes.length <= lo.length
                  && Arrays.equals(minBytes, Arrays.copyOf(lo, minBytes.length)), "truncated min is a prefix");
              assertTrue(maxBytes.length <= 64 && Arrays.compareUnsigned(maxBytes, hi) >= 0, "max bound: " + max);
              if (hi.length <= 64) {
                assertTrue(Arrays.equals(hi, maxBytes), "exact max: " + max);
              } else {
                assertTrue(Arrays.compareUnsigned(maxBytes, hi) > 0, "rounded-up max: " + max);
              }
            }
          }
          checked.merge(column, 1, Integer::sum);
        }
      }
      assertEquals(7, checked.size());
      for (int g = 0; g < 3; g++) {
        for (int i = g * GROUP_ROWS; i < Math.min(ROWS, (g + 1) * GROUP_ROWS); i += 97) {
          assertFalse(excluded(st, f, g, "id", Long.toString(id[i])), "id " + id[i]);
          assertFalse(excluded(st, f, g, "s", "'" + s[i].replace("'", "''") + "'"), "s " + s[i]);
          assertFalse(excluded(st, f, g, "dec", "CAST('" + dec[i] + "' AS DECIMAL(30,2))"), "dec " + dec[i]);
        }
      }
      // an id between the written ones is excluded by most row groups' filters
      int excludedCount = 0;
      for (int i = 0; i < 300; i++) {
        excludedCount += excluded(st, f, 0, "id", Long.toString(3L * i + 1)) ? 1 : 0;
      }
      assertTrue(excludedCount > 270, excludedCount + " of 300 absent values excluded");
    }
  }

  private static boolean excluded(Statement st, String file, int group, String column, String value)
      throws Exception {
    try (ResultSet rs = st.executeQuery("SELECT bloom_filter_excludes FROM parquet_bloom_probe('" + file + "', '"
        + column + "', " + value + ") WHERE row_group_id = " + group)) {
      assertTrue(rs.next());
      return rs.getBoolean(1);
    }
  }
}
