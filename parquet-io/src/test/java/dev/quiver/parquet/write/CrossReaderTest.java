package dev.quiver.parquet.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.codec.CodecName;
import dev.quiver.parquet.format.Encoding;
import dev.quiver.parquet.read.ArrowCanonical;
import dev.quiver.parquet.read.ParquetJavaRecords;
import dev.quiver.parquet.testing.LeakCheckedAllocator;
import dev.quiver.store.local.LocalFileSystem;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Files Quiver writes, under every codec, every encoding family and both data page versions, read by two
 * independent readers: parquet-java's record API (every column, nested ones included, rendered by
 * {@link ParquetJavaRecords}) and DuckDB over JDBC (the flat columns, rendered by SQL expressions), compared value by
 * value with the Arrow batches written.
 */
class CrossReaderTest {
  static final int ROWS = 1500;

  enum Encodings { DICTIONARY, PLAIN, DELTA, BYTE_STREAM_SPLIT }

  static Stream<Arguments> matrix() {
    List<Arguments> out = new ArrayList<>();
    for (CodecName codec : new CodecName[] {CodecName.UNCOMPRESSED, CodecName.SNAPPY, CodecName.GZIP,
        CodecName.ZSTD, CodecName.LZ4_RAW, CodecName.BROTLI}) {
      for (Encodings e : Encodings.values()) {
        for (int version = 1; version <= 2; version++) {
          out.add(Arguments.of(codec, e, version));
        }
      }
    }
    return out.stream();
  }

  static Field leaf(String name, ArrowType type) {
    return new Field(name, FieldType.nullable(type), null);
  }

  /** The flat columns, with the DuckDB expression rendering each like {@link ArrowCanonical}. */
  static final String[][] FLAT = {
    {"b", "CAST(b AS VARCHAR)"},
    {"i8", "CAST(i8 AS VARCHAR)"},
    {"u8", "CAST(u8 AS VARCHAR)"},
    {"i16", "CAST(i16 AS VARCHAR)"},
    {"u16", "CAST(u16 AS VARCHAR)"},
    {"i32", "CAST(i32 AS VARCHAR)"},
    {"u32", "CAST(u32 AS VARCHAR)"},
    {"i64", "CAST(i64 AS VARCHAR)"},
    {"u64", "CAST(u64 AS VARCHAR)"},
    {"f32", null},
    {"f64", null},
    {"d7", "CAST(d7 AS VARCHAR)"},
    {"d18", "CAST(d18 AS VARCHAR)"},
    {"d38", "CAST(d38 AS VARCHAR)"},
    {"d10w", "CAST(d10w AS VARCHAR)"},
    {"d5w", "CAST(d5w AS VARCHAR)"},
    {"s", "lower(hex(s))"},
    {"ls", "lower(hex(ls))"},
    {"bin", "lower(hex(bin))"},
    {"fixed", "lower(hex(fixed))"},
    {"date", "CAST(date_diff('day', DATE '1970-01-01', date) AS VARCHAR)"},
    {"ts_ms", "CAST(epoch_ms(ts_ms) AS VARCHAR)"},
    {"ts_us", "CAST(epoch_us(ts_us) AS VARCHAR)"},
    {"ts_ns", "CAST(epoch_ns(ts_ns) AS VARCHAR)"},
  };

