package dev.quiver.cli.format;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.parquet.testing.LeakCheckedAllocator;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.Decimal256Vector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.TimeStampNanoTZVector;
import org.apache.arrow.vector.TimeStampSecTZVector;
import org.apache.arrow.vector.TimeStampSecVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code cat --format jsonl} contract of DESIGN.md, rule by rule, on hand-built vectors. Every expected line
 * is written by hand from the contract; none comes from running the code under test.
 */
class JsonLinesContractTest {
  private LeakCheckedAllocator leakChecked;
  private BufferAllocator allocator;

  @BeforeEach
  void open() {
    leakChecked = new LeakCheckedAllocator();
    allocator = leakChecked.get();
  }

  @AfterEach
  void close() {
    leakChecked.close();
  }

  /** The JSON lines of a root made of {@code vectors} (each with its value count set), which are closed. */
  private static List<String> jsonl(FieldVector... vectors) throws IOException {
    try (VectorSchemaRoot root = new VectorSchemaRoot(List.of(vectors))) {
      root.setRowCount(vectors[0].getValueCount());
      StringWriter out = new StringWriter();
      JsonLinesWriter writer = new JsonLinesWriter(out);
      writer.start(root.getSchema());
      writer.write(root, root.getRowCount());
      writer.finish();
      String text = out.toString();
      assertTrue(text.isEmpty() || text.endsWith("\n"), "every line ends in \\n: " + text);
      assertTrue(!text.contains("\r") && !text.contains(" \n"), "no other whitespace between lines: " + text);
      return text.lines().toList();
    }
  }

  /** The lines {@code {"v":x}} for each x, as written in the test. */
  private static List<String> values(String... json) {
    return java.util.Arrays.stream(json).map(v -> "{\"v\":" + v + "}").toList();
  }

  @Test
  void keysAreTheColumnsInSchemaOrderOneObjectPerRow() throws IOException {
    IntVector b = new IntVector("b", allocator);
    VarCharVector a = new VarCharVector("a", allocator);
    b.allocateNew(2);
    a.allocateNew(2);
    b.set(0, 1);
    b.set(1, 2);
    a.set(0, "x".getBytes(UTF_8));
    a.setNull(1);
    b.setValueCount(2);
    a.setValueCount(2);
    assertEquals(List.of("{\"b\":1,\"a\":\"x\"}", "{\"b\":2,\"a\":null}"), jsonl(b, a));
  }

  @Test
  void nullTypeIsAlwaysNull() throws IOException {
    NullVector v = new NullVector("v", 2);
    assertEquals(values("null", "null"), jsonl(v));
  }

  @Test
  void booleansAreTrueAndFalse() throws IOException {
    BitVector v = new BitVector("v", allocator);
    v.allocateNew(3);
    v.set(0, 1);
    v.set(1, 0);
    v.setNull(2);
    v.setValueCount(3);
    assertEquals(values("true", "false", "null"), jsonl(v));
  }

  @Test
  void signedIntegersAreExactAtTheirExtremes() throws IOException {
    TinyIntVector i8 = new TinyIntVector("i8", allocator);
    SmallIntVector i16 = new SmallIntVector("i16", allocator);
    IntVector i32 = new IntVector("i32", allocator);
    BigIntVector i64 = new BigIntVector("i64", allocator);
    i8.allocateNew(2);
    i16.allocateNew(2);
    i32.allocateNew(2);
    i64.allocateNew(2);
    i8.set(0, -128);
    i8.set(1, 127);
    i16.set(0, -32768);
    i16.set(1, 32767);
    i32.set(0, Integer.MIN_VALUE);
    i32.set(1, Integer.MAX_VALUE);
    i64.set(0, Long.MIN_VALUE);
    i64.set(1, Long.MAX_VALUE);
    for (FieldVector v : List.of(i8, i16, i32, i64)) {
      v.setValueCount(2);
    }
    assertEquals(List.of(
        "{\"i8\":-128,\"i16\":-32768,\"i32\":-2147483648,\"i64\":-9223372036854775808}",
        "{\"i8\":127,\"i16\":32767,\"i32\":2147483647,\"i64\":9223372036854775807}"),
        jsonl(i8, i16, i32, i64));
  }

