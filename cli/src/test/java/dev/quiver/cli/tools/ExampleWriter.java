package dev.quiver.cli.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * Writes {@code examples/trips.parquet} with parquet-java, a writer independent of Quiver: {@value #ROWS} taxi
 * trips from a fixed seed, so every run writes the same rows. Run from the repository root:
 *
 * <pre>
 * mvn -q -B -pl cli -am install -DskipTests
 * mvn -q -B -pl cli exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.quiver.cli.tools.ExampleWriter -Dexec.args=examples/trips.parquet
 * </pre>
 *
 * The file: SNAPPY, dictionary encoding on, Parquet format v1 data pages, row groups of about 8 KiB and pages of at
 * most 250 rows (so that {@code quiver meta} has several row groups to show). Columns:
 * <ul>
 *   <li>{@code id}: required INT64, 1 to {@value #ROWS};</li>
 *   <li>{@code vendor}: required BYTE_ARRAY STRING, one of four names;</li>
 *   <li>{@code pickup_time}: required INT64 TIMESTAMP(MICROS, adjusted to UTC), from 2024-03-01T00:00:00Z on, a
 *       trip every 0 to 30 minutes, a quarter of them with microseconds;</li>
 *   <li>{@code fare}: required DOUBLE, dollars and cents from 3.00 to 80.00;</li>
 *   <li>{@code passengers}: optional INT32, 1 to 6, null for about one trip in twelve;</li>
 *   <li>{@code tip}: optional INT64 DECIMAL(10, 2), null when paid in cash;</li>
 *   <li>{@code pickup_date}: required INT32 DATE, the UTC date of {@code pickup_time};</li>
 *   <li>{@code card}: required BOOLEAN, whether paid by card.</li>
 * </ul>
 */
public final class ExampleWriter {
  /** Rows written. */
  public static final int ROWS = 1000;
  /** The seed of the row generator. */
  public static final long SEED = 20240301L;

  private static final String[] VENDORS = {"Yellow Cab", "Checker", "Blue Line", "Metro Taxi"};
  private static final long START_MICROS = 1_709_251_200_000_000L; // 2024-03-01T00:00:00Z

  /** The schema, in parquet-java's builder. */
  public static final MessageType SCHEMA = Types.buildMessage()
      .required(PrimitiveTypeName.INT64).named("id")
      .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("vendor")
      .required(PrimitiveTypeName.INT64)
          .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named("pickup_time")
      .required(PrimitiveTypeName.DOUBLE).named("fare")
      .optional(PrimitiveTypeName.INT32).named("passengers")
      .optional(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.decimalType(2, 10)).named("tip")
      .required(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named("pickup_date")
      .required(PrimitiveTypeName.BOOLEAN).named("card")
      .named("trip");

  private ExampleWriter() {}

  /** @param args the output path, {@code examples/trips.parquet} by default; an existing file is replaced */
  public static void main(String[] args) throws IOException {
    Path out = Paths.get(args.length > 0 ? args[0] : "examples/trips.parquet");
    write(out);
    System.out.println("wrote " + out.toAbsolutePath() + " (" + Files.size(out) + " bytes)");
  }

  /** Writes the example file to {@code out}, replacing it. */
  public static void write(Path out) throws IOException {
    SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
    Random random = new Random(SEED);
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(out))
        .withConf(new Configuration(false))
        .withType(SCHEMA)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .withDictionaryEncoding(true)
        .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
        .withRowGroupSize(8 * 1024L)
        .withPageRowCountLimit(250)
        .build()) {
      long clock = START_MICROS;
      for (int i = 1; i <= ROWS; i++) {
        clock += random.nextInt(30 * 60) * 1_000_000L; // the next trip, 0 to 30 minutes later, in whole seconds
        // a quarter of the meters record microseconds too
        long micros = clock + (random.nextInt(4) == 0 ? 1 + random.nextInt(999_999) : 0);
        long fareCents = 300 + random.nextInt(7701);
        boolean card = random.nextInt(3) != 0;
        Group row = groups.newGroup()
            .append("id", (long) i)
            .append("vendor", VENDORS[random.nextInt(VENDORS.length)])
            .append("pickup_time", micros)
            .append("fare", fareCents / 100.0);
        if (random.nextInt(12) != 0) {
          row.append("passengers", 1 + random.nextInt(6));
        }
        if (card) {
          row.append("tip", fareCents * random.nextInt(26) / 100); // 0 to 25 percent, in cents
        }
        row.append("pickup_date", (int) Math.floorDiv(micros, 86_400_000_000L))
            .append("card", card);
        writer.write(row);
      }
    }
  }
}