  static Schema schema() {
    List<Field> f = new ArrayList<>();
    f.add(leaf("b", ArrowType.Bool.INSTANCE));
    f.add(leaf("i8", new ArrowType.Int(8, true)));
    f.add(leaf("u8", new ArrowType.Int(8, false)));
    f.add(leaf("i16", new ArrowType.Int(16, true)));
    f.add(leaf("u16", new ArrowType.Int(16, false)));
    f.add(leaf("i32", new ArrowType.Int(32, true)));
    f.add(leaf("u32", new ArrowType.Int(32, false)));
    f.add(leaf("i64", new ArrowType.Int(64, true)));
    f.add(leaf("u64", new ArrowType.Int(64, false)));
    f.add(leaf("f32", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)));
    f.add(leaf("f64", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)));
    f.add(leaf("d7", new ArrowType.Decimal(7, 2, 128)));
    f.add(leaf("d18", new ArrowType.Decimal(18, 4, 128)));
    f.add(leaf("d38", new ArrowType.Decimal(38, 10, 128)));
    // 256-bit Arrow decimals of small precision, stored as INT64 and INT32
    f.add(leaf("d10w", new ArrowType.Decimal(10, 2, 256)));
    f.add(leaf("d5w", new ArrowType.Decimal(5, 1, 256)));
    f.add(leaf("s", ArrowType.Utf8.INSTANCE));
    f.add(leaf("ls", ArrowType.LargeUtf8.INSTANCE));
    f.add(leaf("bin", ArrowType.Binary.INSTANCE));
    f.add(leaf("fixed", new ArrowType.FixedSizeBinary(5)));
    f.add(leaf("date", new ArrowType.Date(DateUnit.DAY)));
    f.add(leaf("ts_ms", new ArrowType.Timestamp(TimeUnit.MILLISECOND, null)));
    f.add(leaf("ts_us", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")));
    // DuckDB reads instants (TIMESTAMPTZ) in microseconds: nanoseconds only as a local timestamp
    f.add(leaf("ts_ns", new ArrowType.Timestamp(TimeUnit.NANOSECOND, null)));
    // parquet-java only from here
    f.add(leaf("h", new ArrowType.FloatingPoint(FloatingPointPrecision.HALF)));
    f.add(leaf("d50", new ArrowType.Decimal(50, 5, 256)));
    f.add(leaf("t_ms", new ArrowType.Time(TimeUnit.MILLISECOND, 32)));
    f.add(leaf("t_ns", new ArrowType.Time(TimeUnit.NANOSECOND, 64)));
    f.add(leaf("dur", new ArrowType.Duration(TimeUnit.MICROSECOND)));
    f.add(leaf("iv", new ArrowType.Interval(IntervalUnit.MONTH_DAY_NANO)));
    f.add(leaf("nul", ArrowType.Null.INSTANCE));
    f.add(new Field("req", FieldType.notNullable(new ArrowType.Int(32, true)), null));
    f.add(new Field("list", FieldType.nullable(ArrowType.List.INSTANCE), List.of(leaf("e", ArrowType.Utf8.INSTANCE))));
    f.add(new Field("st", FieldType.nullable(ArrowType.Struct.INSTANCE), List.of(leaf("x", new ArrowType.Int(64, true)),
        new Field("ys", FieldType.nullable(ArrowType.LargeList.INSTANCE),
            List.of(leaf("y", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)))))));
    Field entries = new Field("entries", FieldType.notNullable(ArrowType.Struct.INSTANCE), List.of(
        new Field("key", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
        new Field("value", FieldType.nullable(new ArrowType.FixedSizeList(2)),
            List.of(leaf("v", new ArrowType.Int(16, true))))));
    f.add(new Field("map", FieldType.nullable(new ArrowType.Map(false)), List.of(entries)));
    return new Schema(f);
  }

  static WriterProperties properties(CodecName codec, Encodings e, int version) {
    WriterProperties.Builder b = WriterProperties.builder().codec(codec).dataPageVersion(version)
        .dataPageSize(4096).rowGroupRows(1000).pageChecksums(true);
    switch (e) {
      case DICTIONARY -> b.dictionary(true).dictionaryPageSizeLimit(2048);
      case PLAIN -> b.dictionary(false);
      case DELTA -> b.dictionary(false).encoding(Encoding.DELTA_BINARY_PACKED)
          .column("s", ColumnProperties.inherit().withEncoding(Encoding.DELTA_BYTE_ARRAY))
          .column("ls", ColumnProperties.inherit().withEncoding(Encoding.DELTA_LENGTH_BYTE_ARRAY))
          .column("bin", ColumnProperties.inherit().withEncoding(Encoding.DELTA_LENGTH_BYTE_ARRAY))
          .column("fixed", ColumnProperties.inherit().withEncoding(Encoding.DELTA_BYTE_ARRAY))
          .column("list.list.element", ColumnProperties.inherit().withEncoding(Encoding.DELTA_BYTE_ARRAY))
          .column("b", ColumnProperties.inherit().withEncoding(Encoding.RLE));
      case BYTE_STREAM_SPLIT -> {
        b.dictionary(false).encoding(Encoding.BYTE_STREAM_SPLIT);
        // DuckDB 1.4 reads BYTE_STREAM_SPLIT for FLOAT and DOUBLE only: its integer and fixed-size columns stay
        // PLAIN; parquet-java still reads the other INT32/INT64/FIXED_LEN_BYTE_ARRAY columns in the encoding
        for (String c : new String[] {"i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64", "d7", "d18", "d38",
            "d10w", "d5w", "fixed", "date", "ts_ms", "ts_us", "ts_ns"}) {
          b.column(c, ColumnProperties.inherit().withEncoding(Encoding.PLAIN));
        }
      }
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0} {1} v{2}")
  @MethodSource("matrix")
  void parquetJavaAndDuckDbReadWhatWeWrite(CodecName codec, Encodings encodings, int version, @TempDir Path dir)
      throws Exception {
    Schema schema = schema();
    Path file = dir.resolve("x.parquet");
    List<List<String>> expected = new ArrayList<>();
    List<List<Double>> expectedFloats = new ArrayList<>();
    try (LeakCheckedAllocator a = new LeakCheckedAllocator();
        LocalFileSystem fs = new LocalFileSystem(dir)) {
      RandomBatches gen = new RandomBatches(codec.ordinal() * 31L + encodings.ordinal() * 7L + version);
      try (ParquetWriter w = ParquetWriter.open(fs, "x.parquet", schema, properties(codec, encodings, version))) {
        for (int part = 0; part < 3; part++) {
          try (VectorSchemaRoot root = gen.batch(schema, a.get(), ROWS / 3)) {
            RoundTrip.canonical(root, null, expected);
            floats(root, expectedFloats);
            w.write(root);
          }
        }
      }
      if (encodings == Encodings.DICTIONARY) {
        // the file exercises both dictionary pages and the fallback to PLAIN within a chunk
        boolean fellBack = false;
        boolean dictionaryOnly = false;
        try (dev.quiver.parquet.read.ParquetFileReader r = dev.quiver.parquet.read.ParquetFileReader.open(fs,
            "x.parquet")) {
          for (dev.quiver.parquet.format.RowGroup g : r.metadata().rowGroups()) {
            for (dev.quiver.parquet.format.ColumnChunk c : g.columns()) {
              List<Encoding> data = c.metaData().encodingStats().stream()
                  .filter(s -> s.pageType() != dev.quiver.parquet.format.PageType.DICTIONARY_PAGE)
                  .map(dev.quiver.parquet.format.PageEncodingStats::encoding).toList();
              fellBack |= data.contains(Encoding.RLE_DICTIONARY) && data.contains(Encoding.PLAIN);
              dictionaryOnly |= data.equals(List.of(Encoding.RLE_DICTIONARY));
            }
          }
        }
        org.junit.jupiter.api.Assertions.assertTrue(fellBack && dictionaryOnly, "fallback " + fellBack
            + ", dictionary-only chunks " + dictionaryOnly);
      }
      // Quiver's own reader
      RoundTrip.assertSameRows(expected, RoundTrip.readQuiver(fs, "x.parquet", a.get(), schema.getFields().size()),
          "quiver");
    }
    // parquet-java, every column
    List<String> names = new ArrayList<>();
    for (Field f : schema.getFields()) {
      names.add(f.getName());
    }
    if (codec != CodecName.BROTLI) {
      // parquet-java decompresses Brotli only through a Hadoop codec class that is not on Maven Central's path
      RoundTrip.assertSameRows(expected, ParquetJavaRecords.read(file, names), "parquet-java");
    }
    // DuckDB, the flat columns
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      StringBuilder sql = new StringBuilder("SELECT ");
      for (int i = 0; i < FLAT.length; i++) {
        sql.append(i > 0 ? ", " : "").append(FLAT[i][1] != null ? FLAT[i][1] : "CAST(" + FLAT[i][0] + " AS DOUBLE)");
      }
      sql.append(" FROM read_parquet('").append(file.toString().replace("'", "''")).append("')");
      List<List<String>> duck = new ArrayList<>();
      for (int i = 0; i < FLAT.length; i++) {
        duck.add(new ArrayList<>());
      }
      try (ResultSet rs = st.executeQuery(sql.toString())) {
        int row = 0;
        while (rs.next()) {
          for (int i = 0; i < FLAT.length; i++) {
            if (FLAT[i][1] == null) {
              double d = rs.getDouble(i + 1);
              Double want = expectedFloats.get(i == 9 ? 0 : 1).get(row);
              String got = rs.wasNull() ? "null" : Double.toString(d);
              duck.get(i).add(got);
              expected.get(i).set(row, want == null ? "null" : Double.toString(want));
            } else {
              String s = rs.getString(i + 1);
              duck.get(i).add(s == null ? "null" : s);
            }
          }
          row++;
        }
      }
      RoundTrip.assertSameRows(expected.subList(0, FLAT.length), duck, "duckdb");
    }
  }

  private static void floats(VectorSchemaRoot root, List<List<Double>> out) {
    while (out.size() < 2) {
      out.add(new ArrayList<>());
    }
    for (int k = 0; k < 2; k++) {
      FieldVector v = root.getVector(k == 0 ? "f32" : "f64");
      for (int i = 0; i < root.getRowCount(); i++) {
        Object o = v.getObject(i);
        out.get(k).add(o == null ? null : ((Number) o).doubleValue());
      }
    }
  }
}
