package dev.quiver.parquet.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written by parquet-java read back value for value (compared with parquet-java reading them): both writer
 * versions (v1 pages with PLAIN and dictionary; v2 pages with DELTA_BINARY_PACKED, DELTA_BYTE_ARRAY and RLE
 * booleans), dictionary encoding on with a dictionary page limit small enough to force the fallback mid-chunk, and
 * off, every codec parquet-java writes here, small pages and row groups, every flat type, a 3-level and a legacy
 * 2-level list, a map, nested structs, a repeated field, INT96; and a file with no rows.
 */
class ParquetJavaWrittenFilesTest {
  private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
      message written {
        required int64 id;
        optional int32 i32;
        optional int32 i8 (INTEGER(8,true));
        optional int32 u16 (INTEGER(16,false));
        optional int64 u64 (INTEGER(64,false));
        optional boolean flag;
        optional float f;
        optional double d;
        optional binary s (STRING);
        optional binary raw;
        optional fixed_len_byte_array(16) uuid (UUID);
        optional int32 dec9 (DECIMAL(9,2));
        optional int64 dec18 (DECIMAL(18,4));
        optional fixed_len_byte_array(12) dec25 (DECIMAL(25,3));
        optional binary dec40 (DECIMAL(40,5));
        optional int96 ts96;
        optional int64 ts (TIMESTAMP(MICROS,true));
        optional int32 day (DATE);
        optional group tags (LIST) { repeated group list { optional binary element (STRING); } }
        optional group legacy (LIST) { repeated int32 array; }
        optional group attrs (MAP) { repeated group key_value { required binary key (STRING); optional int64 value; } }
        optional group point { required double x; optional group inner { optional int32 z; } }
        repeated int32 rep;
      }
      """);

  private static final CompressionCodecName[] CODECS = {
    CompressionCodecName.UNCOMPRESSED, CompressionCodecName.SNAPPY, CompressionCodecName.GZIP,
    CompressionCodecName.ZSTD, CompressionCodecName.LZ4_RAW, CompressionCodecName.LZ4
  };

  @TempDir
  Path dir;

  @TestFactory
  Stream<DynamicTest> everyWriterConfigurationReadsBack() {
    List<DynamicTest> tests = new ArrayList<>();
    for (WriterVersion version : WriterVersion.values()) {
      for (boolean dictionary : new boolean[] {true, false}) {
        for (CompressionCodecName codec : CODECS) {
          String name = version + "-" + (dictionary ? "dict" : "plain") + "-" + codec + ".parquet";
          tests.add(DynamicTest.dynamicTest(name, () -> {
            Path file = dir.resolve(name);
            write(file, version, dictionary, codec, 3000);
            ConformanceTest.compareWithParquetJava(file, file);
          }));
        }
      }
    }
    tests.add(DynamicTest.dynamicTest("no rows", () -> {
      Path file = dir.resolve("empty.parquet");
      write(file, WriterVersion.PARQUET_2_0, true, CompressionCodecName.SNAPPY, 0);
      try (ParquetFileReader reader = ParquetFileReader.open(file.toString())) {
        assertEquals(0, reader.metadata().rowGroups().size(), "a file with zero row groups");
      }
      assertEquals(0, ConformanceTest.readAll(file, 100));
    }));
    return tests.stream();
  }

  static void write(Path file, WriterVersion version, boolean dictionary, CompressionCodecName codec,
      int rows) throws IOException {
    SplittableRandom random = new SplittableRandom(file.getFileName().toString().hashCode());
    SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
        .withType(SCHEMA).withWriterVersion(version).withDictionaryEncoding(dictionary)
        .withDictionaryPageSize(512).withPageSize(2048).withRowGroupSize(64 * 1024L)
        .withCompressionCodec(codec).build()) {
      for (int r = 0; r < rows; r++) {
        Group g = groups.newGroup();
        g.add("id", (long) r);
        if (random.nextInt(10) > 0) {
          g.add("i32", random.nextInt());
        }
        if (random.nextInt(10) > 0) {
          g.add("i8", random.nextInt(256) - 128);
        }
        if (random.nextInt(10) > 0) {
          g.add("u16", random.nextInt(65536));
        }
        if (random.nextInt(10) > 0) {
          g.add("u64", random.nextLong());
        }
        if (random.nextInt(10) > 0) {
          g.add("flag", random.nextBoolean());
        }
        if (random.nextInt(10) > 0) {
          g.add("f", random.nextInt(20) == 0 ? Float.NaN : (float) random.nextDouble(-1e6, 1e6));
        }
        if (random.nextInt(10) > 0) {
          g.add("d", random.nextInt(20) == 0 ? -0.0 : random.nextDouble(-1e300, 1e300));
        }
        if (random.nextInt(10) > 0) {
          // few distinct values early (dictionary), many later (fallback past the 512-byte dictionary page limit)
          g.add("s", r < 1000 ? "v" + random.nextInt(8) : "value-" + random.nextLong());
        }
        if (random.nextInt(10) > 0) {
          byte[] b = new byte[random.nextInt(20)];
          random.nextBytes(b);
          g.add("raw", Binary.fromConstantByteArray(b));
        }
        if (random.nextInt(10) > 0) {
          byte[] b = new byte[16];
          random.nextBytes(b);
          g.add("uuid", Binary.fromConstantByteArray(b));
        }
        if (random.nextInt(10) > 0) {
          g.add("dec9", random.nextInt(-999_999_999, 1_000_000_000));
        }
        if (random.nextInt(10) > 0) {
          g.add("dec18", random.nextLong(-999_999_999_999_999_999L, 999_999_999_999_999_999L));
        }
        if (random.nextInt(10) > 0) {
          g.add("dec25", Binary.fromConstantByteArray(fixed(new BigInteger(80, new java.util.Random(r))
              .subtract(BigInteger.ONE.shiftLeft(79)), 12)));
        }
        if (random.nextInt(10) > 0) {
          BigDecimal v = new BigDecimal(new BigInteger(130, new java.util.Random(r)), 5);
          g.add("dec40", Binary.fromConstantByteArray((random.nextBoolean() ? v : v.negate()).unscaledValue()
              .toByteArray()));
        }
        if (random.nextInt(10) > 0) {
          ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
          b.putLong(random.nextLong(86_400_000_000_000L)).putInt(2_440_588 + random.nextInt(-20_000, 40_000));
          g.add("ts96", Binary.fromConstantByteArray(b.array()));
        }
        if (random.nextInt(10) > 0) {
          g.add("ts", random.nextLong(-2_000_000_000_000_000L, 4_000_000_000_000_000L));
        }
        if (random.nextInt(10) > 0) {
          g.add("day", random.nextInt(-100_000, 100_000));
        }
        if (random.nextInt(5) > 0) {
          Group tags = g.addGroup("tags");
          for (int i = random.nextInt(4); i > 0; i--) {
            Group element = tags.addGroup("list");
            if (random.nextInt(5) > 0) {
              element.add("element", "t" + random.nextInt(50));
            }
          }
        }
        if (random.nextInt(5) > 0) {
          Group legacy = g.addGroup("legacy");
          for (int i = random.nextInt(4); i > 0; i--) {
            legacy.add("array", random.nextInt(1000));
          }
        }
        if (random.nextInt(5) > 0) {
          Group attrs = g.addGroup("attrs");
          for (int i = random.nextInt(3); i > 0; i--) {
            Group kv = attrs.addGroup("key_value");
            kv.add("key", "k" + i);
            if (random.nextBoolean()) {
              kv.add("value", random.nextLong());
            }
          }
        }
        if (random.nextInt(5) > 0) {
          Group point = g.addGroup("point");
          point.add("x", random.nextDouble());
          if (random.nextBoolean()) {
            Group inner = point.addGroup("inner");
            if (random.nextBoolean()) {
              inner.add("z", random.nextInt(100));
            }
          }
        }
        for (int i = random.nextInt(3); i > 0; i--) {
          g.add("rep", random.nextInt(10));
        }
        writer.write(g);
      }
    }
  }

  /** Two's complement big-endian in exactly {@code width} bytes. */
  private static byte[] fixed(BigInteger v, int width) {
    byte[] minimal = v.toByteArray();
    byte[] out = new byte[width];
    byte fill = v.signum() < 0 ? (byte) -1 : 0;
    java.util.Arrays.fill(out, fill);
    System.arraycopy(minimal, Math.max(0, minimal.length - width), out, Math.max(0, width - minimal.length),
        Math.min(width, minimal.length));
    return out;
  }
}
