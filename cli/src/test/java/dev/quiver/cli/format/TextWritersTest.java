package dev.quiver.cli.format;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.parquet.testing.LeakCheckedAllocator;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link CsvWriter} and {@link TableWriter} on hand-built vectors; expected text written by hand. */
class TextWritersTest {
  private LeakCheckedAllocator leakChecked;
  private BufferAllocator allocator;

  @BeforeEach
  void open() {
    leakChecked = new LeakCheckedAllocator();
    allocator = leakChecked.get();
  }

  @AfterEach
  void close() {
    leakChecked.close();
  }

  /**
   * Four rows: a string, a decimal(5,2), a double, a UTC timestamp in microseconds and a list of ints, with
   * awkward strings, non-finite numbers and a row of nulls.
   */
  private List<FieldVector> sample() {
    VarCharVector s = new VarCharVector("s", allocator);
    DecimalVector d = new DecimalVector("d", allocator, 5, 2);
    Float8Vector f = new Float8Vector("f", allocator);
    TimeStampMicroTZVector t = new TimeStampMicroTZVector("t", allocator, "UTC");
    ListVector l = ListVector.empty("l", allocator);
    l.addOrGetVector(FieldType.nullable(new ArrowType.Int(32, true)));
    IntVector items = (IntVector) l.getDataVector();
    s.allocateNew(4);
    d.allocateNew(4);
    f.allocateNew(4);
    t.allocateNew(4);
    l.allocateNew();
    s.setSafe(0, "a,b".getBytes(UTF_8));
    d.set(0, new BigDecimal("1.50"));
    f.set(0, Double.NaN);
    t.set(0, 1_577_836_800_000_001L);
    l.startNewValue(0);
    items.setSafe(0, 1);
    items.setSafe(1, 2);
    l.endValue(0, 2);
    s.setSafe(1, "plain".getBytes(UTF_8));
    d.set(1, new BigDecimal("-0.05"));
    f.set(1, 2.5);
    t.set(1, 0L);
    l.startNewValue(1);
    l.endValue(1, 0);
    s.setSafe(2, "say \"hi\"\nbye".getBytes(UTF_8));
    d.set(2, new BigDecimal("123.40"));
    f.set(2, Double.NEGATIVE_INFINITY);
    t.set(2, -1L);
    l.startNewValue(2);
    items.setSafe(2, -3);
    l.endValue(2, 1);
    s.setNull(3);
    d.setNull(3);
    f.setNull(3);
    t.setNull(3);
    l.setNull(3);
    items.setValueCount(3);
    for (FieldVector v : List.of(s, d, f, t, l)) {
      v.setValueCount(4);
    }
    return List.of(s, d, f, t, l);
  }

  private static String write(RowWriter writer, StringWriter out, List<FieldVector> vectors, int rows)
      throws IOException {
    try (VectorSchemaRoot root = new VectorSchemaRoot(vectors)) {
      root.setRowCount(vectors.get(0).getValueCount());
      writer.start(root.getSchema());
      writer.write(root, rows);
      writer.finish();
      return out.toString();
    }
  }

  @Test
  void csvHasAHeaderMinimalQuotingAndEmptyNulls() throws IOException {
    StringWriter out = new StringWriter();
    String csv = write(new CsvWriter(out), out, sample(), 4);
    assertEquals(String.join("\n",
        "s,d,f,t,l",
        "\"a,b\",1.50,NaN,2020-01-01T00:00:00.000001Z,\"[1,2]\"",
        "plain,-0.05,2.5,1970-01-01T00:00:00Z,[]",
        "\"say \"\"hi\"\"\nbye\",123.40,-Infinity,1969-12-31T23:59:59.999999Z,[-3]",
        ",,,,",
        ""), csv);
  }

  @Test
  void csvWritesOnlyTheRowsAsked() throws IOException {
    StringWriter out = new StringWriter();
    assertEquals("s,d,f,t,l\n\"a,b\",1.50,NaN,2020-01-01T00:00:00.000001Z,\"[1,2]\"\n",
        write(new CsvWriter(out), out, sample(), 1));
  }

  @Test
  void tableAlignsNumbersRightTextLeftAndShowsNulls() throws IOException {
    StringWriter out = new StringWriter();
    String table = write(new TableWriter(out), out, sample(), 4);
    assertEquals(String.join("\n",
        " s             | d      | f         | t                           | l",
        "---------------+--------+-----------+-----------------------------+-------",
        " a,b           |   1.50 |       NaN | 2020-01-01T00:00:00.000001Z | [1,2]",
        " plain         |  -0.05 |       2.5 | 1970-01-01T00:00:00Z        | []",
        " say \"hi\"\\nbye | 123.40 | -Infinity | 1969-12-31T23:59:59.999999Z | [-3]",
        " NULL          |   NULL |      NULL | NULL                        | NULL",
        "(4 rows)",
        ""), table);
  }

  @Test
  void tableCutsLongCellsToTheWidthCap() throws IOException {
    StringWriter out = new StringWriter();
    // widths sized from the first 2 rows, at least 4 (NULL), at most 6; later rows are cut to those widths
    String table = write(new TableWriter(out, 6, 2), out, sample(), 4);
    assertEquals(String.join("\n",
        " s     | d     | f    | t      | l",
        "-------+-------+------+--------+-------",
        " a,b   |  1.50 |  NaN | 2020-… | [1,2]",
        " plain | -0.05 |  2.5 | 1970-… | []",
        " say … | 123.… | -In… | 1969-… | [-3]",
        " NULL  |  NULL | NULL | NULL   | NULL",
        "(4 rows)",
        ""), table);
  }

  @Test
  void emptyTableHasHeaderAndCount() throws IOException {
    StringWriter out = new StringWriter();
    String table = write(new TableWriter(out), out, sample(), 0);
    assertEquals(String.join("\n",
        " s    | d    | f    | t    | l",
        "------+------+------+------+------",
        "(0 rows)",
        ""), table);
  }
}
