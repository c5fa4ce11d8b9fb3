package dev.quiver.parquet.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;

/**
 * {@link DictionaryIndexReader}'s ways of reading, mixed along one page, against the indices parquet-java's
 * RLE/bit-packed hybrid encoder was given: whole reads, stretches, skips and selections at densities around the
 * quarter of a span where {@code selected} switches from cutting each selected index out of the packed bytes to
 * unpacking the span a stretch at a time, with positions read from an offset into their array.
 */
class DictionaryIndexSelectionTest {
  @Property(tries = 150)
  void everyWayOfReadingGivesTheEncodedIndices(@ForAll long seed) throws Exception {
    SplittableRandom r = new SplittableRandom(seed);
    int n = 1 + r.nextInt(r.nextBoolean() ? 200 : 6000);
    int dictionarySize = 1 + r.nextInt(r.nextBoolean() ? 4 : 70_000);
    int width = 32 - Integer.numberOfLeadingZeros(dictionarySize - 1);
    int[] values = new int[n];
    boolean runs = r.nextBoolean();
    for (int i = 0; i < n; i++) {
      values[i] = runs && i > 0 && r.nextInt(40) > 0 ? values[i - 1] : r.nextInt(dictionarySize);
    }
    RunLengthBitPackingHybridEncoder encoder = new RunLengthBitPackingHybridEncoder(width, 64, 1 << 20,
        HeapByteBufferAllocator.getInstance());
    for (int v : values) {
      encoder.writeInt(v);
    }
    byte[] body = encoder.toBytes().toByteArray();
    byte[] page = new byte[body.length + 1 + 3];
    page[3] = (byte) width; // the page's bit-width byte, at an offset into the array
    System.arraycopy(body, 0, page, 4, body.length);
    DictionaryIndexReader in = new DictionaryIndexReader(page, 3, body.length + 1, dictionarySize);
    double[] densities = {0.01, 0.1, 0.2, 0.249, 0.25, 0.26, 0.5, 1.0};
    int at = 0;
    while (at < n) {
      int span = 1 + r.nextInt(Math.min(n - at, r.nextBoolean() ? 64 : 3000));
      switch (r.nextInt(4)) {
        case 0 -> in.skip(span);
        case 1 -> {
          int[] got = in.read(span);
          for (int i = 0; i < span; i++) {
            assertEquals(values[at + i], got[i], "read at " + (at + i));
          }
        }
        case 2 -> {
          span = in.nextStretch(span);
          for (int i = 0; i < span; i++) {
            assertEquals(values[at + i], in.repeated() ? in.value() : in.stretch()[i], "stretch at " + (at + i));
          }
        }
        default -> {
          double density = densities[r.nextInt(densities.length)];
          int from = r.nextInt(3);
          int[] positions = new int[from + span];
          int count = 0;
          for (int i = 0; i < span; i++) {
            if (r.nextDouble() < density) {
              positions[from + count++] = i;
            }
          }
          if (count == 0) {
            in.skip(span);
          } else {
            int[] got = in.selected(positions, from, count, span);
            for (int i = 0; i < count; i++) {
              assertEquals(values[at + positions[from + i]], got[i], "selected (density " + density + ", " + count
                  + " of " + span + ") at " + (at + positions[from + i]));
            }
          }
        }
      }
      at += span;
    }
  }
}
