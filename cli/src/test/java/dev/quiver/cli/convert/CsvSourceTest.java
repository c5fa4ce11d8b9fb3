package dev.quiver.cli.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.parquet.testing.LeakCheckedAllocator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/**
 * CSV into Arrow batches: inferred types, values read back through Arrow's own accessors against values written
 * by hand or computed by {@code java.time}, awkward batch sizes, and the line numbers of malformed rows.
 */
class CsvSourceTest {
  private static InputStream text(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  /** Every row as a list of {@code getObject} values, read through batches of {@code batchSize}. */
  private static List<List<Object>> rows(String csv, CsvOptions options, Schema schema, int batchSize)
      throws IOException {
    List<List<Object>> rows = new ArrayList<>();
    try (LeakCheckedAllocator allocator = new LeakCheckedAllocator();
         CsvSource source = new CsvSource(text(csv), options, schema, allocator.get(), batchSize)) {
      VectorSchemaRoot next;
      while ((next = source.next()) != null) {
        try (VectorSchemaRoot batch = next) {
          assertTrue(batch.getRowCount() >= 1 && batch.getRowCount() <= batchSize);
          for (int r = 0; r < batch.getRowCount(); r++) {
            List<Object> row = new ArrayList<>();
            for (FieldVector v : batch.getFieldVectors()) {
              Object o = v.getObject(r);
              row.add(o == null ? null : o instanceof org.apache.arrow.vector.util.Text ? o.toString() : o);
            }
            rows.add(row);
          }
        }
      }
    }
    return rows;
  }

  private static Schema infer(String csv, CsvOptions options) throws IOException {
    return CsvSource.infer(text(csv), options, 1000);
  }

  /** A DateDay vector's value: days since the epoch. */
  private static int day(int year, int month, int dayOfMonth) {
    return (int) LocalDate.of(year, month, dayOfMonth).toEpochDay();
  }

  private static long micros(LocalDateTime t) {
    return ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), t);
  }

  @Test
  void infersEveryTypeAndReadsTheValues() throws IOException {
    String csv = "b,i,d,day,ts,tsz,s,mixed,empty\n"
        + "true,1,1.5,2024-01-31,2024-01-31 10:00:00,2024-01-31T10:00:00Z,x,1,\n"
        + "FALSE,-9223372036854775808,2,1999-12-31,2024-02-29T23:59:59.999999,2024-01-31T12:00:00+02:00,\"a,b\",x,\n"
        + ",,,,,,,,\n"
        + "true,42,-1e3,2000-02-29,2000-02-29 00:00,2000-01-01T00:00Z,\"line\nbreak \"\"quoted\"\"\",2,\n";
    Schema schema = infer(csv, CsvOptions.defaults());
    List<String> types = new ArrayList<>();
    schema.getFields().forEach(f -> types.add(f.getName() + ":" + SchemaFile.typeName(f.getType())));
    assertEquals(List.of("b:boolean", "i:int64", "d:float64", "day:date", "ts:timestamp", "tsz:timestamp_utc",
        "s:string", "mixed:string", "empty:string"), types);
    schema.getFields().forEach(f -> assertTrue(f.isNullable()));

    for (int batchSize : new int[] {1, 2, 3, 4, 5, 1000}) {
      List<List<Object>> rows = rows(csv, CsvOptions.defaults(), schema, batchSize);
      assertEquals(4, rows.size());
      assertEquals(Arrays.asList(true, 1L, 1.5, day(2024, 1, 31), LocalDateTime.of(2024, 1, 31, 10, 0),
          micros(LocalDateTime.of(2024, 1, 31, 10, 0)), "x", "1", null), rows.get(0));
      assertEquals(Arrays.asList(false, Long.MIN_VALUE, 2.0, day(1999, 12, 31),
          LocalDateTime.of(2024, 2, 29, 23, 59, 59, 999_999_000), micros(LocalDateTime.of(2024, 1, 31, 10, 0)), "a,b",
          "x", null), rows.get(1));
      assertEquals(Arrays.asList(null, null, null, null, null, null, null, null, null), rows.get(2));
      assertEquals(Arrays.asList(true, 42L, -1000.0, day(2000, 2, 29), LocalDateTime.of(2000, 2, 29, 0, 0),
          micros(LocalDateTime.of(2000, 1, 1, 0, 0)), "line\nbreak \"quoted\"", "2", null), rows.get(3));
    }
  }

  @Test
  void wideningAndUnicode() throws IOException {
    String csv = "\uFEFFn;m;u\n1;2020-01-01;\u00e9t\u00e9 \uD83D\uDE00\n2.5;2020-01-01 10:00;\u4e2d\u6587\n";
    CsvOptions semicolons = new CsvOptions(';', true);
    Schema schema = infer(csv, semicolons);
    assertEquals("n", schema.getFields().get(0).getName()); // the byte order mark is not part of the name
    assertEquals("float64", SchemaFile.typeName(schema.getFields().get(0).getType()));
    assertEquals("timestamp", SchemaFile.typeName(schema.getFields().get(1).getType()));
    List<List<Object>> rows = rows(csv, semicolons, schema, 7);
    assertEquals(Arrays.asList(1.0, LocalDateTime.of(2020, 1, 1, 0, 0), "\u00e9t\u00e9 \uD83D\uDE00"), rows.get(0));
    assertEquals(Arrays.asList(2.5, LocalDateTime.of(2020, 1, 1, 10, 0), "\u4e2d\u6587"), rows.get(1));
  }

  @Test
  void withoutAHeaderAndWithAGivenSchema() throws IOException {
    String csv = "1,12.50,\"[1,null]\"\n2,,\n";
    assertThrows(ConvertException.class, () -> infer("", new CsvOptions(',', false)));
    Schema inferred = infer(csv, new CsvOptions(',', false));
    assertEquals(List.of("column0", "column1", "column2"),
        inferred.getFields().stream().map(f -> f.getName()).toList());
    Schema given = SchemaFile.parse("{\"fields\":[{\"name\":\"id\",\"type\":\"int16\"},"
        + "{\"name\":\"price\",\"type\":\"decimal(5,2)\"},"
        + "{\"name\":\"l\",\"type\":\"list\",\"element\":{\"type\":\"int32\"}}]}");
    List<List<Object>> rows = rows(csv, new CsvOptions(',', false), given, 1);
    assertEquals((short) 1, rows.get(0).get(0));
    assertEquals(new BigDecimal("12.50"), rows.get(0).get(1));
    assertEquals(Arrays.asList(1, null), rows.get(0).get(2));
    assertEquals(Arrays.asList((short) 2, null, null), rows.get(1));
  }

  /** The message of the error converting {@code csv} with {@code schema} (inferred from the first 2 rows if null). */
  private static ConvertException error(String csv, Schema schema, int batchSize) {
    return assertThrows(ConvertException.class, () -> {
      Schema s = schema != null ? schema : CsvSource.infer(text(csv), CsvOptions.defaults(), 2);
      rows(csv, CsvOptions.defaults(), s, batchSize);
    });
  }

  @Test
  void malformedRowsNameTheirLine() {
    String badNumber = "a,b\n1,x\n2,y\n3x,z\n";
    for (int batchSize : new int[] {1, 2, 100}) {
      ConvertException e = error(badNumber, null, batchSize);
      assertEquals(4, e.line(), e.getMessage());
      assertEquals("a", e.column());
      assertEquals("line 4, column 'a': '3x' is not an int64", e.getMessage());
    }
    // a quoted line break and a blank line before the bad row
    ConvertException quoted = error("a,b\n1,\"two\nlines\"\n\n2,x\n2.5,\"y\"\n", null, 100);
    assertEquals(6, quoted.line(), quoted.getMessage());
    // the earliest bad line wins, whatever the column
    Schema ints = SchemaFile.parse("{\"fields\":[{\"name\":\"a\",\"type\":\"int64\"},{\"name\":\"b\",\"type\":\"int64\"}]}");
    ConvertException earliest = error("a,b\n1,1\n1,oops\nbad,1\n", ints, 100);
    assertEquals(3, earliest.line(), earliest.getMessage());
    assertEquals("b", earliest.column());
    // a bad value before a row with the wrong field count, in the same batch
    ConvertException first = error("a,b\n1,1\nx,1\n1,1,1\n", ints, 100);
    assertEquals(3, first.line(), first.getMessage());
    ConvertException count = error("a,b\n1,1\n2,2\n1,1,1\n", ints, 100);
    assertEquals("line 4: expected 2 fields, found 3", count.getMessage());
    // the last record, without a final line break
    ConvertException last = error("a,b\n1,1\n2,2\nx,3", ints, 100);
    assertEquals(4, last.line(), last.getMessage());
    // an unterminated quote
    ConvertException quote = error("a,b\n1,1\n2,\"open\n3,3\n", ints, 100);
    assertTrue(quote.line() >= 3, quote.getMessage());
    assertTrue(quote.getMessage().contains("malformed CSV"), quote.getMessage());
    // out of range for a narrower integer
    Schema int8 = SchemaFile.parse("{\"fields\":[{\"name\":\"a\",\"type\":\"int8\"},{\"name\":\"b\",\"type\":\"string\"}]}");
    ConvertException range = error("a,b\n127,x\n-128,y\n128,z\n", int8, 2);
    assertEquals("line 4, column 'a': '128' is not an int8 (out of range)", range.getMessage());
  }

  /**
   * Decimal text with an exponent of hundreds of millions is a malformed row naming its line (checked on the digit
   * counts as written, before any rescaling); zeros and trailing zeros that fit are accepted.
   */
  @Test
  void hugeDecimalExponentsAreMalformedRows() throws IOException {
    Schema dec = SchemaFile.parse("{\"fields\":[{\"name\":\"a\",\"type\":\"decimal(5,2)\"}]}");
    ConvertException big = error("a\n1.5\n1e400000000\n", dec, 100);
    assertEquals("line 3, column 'a': '1e400000000' is not a decimal(5,2) (more than 3 digits before the point)",
        big.getMessage());
    ConvertException small = error("a\n1e-400000000\n", dec, 100);
    assertEquals("line 2, column 'a': '1e-400000000' is not a decimal(5,2) (more than 2 digits after the point)",
        small.getMessage());
    assertEquals(2, error("a\n1e3\n", dec, 100).line());
    assertEquals(2, error("a\n-0.001\n", dec, 100).line());
    List<List<Object>> rows = rows("a\n0e400000000\n0e-400000000\n1.2300000\n1e2\n-999.99\n", CsvOptions.defaults(),
        dec, 100);
    assertEquals(List.of(List.of(new BigDecimal("0.00")), List.of(new BigDecimal("0.00")),
        List.of(new BigDecimal("1.23")), List.of(new BigDecimal("100.00")), List.of(new BigDecimal("-999.99"))), rows);
  }

  @Test
  void largeBatchesGrowAsRecordsArrive() throws IOException {
    StringBuilder csv = new StringBuilder("n,s\n");
    for (int i = 0; i < 3000; i++) {
      csv.append(i).append(",v").append(i).append('\n');
    }
    for (int batchSize : new int[] {1024, 1025, 2500, 1 << 20}) {
      List<List<Object>> rows = rows(csv.toString(), CsvOptions.defaults(), infer(csv.toString(),
          CsvOptions.defaults()), batchSize);
      assertEquals(3000, rows.size());
      for (int i = 0; i < 3000; i++) {
        assertEquals(Arrays.asList((long) i, "v" + i), rows.get(i));
      }
    }
  }

  @Test
  void theSchemaMustMatchTheFieldCount() {
    Schema one = SchemaFile.parse("{\"fields\":[{\"name\":\"a\",\"type\":\"int64\"}]}");
    ConvertException e = assertThrows(ConvertException.class,
        () -> rows("a,b\n1,2\n", CsvOptions.defaults(), one, 10));
    assertTrue(e.getMessage().contains("the CSV has 2 columns, the schema 1"), e.getMessage());
  }

  @Test
  void headerNamesAreMadeUnique() throws IOException {
    Schema schema = infer("a,a,,b\n1,2,3,4\n", CsvOptions.defaults());
    assertEquals(List.of("a", "a_1", "column2", "b"), schema.getFields().stream().map(f -> f.getName()).toList());
  }
}
