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

  @Test
  void fixedWidthAllValidAndRefill() {
    try (RootAllocator allocator = new RootAllocator(); org.apache.arrow.vector.BigIntVector v =
        new org.apache.arrow.vector.BigIntVector("l", allocator)) {
      byte[] values = new byte[11 * 8];
      java.nio.ByteBuffer.wrap(values).order(java.nio.ByteOrder.LITTLE_ENDIAN).asLongBuffer()
          .put(new long[] {-1, 2, 3, 4, 5, 6, 7, 8, 9, 10, Long.MIN_VALUE});
      VectorFiller.fillFixedWidth(v, values, null, 11);
      assertEquals(11, v.getValueCount());
      assertEquals(0, v.getNullCount());
      assertEquals(-1L, v.get(0));
      assertEquals(Long.MIN_VALUE, v.get(10));
      // cleared and filled again with nulls; bits past the row count in the staging bitmap are ignored
      v.clear();
      byte[] validity = {(byte) 0b1111_0110};
      VectorFiller.fillFixedWidth(v, values, validity, 4);
      assertEquals(4, v.getValueCount());
      assertEquals(2, v.getNullCount());
      assertTrue(v.isNull(0));
      assertEquals(2L, v.get(1));
      assertEquals(0, v.getValidityBuffer().getByte(0) & 0xF0, "bits past the rows are cleared");
    }
  }

  @Test
  void variableWidthAllValidAndAllNull() {
    try (RootAllocator allocator = new RootAllocator(); VarCharVector v = new VarCharVector("s", allocator);
         org.apache.arrow.vector.LargeVarCharVector w = new org.apache.arrow.vector.LargeVarCharVector("w",
             allocator)) {
      byte[] data = "xyz".getBytes(StandardCharsets.UTF_8);
      VectorFiller.fillVariableWidth(v, new int[] {0, 1, 3}, data, null, 2);
      assertEquals("x", v.getObject(0).toString());
      assertEquals("yz", v.getObject(1).toString());
      assertEquals(0, v.getNullCount());
      VectorFiller.fillLargeVariableWidth(w, new int[] {0, 0, 0, 0}, data, new byte[] {0}, 3);
      assertEquals(3, w.getNullCount());
      assertNull(w.getObject(2));
    }
  }
  /**
   * Slots past the row count but inside the vector's (rounded-up) capacity read as null after the vector grows, as
   * after Arrow's own allocateNew: the fill must not leave earlier allocations' bytes there (a reviewer's finding).
   */
  @Test
  void slotsPastTheRowCountAreNullWhenTheVectorGrows() {
    int rows = 1000;
    byte[] validity = new byte[(rows + 7) / 8];
    java.util.Arrays.fill(validity, (byte) 0x55);
    try (RootAllocator allocator = new RootAllocator()) {
      for (int round = 0; round < 3; round++) {
        // dirty memory of the same size classes first, so stale bytes would show
        try (org.apache.arrow.memory.ArrowBuf dirty = allocator.buffer(8192)) {
          dirty.setOne(0, dirty.capacity());
        }
        try (org.apache.arrow.vector.BigIntVector v = new org.apache.arrow.vector.BigIntVector("l", allocator)) {
          byte[] values = new byte[rows * 8];
          java.util.Arrays.fill(values, (byte) 7);
          VectorFiller.fillFixedWidth(v, values, validity, rows);
          assertTrue(v.getValueCapacity() >= 1024, "capacity " + v.getValueCapacity());
          v.setValueCount(1024);
          for (int i = rows; i < 1024; i++) {
            assertTrue(v.isNull(i), "slot " + i);
          }
          assertEquals(0x0707070707070707L, v.get(998));
          assertTrue(v.isNull(999));
        }
        try (VarCharVector v = new VarCharVector("s", allocator)) {
          int[] offsets = new int[rows + 1];
          for (int i = 0; i < rows; i++) {
            offsets[i + 1] = offsets[i] + ((validity[i >>> 3] >>> (i & 7) & 1) != 0 ? 2 : 0);
          }
          byte[] data = new byte[offsets[rows]];
          java.util.Arrays.fill(data, (byte) 'x');
          VectorFiller.fillVariableWidth(v, offsets, data, validity, rows);
          v.setSafe(1005, "z".getBytes(StandardCharsets.UTF_8));
          v.setValueCount(1006);
          for (int i = rows; i < 1005; i++) {
            assertTrue(v.isNull(i), "slot " + i);
          }
          assertEquals("z", new String(v.get(1005), StandardCharsets.UTF_8));
          assertEquals("xx", new String(v.get(998), StandardCharsets.UTF_8));
        }
      }
    }
  }
}
