package dev.quiver.bench.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.values.factory.DefaultV1ValuesWriterFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writes a flat {@link Table} to several files in one pass over its rows: each row goes to one parquet-java writer
 * per parquet-java file and, when DuckDB files are wanted, to a DuckDB appender, after which DuckDB copies its table
 * out once per codec. Files are written under a temporary name and renamed when complete.
 */
final class TableWriters {
  /** parquet-java row group size in bytes: several row groups per file at SF1. */
  static final long ROW_GROUP_BYTES = 64L << 20;

  private TableWriters() {}

  static void write(Table table, List<DatasetFile> files) {
    List<ParquetWriter<Object[]>> writers = new ArrayList<>();
    List<DatasetFile> duckFiles = new ArrayList<>();
    List<Path[]> renames = new ArrayList<>();
    List<Column> columns = table.columns();
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
      for (DatasetFile f : files) {
        Path tmp = f.path().resolveSibling(f.path().getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        renames.add(new Path[] {tmp, f.path()});
        if (f.writer() == Writer.DUCKDB) {
          duckFiles.add(f);
        } else {
          writers.add(parquetJava(tmp, columns, f.writer(), f.codec()));
        }
      }
      DuckDBAppender appender = null;
      if (!duckFiles.isEmpty()) {
        try (Statement st = duck.createStatement()) {
          st.execute(createTable(table));
        }
        appender = ((DuckDBConnection) duck).createAppender(DuckDBConnection.DEFAULT_SCHEMA, table.name());
      }
      Object[] prepared = new Object[columns.size()];
      for (Iterator<Object[]> it = table.rows(); it.hasNext(); ) {
        Object[] row = it.next();
        if (!writers.isEmpty()) {
          for (int i = 0; i < row.length; i++) {
            prepared[i] = row[i] instanceof String s
                ? Binary.fromConstantByteArray(s.getBytes(StandardCharsets.UTF_8)) : row[i];
          }
          for (ParquetWriter<Object[]> w : writers) {
            w.write(prepared);
          }
        }
        if (appender != null) {
          append(appender, columns, row);
        }
      }
      for (ParquetWriter<Object[]> w : writers) {
        w.close();
      }
      if (appender != null) {
        appender.close();
        for (int i = 0; i < files.size(); i++) {
          DatasetFile f = files.get(i);
          if (f.writer() == Writer.DUCKDB) {
            try (Statement st = duck.createStatement()) {
              st.execute("COPY " + table.name() + " TO '" + renames.get(i)[0] + "' (FORMAT parquet, COMPRESSION "
                  + f.codec().duckdb() + ")");
            }
          }
        }
      }
      for (Path[] r : renames) {
        Files.move(r[0], r[1], StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + table.name(), e);
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB failed writing " + table.name() + ": " + e.getMessage(), e);
    }
  }

  static String createTable(Table table) {
    StringBuilder sql = new StringBuilder("CREATE TABLE " + table.name() + " (");
    for (int i = 0; i < table.columns().size(); i++) {
      Column c = table.columns().get(i);
      sql.append(i == 0 ? "" : ", ").append(c.name()).append(' ').append(c.type().sql())
          .append(c.nullable() ? "" : " NOT NULL");
    }
    return sql.append(')').toString();
  }

  private static void append(DuckDBAppender appender, List<Column> columns, Object[] row) throws SQLException {
    appender.beginRow();
    for (int i = 0; i < row.length; i++) {
      Object v = row[i];
      if (v == null) {
        appender.appendNull();
        continue;
      }
      switch (columns.get(i).type()) {
        case INT32 -> appender.append((int) (Integer) v);
        case INT64 -> appender.append((long) (Long) v);
        case DECIMAL_15_2 -> appender.appendDecimal((long) (Long) v);
        case DATE -> appender.appendEpochDays((Integer) v);
        case DOUBLE -> appender.append((double) (Double) v);
        case VARCHAR -> appender.append((String) v);
        default -> throw new IllegalArgumentException(columns.get(i).type().name());
      }
    }
    appender.endRow();
  }

  /** A parquet-java writer of {@code columns} to {@code path} in the given page layout and codec. */
  static ParquetWriter<Object[]> parquetJava(Path path, List<Column> columns, Writer writer, Codec codec)
      throws IOException {
    RowsBuilder b = new RowsBuilder(new LocalOutputFile(path), columns)
        .withCompressionCodec(codec.parquetJava())
        .withRowGroupSize(ROW_GROUP_BYTES)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .withConf(new Configuration(false))
        .withWriterVersion(writer == Writer.PARQUET_JAVA_V1
            ? ParquetProperties.WriterVersion.PARQUET_1_0 : ParquetProperties.WriterVersion.PARQUET_2_0);
    if (writer == Writer.PARQUET_JAVA_V2) {
      useV1Encodings(b);
    }
    return b.build();
  }

  /**
   * Data pages v2 with the v1 value encodings: parquet-java's builder has no public switch for the values writer
   * factory, so it is set on the builder's encoding properties by reflection.
   */
  private static void useV1Encodings(ParquetWriter.Builder<?, ?> b) {
    try {
      Field f = ParquetWriter.Builder.class.getDeclaredField("encodingPropsBuilder");
      f.setAccessible(true);
      ((ParquetProperties.Builder) f.get(b)).withValuesWriterFactory(new DefaultV1ValuesWriterFactory());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("this parquet-java has no ParquetWriter.Builder.encodingPropsBuilder", e);
    }
  }

  private static final class RowsBuilder extends ParquetWriter.Builder<Object[], RowsBuilder> {
    private final List<Column> columns;

    RowsBuilder(OutputFile file, List<Column> columns) {
      super(file);
      this.columns = columns;
    }

    @Override
    protected RowsBuilder self() {
      return this;
    }

    @Override
    protected org.apache.parquet.hadoop.api.WriteSupport<Object[]> getWriteSupport(Configuration conf) {
      return new RowWriteSupport(columns);
    }
  }
}
