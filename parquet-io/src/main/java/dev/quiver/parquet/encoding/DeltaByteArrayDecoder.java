package dev.quiver.parquet.encoding;

import dev.quiver.parquet.ParquetCorruptionException;
import java.util.Arrays;

/**
 * DELTA_BYTE_ARRAY (Encodings.md, "Delta Strings (DELTA_BYTE_ARRAY = 7)"), incremental or front compression: each
 * value is a prefix of the previous value, of a length from a DELTA_BINARY_PACKED stream, followed by a suffix from
 * a DELTA_LENGTH_BYTE_ARRAY stream. A prefix longer than the previous value is corruption.
 */
public final class DeltaByteArrayDecoder implements BinaryDecoder {
  private final DeltaBinaryPackedDecoder prefixes;
  private final DeltaLengthByteArrayDecoder suffixes;
  private byte[] previous = new byte[64];
  private int previousLength;
  private int[] prefixScratch = new int[256];

  /** Decodes {@code buf[offset, offset + length)}. */
  public DeltaByteArrayDecoder(byte[] buf, int offset, int length) {
    this.prefixes = new DeltaBinaryPackedDecoder(buf, offset, length, true);
    int suffixStart = prefixes.endPosition();
    this.suffixes = new DeltaLengthByteArrayDecoder(buf, suffixStart, offset + length - suffixStart);
    if (suffixes.totalValues() != prefixes.totalValues()) {
      throw new ParquetCorruptionException("DELTA_BYTE_ARRAY has " + prefixes.totalValues() + " prefixes but "
          + suffixes.totalValues() + " suffixes");
    }
  }

  @Override
  public void read(BinaryBatch out, int count) {
    if (prefixScratch.length < count) {
      prefixScratch = new int[Math.max(count, prefixScratch.length * 2)];
    }
    prefixes.readInts(prefixScratch, 0, count);
    for (int i = 0; i < count; i++) {
      next(prefixScratch[i]);
      out.append(previous, 0, previousLength);
    }
  }

  @Override
  public void skip(int count) {
    if (prefixScratch.length < count) {
      prefixScratch = new int[Math.max(count, prefixScratch.length * 2)];
    }
    prefixes.readInts(prefixScratch, 0, count);
    for (int i = 0; i < count; i++) {
      next(prefixScratch[i]);
    }
  }

  private void next(int prefix) {
    if (prefix < 0 || prefix > previousLength) {
      throw new ParquetCorruptionException("DELTA_BYTE_ARRAY prefix length " + prefix
          + " exceeds the previous value's " + previousLength + " bytes");
    }
    int suffix = suffixes.nextLength();
    int length = prefix + suffix;
    if (previous.length < length) {
      previous = Arrays.copyOf(previous, Math.max(length, previous.length * 2));
    }
    System.arraycopy(suffixes.buffer(), suffixes.position(), previous, prefix, suffix);
    suffixes.advance(suffix);
    previousLength = length;
  }
}
