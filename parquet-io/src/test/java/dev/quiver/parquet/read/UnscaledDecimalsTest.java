package dev.quiver.parquet.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.parquet.ParquetCorruptionException;
import dev.quiver.parquet.testing.LeakCheckedAllocator;
import dev.quiver.parquet.testing.ParquetTesting;
import dev.quiver.parquet.write.ParquetWriter;
import dev.quiver.parquet.write.WriterProperties;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.parquet.schema.PrimitiveType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ReadOptions#withUnscaledDecimals}: flat decimals of precision at most 18 arrive as Int64 vectors of their
 * unscaled values, compared value by value with the unscaled values parquet-java's column API reads from the same
 * files (INT32, INT64, FIXED_LEN_BYTE_ARRAY and BYTE_ARRAY decimals; nulls; dictionary and PLAIN pages, dictionary
 * fallback; pages v1 and v2), plus Quiver-written DECIMAL(18, s) extremes, and values too wide for 64 bits.
 */
class UnscaledDecimalsTest {
  @TempDir
  Path dir;

  /** The unscaled values of a flat decimal column as parquet-java reads them: decimal strings, "null" for nulls. */
  static List<String> parquetJavaUnscaled(Path file, String column) throws IOException {
    List<String> out = new ArrayList<>();
    try (org.apache.parquet.hadoop.ParquetFileReader reader =
        org.apache.parquet.hadoop.ParquetFileReader.open(new LocalInputFile(file))) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      PageReadStore rowGroup;
      while ((rowGroup = reader.readNextRowGroup()) != null) {
        ColumnReadStoreImpl store = new ColumnReadStoreImpl(rowGroup,
            new GroupRecordConverter(schema).getRootConverter(), schema,
            reader.getFooter().getFileMetaData().getCreatedBy());
        ColumnDescriptor descriptor = schema.getColumnDescription(new String[] {column});
        ColumnReader values = store.getColumnReader(descriptor);
        for (long r = 0; r < rowGroup.getRowCount(); r++) {
          if (values.getCurrentDefinitionLevel() < descriptor.getMaxDefinitionLevel()) {
            out.add("null");
          } else {
            PrimitiveType.PrimitiveTypeName type = descriptor.getPrimitiveType().getPrimitiveTypeName();
            out.add(switch (type) {
              case INT32 -> Integer.toString(values.getInteger());
              case INT64 -> Long.toString(values.getLong());
              default -> {
                byte[] bytes = values.getBinary().getBytes();
                yield (bytes.length == 0 ? BigInteger.ZERO : new BigInteger(bytes)).toString();
              }
            });
          }
          values.consume();
        }
      }
    }
    return out;
  }

  /** Quiver's values of every field, read with unscaled decimals on, rendered as the canonical strings. */
  private static List<List<String>> readUnscaled(Path file, int batchSize, List<Field> fieldsOut) {
    List<List<String>> out = new ArrayList<>();
    try (LeakCheckedAllocator a = new LeakCheckedAllocator();
        ParquetFileReader reader = ParquetFileReader.open(file.toString());
        ParquetBatchReader batches = reader.read(a.get(),
            ReadOptions.defaults().withBatchSize(batchSize).withUnscaledDecimals(true))) {
      fieldsOut.addAll(batches.schema().getFields());
      for (int i = 0; i < fieldsOut.size(); i++) {
        out.add(new ArrayList<>());
      }
      while (batches.hasNext()) {
        try (VectorSchemaRoot root = batches.next()) {
          assertEquals(batches.schema(), root.getSchema());
          for (int f = 0; f < fieldsOut.size(); f++) {
            FieldVector v = root.getVector(f);
            for (int i = 0; i < root.getRowCount(); i++) {
              out.get(f).add(v instanceof BigIntVector b ? (b.isNull(i) ? "null" : Long.toString(b.get(i)))
                  : ArrowCanonical.value(v, i));
            }
          }
        }
      }
    }
    return out;
  }

  private static void assertUnscaledField(Field field, String name, boolean nullable, int precision, int scale) {
    assertEquals(name, field.getName());
    assertEquals(new ArrowType.Int(64, true), field.getType(), name);
    assertEquals(nullable, field.isNullable(), name);
    assertEquals(precision + "," + scale, field.getMetadata().get(ReadOptions.DECIMAL_METADATA_KEY), name);
  }

  @ParameterizedTest
  @CsvSource({"int32_decimal.parquet, 4, 2", "int64_decimal.parquet, 10, 2",
      "fixed_length_decimal_legacy.parquet, 13, 2", "byte_array_decimal.parquet, 4, 2"})
  void parquetTestingDecimalsMatchParquetJava(String name, int precision, int scale) throws IOException {
    Path file = ParquetTesting.dataFile(name);
    List<String> expected = parquetJavaUnscaled(file, "value");
    for (int batch : new int[] {5, 1024}) {
      List<Field> fields = new ArrayList<>();
      List<List<String>> actual = readUnscaled(file, batch, fields);
      assertUnscaledField(fields.get(0), "value", true, precision, scale);
      assertEquals(expected, actual.get(0), name + " at batch " + batch);
    }
  }

  @Test
  void fieldMetadataIsKept() {
    List<Field> fields = new ArrayList<>();
    readUnscaled(ParquetTesting.dataFile("byte_array_decimal.parquet"), 100, fields);
    assertEquals("6", fields.get(0).getMetadata().get("PARQUET:field_id"));
  }

  @Test
  void precisionAbove18StaysDecimal128() throws IOException {
    Path file = ParquetTesting.dataFile("fixed_length_decimal.parquet"); // DECIMAL(25,2)
    List<Field> fields = new ArrayList<>();
    List<List<String>> actual = readUnscaled(file, 1024, fields);
    assertEquals(new ArrowType.Decimal(25, 2, 128), fields.get(0).getType());
    assertEquals(ParquetJavaReference.read(file, List.of("value")).get(0), actual.get(0));
  }

  private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
      message decimals {
        required int64 id;
        optional int32 d9 (DECIMAL(9,2));
        optional int64 d18 (DECIMAL(18,4));
        required int64 price (DECIMAL(15,2));
        optional fixed_len_byte_array(8) f18 (DECIMAL(18,3));
        optional fixed_len_byte_array(5) f10 (DECIMAL(10,1));
        optional binary b18 (DECIMAL(18,0));
        optional int64 d18low (DECIMAL(12,2));
        optional binary b30 (DECIMAL(30,2));
      }
      """);

  private static final long MAX18 = 999_999_999_999_999_999L;

  private static void writeParquetJava(Path file, WriterVersion version, boolean dictionary, int rows)
      throws IOException {
    SplittableRandom random = new SplittableRandom(rows * 31L + version.ordinal() * 7 + (dictionary ? 1 : 0));
    SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
    try (var writer = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(SCHEMA)
        .withWriterVersion(version).withDictionaryEncoding(dictionary).withDictionaryPageSize(256)
        .withPageSize(1024).withRowGroupSize(32 * 1024L).withCompressionCodec(CompressionCodecName.SNAPPY).build()) {
      for (int r = 0; r < rows; r++) {
        Group g = groups.newGroup();
        g.add("id", (long) r);
        if (random.nextInt(8) > 0) {
          g.add("d9", r % 50 == 0 ? (r % 100 == 0 ? 999_999_999 : -999_999_999)
              : random.nextInt(-999_999_999, 1_000_000_000));
        }
        if (random.nextInt(8) > 0) {
          g.add("d18", r % 50 == 0 ? (r % 100 == 0 ? MAX18 : -MAX18) : random.nextLong(-MAX18, MAX18 + 1));
        }
        // few distinct prices (dictionary pages) until the dictionary page limit makes the writer fall back
        g.add("price", r < rows / 2 ? 100L * random.nextInt(20) - 500 : random.nextLong(-99_999_999_999_999L,
            100_000_000_000_000L));
        if (random.nextInt(8) > 0) {
          long v = r % 40 == 0 ? (r % 80 == 0 ? MAX18 : -MAX18) : random.nextLong(-MAX18, MAX18 + 1);
          g.add("f18", Binary.fromConstantByteArray(bigEndian(BigInteger.valueOf(v), 8)));
        }
        if (random.nextInt(8) > 0) {
          long v = random.nextLong(-9_999_999_999L, 10_000_000_000L);
          g.add("f10", Binary.fromConstantByteArray(bigEndian(BigInteger.valueOf(v), 5)));
        }
        if (random.nextInt(8) > 0) {
          long v = r % 30 == 0 ? (r % 60 == 0 ? MAX18 : -MAX18) : random.nextLong(-MAX18, MAX18 + 1) >> random
              .nextInt(60);
          // minimal two's complement, and now and then padded with sign bytes beyond 8 (still fits 64 bits)
          BigInteger big = BigInteger.valueOf(v);
          byte[] bytes = r % 7 == 0 ? bigEndian(big, 11) : big.toByteArray();
          g.add("b18", Binary.fromConstantByteArray(bytes));
        }
        if (random.nextInt(8) > 0) {
          g.add("d18low", random.nextLong(-99_999_999_999L, 100_000_000_000L));
        }
        if (random.nextInt(8) > 0) {
          g.add("b30", Binary.fromConstantByteArray(new BigInteger(96, new java.util.Random(r)).toByteArray()));
        }
        writer.write(g);
      }
    }
  }

  /** Two's complement big-endian in exactly {@code width} bytes. */
  static byte[] bigEndian(BigInteger v, int width) {
    byte[] minimal = v.toByteArray();
    byte[] out = new byte[width];
    java.util.Arrays.fill(out, v.signum() < 0 ? (byte) -1 : 0);
    System.arraycopy(minimal, Math.max(0, minimal.length - width), out, Math.max(0, width - minimal.length),
        Math.min(width, minimal.length));
    return out;
  }

  @ParameterizedTest
  @CsvSource({"PARQUET_1_0, true", "PARQUET_1_0, false", "PARQUET_2_0, true", "PARQUET_2_0, false"})
  void parquetJavaWrittenDecimalsMatch(WriterVersion version, boolean dictionary) throws IOException {
    Path file = dir.resolve(version + "-" + dictionary + ".parquet");
    writeParquetJava(file, version, dictionary, 5000);
    for (int batch : new int[] {333, 4096}) {
      List<Field> fields = new ArrayList<>();
      List<List<String>> actual = readUnscaled(file, batch, fields);
      assertUnscaledField(fields.get(1), "d9", true, 9, 2);
      assertUnscaledField(fields.get(2), "d18", true, 18, 4);
      assertUnscaledField(fields.get(3), "price", false, 15, 2);
      assertUnscaledField(fields.get(4), "f18", true, 18, 3);
      assertUnscaledField(fields.get(5), "f10", true, 10, 1);
      assertUnscaledField(fields.get(6), "b18", true, 18, 0);
      assertUnscaledField(fields.get(7), "d18low", true, 12, 2);
      assertEquals(new ArrowType.Decimal(30, 2, 128), fields.get(8).getType());
      for (String column : List.of("d9", "d18", "price", "f18", "f10", "b18", "d18low")) {
        int f = SCHEMA.getFieldIndex(column);
        assertEquals(parquetJavaUnscaled(file, column), actual.get(f), column + " at batch " + batch);
      }
      assertEquals(ParquetJavaReference.read(file, List.of("b30")).get(0), actual.get(8), "b30");
    }
  }

  @Test
  void quiverWrittenDecimal18Extremes() throws IOException {
    Path file = dir.resolve("extremes.parquet");
    long[] values = {MAX18, -MAX18, 0, 1, -1, Long.MAX_VALUE / 10, Long.MIN_VALUE / 10, 123_456_789_012_345_678L};
    Schema schema = new Schema(List.of(
        new Field("a", FieldType.nullable(new ArrowType.Decimal(18, 0, 128)), null),
        new Field("b", FieldType.notNullable(new ArrowType.Decimal(18, 18, 128)), null),
        new Field("c", FieldType.nullable(new ArrowType.Decimal(9, 3, 128)), null)));
    int rows = 3000;
    try (LeakCheckedAllocator a = new LeakCheckedAllocator();
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, a.get())) {
      DecimalVector va = (DecimalVector) root.getVector("a");
      DecimalVector vb = (DecimalVector) root.getVector("b");
      DecimalVector vc = (DecimalVector) root.getVector("c");
      va.allocateNew(rows);
      vb.allocateNew(rows);
      vc.allocateNew(rows);
      for (int i = 0; i < rows; i++) {
        long v = values[i % values.length];
        if (i % 9 == 4) {
          va.setNull(i);
          vc.setNull(i);
        } else {
          va.set(i, new BigDecimal(BigInteger.valueOf(v), 0));
          vc.set(i, new BigDecimal(BigInteger.valueOf(v % 1_000_000_000L), 3));
        }
        vb.set(i, new BigDecimal(BigInteger.valueOf(-v), 18));
      }
      root.setRowCount(rows);
      try (ParquetWriter w = ParquetWriter.open(file.toString(), schema, WriterProperties.defaults())) {
        w.write(root);
      }
    }
    List<Field> fields = new ArrayList<>();
    List<List<String>> actual = readUnscaled(file, 1000, fields);
    assertUnscaledField(fields.get(0), "a", true, 18, 0);
    assertUnscaledField(fields.get(1), "b", false, 18, 18);
    assertUnscaledField(fields.get(2), "c", true, 9, 3);
    assertEquals(parquetJavaUnscaled(file, "a"), actual.get(0));
    assertEquals(parquetJavaUnscaled(file, "b"), actual.get(1));
    assertEquals(parquetJavaUnscaled(file, "c"), actual.get(2));
    assertEquals(Long.toString(MAX18), actual.get(0).get(0));
    assertEquals(Long.toString(MAX18), actual.get(1).get(1));
  }

  @Test
  void optionOffKeepsDecimal128() {
    try (LeakCheckedAllocator a = new LeakCheckedAllocator();
        ParquetFileReader reader = ParquetFileReader.open(ParquetTesting.dataFile("int64_decimal.parquet").toString());
        ParquetBatchReader batches = reader.read(a.get(), ReadOptions.defaults())) {
      assertInstanceOf(ArrowType.Decimal.class, batches.schema().getFields().get(0).getType());
      assertTrue(batches.schema().getFields().get(0).getMetadata().isEmpty());
    }
    assertEquals(false, ReadOptions.defaults().unscaledDecimals());
    assertEquals(true, new ReadOptions(10, null, false, null).withUnscaledDecimals(true).withBatchSize(5)
        .unscaledDecimals());
  }

  /**
   * Values with more digits than 64 bits hold (a corrupt file: more than the declared precision) fail, including
   * those whose leading bytes are sign bytes but whose ninth-from-last byte flips the sign.
   */
  @ParameterizedTest
  @ValueSource(strings = {"18446744073709551616", "9223372036854775808", "-9223372036854775809",
      "-170141183460469231731687303715884105728"})
  void valuesBeyond64BitsAreCorruption(String unscaled) throws IOException {
    for (String physical : new String[] {"fixed_len_byte_array(16)", "binary"}) {
      MessageType schema = MessageTypeParser.parseMessageType(
          "message m { optional " + physical + " v (DECIMAL(18,2)); }");
      Path file = dir.resolve("wide-" + physical.length() + "-" + unscaled.length() + ".parquet");
      SimpleGroupFactory groups = new SimpleGroupFactory(schema);
      try (var writer = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema).build()) {
        Group ok = groups.newGroup();
        ok.add("v", Binary.fromConstantByteArray(bigEndian(BigInteger.valueOf(-5), 16)));
        writer.write(ok);
        Group bad = groups.newGroup();
        BigInteger v = new BigInteger(unscaled);
        bad.add("v", Binary.fromConstantByteArray(physical.startsWith("fixed") ? bigEndian(v, 16)
            : v.toByteArray()));
        writer.write(bad);
      }
      ParquetCorruptionException e = assertThrows(ParquetCorruptionException.class,
          () -> readUnscaled(file, 10, new ArrayList<>()), physical + " " + unscaled);
      assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
    }
  }

  @Test
  void longMinValueFits() throws IOException {
    MessageType schema = MessageTypeParser.parseMessageType("message m { required binary v (DECIMAL(18,0)); }");
    Path file = dir.resolve("min.parquet");
    SimpleGroupFactory groups = new SimpleGroupFactory(schema);
    try (var writer = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema).build()) {
      for (BigInteger v : List.of(BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE))) {
        Group g = groups.newGroup();
        g.add("v", Binary.fromConstantByteArray(bigEndian(v, 12)));
        writer.write(g);
      }
    }
    assertEquals(List.of(Long.toString(Long.MIN_VALUE), Long.toString(Long.MAX_VALUE)),
        readUnscaled(file, 10, new ArrayList<>()).get(0));
    assertEquals(parquetJavaUnscaled(file, "v"), readUnscaled(file, 10, new ArrayList<>()).get(0));
  }
}
