package dev.quiver.bench.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The comparison of query results: decimals exactly, floating point to a tolerance, order and counts. */
class ResultRowsTest {
  private static List<Object> row(Object... values) {
    return Arrays.stream(values).map(ResultRows::normalise).toList();
  }

  @Test
  void decimalsCompareExactlyWhateverTheirScale() {
    assertNull(ResultRows.difference(List.of(row(new BigDecimal("1.50"), 3L)), List.of(row(new BigDecimal("1.5"),
        new BigDecimal("3.000")))));
    String diff = ResultRows.difference(List.of(row(new BigDecimal("56586554400.73"))),
        List.of(row(new BigDecimal("56586554400.74"))));
    assertEquals("row 0 column 0: 56586554400.74, expected 56586554400.73", diff);
  }

  @Test
  void doublesCompareToARelativeTolerance() {
    assertTrue(ResultRows.same(ResultRows.normalise(25.522005853257337),
        ResultRows.normalise(new BigDecimal("25.52200585325734"))));
    assertFalse(ResultRows.same(25.522, 25.523));
    assertFalse(ResultRows.same(null, 0.0));
  }

  @Test
  void rowCountsAndOrderMatter() {
    List<List<Object>> ab = List.of(row("A", 1), row("B", 2));
    List<List<Object>> ba = List.of(row("B", 2), row("A", 1));
    assertEquals("row count 1, expected 2", ResultRows.difference(ab, ab.subList(0, 1)));
    assertEquals("row 0 column 0: B, expected A", ResultRows.difference(ab, ba));
  }
}
