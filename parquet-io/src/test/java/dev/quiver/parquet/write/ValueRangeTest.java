package dev.quiver.parquet.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.parquet.testing.LeakCheckedAllocator;
import dev.quiver.store.memory.InMemoryStore;
import java.math.BigInteger;
import java.util.List;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Values Parquet cannot hold in the column's physical form are rejected with {@link IllegalArgumentException}
 * naming the column, never truncated or reinterpreted: decimals whose bytes exceed their INT32/INT64 form, intervals
 * with negative months or days (parquet.thrift: INTERVAL is three little-endian unsigned 32-bit integers).
 */
class ValueRangeTest {

  /** Writes one row holding {@code unscaled} (little-endian two's complement, stored raw) and returns the error. */
  private static IllegalArgumentException decimalError(int precision, BigInteger unscaled) {
    Schema schema = new Schema(List.of(new Field("d", FieldType.nullable(new ArrowType.Decimal(precision, 2, 128)),
        null)));
    try (LeakCheckedAllocator a = new LeakCheckedAllocator(); InMemoryStore store = new InMemoryStore("p");
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, a.get())) {
      DecimalVector d = (DecimalVector) root.getVector("d");
      d.allocateNew(1);
      byte[] be = unscaled.toByteArray();
      d.setBigEndian(0, be); // raw bytes: Arrow's own precision check is bypassed
      root.setRowCount(1);
      ParquetWriter w = ParquetWriter.open(store, "d.parquet", schema, WriterProperties.defaults());
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.write(root));
      w.close();
      assertEquals(List.of(), store.list("").join());
      return e;
    }
  }

  @ParameterizedTest
  @CsvSource({"7, 4294967296", "7, -4294967297", "7, 2147483648", "18, 18446744073709551616",
      "18, -9223372036854775809", "18, 9223372036854775808"})
  void decimalsWiderThanTheirIntFormAreRejected(int precision, String unscaled) {
    IllegalArgumentException e = decimalError(precision, new BigInteger(unscaled));
    assertTrue(e.getMessage().contains("'d'") && e.getMessage().contains("precision"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"-1, 0", "0, -1", "-2147483648, 5"})
  void intervalsWithNegativeMonthsOrDaysAreRejected(int months, int days) {
    Schema schema = new Schema(List.of(new Field("iv",
        FieldType.nullable(new ArrowType.Interval(IntervalUnit.MONTH_DAY_NANO)), null)));
    try (LeakCheckedAllocator a = new LeakCheckedAllocator(); InMemoryStore store = new InMemoryStore("p");
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, a.get())) {
      IntervalMonthDayNanoVector iv = (IntervalMonthDayNanoVector) root.getVector("iv");
      iv.allocateNew();
      iv.setSafe(0, 1, 1, 0);
      iv.setSafe(1, months, days, 2_000_000L);
      root.setRowCount(2);
      ParquetWriter w = ParquetWriter.open(store, "iv.parquet", schema, WriterProperties.defaults());
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.write(root));
      assertTrue(e.getMessage().contains("'iv'") && e.getMessage().contains(months + " months"), e.getMessage());
      w.close();
      assertEquals(List.of(), store.list("").join());
    }
  }
}
