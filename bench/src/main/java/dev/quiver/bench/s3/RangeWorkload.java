package dev.quiver.bench.s3;

import dev.quiver.store.ByteRange;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One set of byte ranges of the benchmark object and how they are fetched.
 *
 * @param id a short name without spaces or commas (a JMH parameter value)
 * @param name the row label of the results table
 * @param ranges the ranges, in the order a reader asks for them
 * @param coalesced true: {@link RangeReader#getCoalesced} (near ranges merged); false: {@link RangeReader#getEach}
 */
public record RangeWorkload(String id, String name, List<ByteRange> ranges, boolean coalesced) {

  /** {@code ranges} is copied. */
  public RangeWorkload {
    ranges = List.copyOf(ranges);
  }

  /** The rows of the benchmark for an object of {@code objectSize} bytes. */
  public static List<RangeWorkload> all(long objectSize) {
    List<ByteRange> parquet = parquetPattern(objectSize);
    return List.of(
        fixed(objectSize, 1 << 20, "ranges-1MiB", "1 MiB ranges"),
        fixed(objectSize, 8 << 20, "ranges-8MiB", "8 MiB ranges"),
        new RangeWorkload("columnar-coalesced", "columnar read, coalesced", parquet, true),
        new RangeWorkload("columnar-each", "columnar read, one GET per range", parquet, false));
  }

  /** The workload with {@code id} among {@link #all}. */
  public static RangeWorkload byId(String id, long objectSize) {
    for (RangeWorkload workload : all(objectSize)) {
      if (workload.id.equals(id)) {
        return workload;
      }
    }
    throw new IllegalArgumentException("no workload '" + id + "'");
  }

  /** The whole object in consecutive ranges of {@code rangeSize} bytes (the last one shorter), one GET each. */
  static RangeWorkload fixed(long objectSize, int rangeSize, String id, String name) {
    List<ByteRange> ranges = new ArrayList<>();
    for (long at = 0; at < objectSize; at += rangeSize) {
      ranges.add(new ByteRange(at, Math.min(rangeSize, objectSize - at)));
    }
    return new RangeWorkload(id, name, ranges, false);
  }

  /**
   * The reads of a projected scan of a Parquet-shaped object (fixed seed, so every run asks for the same ranges):
   * row groups of about 8 MiB, each of 16 column chunks of skewed sizes (a few large, many small); the scan reads
   * columns 0, 3, 4, 9 and 13 of every row group, and their column index (1-4 KiB) and offset index (0.5-2 KiB)
   * from the page-index area that precedes the 64 KiB footer, where the indexes of all columns lie back to back.
   * So there are large chunk reads with gaps of other columns between them, adjacent chunks (3 and 4), and many
   * small index reads close together.
   */
  static List<ByteRange> parquetPattern(long objectSize) {
    final int columns = 16;
    final int[] projected = {0, 3, 4, 9, 13};
    final long footer = 64 * 1024;
    Random random = new Random(42);
    int rowGroups = (int) Math.max(1, objectSize / (8 << 20));
    // The page-index area: column index and offset index of every column of every row group.
    long[][] columnIndex = new long[rowGroups][columns];
    long[][] offsetIndex = new long[rowGroups][columns];
    long indexBytes = 0;
    for (int g = 0; g < rowGroups; g++) {
      for (int c = 0; c < columns; c++) {
        columnIndex[g][c] = 1024 + random.nextInt(3 * 1024);
        offsetIndex[g][c] = 512 + random.nextInt(1536);
        indexBytes += columnIndex[g][c] + offsetIndex[g][c];
      }
    }
    long dataStart = 4;  // "PAR1"
    long dataEnd = objectSize - footer - indexBytes;
    if (dataEnd - dataStart < (long) rowGroups * columns) {
      throw new IllegalArgumentException("the object is too small for the pattern: " + objectSize + " bytes");
    }
    long rowGroupSize = (dataEnd - dataStart) / rowGroups;
    List<ByteRange> chunks = new ArrayList<>();
    for (int g = 0; g < rowGroups; g++) {
      double[] weights = new double[columns];
      double sum = 0;
      for (int c = 0; c < columns; c++) {
        weights[c] = Math.exp(random.nextGaussian() * 1.2);
        sum += weights[c];
      }
      long at = dataStart + g * rowGroupSize;
      long end = g == rowGroups - 1 ? dataEnd : at + rowGroupSize;
      long[] starts = new long[columns + 1];
      for (int c = 0; c < columns; c++) {
        starts[c] = at;
        at += Math.max(1, (long) ((end - starts[0]) * weights[c] / sum));
      }
      starts[columns] = end;
      for (int column : projected) {
        long from = starts[column];
        long to = Math.min(starts[column + 1], end);
        if (to > from) {
          chunks.add(new ByteRange(from, to - from));
        }
      }
    }
    List<ByteRange> indexes = new ArrayList<>();
    long columnIndexAt = dataEnd;
    long offsetIndexAt = dataEnd;
    for (int g = 0; g < rowGroups; g++) {
      for (int c = 0; c < columns; c++) {
        offsetIndexAt += columnIndex[g][c];
      }
    }
    for (int g = 0; g < rowGroups; g++) {
      for (int c = 0; c < columns; c++) {
        if (contains(projected, c)) {
          indexes.add(new ByteRange(columnIndexAt, columnIndex[g][c]));
          indexes.add(new ByteRange(offsetIndexAt, offsetIndex[g][c]));
        }
        columnIndexAt += columnIndex[g][c];
        offsetIndexAt += offsetIndex[g][c];
      }
    }
    List<ByteRange> all = new ArrayList<>(indexes);
    all.addAll(chunks);
    return all;
  }

  private static boolean contains(int[] values, int value) {
    for (int v : values) {
      if (v == value) {
        return true;
      }
    }
    return false;
  }

  /** How many bytes the ranges hold together (overlaps counted twice). */
  public long bytes() {
    long total = 0;
    for (ByteRange range : ranges) {
      total += range.length();
    }
    return total;
  }

  /** Fetches the ranges with {@code reader}. */
  public List<ByteBuffer> run(RangeReader reader, String key) throws Exception {
    return coalesced ? reader.getCoalesced(key, ranges) : reader.getEach(key, ranges);
  }

  /**
   * Checks that {@code got} holds exactly the bytes of each range of {@code source}.
   *
   * @throws IllegalStateException naming the first range that differs
   */
  public void verify(byte[] source, List<ByteBuffer> got, String client) {
    if (got.size() != ranges.size()) {
      throw new IllegalStateException(client + ", " + name + ": " + got.size() + " buffers for " + ranges.size()
          + " ranges");
    }
    for (int i = 0; i < ranges.size(); i++) {
      ByteRange range = ranges.get(i);
      ByteBuffer expected = ByteBuffer.wrap(source, (int) range.offset(), (int) range.length());
      if (!expected.equals(got.get(i).duplicate())) {
        throw new IllegalStateException(client + ", " + name + ": the bytes of range " + range + " differ");
      }
    }
  }
}