  @Test
  void unsignedIntegersAreExactUpToUint64Max() throws IOException {
    UInt1Vector u8 = new UInt1Vector("u8", allocator);
    UInt2Vector u16 = new UInt2Vector("u16", allocator);
    UInt4Vector u32 = new UInt4Vector("u32", allocator);
    UInt8Vector u64 = new UInt8Vector("u64", allocator);
    u8.allocateNew(3);
    u16.allocateNew(3);
    u32.allocateNew(3);
    u64.allocateNew(3);
    u8.set(0, 0xFF); // all bits set: the largest value of each width
    u16.set(0, 0xFFFF);
    u32.set(0, -1);
    u64.set(0, -1L);
    u8.set(1, 0x80); // the top bit alone: where a signed reading would turn negative
    u16.set(1, 0x8000);
    u32.set(1, Integer.MIN_VALUE);
    u64.set(1, Long.MIN_VALUE);
    u8.set(2, 7);
    u16.set(2, 7);
    u32.set(2, 7);
    u64.set(2, 7L);
    for (FieldVector v : List.of(u8, u16, u32, u64)) {
      v.setValueCount(3);
    }
    assertEquals(List.of(
        "{\"u8\":255,\"u16\":65535,\"u32\":4294967295,\"u64\":18446744073709551615}",
        "{\"u8\":128,\"u16\":32768,\"u32\":2147483648,\"u64\":9223372036854775808}",
        "{\"u8\":7,\"u16\":7,\"u32\":7,\"u64\":7}"),
        jsonl(u8, u16, u32, u64));
  }

  @Test
  void floatsAreNumbersAndNonFiniteOnesAreStrings() throws IOException {
    Float4Vector v = new Float4Vector("v", allocator);
    float[] values = {1.5f, 0.1f, -0.0f, 1.0e10f, Float.MAX_VALUE, Float.NaN, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY};
    v.allocateNew(values.length + 1);
    for (int i = 0; i < values.length; i++) {
      v.set(i, values[i]);
    }
    v.setNull(values.length);
    v.setValueCount(values.length + 1);
    assertEquals(values("1.5", "0.1", "-0.0", "1.0E10", "3.4028235E38", "\"NaN\"", "\"Infinity\"",
        "\"-Infinity\"", "null"), jsonl(v));
  }

  @Test
  void doublesAreNumbersAndNonFiniteOnesAreStrings() throws IOException {
    Float8Vector v = new Float8Vector("v", allocator);
    double[] values = {0.1, -2.5, 1e300, 123456789.125, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY};
    v.allocateNew(values.length);
    for (int i = 0; i < values.length; i++) {
      v.set(i, values[i]);
    }
    v.setValueCount(values.length);
    assertEquals(values("0.1", "-2.5", "1.0E300", "1.23456789125E8", "-0.0", "\"NaN\"", "\"Infinity\"",
        "\"-Infinity\""), jsonl(v));
  }

  @Test
  void halfFloatsAreNumbersAndNonFiniteOnesAreStrings() throws IOException {
    Float2Vector v = new Float2Vector("v", allocator);
    // IEEE 754 binary16 bit patterns: 1.5, -2.5, 65504 (largest), 2^-24 (smallest subnormal), -0, NaN, +inf, -inf
    short[] bits = {0x3E00, (short) 0xC100, 0x7BFF, 0x0001, (short) 0x8000, 0x7E00, 0x7C00, (short) 0xFC00};
    v.allocateNew(bits.length);
    for (int i = 0; i < bits.length; i++) {
      v.set(i, bits[i]);
    }
    v.setValueCount(bits.length);
    assertEquals(values("1.5", "-2.5", "65504.0", "5.9604645E-8", "-0.0", "\"NaN\"", "\"Infinity\"",
        "\"-Infinity\""), jsonl(v));
  }

