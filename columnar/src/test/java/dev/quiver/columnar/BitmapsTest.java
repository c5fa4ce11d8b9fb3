package dev.quiver.columnar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Bitmaps against a plain boolean array, over every start and length up to three bytes plus change. */
class BitmapsTest {
  @Test
  void setRangeAndCountMatchABooleanModel() {
    SplittableRandom random = new SplittableRandom(7);
    for (int from = 0; from < 20; from++) {
      for (int count = 0; count < 30; count++) {
        byte[] bitmap = new byte[8];
        boolean[] model = new boolean[64];
        for (int i = 0; i < 64; i++) {
          model[i] = random.nextBoolean();
          Bitmaps.set(bitmap, i, model[i]);
        }
        boolean value = random.nextBoolean();
        Bitmaps.setRange(bitmap, from, count, value);
        for (int i = from; i < from + count; i++) {
          model[i] = value;
        }
        int set = 0;
        for (int i = 0; i < 64; i++) {
          assertEquals(model[i], Bitmaps.get(bitmap, i), "bit " + i + " after setRange(" + from + ", " + count + ")");
          if (i < 50 && model[i]) {
            set++;
          }
        }
        assertEquals(set, Bitmaps.countSet(bitmap, 50));
      }
    }
  }
}
