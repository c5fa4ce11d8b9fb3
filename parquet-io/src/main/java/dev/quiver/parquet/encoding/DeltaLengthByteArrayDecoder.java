package dev.quiver.parquet.encoding;

import dev.quiver.parquet.ParquetCorruptionException;

/**
 * DELTA_LENGTH_BYTE_ARRAY (Encodings.md, "Delta-length byte array (DELTA_LENGTH_BYTE_ARRAY = 6)"): all lengths as
 * one DELTA_BINARY_PACKED stream, then all value bytes concatenated. Lengths are decoded a batch at a time and
 * each is checked (non-negative, within the bytes left) before its bytes are copied.
 */
public final class DeltaLengthByteArrayDecoder implements BinaryDecoder {
  private final DeltaBinaryPackedDecoder lengths;
  private final byte[] buf;
  private final int limit;
  private int pos;
  private int[] scratch = new int[256];

  /** Decodes {@code buf[offset, offset + length)}. */
  public DeltaLengthByteArrayDecoder(byte[] buf, int offset, int length) {
    this.lengths = new DeltaBinaryPackedDecoder(buf, offset, length, true);
    this.buf = buf;
    this.pos = lengths.endPosition();
    this.limit = offset + length;
  }

  /** The number of values the lengths stream claims. */
  public int totalValues() {
    return lengths.totalValues();
  }

  @Override
  public void read(BinaryBatch out, int count) {
    int[] lens = readLengths(count);
    long total = 0;
    for (int i = 0; i < count; i++) {
      if (lens[i] < 0) {
        throw new ParquetCorruptionException("negative DELTA_LENGTH_BYTE_ARRAY value length " + lens[i]);
      }
      total += lens[i];
    }
    if (total > limit - pos) {
      throw new ParquetCorruptionException("DELTA_LENGTH_BYTE_ARRAY values need " + total + " bytes, "
          + (limit - pos) + " remain");
    }
    out.ensureCapacity(count, (int) total);
    for (int i = 0; i < count; i++) {
      out.appendUnchecked(buf, pos, lens[i]);
      pos += lens[i];
    }
  }

  /** The next value's length, checked against the bytes left; its bytes are at {@link #position()}. */
  int nextLength() {
    lengths.readInts(scratchFor(1), 0, 1);
    int len = scratch[0];
    if (len < 0 || len > limit - pos) {
      throw new ParquetCorruptionException("DELTA_LENGTH_BYTE_ARRAY value length " + len + " with "
          + (limit - pos) + " bytes left");
    }
    return len;
  }

  /** The position of the next value's bytes; advanced by {@link #advance}. */
  int position() {
    return pos;
  }

  void advance(int bytes) {
    pos += bytes;
  }

  byte[] buffer() {
    return buf;
  }

  @Override
  public void skip(int count) {
    int[] lens = readLengths(count);
    for (int i = 0; i < count; i++) {
      if (lens[i] < 0 || lens[i] > limit - pos) {
        throw new ParquetCorruptionException("DELTA_LENGTH_BYTE_ARRAY value length " + lens[i] + " with "
            + (limit - pos) + " bytes left");
      }
      pos += lens[i];
    }
  }

  private int[] readLengths(int count) {
    int[] lens = scratchFor(count);
    lengths.readInts(lens, 0, count);
    return lens;
  }

  private int[] scratchFor(int count) {
    if (scratch.length < count) {
      scratch = new int[Math.max(count, scratch.length * 2)];
    }
    return scratch;
  }
}