  @Test
  void decimalsAreStringsWithExactlyScaleDigits() throws IOException {
    DecimalVector v = new DecimalVector("v", allocator, 5, 2);
    v.allocateNew(6);
    v.set(0, new BigDecimal("123.40"));
    v.set(1, new BigDecimal("-0.05"));
    v.set(2, new BigDecimal("0.00"));
    v.set(3, new BigDecimal("-999.99"));
    v.set(4, new BigDecimal("1.00"));
    v.setNull(5);
    v.setValueCount(6);
    assertEquals(values("\"123.40\"", "\"-0.05\"", "\"0.00\"", "\"-999.99\"", "\"1.00\"", "null"), jsonl(v));
  }

  @Test
  void decimalsOfScaleZeroHaveNoPoint() throws IOException {
    DecimalVector v = new DecimalVector("v", allocator, 10, 0);
    v.allocateNew(3);
    v.set(0, new BigDecimal("7"));
    v.set(1, new BigDecimal("-123"));
    v.set(2, new BigDecimal("0"));
    v.setValueCount(3);
    assertEquals(values("\"7\"", "\"-123\"", "\"0\""), jsonl(v));
  }

  @Test
  void wideDecimalsAreExactWithoutExponent() throws IOException {
    DecimalVector d128 = new DecimalVector("d128", allocator, 38, 10);
    Decimal256Vector d256 = new Decimal256Vector("d256", allocator, 40, 3);
    d128.allocateNew(2);
    d256.allocateNew(2);
    d128.set(0, new BigDecimal("9999999999999999999999999999.9999999999"));
    d128.set(1, new BigDecimal("0.0000000001"));
    d256.set(0, new BigDecimal("1234567890123456789012345678901234567.890"));
    d256.set(1, new BigDecimal("-0.001"));
    d128.setValueCount(2);
    d256.setValueCount(2);
    assertEquals(List.of(
        "{\"d128\":\"9999999999999999999999999999.9999999999\",\"d256\":\"1234567890123456789012345678901234567.890\"}",
        "{\"d128\":\"0.0000000001\",\"d256\":\"-0.001\"}"),
        jsonl(d128, d256));
  }

  @Test
  void stringsAreJsonStringsWithEscapes() throws IOException {
    VarCharVector v = new VarCharVector("v", allocator);
    String[] values = {"héllo", "a\"b\\c\nd\te", "", "😀", "\u0001"};
    v.allocateNew(values.length + 1);
    for (int i = 0; i < values.length; i++) {
      v.setSafe(i, values[i].getBytes(UTF_8));
    }
    v.setNull(values.length);
    v.setValueCount(values.length + 1);
    assertEquals(values("\"héllo\"", "\"a\\\"b\\\\c\\nd\\te\"", "\"\"", "\"😀\"", "\"\\u0001\"", "null"), jsonl(v));
  }

  @Test
  void largeStringsAreJsonStrings() throws IOException {
    LargeVarCharVector v = new LargeVarCharVector("v", allocator);
    v.allocateNew(1);
    v.setSafe(0, "large".getBytes(UTF_8));
    v.setValueCount(1);
    assertEquals(values("\"large\""), jsonl(v));
  }

  @Test
  void invalidUtf8BecomesReplacementCharacters() throws IOException {
    VarCharVector v = new VarCharVector("v", allocator);
    v.allocateNew(1);
    v.setSafe(0, new byte[] {'a', (byte) 0xFF, 'b'});
    v.setValueCount(1);
    assertEquals(values("\"a\uFFFDb\""), jsonl(v));
  }

