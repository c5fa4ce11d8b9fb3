package dev.quiver.cli.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The bound on one CSV record's length: an unterminated quote ends with a {@link ConvertException} naming the line
 * where the record starts, instead of gathering the rest of the input into one field; records under the bound
 * parse as before.
 */
class CsvRecordLimitTest {
  private static CsvRecords records(String csv, long limit) throws IOException {
    return new CsvRecords(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), CsvOptions.defaults(),
        limit);
  }

  @Test
  void anUnterminatedQuoteStopsAtTheBoundWithItsLine() throws IOException {
    StringBuilder csv = new StringBuilder("a,b\n1,x\n2,y\n3,\"never closed\n");
    for (int i = 0; i < 200_000; i++) {
      csv.append("4,filler\n");
    }
    try (CsvRecords r = records(csv.toString(), 100_000)) {
      assertArrayEquals(new String[] {"1", "x"}, r.next());
      assertArrayEquals(new String[] {"2", "y"}, r.next());
      ConvertException e = assertThrows(ConvertException.class, r::next);
      assertEquals(4, e.line(), e.getMessage());
      assertTrue(e.getMessage().contains("longer than 100000 characters"), e.getMessage());
    }
  }

  @Test
  void recordsUnderTheBoundReadWhateverTheInputsLength() throws IOException {
    StringBuilder csv = new StringBuilder("a,b\n");
    int rows = 50_000;
    for (int i = 0; i < rows; i++) {
      csv.append(i).append(",\"v\n").append(i).append("\"\n");
    }
    try (CsvRecords r = records(csv.toString(), 20_000)) {
      for (int i = 0; i < rows; i++) {
        assertArrayEquals(new String[] {Integer.toString(i), "v\n" + i}, r.next());
      }
      assertNull(r.next());
    }
  }

  @Test
  void theReaderCountsFromEachRecordStart() throws IOException {
    try (BoundedRecordReader reader = new BoundedRecordReader(new StringReader("abcdefghij"), 4)) {
      char[] buffer = new char[3];
      assertEquals(3, reader.read(buffer, 0, 3));
      reader.startRecord();
      assertEquals(3, reader.read(buffer, 0, 3));
      assertEquals('g', reader.read());
      assertThrows(BoundedRecordReader.RecordTooLongException.class, () -> reader.read(buffer, 0, 3));
    }
    assertThrows(IllegalArgumentException.class, () -> new BoundedRecordReader(new StringReader(""), 0));
  }
}
