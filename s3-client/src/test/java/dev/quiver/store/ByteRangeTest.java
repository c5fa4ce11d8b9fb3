package dev.quiver.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

  @Test
  void endIsOffsetPlusLength() {
    ByteRange range = new ByteRange(100, 28);
    assertEquals(128, range.end());
    assertEquals("[100, 128)", range.toString());
    assertEquals(new ByteRange(100, 28), range);
  }

  @Test
  void boundsAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> new ByteRange(-1, 0));
    assertThrows(IllegalArgumentException.class, () -> new ByteRange(0, -1));
    assertThrows(IllegalArgumentException.class, () -> new ByteRange(0, ByteRange.MAX_LENGTH + 1L));
    assertThrows(IllegalArgumentException.class, () -> new ByteRange(Long.MAX_VALUE, 1));
    assertEquals(Integer.MAX_VALUE - 8, new ByteRange(0, ByteRange.MAX_LENGTH).length());
    assertEquals(Long.MAX_VALUE, new ByteRange(Long.MAX_VALUE, 0).end());
    assertEquals(Long.MAX_VALUE, new ByteRange(Long.MAX_VALUE - 10, 10).end());
  }

  @Test
  void fitsWithinComparesTheEndWithTheSize() {
    assertTrue(new ByteRange(90, 10).fitsWithin(100));
    assertFalse(new ByteRange(91, 10).fitsWithin(100));
    assertTrue(new ByteRange(100, 0).fitsWithin(100));
    assertFalse(new ByteRange(101, 0).fitsWithin(100));
  }
}
