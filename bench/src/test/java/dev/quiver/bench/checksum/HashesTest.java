package dev.quiver.bench.checksum;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * {@link Hashes} equals DuckDB's {@code hash()} on the canonical forms the DuckDB engine computes in SQL: the
 * checksum can only agree across engines if this holds.
 */
class HashesTest {
  private static long duck(Statement st, String expr) throws Exception {
    try (ResultSet rs = st.executeQuery("SELECT " + expr)) {
      rs.next();
      return new BigInteger(rs.getString(1)).longValue();
    }
  }

  @Test
  void matchesDuckDbHash() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      for (long v : new long[] {0, 1, -1, 42, Long.MIN_VALUE, Long.MAX_VALUE, 123456789012L, -987654321}) {
        assertEquals(duck(st, "hash(CAST('" + v + "' AS BIGINT))"), Hashes.ofLong(v), "BIGINT " + v);
      }
      assertEquals(duck(st, "hash(CAST(CAST(-7 AS INTEGER) AS BIGINT))"), Hashes.ofLong(-7));
      assertEquals(duck(st, "hash(CAST(DATE '1960-03-01' - DATE '1970-01-01' AS BIGINT))"),
          Hashes.ofLong(java.time.LocalDate.of(1960, 3, 1).toEpochDay()));
      assertEquals(duck(st, "hash(CAST(CAST(-12.34 AS DECIMAL(15,2)) AS DECIMAL(18, 2)))"), Hashes.ofLong(-1234));
      assertEquals(duck(st, "hash(CAST(CAST(5.5 AS DECIMAL(9,1)) AS DECIMAL(18, 1)))"), Hashes.ofLong(55));
      for (double d : new double[] {0.0, -0.0, 1.5, -2.25e300, Double.NaN, Double.POSITIVE_INFINITY}) {
        String lit = Double.isNaN(d) ? "'NaN'::DOUBLE" : Double.isInfinite(d) ? "'Infinity'::DOUBLE"
            : "CAST(" + d + " AS DOUBLE)";
        assertEquals(duck(st, "hash(" + lit + ")"), Hashes.ofDouble(d), "DOUBLE " + d);
      }
      assertEquals(duck(st, "hash(CAST(-3.5 AS FLOAT))"), Hashes.ofFloat(-3.5f));
      String base = "abcdefghijklmnopqrstu\u00e9\u00df";
      for (int len = 0; len <= base.length(); len++) {
        String s = base.substring(0, len);
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        long expected = duck(st, "hash('" + s + "'::VARCHAR)");
        assertEquals(expected, Hashes.ofBytes(b, 0, b.length), "VARCHAR " + s);
        byte[] padded = java.util.Arrays.copyOf(b, b.length + 16); // room for the masked short-value loads
        java.util.Arrays.fill(padded, b.length, padded.length, (byte) 0x5A);
        assertEquals(expected, Hashes.ofBytes(padded, 0, b.length), "VARCHAR (padded) " + s);
      }
      assertEquals(duck(st, "hash(NULL::BIGINT)"), Hashes.NULL_HASH);
      assertEquals(duck(st, "hash(NULL::VARCHAR)"), Hashes.NULL_HASH);
    }
  }

  @Test
  void offHeapAndHeapBytesHashAlike() {
    byte[] b = "the quick brown fox jumps over the lazy dog, then naps in the sun".getBytes(StandardCharsets.US_ASCII);
    try (org.apache.arrow.memory.BufferAllocator a = new org.apache.arrow.memory.RootAllocator();
         org.apache.arrow.memory.ArrowBuf buf = a.buffer(b.length + 24)) {
      buf.setBytes(0, b);
      for (int i = b.length; i < buf.capacity(); i++) {
        buf.setByte(i, 0xA5); // bytes past the string that a masked load reads and must ignore
      }
      long address = buf.memoryAddress();
      for (int off = 0; off < 5; off++) {
        for (int len = 0; len + off <= b.length; len++) {
          long expected = Hashes.ofBytes(b, off, len);
          assertEquals(expected, Hashes.ofMemory(address + off, len), "off " + off + " len " + len);
          // with room to over-read (the masked short-string and tail loads) and with none (the byte-by-byte tail)
          assertEquals(expected, Hashes.ofMemory(address + off, len, address + buf.capacity()), "len " + len);
          assertEquals(expected, Hashes.ofMemory(address + off, len, address + off + len), "tight, len " + len);
        }
      }
    }
  }
}