  @Test
  void binaryIsStandardBase64WithPadding() throws IOException {
    VarBinaryVector v = new VarBinaryVector("v", allocator);
    v.allocateNew(3);
    v.setSafe(0, new byte[] {0, 1, 2, (byte) 0xFF});
    v.setSafe(1, new byte[0]);
    v.setSafe(2, "foo".getBytes(UTF_8));
    v.setValueCount(3);
    assertEquals(values("\"AAEC/w==\"", "\"\"", "\"Zm9v\""), jsonl(v));
  }

  @Test
  void fixedLengthBinaryIsBase64AndUuidIsCanonical() throws IOException {
    byte[] bytes = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
    FixedSizeBinaryVector plain = new FixedSizeBinaryVector("plain", allocator, 16);
    Field uuidField = new Field("uuid", new FieldType(true, new ArrowType.FixedSizeBinary(16), null,
        Map.of("ARROW:extension:name", "arrow.uuid")), null);
    FixedSizeBinaryVector uuid = new FixedSizeBinaryVector(uuidField, allocator);
    plain.allocateNew(2);
    uuid.allocateNew(2);
    plain.set(0, bytes);
    uuid.set(0, bytes);
    plain.setNull(1);
    uuid.set(1, HexFormat.of().parseHex("F81D4FAE7DEC11D0A76500A0C91E6BF6"));
    plain.setValueCount(2);
    uuid.setValueCount(2);
    assertEquals(List.of(
        "{\"plain\":\"ABEiM0RVZneImaq7zN3u/w==\",\"uuid\":\"00112233-4455-6677-8899-aabbccddeeff\"}",
        "{\"plain\":null,\"uuid\":\"f81d4fae-7dec-11d0-a765-00a0c91e6bf6\"}"),
        jsonl(plain, uuid));
  }

  @Test
  void datesAreIsoWithJavaTimeYearsOutsideFourDigits() throws IOException {
    DateDayVector v = new DateDayVector("v", allocator);
    LocalDate[] dates = {LocalDate.of(1970, 1, 1), LocalDate.of(2024, 2, 29), LocalDate.of(1969, 12, 31),
        LocalDate.of(1900, 3, 1), LocalDate.of(0, 1, 1), LocalDate.of(-1, 12, 31), LocalDate.of(9999, 12, 31),
        LocalDate.of(10000, 1, 1)};
    v.allocateNew(dates.length);
    for (int i = 0; i < dates.length; i++) {
      v.set(i, (int) dates[i].toEpochDay());
    }
    v.setValueCount(dates.length);
    assertEquals(values("\"1970-01-01\"", "\"2024-02-29\"", "\"1969-12-31\"", "\"1900-03-01\"", "\"0000-01-01\"",
        "\"-0001-12-31\"", "\"9999-12-31\"", "\"+10000-01-01\""), jsonl(v));
  }

  @Test
  void dateMillisecondsPrintTheirDay() throws IOException {
    DateMilliVector v = new DateMilliVector("v", allocator);
    v.allocateNew(2);
    v.set(0, 3 * 86_400_000L);
    v.set(1, -86_400_000L);
    v.setValueCount(2);
    assertEquals(values("\"1970-01-04\"", "\"1969-12-31\""), jsonl(v));
  }

