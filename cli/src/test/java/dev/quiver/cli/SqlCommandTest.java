package dev.quiver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code quiver sql} end to end, in-process ({@link Cli}): the rows it prints in jsonl, csv and table form equal
 * DuckDB's answer to the same query over the same DuckDB-written file; {@code --threads}, {@code --memory-limit},
 * errors (one line on stderr, exit status 1; usage errors 2) and EXPLAIN [ANALYZE].
 */
class SqlCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GROUPED = "SELECT grp, count(*) AS n, sum(price) AS total, count(qty) AS q, "
      + "min(day) AS first_day, max(name) AS last_name FROM '%s' GROUP BY grp ORDER BY grp";
  private static final String SORTED = "SELECT id, grp, qty, price FROM '%s' WHERE qty > 5 "
      + "ORDER BY qty DESC, id LIMIT 25 OFFSET 3";
  private static Connection duck;
  private static Path dir;
  private static String file;

  @BeforeAll
  static void write() throws IOException, SQLException {
    duck = DriverManager.getConnection("jdbc:duckdb:");
    dir = Files.createTempDirectory("quiver-sql-cli");
    file = dir.resolve("sales.parquet").toString();
    try (Statement st = duck.createStatement()) {
      st.execute("COPY (SELECT i AS id, 'g' || (i % 4) AS grp, (i * 1.25)::DECIMAL(12,2) AS price, "
          + "CASE WHEN i % 10 = 0 THEN NULL ELSE i % 13 END AS qty, DATE '2024-01-01' + (i % 30)::INT AS day, "
          + "CASE WHEN i % 7 = 0 THEN 'a, \"quoted\" name' ELSE 'n' || i END AS name "
          + "FROM range(1, 20001) t(i)) TO '" + file + "' (FORMAT parquet, ROW_GROUP_SIZE 4096)");
    }
  }

  @AfterAll
  static void close() throws IOException, SQLException {
    duck.close();
    Files.deleteIfExists(Path.of(file));
    Files.deleteIfExists(dir);
  }

  private static String q(String template) {
    return template.replace("%s", file);
  }

  /** DuckDB's rows for {@code sql}, every value as its text (null for NULL), and the column names. */
  private static List<List<String>> duck(String sql, List<String> names) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      for (int c = 1; c <= n; c++) {
        names.add(rs.getMetaData().getColumnName(c));
      }
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int c = 1; c <= n; c++) {
          Object v = rs.getObject(c);
          row.add(v == null ? null : v instanceof java.math.BigDecimal bd ? bd.toPlainString() : rs.getString(c));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /** The jsonl lines as rows of value text, checking each object's keys are {@code names} in order. */
  private static List<List<String>> jsonl(Cli.Result r, List<String> names) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    for (String line : r.outLines()) {
      JsonNode node = JSON.readTree(line);
      List<String> keys = new ArrayList<>();
      node.fieldNames().forEachRemaining(keys::add);
      assertEquals(names, keys, line);
      List<String> row = new ArrayList<>();
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        JsonNode v = it.next();
        row.add(v.isNull() ? null : v.asText());
      }
      rows.add(row);
    }
    return rows;
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "2"})
  void jsonlMatchesDuckDb(String threads) throws Exception {
    for (String sql : List.of(q(GROUPED), q(SORTED))) {
      Cli.Result r = Cli.run("sql", sql, "--format", "jsonl", "--threads", threads);
      assertEquals(0, r.status(), r::toString);
      assertEquals("", r.err(), r::toString);
      List<String> names = new ArrayList<>();
      List<List<String>> want = duck(sql, names);
      assertEquals(want, jsonl(r, names), sql);
    }
  }

  @Test
  void jsonlTypesFollowTheContract() throws Exception {
    Cli.Result r = Cli.run("sql", q(GROUPED), "--format", "jsonl", "--threads", "2");
    assertEquals(0, r.status(), r::toString);
    JsonNode first = JSON.readTree(r.outLines().get(0));
    assertTrue(first.get("n").isIntegralNumber(), first::toString);
    assertTrue(first.get("q").isIntegralNumber(), first::toString);
    assertTrue(first.get("total").isTextual(), first::toString); // DECIMAL as a string with its scale
    assertTrue(first.get("total").asText().matches("\\d+\\.\\d\\d"), first::toString);
    assertTrue(first.get("first_day").asText().matches("\\d{4}-\\d\\d-\\d\\d"), first::toString);
  }

  @Test
  void csvMatchesDuckDb() throws Exception {
    for (String sql : List.of(q(GROUPED), q(SORTED))) {
      Cli.Result r = Cli.run("sql", sql, "--format", "csv");
      assertEquals(0, r.status(), r::toString);
      List<String> names = new ArrayList<>();
      List<List<String>> want = duck(sql, names);
      List<CSVRecord> records = CSVFormat.DEFAULT.builder().build().parse(new StringReader(r.out())).getRecords();
      assertEquals(names, records.get(0).toList());
      List<List<String>> got = new ArrayList<>();
      for (CSVRecord rec : records.subList(1, records.size())) {
        got.add(rec.toList());
      }
      List<List<String>> wantCsv = new ArrayList<>();
      for (List<String> row : want) {
        wantCsv.add(row.stream().map(v -> v == null ? "" : v).toList());
      }
      assertEquals(wantCsv, got, sql);
    }
  }

  @Test
  void tablePrintsDuckDbsRowsInOrder() throws Exception {
    String sql = q(SORTED);
    Cli.Result r = Cli.run("sql", sql, "--format", "table", "--threads", "2");
    assertEquals(0, r.status(), r::toString);
    List<String> names = new ArrayList<>();
    List<List<String>> want = duck(sql, names);
    List<String> lines = r.outLines();
    int at = 0;
    for (List<String> row : want) {
      // the next line holding this row's cells, left to right
      boolean found = false;
      while (!found && at < lines.size()) {
        String line = lines.get(at++);
        int pos = 0;
        found = true;
        for (String cell : row) {
          int i = line.indexOf(cell == null ? "NULL" : cell, pos);
          if (i < 0) {
            found = false;
            break;
          }
          pos = i + (cell == null ? 4 : cell.length());
        }
      }
      assertTrue(found, () -> "row " + row + " missing in order from\n" + r.out());
    }
    String header = String.join("", lines);
    for (String n : names) {
      assertTrue(header.contains(n), r::toString);
    }
  }

  @Test
  void memoryLimitFailsWithOneLineNamingTheOperator() {
    Cli.Result r = Cli.run("sql", q("SELECT * FROM '%s' ORDER BY price DESC, name"), "--memory-limit", "64k",
        "--threads", "1");
    assertEquals(1, r.status(), r::toString);
    assertEquals(1, r.errLines().size(), r::toString);
    assertTrue(r.err().startsWith("quiver: memory limit of 65536 bytes exceeded in operator "), r::toString);
    String operator = r.err().strip().substring(r.err().lastIndexOf(' ') + 1);
    assertTrue(List.of("Scan", "Sort", "TopK", "Filter", "Project", "HashAggregate", "Exchange").contains(operator),
        r::toString);
  }

  @Test
  void aGenerousMemoryLimitRunsTheQuery() throws Exception {
    Cli.Result r = Cli.run("sql", q(GROUPED), "--memory-limit", "256m", "--format", "jsonl");
    assertEquals(0, r.status(), r::toString);
    List<String> names = new ArrayList<>();
    assertEquals(duck(q(GROUPED), names), jsonl(r, names));
  }

  @Test
  void syntaxErrorIsOneLineAndStatusOne() {
    Cli.Result r = Cli.run("sql", q("SELEC id FROM '%s'"));
    assertEquals(1, r.status(), r::toString);
    assertEquals("", r.out(), r::toString);
    assertEquals(1, r.errLines().size(), r::toString);
    assertTrue(r.err().startsWith("quiver: "), r::toString);
  }

  @Test
  void unknownColumnIsOneLineNamingIt() {
    Cli.Result r = Cli.run("sql", q("SELECT id, no_such_column FROM '%s'"), "--format", "jsonl");
    assertEquals(1, r.status(), r::toString);
    assertEquals("", r.out(), r::toString);
    assertEquals(1, r.errLines().size(), r::toString);
    assertTrue(r.err().startsWith("quiver: ") && r.err().contains("no_such_column"), r::toString);
  }

  @Test
  void missingFileIsOneLineNamingIt() {
    Cli.Result r = Cli.run("sql", "SELECT * FROM '" + dir.resolve("absent.parquet") + "'");
    assertEquals(1, r.status(), r::toString);
    assertEquals(1, r.errLines().size(), r::toString);
    assertTrue(r.err().contains("absent.parquet"), r::toString);
  }

  @Test
  void usageErrorsExitTwo() {
    assertEquals(2, Cli.run("sql", q(GROUPED), "--threads", "0").status());
    assertEquals(2, Cli.run("sql", q(GROUPED), "--memory-limit", "lots").status());
    assertEquals(2, Cli.run("sql", q(GROUPED), "--format", "xml").status());
  }

  @Test
  void explainPrintsThePlanAndAnalyzeTheCounts() throws Exception {
    String sql = q("SELECT grp, count(*) FROM '%s' WHERE id > 15000 GROUP BY grp");
    Cli.Result plan = Cli.run("sql", "EXPLAIN " + sql, "--format", "csv");
    assertEquals(0, plan.status(), plan::toString);
    assertTrue(plan.out().contains("HashAggregate"), plan::toString);
    assertTrue(plan.out().contains("Scan"), plan::toString);
    assertTrue(plan.out().contains("sales.parquet"), plan::toString);
    Cli.Result analyzed = Cli.run("sql", "EXPLAIN ANALYZE " + sql, "--format", "csv", "--threads", "1");
    assertEquals(0, analyzed.status(), analyzed::toString);
    // 20000 rows in 5 row groups of 4096: statistics on id skip the groups below 15000
    long want;
    try (Statement st = duck.createStatement();
        ResultSet rs = st.executeQuery(q("SELECT count(*) FROM '%s' WHERE id > 15000"))) {
      rs.next();
      want = rs.getLong(1);
    }
    assertTrue(analyzed.out().contains(String.valueOf(want)), analyzed::toString);
    assertTrue(analyzed.out().contains("skipped"), analyzed::toString);
  }

  @Test
  void selectsOverNestedColumnsPrintTheirValues() throws Exception {
    Path nested = dir.resolve("nested.parquet");
    try (Statement st = duck.createStatement()) {
      st.execute("COPY (SELECT i, {'a': i, 'b': [i, i + 1]} AS s FROM range(0, 10) t(i)) TO '" + nested
          + "' (FORMAT parquet)");
    }
    try {
      String sql = "SELECT s, i FROM '" + nested + "' WHERE i >= 7 ORDER BY i DESC";
      Cli.Result r = Cli.run("sql", sql, "--format", "jsonl");
      assertEquals(0, r.status(), r::toString);
      List<JsonNode> want = new ArrayList<>();
      try (Statement st = duck.createStatement();
          ResultSet rs = st.executeQuery("SELECT json_object('s', s, 'i', i)::VARCHAR FROM (" + sql + ")")) {
        while (rs.next()) {
          want.add(JSON.readTree(rs.getString(1)));
        }
      }
      List<JsonNode> got = new ArrayList<>();
      for (String line : r.outLines()) {
        got.add(JSON.readTree(line));
      }
      assertEquals(3, want.size());
      assertEquals(want, got);
    } finally {
      Files.deleteIfExists(nested);
    }
  }
}
