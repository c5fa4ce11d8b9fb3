package dev.quiver.parquet.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quiver.parquet.testing.LeakCheckedAllocator;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ParquetBatchReader#readLongs}: 32- and 64-bit integers, days and unscaled decimals (INT64 and
 * FIXED_LEN_BYTE_ARRAY) read straight into a long array, whole batches and selected rows, with nulls, across
 * dictionary and PLAIN pages (parquet-java falls back to PLAIN when a dictionary grows too large), against the
 * values parquet-java was given; the types it does not read are refused and the column stays unread.
 */
class ReadLongsTest {
  @TempDir
  static Path dir;
  private static Path file;
  private static final int ROWS = 3000;

  @BeforeAll
  static void write() throws Exception {
    MessageType schema = MessageTypeParser.parseMessageType("message m { required int64 id; optional int32 n; "
        + "optional int32 dt (DATE); optional int64 dec (DECIMAL(12,2)); "
        + "optional fixed_len_byte_array(5) fdec (DECIMAL(10,2)); required double d; optional binary s (UTF8); }");
    file = dir.resolve("longs.parquet");
    SimpleGroupFactory groups = new SimpleGroupFactory(schema);
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema)
        .withRowGroupRowCountLimit(1000).withPageRowCountLimit(170).withDictionaryPageSize(600).build()) {
      for (int i = 0; i < ROWS; i++) {
        Group g = groups.newGroup().append("id", id(i));
        if (n(i) != null) {
          g.append("n", n(i).intValue());
        }
        if (i % 9 != 4) {
          g.append("dt", (int) dt(i));
        }
        if (i % 6 != 1) {
          g.append("dec", dec(i));
          g.append("fdec", Binary.fromConstantByteArray(fixed(dec(i) / 3)));
        }
        g.append("d", i * 0.5).append("s", "s" + (i % 10));
        writer.write(g);
      }
    }
  }

  private static long id(int i) {
    return i % 2 == 0 ? i * 1_000_000_007L : -i;
  }

  /** Few distinct values (a dictionary) in the first row group, many later (PLAIN fallback); null every 7th. */
  private static Long n(int i) {
    return i % 7 == 3 ? null : (long) (i < 1000 ? i % 13 - 6 : i * 7919 - 5_000_000);
  }

  private static long dt(int i) {
    return 18_000 + i % 400 - (i % 5 == 0 ? 40_000 : 0);
  }

  private static long dec(int i) {
    return (i % 3 == 0 ? -1 : 1) * (i * 12_345L % 99_999_999_999L);
  }

  /** The 5-byte big-endian two's complement of {@code v}. */
  private static byte[] fixed(long v) {
    byte[] b = new byte[5];
    for (int k = 4; k >= 0; k--) {
      b[k] = (byte) v;
      v >>= 8;
    }
    return b;
  }

  private static Long expected(String column, int i) {
    switch (column) {
      case "id":
        return id(i);
      case "n":
        return n(i);
      case "dt":
        return i % 9 == 4 ? null : dt(i);
      case "dec":
        return i % 6 == 1 ? null : dec(i);
      default:
        return i % 6 == 1 ? null : new BigDecimal(new BigInteger(fixed(dec(i) / 3)), 2).unscaledValue().longValue();
    }
  }

  @Test
  void readsEveryValueWholeAndAtSelectedRows() throws Exception {
    List<String> columns = List.of("id", "n", "dt", "dec", "fdec");
    try (ParquetFileReader reader = ParquetFileReader.open(file.toString());
         LeakCheckedAllocator allocator = new LeakCheckedAllocator()) {
      for (int batchSize : new int[] {1, 64, 333, 1000}) {
        for (int mode = 0; mode < 3; mode++) {
          try (ParquetBatchReader batches = reader.read(allocator.get(), ReadOptions.defaults()
              .withBatchSize(batchSize).withColumns(columns).withUnscaledDecimals(true))) {
            int first = 0;
            int rows;
            while ((rows = batches.startBatch()) > 0) {
              // mode 0: every row; 1: every third row; 2: a sparse scatter (the column read whole, or not at all)
              int[] sel = new int[rows];
              int count = 0;
              for (int r = 0; r < rows; r++) {
                if (mode == 1 ? r % 3 == 1 : mode == 2 && (first + r) % 17 == 5) {
                  sel[count++] = r;
                }
              }
              for (int c = 0; c < columns.size(); c++) {
                long[] values = new long[rows];
                boolean[] nulls = mode == 0 ? batches.readLongs(c, null, rows, values)
                    : batches.readLongs(c, sel, count, values);
                int n = mode == 0 ? rows : count;
                for (int k = 0; k < n; k++) {
                  int row = first + (mode == 0 ? k : sel[k]);
                  Long want = expected(columns.get(c), row);
                  String where = columns.get(c) + " row " + row + " batch " + batchSize + " mode " + mode;
                  if (want == null) {
                    assertEquals(true, nulls != null && nulls[k], where);
                    assertEquals(0L, values[k], where);
                  } else {
                    assertEquals(false, nulls != null && nulls[k], where);
                    assertEquals(want.longValue(), values[k], where);
                  }
                }
              }
              first += rows;
            }
            assertEquals(ROWS, first);
          }
        }
      }
    }
  }

  @Test
  void columnsWithoutNullsGiveNoNullArray() throws Exception {
    try (ParquetFileReader reader = ParquetFileReader.open(file.toString());
         LeakCheckedAllocator allocator = new LeakCheckedAllocator();
         ParquetBatchReader batches = reader.read(allocator.get(), ReadOptions.defaults().withBatchSize(500)
             .withColumns(List.of("id", "n")))) {
      int rows = batches.startBatch();
      long[] values = new long[rows];
      assertNull(batches.readLongs(0, null, rows, values));
      assertEquals(id(499), values[499]);
    }
  }

  @Test
  void refusesOtherTypesAndBadArguments() throws Exception {
    try (ParquetFileReader reader = ParquetFileReader.open(file.toString());
         LeakCheckedAllocator allocator = new LeakCheckedAllocator();
         ParquetBatchReader batches = reader.read(allocator.get(), ReadOptions.defaults().withBatchSize(100)
             .withColumns(List.of("d", "s", "dec", "id")))) {
      assertThrows(IllegalStateException.class, () -> batches.readLongs(3, null, 100, new long[100]));
      int rows = batches.startBatch();
      assertEquals(100, rows);
      assertThrows(IllegalArgumentException.class, () -> batches.readLongs(0, null, rows, new long[rows]));
      assertThrows(IllegalArgumentException.class, () -> batches.readLongs(1, null, rows, new long[rows]));
      // without unscaled decimals a DECIMAL column is a Decimal128 vector, not read into longs
      assertThrows(IllegalArgumentException.class, () -> batches.readLongs(2, null, rows, new long[rows]));
      assertThrows(IllegalArgumentException.class, () -> batches.readLongs(3, null, rows, new long[rows - 1]));
      assertThrows(IllegalArgumentException.class, () -> batches.readLongs(3, null, rows - 1, new long[rows]));
      assertThrows(IllegalArgumentException.class, () -> batches.readLongs(3, new int[] {5, 5}, 2, new long[rows]));
      assertThrows(IllegalArgumentException.class, () -> batches.readLongs(4, null, rows, new long[rows]));
      // none of those marked the column read
      long[] values = new long[2];
      assertNull(batches.readLongs(3, new int[] {0, 99}, 2, values));
      assertEquals(List.of(id(0), id(99)), List.of(values[0], values[1]));
      assertThrows(IllegalStateException.class, () -> batches.readLongs(3, null, rows, new long[rows]));
      List<Long> next = new ArrayList<>();
      int more = batches.startBatch();
      long[] v = new long[more];
      batches.readLongs(3, null, more, v);
      next.add(v[0]);
      assertEquals(List.of(id(100)), next);
    }
  }
}