  @Test
  void timesHaveSecondsAndAFractionOfThreeSixOrNineDigitsOnlyWhenNonZero() throws IOException {
    TimeSecVector sec = new TimeSecVector("s", allocator);
    TimeMilliVector milli = new TimeMilliVector("ms", allocator);
    TimeMicroVector micro = new TimeMicroVector("us", allocator);
    TimeNanoVector nano = new TimeNanoVector("ns", allocator);
    sec.allocateNew(4);
    milli.allocateNew(4);
    micro.allocateNew(4);
    nano.allocateNew(4);
    sec.set(0, 0);
    milli.set(0, 0);
    micro.set(0, 0);
    nano.set(0, 0);
    sec.set(1, 3661);
    milli.set(1, 43_200_500);
    micro.set(1, 43_200_123_000L);
    nano.set(1, 120_000_000L);
    sec.set(2, 86_399);
    milli.set(2, 86_399_999);
    micro.set(2, 1L);
    nano.set(2, 1_000L);
    sec.setNull(3);
    milli.set(3, 60_000);
    micro.set(3, 86_399_999_999L);
    nano.set(3, 86_399_999_999_999L);
    for (FieldVector v : List.of(sec, milli, micro, nano)) {
      v.setValueCount(4);
    }
    assertEquals(List.of(
        "{\"s\":\"00:00:00\",\"ms\":\"00:00:00\",\"us\":\"00:00:00\",\"ns\":\"00:00:00\"}",
        "{\"s\":\"01:01:01\",\"ms\":\"12:00:00.500\",\"us\":\"12:00:00.123\",\"ns\":\"00:00:00.120\"}",
        "{\"s\":\"23:59:59\",\"ms\":\"23:59:59.999\",\"us\":\"00:00:00.000001\",\"ns\":\"00:00:00.000001\"}",
        "{\"s\":null,\"ms\":\"00:01:00\",\"us\":\"23:59:59.999999\",\"ns\":\"23:59:59.999999999\"}"),
        jsonl(sec, milli, micro, nano));
  }

  @Test
  void timestampsAdjustedToUtcEndInZ() throws IOException {
    TimeStampMicroTZVector v = new TimeStampMicroTZVector("v", allocator, "UTC");
    v.allocateNew(5);
    v.set(0, 1_577_836_800_000_001L);
    v.set(1, 1_577_836_800_000_000L);
    v.set(2, -1L);
    v.set(3, 1_577_836_800_120_000L);
    v.setNull(4);
    v.setValueCount(5);
    assertEquals(values("\"2020-01-01T00:00:00.000001Z\"", "\"2020-01-01T00:00:00Z\"",
        "\"1969-12-31T23:59:59.999999Z\"", "\"2020-01-01T00:00:00.120Z\"", "null"), jsonl(v));
  }

  @Test
  void localTimestampsHaveNoZ() throws IOException {
    TimeStampMilliVector milli = new TimeStampMilliVector("ms", allocator);
    TimeStampSecVector sec = new TimeStampSecVector("s", allocator);
    milli.allocateNew(3);
    sec.allocateNew(3);
    milli.set(0, 1_577_836_800_500L);
    sec.set(0, 253_402_300_800L); // 10000-01-01T00:00:00
    milli.set(1, 0L);
    sec.set(1, -62_167_219_200L); // 0000-01-01T00:00:00
    milli.set(2, -1L);
    sec.set(2, -62_167_219_201L);
    milli.setValueCount(3);
    sec.setValueCount(3);
    assertEquals(List.of(
        "{\"ms\":\"2020-01-01T00:00:00.500\",\"s\":\"+10000-01-01T00:00:00\"}",
        "{\"ms\":\"1970-01-01T00:00:00\",\"s\":\"0000-01-01T00:00:00\"}",
        "{\"ms\":\"1969-12-31T23:59:59.999\",\"s\":\"-0001-12-31T23:59:59\"}"),
        jsonl(milli, sec));
  }

  @Test
  void int96ReadsAsUtcNanosecondsAndPrintsWithZ() throws IOException {
    // INT96 columns read as Timestamp(NANOSECOND, "UTC")
    TimeStampNanoTZVector v = new TimeStampNanoTZVector("v", allocator, "UTC");
    v.allocateNew(2);
    v.set(0, 1_230_768_000_000_000_000L); // 2009-01-01T00:00:00Z
    v.set(1, 1_230_768_060_123_456_789L);
    v.setValueCount(2);
    assertEquals(values("\"2009-01-01T00:00:00Z\"", "\"2009-01-01T00:01:00.123456789Z\""), jsonl(v));
  }

