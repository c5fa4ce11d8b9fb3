package dev.quiver.parquet.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quiver.parquet.ParquetCorruptionException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.plain.BooleanPlainValuesWriter;
import org.apache.parquet.column.values.plain.PlainValuesWriter;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.Test;

/** PLAIN and dictionary decoders against parquet-java's PLAIN writers, with awkward sizes and batch splits. */
class PlainDecodersTest {
  private static final int[] AWKWARD = {0, 1, 7, 8, 9, 31, 32, 33, 127, 128, 129, 1000};

  private static PlainValuesWriter writer() {
    return new PlainValuesWriter(64, 1 << 20, new HeapByteBufferAllocator());
  }

  @Property(tries = 100)
  void longsAndInts(@ForAll @IntRange(min = 0, max = 11) int sizeIndex, @ForAll long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    int count = AWKWARD[sizeIndex];
    long[] longs = random.longs(count).toArray();
    PlainValuesWriter w = writer();
    for (long v : longs) {
      w.writeLong(v);
    }
    byte[] page = w.getBytes().toByteArray();
    byte[] out = new byte[count * 8];
    PlainFixedWidthDecoder decoder = new PlainFixedWidthDecoder(page, 0, page.length, 8);
    int done = 0;
    while (done < count) {
      int n = Math.min(count - done, 1 + random.nextInt(20));
      decoder.read(out, done * 8, n);
      done += n;
    }
    ByteBuffer view = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < count; i++) {
      assertEquals(longs[i], view.getLong(i * 8));
    }
    assertThrows(ParquetCorruptionException.class, () -> decoder.read(out, 0, 1));
  }

  @Property(tries = 100)
  void booleans(@ForAll @IntRange(min = 0, max = 11) int sizeIndex, @ForAll long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    int count = AWKWARD[sizeIndex];
    boolean[] values = new boolean[count];
    BooleanPlainValuesWriter w = new BooleanPlainValuesWriter();
    for (int i = 0; i < count; i++) {
      values[i] = random.nextBoolean();
      w.writeBoolean(values[i]);
    }
    byte[] page = w.getBytes().toByteArray();
    PlainBooleanDecoder decoder = new PlainBooleanDecoder(page, 0, page.length);
    byte[] out = new byte[count];
    int done = 0;
    while (done < count) {
      int n = Math.min(count - done, 1 + random.nextInt(20));
      decoder.read(out, done, n);
      done += n;
    }
    for (int i = 0; i < count; i++) {
      assertEquals(values[i] ? 1 : 0, out[i], "value " + i);
    }
  }

  @Property(tries = 100)
  void byteArrays(@ForAll @IntRange(min = 0, max = 11) int sizeIndex, @ForAll long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    int count = AWKWARD[sizeIndex];
    byte[][] values = new byte[count][];
    PlainValuesWriter w = writer();
    for (int i = 0; i < count; i++) {
      int kind = random.nextInt(3); // tiny, around the 48-byte word copy's limit, long
      values[i] = new byte[random.nextInt(kind == 0 ? 3 : kind == 1 ? 60 : 300)];
      random.nextBytes(values[i]);
      w.writeBytes(Binary.fromConstantByteArray(values[i]));
    }
    byte[] encoded = w.getBytes().toByteArray();
    // the page sits inside a larger buffer half the time, with other bytes after it (as in a column chunk)
    int before = random.nextBoolean() ? 0 : 5;
    byte[] page = new byte[before + encoded.length + (before == 0 ? 0 : 70)];
    random.nextBytes(page);
    System.arraycopy(encoded, 0, page, before, encoded.length);
    PlainBinaryDecoder decoder = new PlainBinaryDecoder(page, before, encoded.length);
    BinaryBatch batch = new BinaryBatch(1, 1);
    int done = 0;
    while (done < count) {
      int n = Math.min(count - done, 1 + random.nextInt(20));
      decoder.read(batch, n);
      done += n;
    }
    assertEquals(count, batch.count());
    for (int i = 0; i < count; i++) {
      byte[] got = java.util.Arrays.copyOfRange(batch.data(), batch.offsets()[i], batch.offsets()[i + 1]);
      assertArrayEquals(values[i], got, "value " + i);
    }
  }

  @Test
  void aByteArrayLengthPastThePageIsCorruption() {
    byte[] page = {5, 0, 0, 0, 'a', 'b'};
    assertThrows(ParquetCorruptionException.class,
        () -> new PlainBinaryDecoder(page, 0, page.length).read(new BinaryBatch(1, 1), 1));
    byte[] negative = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
    assertThrows(ParquetCorruptionException.class,
        () -> new PlainBinaryDecoder(negative, 0, negative.length).read(new BinaryBatch(1, 1), 1));
  }

  @Property(tries = 100)
  void dictionaryIndices(@ForAll @IntRange(min = 1, max = 300) int dictionarySize,
      @ForAll @IntRange(min = 0, max = 11) int sizeIndex, @ForAll long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    int count = AWKWARD[sizeIndex];
    int bitWidth = 32 - Integer.numberOfLeadingZeros(dictionarySize - 1);
    int[] indices = new int[count];
    for (int i = 0; i < count; i++) {
      indices[i] = random.nextInt(dictionarySize);
    }
    byte[] rle = RleBitPackedHybridDecoderTest.encode(indices, bitWidth);
    byte[] page = new byte[rle.length + 1];
    page[0] = (byte) bitWidth;
    System.arraycopy(rle, 0, page, 1, rle.length);
    byte[] dictionary = new byte[dictionarySize * 4];
    ByteBuffer dict = ByteBuffer.wrap(dictionary).order(ByteOrder.LITTLE_ENDIAN);
    for (int d = 0; d < dictionarySize; d++) {
      dict.putInt(d * 4, d * 1_000_003);
    }
    DictionaryFixedWidthDecoder decoder = new DictionaryFixedWidthDecoder(page, 0, page.length, dictionary,
        dictionarySize, 4);
    byte[] out = new byte[count * 4];
    ByteBuffer view = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    int done = 0;
    while (done < count) { // random interleaving of read and skip
      int n = Math.min(count - done, 1 + random.nextInt(40));
      if (random.nextInt(3) == 0) {
        decoder.skip(n);
      } else {
        decoder.read(out, done * 4, n);
        for (int i = done; i < done + n; i++) {
          assertEquals(indices[i] * 1_000_003, view.getInt(i * 4));
        }
      }
      done += n;
    }
  }

  @Test
  void dictionaryIndexOutOfRangeIsCorruption() throws IOException {
    byte[] rle = RleBitPackedHybridDecoderTest.encode(new int[] {0, 1, 2, 3}, 2);
    byte[] page = new byte[rle.length + 1];
    page[0] = 2;
    System.arraycopy(rle, 0, page, 1, rle.length);
    DictionaryFixedWidthDecoder decoder = new DictionaryFixedWidthDecoder(page, 0, page.length, new byte[12], 3, 4);
    ParquetCorruptionException e = assertThrows(ParquetCorruptionException.class,
        () -> decoder.read(new byte[16], 0, 4));
    assertEquals(true, e.getMessage().contains("dictionary index 3"), e.getMessage());
  }
}
