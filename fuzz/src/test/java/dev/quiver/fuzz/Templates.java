package dev.quiver.fuzz;

import dev.quiver.codec.CodecName;
import dev.quiver.parquet.format.Encoding;
import dev.quiver.parquet.write.ParquetWriter;
import dev.quiver.parquet.write.WriterProperties;
import dev.quiver.store.memory.InMemoryStore;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Valid Parquet files written by Quiver's writer, the starting points of the page fuzz target: one per value
 * encoding (PLAIN, dictionary, RLE booleans, the three DELTA encodings, BYTE_STREAM_SPLIT), page v1 and v2,
 * uncompressed (so mutations reach the decoders), plus SNAPPY and ZSTD ones (so they reach the codecs). Each holds
 * 300 rows of 12 columns (integers, floats, booleans, strings, binaries, a decimal, a date, a timestamp, a list and
 * a struct, with nulls) in pages of at most 50 rows, so a chunk has several page headers to damage.
 */
final class Templates {
  static final int ROWS = 300;

  /** The template files, built once per JVM. */
  static final List<byte[]> FILES = build();

  private Templates() {}

  /** Offset of the first footer byte of {@code file} (a template: its tail is valid). */
  static int footerStart(byte[] file) {
    int footerLength = ByteBuffer.wrap(file, file.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    return file.length - 8 - footerLength;
  }

  private static List<byte[]> build() {
    List<byte[]> files = new ArrayList<>();
    Encoding[] encodings = {Encoding.PLAIN, Encoding.RLE, Encoding.DELTA_BINARY_PACKED,
        Encoding.DELTA_LENGTH_BYTE_ARRAY, Encoding.DELTA_BYTE_ARRAY, Encoding.BYTE_STREAM_SPLIT};
    for (int version = 1; version <= 2; version++) {
      files.add(write(WriterProperties.builder().dictionary(true).codec(CodecName.UNCOMPRESSED)
          .dataPageVersion(version)));
      for (Encoding encoding : encodings) {
        files.add(write(WriterProperties.builder().dictionary(false).encoding(encoding)
            .codec(CodecName.UNCOMPRESSED).dataPageVersion(version)));
      }
    }
    files.add(write(WriterProperties.builder().dictionary(true).codec(CodecName.SNAPPY).dataPageVersion(1)));
    files.add(write(WriterProperties.builder().dictionary(false).codec(CodecName.ZSTD).dataPageVersion(2)));
    return List.copyOf(files);
  }

  private static byte[] write(WriterProperties.Builder properties) {
    InMemoryStore store = new InMemoryStore("templates");
    try (BufferAllocator allocator = new RootAllocator();
         VectorSchemaRoot root = VectorSchemaRoot.create(schema(), allocator)) {
      fill(root, new Random(20261121L));
      try (ParquetWriter writer = ParquetWriter.open(store, "t.parquet", root.getSchema(),
          properties.dataPageRowLimit(50).build())) {
        writer.write(root);
      }
    }
    ByteBuffer bytes = store.get("t.parquet").join();
    byte[] out = new byte[bytes.remaining()];
    bytes.get(out);
    return out;
  }

  private static Schema schema() {
    Field listItem = new Field("element", FieldType.nullable(new ArrowType.Int(32, true)), null);
    Field x = new Field("x", FieldType.nullable(new ArrowType.Int(64, true)), null);
    Field y = new Field("y", FieldType.nullable(ArrowType.Utf8.INSTANCE), null);
    return new Schema(List.of(
        Field.nullable("i32", new ArrowType.Int(32, true)),
        Field.nullable("i64", new ArrowType.Int(64, true)),
        Field.nullable("f32", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)),
        Field.nullable("f64", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
        Field.nullable("flag", ArrowType.Bool.INSTANCE),
        Field.nullable("s", ArrowType.Utf8.INSTANCE),
        Field.nullable("bin", ArrowType.Binary.INSTANCE),
        Field.nullable("dec", new ArrowType.Decimal(12, 2, 128)),
        Field.nullable("day", new ArrowType.Date(DateUnit.DAY)),
        Field.nullable("ts", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")),
        new Field("list", FieldType.nullable(ArrowType.List.INSTANCE), List.of(listItem)),
        new Field("st", FieldType.nullable(ArrowType.Struct.INSTANCE), List.of(x, y))));
  }

  private static void fill(VectorSchemaRoot root, Random random) {
    String[] words = {"", "a", "bb", "lorem", "ipsum dolor", "sit amet, consectetur", "\u00e9t\u00e9"};
    IntVector i32 = (IntVector) root.getVector("i32");
    BigIntVector i64 = (BigIntVector) root.getVector("i64");
    Float4Vector f32 = (Float4Vector) root.getVector("f32");
    Float8Vector f64 = (Float8Vector) root.getVector("f64");
    BitVector flag = (BitVector) root.getVector("flag");
    VarCharVector s = (VarCharVector) root.getVector("s");
    VarBinaryVector bin = (VarBinaryVector) root.getVector("bin");
    DecimalVector dec = (DecimalVector) root.getVector("dec");
    DateDayVector day = (DateDayVector) root.getVector("day");
    TimeStampMicroTZVector ts = (TimeStampMicroTZVector) root.getVector("ts");
    ListVector list = (ListVector) root.getVector("list");
    IntVector items = (IntVector) list.getDataVector();
    StructVector st = (StructVector) root.getVector("st");
    BigIntVector x = st.getChild("x", BigIntVector.class);
    VarCharVector y = st.getChild("y", VarCharVector.class);
    int item = 0;
    for (int row = 0; row < ROWS; row++) {
      boolean present = random.nextInt(8) != 0;
      if (present) {
        i32.setSafe(row, random.nextInt(1000) - 500);
        i64.setSafe(row, random.nextLong() >> random.nextInt(64));
        f32.setSafe(row, random.nextFloat() * 100);
        f64.setSafe(row, random.nextGaussian());
        flag.setSafe(row, random.nextBoolean() ? 1 : 0);
        s.setSafe(row, words[random.nextInt(words.length)].getBytes(StandardCharsets.UTF_8));
        byte[] b = new byte[random.nextInt(12)];
        random.nextBytes(b);
        bin.setSafe(row, b);
        dec.setSafe(row, java.math.BigDecimal.valueOf(random.nextInt(2_000_000) - 1_000_000, 2));
        day.setSafe(row, 18_000 + random.nextInt(2000));
        ts.setSafe(row, 1_700_000_000_000_000L + random.nextInt(1 << 30));
        int n = random.nextInt(4);
        list.startNewValue(row);
        for (int k = 0; k < n; k++) {
          if (random.nextInt(5) == 0) {
            items.setNull(item);
            items.setValueCount(item + 1);
          } else {
            items.setSafe(item, random.nextInt(100));
          }
          item++;
        }
        list.endValue(row, n);
        st.setIndexDefined(row);
        x.setSafe(row, random.nextInt(7));
        if (random.nextBoolean()) {
          y.setSafe(row, words[random.nextInt(words.length)].getBytes(StandardCharsets.UTF_8));
        } else {
          y.setNull(row);
        }
      } else {
        i32.setNull(row);
        i64.setNull(row);
        f32.setNull(row);
        f64.setNull(row);
        flag.setNull(row);
        s.setNull(row);
        bin.setNull(row);
        dec.setNull(row);
        day.setNull(row);
        ts.setNull(row);
        list.setNull(row);
        st.setNull(row);
      }
    }
    items.setValueCount(item);
    root.setRowCount(ROWS);
  }
}
