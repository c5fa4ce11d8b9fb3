package dev.quiver.exec.bench;

import dev.quiver.exec.QueryResult;
import dev.quiver.exec.Session;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Times TPC-H Q1 and Q6 on one lineitem Parquet file with Quiver and with DuckDB (JDBC, {@code SET threads}) at 1
 * and 2 threads, and prints the medians and the Quiver/DuckDB ratios. A measuring tool, not a test:
 * {@code java -cp <exec test classpath> dev.quiver.exec.bench.QueryTimings FILE [runs]}.
 */
public final class QueryTimings {
  private QueryTimings() {}

  public static void main(String[] args) throws Exception {
    String file = args[0];
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    try (RootAllocator allocator = new RootAllocator();
        Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
      for (String name : new String[] {"Q1", "Q6"}) {
        String sql = name.equals("Q1") ? TpchQueries.q1(file) : TpchQueries.q6(file);
        for (int threads : new int[] {1, 2}) {
          Session session = Session.create(allocator).withThreads(threads);
          double[] q = median(runs, () -> runQuiver(session, sql));
          try (Statement st = duck.createStatement()) {
            st.execute("SET threads=" + threads);
          }
          double[] d = median(runs, () -> runDuck(duck, sql));
          System.out.printf("%s threads=%d wall: quiver=%.1f ms duckdb=%.1f ms ratio=%.2f | process cpu: quiver=%.1f ms "
              + "duckdb=%.1f ms ratio=%.2f%n", name, threads, q[0], d[0], q[0] / d[0], q[1], d[1], q[1] / d[1]);
        }
      }
    }
  }

  interface Run {
    void run() throws Exception;
  }

  /** Median wall and process-CPU milliseconds of {@code runs} runs after two warm-ups. */
  static double[] median(int runs, Run r) throws Exception {
    r.run(); // warm-up
    r.run();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    double[] t = new double[runs];
    double[] c = new double[runs];
    for (int i = 0; i < runs; i++) {
      long s = System.nanoTime();
      long cpu = os.getProcessCpuTime();
      r.run();
      t[i] = (System.nanoTime() - s) / 1e6;
      c[i] = (os.getProcessCpuTime() - cpu) / 1e6;
    }
    Arrays.sort(t);
    Arrays.sort(c);
    return new double[] {t[runs / 2], c[runs / 2]};
  }

  static void runQuiver(Session session, String sql) {
    try (QueryResult r = session.sql(sql).execute()) {
      while (r.hasNext()) {
        try (VectorSchemaRoot root = r.next()) {
          if (root.getRowCount() < 0) {
            throw new IllegalStateException();
          }
        }
      }
    }
  }

  static void runDuck(Connection duck, String sql) throws Exception {
    try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        rs.getObject(1);
      }
    }
  }
}