  @Test
  void timestampsWithAnotherZoneAreInstantsPrintedInUtc() throws IOException {
    TimeStampSecTZVector v = new TimeStampSecTZVector("v", allocator, "America/New_York");
    v.allocateNew(1);
    v.set(0, 0L);
    v.setValueCount(1);
    assertEquals(values("\"1970-01-01T00:00:00Z\""), jsonl(v));
  }

  @Test
  void intervalsAreObjectsOfMonthsDaysMillis() throws IOException {
    IntervalMonthDayNanoVector v = new IntervalMonthDayNanoVector("v", allocator);
    v.allocateNew(4);
    v.set(0, 1, 2, 3_000_000L);
    v.set(1, 14, 0, 86_400_000_000_000L);
    v.set(2, 0, 0, 1_500_000L);
    v.setNull(3);
    v.setValueCount(4);
    assertEquals(values("{\"months\":1,\"days\":2,\"millis\":3}", "{\"months\":14,\"days\":0,\"millis\":86400000}",
        "{\"months\":0,\"days\":0,\"millis\":1.5}", "null"), jsonl(v));
  }

  @Test
  void durationsAreIso8601Strings() throws IOException {
    org.apache.arrow.vector.DurationVector v = new org.apache.arrow.vector.DurationVector("v",
        FieldType.nullable(new ArrowType.Duration(org.apache.arrow.vector.types.TimeUnit.MILLISECOND)), allocator);
    v.allocateNew(3);
    v.set(0, 1500L);
    v.set(1, -1L);
    v.setNull(2);
    v.setValueCount(3);
    assertEquals(values("\"PT1.5S\"", "\"PT-0.001S\"", "null"), jsonl(v));
  }

  @Test
  void listsAreArrays() throws IOException {
    ListVector list = ListVector.empty("v", allocator);
    list.addOrGetVector(FieldType.nullable(new ArrowType.Int(32, true)));
    IntVector items = (IntVector) list.getDataVector();
    list.allocateNew();
    list.startNewValue(0);
    items.setSafe(0, 1);
    items.setNull(1);
    items.setSafe(2, 3);
    list.endValue(0, 3);
    list.startNewValue(1);
    list.endValue(1, 0);
    list.setNull(2);
    items.setValueCount(3);
    list.setValueCount(3);
    assertEquals(values("[1,null,3]", "[]", "null"), jsonl(list));
  }

  @Test
  void structsAreObjectsWithFieldsInOrder() throws IOException {
    StructVector struct = StructVector.empty("v", allocator);
    IntVector b = struct.addOrGet("b", FieldType.nullable(new ArrowType.Int(32, true)), IntVector.class);
    VarCharVector a = struct.addOrGet("a", FieldType.nullable(ArrowType.Utf8.INSTANCE), VarCharVector.class);
    struct.allocateNew();
    b.setSafe(0, 1);
    a.setSafe(0, "x".getBytes(UTF_8));
    struct.setIndexDefined(0);
    b.setNull(1);
    a.setNull(1);
    struct.setIndexDefined(1);
    struct.setNull(2);
    b.setValueCount(3);
    a.setValueCount(3);
    struct.setValueCount(3);
    assertEquals(values("{\"b\":1,\"a\":\"x\"}", "{\"b\":null,\"a\":null}", "null"), jsonl(struct));
  }

  @Test
  void mapsAreArraysOfKeyValueObjects() throws IOException {
    MapVector map = MapVector.empty("v", allocator, false);
    StructVector entries = (StructVector) map.addOrGetVector(FieldType.notNullable(ArrowType.Struct.INSTANCE))
        .getVector();
    VarCharVector keys = entries.addOrGet(MapVector.KEY_NAME, FieldType.notNullable(ArrowType.Utf8.INSTANCE),
        VarCharVector.class);
    IntVector values = entries.addOrGet(MapVector.VALUE_NAME, FieldType.nullable(new ArrowType.Int(32, true)),
        IntVector.class);
    map.allocateNew();
    map.startNewValue(0);
    keys.setSafe(0, "a".getBytes(UTF_8));
    values.setSafe(0, 1);
    entries.setIndexDefined(0);
    keys.setSafe(1, "b".getBytes(UTF_8));
    values.setNull(1);
    entries.setIndexDefined(1);
    map.endValue(0, 2);
    map.startNewValue(1);
    map.endValue(1, 0);
    map.setNull(2);
    keys.setValueCount(2);
    values.setValueCount(2);
    entries.setValueCount(2);
    map.setValueCount(3);
    assertEquals(values("[{\"key\":\"a\",\"value\":1},{\"key\":\"b\",\"value\":null}]", "[]", "null"),
        jsonl(map));
  }

