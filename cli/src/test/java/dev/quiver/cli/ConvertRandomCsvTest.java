package dev.quiver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Random CSV tables (every inferred type, nulls, quoted fields with delimiters, quotes, line breaks and any Unicode)
 * converted by {@code quiver convert}: the inferred column types are the generated ones, and DuckDB reading our
 * Parquet gives, row by row, what DuckDB gives reading the CSV itself with those types.
 */
class ConvertRandomCsvTest {
  private static final String[] TYPES = {"boolean", "int64", "float64", "date", "timestamp", "timestamp_utc", "string"};
  private static final String[] DUCKDB = {"BOOLEAN", "BIGINT", "DOUBLE", "DATE", "TIMESTAMP", "TIMESTAMPTZ",
      "VARCHAR"};

  private static String value(Random r, int type) {
    switch (type) {
      case 0:
        return r.nextBoolean() ? (r.nextBoolean() ? "true" : "TRUE") : (r.nextBoolean() ? "false" : "False");
      case 1:
        return Long.toString(r.nextInt(4) == 0 ? r.nextLong() : r.nextInt(2000) - 1000);
      case 2:
        return r.nextBoolean() ? Double.toString((r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(40) - 20))
            : Integer.toString(r.nextInt(100)) + "." + r.nextInt(100);
      case 3:
        return LocalDate.ofEpochDay(r.nextInt(2_932_896 + 719_162) - 719_162).toString();
      case 4:
      case 5: {
        LocalDateTime t = LocalDateTime.ofEpochSecond(r.nextLong() % 250_000_000_000L / 100, r.nextInt(1_000_000) * 1000,
            ZoneOffset.UTC);
        String text = t.toLocalDate() + (r.nextBoolean() ? "T" : " ") + String.format("%02d:%02d:%02d", t.getHour(),
            t.getMinute(), t.getSecond()) + (r.nextBoolean() ? "." + String.format("%06d", t.getNano() / 1000) : "");
        if (type == 5) {
          int minutes = r.nextInt(14 * 60 * 2) - 14 * 60;
          text += r.nextInt(3) == 0 ? "Z" : String.format("%s%02d:%02d", minutes < 0 ? "-" : "+",
              Math.abs(minutes) / 60, Math.abs(minutes) % 60);
        }
        return text;
      }
      default: {
        StringBuilder s = new StringBuilder("s");
        int n = r.nextInt(12);
        for (int i = 0; i < n; i++) {
          int pick = r.nextInt(10);
          if (pick == 0) {
            s.append(",");
          } else if (pick == 1) {
            s.append('"');
          } else if (pick == 2) {
            s.append(r.nextBoolean() ? "\n" : " ");
          } else if (pick == 3) {
            s.appendCodePoint(0x1F600 + r.nextInt(50));
          } else if (pick == 4) {
            s.appendCodePoint(0xA0 + r.nextInt(0xD7FF - 0xA0));
          } else {
            s.append((char) ('a' + r.nextInt(26)));
          }
        }
        return s.toString();
      }
    }
  }

  private static String quoted(String v, Random r) {
    boolean needs = v.contains(",") || v.contains("\"") || v.contains("\n");
    return needs || r.nextInt(5) == 0 ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
  }

  @Property(tries = 25)
  void duckDbReadsOurParquetAsItReadsTheCsv(@ForAll long seed) throws Exception {
    Random r = new Random(seed);
    int columns = 1 + r.nextInt(7);
    int rows = 1 + r.nextInt(r.nextBoolean() ? 5 : 300);
    int[] types = new int[columns];
    StringBuilder csv = new StringBuilder();
    for (int c = 0; c < columns; c++) {
      types[c] = r.nextInt(TYPES.length);
      csv.append(c == 0 ? "" : ",").append("c").append(c);
    }
    boolean[] seen = new boolean[columns];
    String newline = r.nextInt(4) == 0 ? "\r\n" : "\n"; // DuckDB's strict mode wants one kind per file
    csv.append(newline);
    for (int i = 0; i < rows; i++) {
      for (int c = 0; c < columns; c++) {
        csv.append(c == 0 ? "" : ",");
        if (r.nextInt(5) != 0 || (i == rows - 1 && !seen[c])) {
          csv.append(quoted(value(r, types[c]), r));
          seen[c] = true;
        }
      }
      csv.append(newline);
    }
    Path dir = Files.createTempDirectory("convert-random");
    try {
      Path in = dir.resolve("t.csv");
      Files.writeString(in, csv, StandardCharsets.UTF_8);
      Path out = dir.resolve("t.parquet");
      Cli.Result result = Cli.run("convert", in.toString(), out.toString(), "--batch-size",
          Integer.toString(1 + r.nextInt(64)), "--row-group-size", Integer.toString(1 + r.nextInt(500)));
      assertEquals(0, result.status(), () -> result + "\n" + csv);
      StringBuilder declared = new StringBuilder();
      List<String> expectedTypes = new ArrayList<>();
      for (int c = 0; c < columns; c++) {
        declared.append(c == 0 ? "" : ", ").append("'c").append(c).append("': '").append(DUCKDB[types[c]]).append("'");
        expectedTypes.add("c" + c + " " + DUCKDB[types[c]].replace("TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE"));
      }
      List<List<String>> ours = query("SELECT * FROM read_parquet('" + out + "')");
      List<List<String>> theirs = query("SELECT * FROM read_csv('" + in + "', header = true, auto_detect = false, delim = ',', quote = '\"',"
          + " escape = '\"', columns = {" + declared + "})");
      assertEquals(expectedTypes, ours.get(0), csv::toString);
      assertEquals(theirs, ours, csv::toString);
      assertEquals(rows + 1, ours.size());
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }

  private static List<List<String>> query(String sql) throws Exception {
    List<List<String>> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
         Statement s = c.createStatement()) {
      s.execute("SET TimeZone = 'UTC'");
      try (ResultSet rs = s.executeQuery(sql)) {
        ResultSetMetaData m = rs.getMetaData();
        List<String> types = new ArrayList<>();
        for (int i = 1; i <= m.getColumnCount(); i++) {
          types.add(m.getColumnName(i) + " " + m.getColumnTypeName(i));
        }
        rows.add(types);
        while (rs.next()) {
          List<String> row = new ArrayList<>();
          for (int i = 1; i <= m.getColumnCount(); i++) {
            row.add(rs.getString(i));
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }
}
