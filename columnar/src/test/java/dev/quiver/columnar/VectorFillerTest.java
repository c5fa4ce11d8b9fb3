package dev.quiver.columnar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.junit.jupiter.api.Test;

/** Bulk fills read back through Arrow's own getters; the allocator is closed, so a leak fails the test. */
class VectorFillerTest {
  @Test
  void fixedWidthWithNulls() {
    try (RootAllocator allocator = new RootAllocator(); IntVector v = new IntVector("i", allocator)) {
      byte[] values = new byte[5 * 4];
      for (int i = 0; i < 5; i++) {
        values[4 * i] = (byte) (10 + i); // little-endian 10..14
      }
      byte[] validity = {0b10101};
      VectorFiller.fillFixedWidth(v, values, validity, 5);
      assertEquals(5, v.getValueCount());
      assertEquals(2, v.getNullCount());
      assertEquals(10, v.get(0));
      assertTrue(v.isNull(1));
      assertEquals(12, v.get(2));
      assertTrue(v.isNull(3));
      assertEquals(14, v.get(4));
    }
  }

  @Test
  void bitsWithoutValidity() {
    try (RootAllocator allocator = new RootAllocator(); BitVector v = new BitVector("b", allocator)) {
      byte[] values = {1, 0, 0, 1, 1, 0, 1, 0, 1};
      VectorFiller.fillBits(v, values, null, values.length, new byte[2]);
      assertEquals(0, v.getNullCount());
      for (int i = 0; i < values.length; i++) {
        assertEquals(values[i], v.get(i), "row " + i);
      }
    }
  }

  @Test
  void variableWidthWithNullsAndEmptyValues() {
    try (RootAllocator allocator = new RootAllocator(); VarCharVector v = new VarCharVector("s", allocator)) {
      byte[] data = "abcde".getBytes(StandardCharsets.UTF_8);
      int[] offsets = {0, 2, 2, 2, 5};
      byte[] validity = {0b1011};
      VectorFiller.fillVariableWidth(v, offsets, data, validity, 4);
      assertEquals("ab", v.getObject(0).toString());
      assertEquals("", v.getObject(1).toString());
      assertNull(v.getObject(2));
      assertEquals("cde", v.getObject(3).toString());
      assertEquals(1, v.getNullCount());
    }
  }
}
