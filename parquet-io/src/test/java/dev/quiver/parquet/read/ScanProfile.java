package dev.quiver.parquet.read;

import dev.quiver.columnar.QuiverAllocators;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * A reader-only scan loop for profiling (JFR) and timing by hand, not a test: {@code java ... ScanProfile FILE MODE
 * [ITERATIONS] [WARMUP]} prints the thread CPU seconds of each scan after the warm-up ones. Modes: {@code full}
 * (every column by {@code next()}), {@code q1} / {@code q1-unscaled} (TPC-H Q1's columns, decimals as Decimal128 or
 * unscaled Int64), {@code q6} / {@code q6-unscaled} (Q6's four columns whole), {@code q6-eager} (the
 * same columns, filter and sum, every column decoded whole), {@code q6-late} (unscaled decimals; the
 * filter's columns first, l_extendedprice only at the rows Q6's filter keeps), {@code q1-dict} (Q1 with the two
 * flags dictionary-encoded and unscaled decimals). Each scan folds a few values into a sum so none is dead code.
 */
public final class ScanProfile {
  private ScanProfile() {}

  public static void main(String[] args) {
    String file = args[0];
    String mode = args[1];
    int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[] seconds = new double[iterations];
    long sink = 0;
    for (int i = -warmup; i < iterations; i++) {
      long cpu = threads.getCurrentThreadCpuTime();
      long wall = System.nanoTime();
      try (BufferAllocator allocator = QuiverAllocators.newRoot()) {
        sink += scan(file, mode, allocator);
      }
      double s = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
      if (i >= 0) {
        seconds[i] = s;
      }
      System.out.printf("%s %s scan %d: cpu %.3f s, wall %.3f s%n", mode, file.substring(file.lastIndexOf('/') + 1),
          i, s, (System.nanoTime() - wall) / 1e9);
    }
    double[] sorted = seconds.clone();
    Arrays.sort(sorted);
    System.out.printf("%s median cpu %.3f s (min %.3f, max %.3f) sink %d%n", mode, sorted[iterations / 2],
        sorted[0], sorted[iterations - 1], sink);
  }

  private static final List<String> Q1 = List.of("l_returnflag", "l_linestatus", "l_quantity", "l_extendedprice",
      "l_discount", "l_tax", "l_shipdate");
  private static final List<String> Q6 = List.of("l_shipdate", "l_discount", "l_quantity", "l_extendedprice");

  static long scan(String file, String mode, BufferAllocator allocator) {
    ReadOptions options = ReadOptions.defaults();
    switch (mode) {
      case "full" -> { }
      case "q1" -> options = options.withColumns(Q1);
      case "q1-unscaled" -> options = options.withColumns(Q1).withUnscaledDecimals(true);
      case "q1-dict" -> options = options.withColumns(Q1).withUnscaledDecimals(true)
          .withDictionaryColumns(Set.of("l_returnflag", "l_linestatus"));
      case "q6" -> options = options.withColumns(Q6);
      case "q6-unscaled" -> options = options.withColumns(Q6).withUnscaledDecimals(true);
      case "q6-late" -> {
        return q6Late(file, allocator);
      }
      case "q6-eager" -> {
        return q6Eager(file, allocator);
      }
      default -> throw new IllegalArgumentException("mode " + mode);
    }
    long sink = 0;
    try (ParquetFileReader reader = ParquetFileReader.open(file);
        ParquetBatchReader batches = reader.read(allocator, options)) {
      while (batches.hasNext()) {
        try (VectorSchemaRoot root = batches.next()) {
          sink += root.getRowCount();
          for (FieldVector v : root.getFieldVectors()) {
            sink += v.getNullCount() + v.getValueCount();
          }
        }
      }
    }
    return sink;
  }

  /** Q6 eager: the four columns of every row by {@code next()} (unscaled decimals), then the filter and the sum. */
  private static long q6Eager(String file, BufferAllocator allocator) {
    int from = (int) java.time.LocalDate.of(1994, 1, 1).toEpochDay();
    int to = (int) java.time.LocalDate.of(1995, 1, 1).toEpochDay();
    long sum = 0;
    try (ParquetFileReader reader = ParquetFileReader.open(file);
        ParquetBatchReader batches = reader.read(allocator, ReadOptions.defaults().withColumns(Q6)
            .withUnscaledDecimals(true))) {
      while (batches.hasNext()) {
        try (VectorSchemaRoot root = batches.next()) {
          DateDayVector ship = (DateDayVector) root.getVector(0);
          BigIntVector discount = (BigIntVector) root.getVector(1);
          BigIntVector quantity = (BigIntVector) root.getVector(2);
          BigIntVector price = (BigIntVector) root.getVector(3);
          for (int i = 0; i < root.getRowCount(); i++) {
            int d = ship.get(i);
            long disc = discount.get(i);
            if (d >= from && d < to && disc >= 5 && disc <= 7 && quantity.get(i) < 2400) {
              sum += price.get(i) * disc;
            }
          }
        }
      }
    }
    return sum;
  }

  /**
   * Q6 late: l_shipdate in [1994-01-01, 1995-01-01), l_discount in [0.05, 0.07], l_quantity < 24 decide the rows;
   * l_extendedprice is read only there. Returns the sum of extendedprice * discount (unscaled).
   */
  private static long q6Late(String file, BufferAllocator allocator) {
    int from = (int) java.time.LocalDate.of(1994, 1, 1).toEpochDay();
    int to = (int) java.time.LocalDate.of(1995, 1, 1).toEpochDay();
    long sum = 0;
    try (ParquetFileReader reader = ParquetFileReader.open(file);
        ParquetBatchReader batches = reader.read(allocator, ReadOptions.defaults().withColumns(Q6)
            .withUnscaledDecimals(true))) {
      List<Field> fields = batches.schema().getFields();
      int[] selected = new int[ReadOptions.DEFAULT_BATCH_SIZE];
      int rows;
      while ((rows = batches.startBatch()) > 0) {
        try (DateDayVector ship = (DateDayVector) fields.get(0).createVector(allocator)) {
          batches.readColumn(0, ship);
          int n = 0;
          for (int i = 0; i < rows; i++) {
            int d = ship.get(i);
            if (d >= from && d < to) {
              selected[n++] = i;
            }
          }
          try (BigIntVector discount = (BigIntVector) fields.get(1).createVector(allocator)) {
            batches.readColumn(1, discount, selected, n);
            int m = 0;
            int[] kept = new int[n];
            for (int i = 0; i < n; i++) {
              long v = discount.get(i);
              if (v >= 5 && v <= 7) {
                kept[m++] = i;
              }
            }
            int[] rows2 = new int[m];
            long[] disc = new long[m];
            for (int i = 0; i < m; i++) {
              rows2[i] = selected[kept[i]];
              disc[i] = discount.get(kept[i]);
            }
            try (BigIntVector quantity = (BigIntVector) fields.get(2).createVector(allocator)) {
              batches.readColumn(2, quantity, rows2, m);
              int k = 0;
              int[] rows3 = new int[m];
              long[] disc3 = new long[m];
              for (int i = 0; i < m; i++) {
                if (quantity.get(i) < 2400) {
                  rows3[k] = rows2[i];
                  disc3[k++] = disc[i];
                }
              }
              try (BigIntVector price = (BigIntVector) fields.get(3).createVector(allocator)) {
                batches.readColumn(3, price, rows3, k);
                for (int i = 0; i < k; i++) {
                  sum += price.get(i) * disc3[i];
                }
              }
            }
          }
        }
      }
    }
    return sum;
  }
}