  /**
   * The contract's keys are {@code "key"} and {@code "value"} whatever the file names the entries struct and its
   * children (legacy writers use {@code map} for the struct, and other names occur): the first child is the key,
   * the second the value.
   */
  @Test
  void mapKeysAndValuesAreTheEntriesFirstAndSecondChildWhateverTheirNames() throws IOException {
    Field field = new Field("v", FieldType.nullable(new ArrowType.Map(false)), List.of(
        new Field("map", FieldType.notNullable(ArrowType.Struct.INSTANCE), List.of(
            new Field("name", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
            new Field("count", FieldType.nullable(new ArrowType.Int(64, true)), null)))));
    MapVector map = (MapVector) field.createVector(allocator);
    StructVector entries = (StructVector) map.getDataVector();
    VarCharVector names = (VarCharVector) entries.getChild("name");
    BigIntVector counts = (BigIntVector) entries.getChild("count");
    map.allocateNew();
    map.startNewValue(0);
    names.setSafe(0, "x".getBytes(UTF_8));
    counts.setSafe(0, -7L);
    entries.setIndexDefined(0);
    map.endValue(0, 1);
    names.setValueCount(1);
    counts.setValueCount(1);
    entries.setValueCount(1);
    map.setValueCount(1);
    assertEquals(values("[{\"key\":\"x\",\"value\":-7}]"), jsonl(map));
  }

  /**
   * Nesting at every level: a struct holding a map of int keys to lists of ints, with a null at each level
   * (struct, map, map value, list element), and an empty map and empty list.
   */
  @Test
  void mapsListsAndStructsNestWithNullsAtEveryLevel() throws IOException {
    Field listOfInts = new Field("value", FieldType.nullable(ArrowType.List.INSTANCE), List.of(
        new Field("element", FieldType.nullable(new ArrowType.Int(32, true)), null)));
    Field field = new Field("v", FieldType.nullable(ArrowType.Struct.INSTANCE), List.of(
        new Field("m", FieldType.nullable(new ArrowType.Map(false)), List.of(
            new Field("key_value", FieldType.notNullable(ArrowType.Struct.INSTANCE), List.of(
                new Field("key", FieldType.notNullable(new ArrowType.Int(32, true)), null), listOfInts)))),
        new Field("n", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));
    StructVector struct = (StructVector) field.createVector(allocator);
    MapVector map = (MapVector) struct.getChild("m");
    VarCharVector n = (VarCharVector) struct.getChild("n");
    StructVector entries = (StructVector) map.getDataVector();
    IntVector keys = (IntVector) entries.getChild("key");
    ListVector lists = (ListVector) entries.getChild("value");
    IntVector ints = (IntVector) lists.getDataVector();
    struct.allocateNew();
    // row 0: {"m":[{1:[1,null]},{2:null},{3:[]}],"n":"a"}
    map.startNewValue(0);
    keys.setSafe(0, 1);
    lists.startNewValue(0);
    ints.setSafe(0, 1);
    ints.setNull(1);
    lists.endValue(0, 2);
    entries.setIndexDefined(0);
    keys.setSafe(1, 2);
    lists.setNull(1);
    entries.setIndexDefined(1);
    keys.setSafe(2, 3);
    lists.startNewValue(2);
    lists.endValue(2, 0);
    entries.setIndexDefined(2);
    map.endValue(0, 3);
    n.setSafe(0, "a".getBytes(UTF_8));
    struct.setIndexDefined(0);
    // row 1: {"m":null,"n":null}
    map.setNull(1);
    n.setNull(1);
    struct.setIndexDefined(1);
    // row 2: {"m":[],"n":"b"}
    map.startNewValue(2);
    map.endValue(2, 0);
    n.setSafe(2, "b".getBytes(UTF_8));
    struct.setIndexDefined(2);
    // row 3: null
    map.setNull(3);
    n.setNull(3);
    struct.setNull(3);
    ints.setValueCount(2);
    lists.setValueCount(3);
    keys.setValueCount(3);
    entries.setValueCount(3);
    map.setValueCount(4);
    n.setValueCount(4);
    struct.setValueCount(4);
    assertEquals(values(
        "{\"m\":[{\"key\":1,\"value\":[1,null]},{\"key\":2,\"value\":null},{\"key\":3,\"value\":[]}],\"n\":\"a\"}",
        "{\"m\":null,\"n\":null}",
        "{\"m\":[],\"n\":\"b\"}",
        "null"), jsonl(struct));
  }

  /** A list of maps: each element an array of key/value objects, a null element {@code null}. */
  @Test
  void listsOfMapsAreArraysOfArrays() throws IOException {
    Field field = new Field("v", FieldType.nullable(ArrowType.List.INSTANCE), List.of(
        new Field("element", FieldType.nullable(new ArrowType.Map(false)), List.of(
            new Field("key_value", FieldType.notNullable(ArrowType.Struct.INSTANCE), List.of(
                new Field("key", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
                new Field("value", FieldType.nullable(ArrowType.Bool.INSTANCE), null)))))));
    ListVector list = (ListVector) field.createVector(allocator);
    MapVector map = (MapVector) list.getDataVector();
    StructVector entries = (StructVector) map.getDataVector();
    VarCharVector keys = (VarCharVector) entries.getChild("key");
    BitVector flags = (BitVector) entries.getChild("value");
    list.allocateNew();
    list.startNewValue(0);
    map.startNewValue(0);
    keys.setSafe(0, "k".getBytes(UTF_8));
    flags.setSafe(0, 1);
    entries.setIndexDefined(0);
    map.endValue(0, 1);
    map.setNull(1);
    map.startNewValue(2);
    map.endValue(2, 0);
    list.endValue(0, 3);
    keys.setValueCount(1);
    flags.setValueCount(1);
    entries.setValueCount(1);
    map.setValueCount(3);
    list.setValueCount(1);
    assertEquals(values("[[{\"key\":\"k\",\"value\":true}],null,[]]"), jsonl(list));
  }

  @Test
  void listsOfStructsNest() throws IOException {
    ListVector list = ListVector.empty("v", allocator);
    list.addOrGetVector(FieldType.nullable(ArrowType.Struct.INSTANCE));
    StructVector struct = (StructVector) list.getDataVector();
    BigIntVector x = struct.addOrGet("x", FieldType.nullable(new ArrowType.Int(64, true)), BigIntVector.class);
    list.allocateNew();
    list.startNewValue(0);
    x.setSafe(0, -1L);
    struct.setIndexDefined(0);
    struct.setNull(1);
    list.endValue(0, 2);
    x.setValueCount(2);
    struct.setValueCount(2);
    list.setValueCount(1);
    assertEquals(values("[{\"x\":-1},null]"), jsonl(list));
  }

  @Test
  void unrenderableTypesFailNamingTheColumn() {
    try (org.apache.arrow.vector.complex.UnionVector v = org.apache.arrow.vector.complex.UnionVector.empty("d",
        allocator)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ValueRenderers.of(v));
      assertTrue(e.getMessage().contains("'d'"), e.getMessage());
    }
  }
}
