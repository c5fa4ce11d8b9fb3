package dev.quiver.bench.write;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;

/**
 * parquet-java's low-level write path, the fastest it offers for flat data: a {@link ParquetFileWriter}, and per
 * row group a {@link ColumnChunkPageWriteStore} under the {@link ColumnWriteStore} that
 * {@link ParquetProperties#newColumnWriteStore} builds, fed value by value ({@link ColumnWriter#write} with
 * repetition level 0) straight from the Arrow buffers, one {@code endRecord()} per row as that store requires (it
 * checks page sizes there). Row groups are cut every {@link WriteSettings#rowGroupRows()} rows. Same layout as the
 * others: dictionary on, page and dictionary page sizes, data pages v1 (PARQUET_1_0), column index, no CRCs.
 */
public final class ParquetJavaColumnWriteEngine implements WriteEngine {
  @Override
  public String name() {
    return "pj-column";
  }

  /** The parquet-java properties for {@code s}. */
  static ParquetProperties properties(WriteSettings s) {
    return ParquetProperties.builder()
        .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
        .withPageSize(s.dataPageSize())
        .withPageRowCountLimit(WriteSettings.PAGE_ROW_LIMIT)
        .withDictionaryPageSize(s.dictionaryPageSize())
        .withDictionaryEncoding(true)
        .withRowGroupRowCountLimit(s.rowGroupRows())
        .withPageWriteChecksumEnabled(false)
        .build();
  }

  @Override
  public void write(Schema arrowSchema, List<VectorSchemaRoot> batches, Path out, WriteSettings settings)
      throws Exception {
    MessageType schema = ArrowColumns.parquetSchema(arrowSchema);
    ParquetProperties props = properties(settings);
    List<ColumnDescriptor> descriptors = schema.getColumns();
    int columns = descriptors.size();
    CodecFactory codecs = new CodecFactory(new Configuration(false), settings.dataPageSize());
    try (ParquetFileWriter file = new ParquetFileWriter(new LocalOutputFile(out), schema,
        ParquetFileWriter.Mode.OVERWRITE, WriteSettings.ROW_GROUP_BYTES_UNBOUNDED, 0, null, props)) {
      file.start();
      RowGroup group = null;
      ColumnWriter[] writers = new ColumnWriter[columns];
      int[] maxDef = new int[columns];
      for (int c = 0; c < columns; c++) {
        maxDef[c] = descriptors.get(c).getMaxDefinitionLevel();
      }
      ArrowColumns.StringReader strings = new ArrowColumns.StringReader();
      for (VectorSchemaRoot batch : batches) {
        List<FieldVector> vectors = batch.getFieldVectors();
        int[] kinds = ArrowColumns.kinds(vectors);
        ArrowBuf[] data = ArrowColumns.data(vectors);
        ArrowBuf[] offsets = ArrowColumns.offsets(vectors);
        FieldVector[] v = vectors.toArray(new FieldVector[0]);
        int rows = batch.getRowCount();
        for (int r = 0; r < rows; r++) {
          if (group == null) {
            group = new RowGroup(codecs, settings, schema, props);
            for (int c = 0; c < columns; c++) {
              writers[c] = group.store.getColumnWriter(descriptors.get(c));
            }
          }
          for (int c = 0; c < columns; c++) {
            ColumnWriter w = writers[c];
            if (maxDef[c] > 0 && v[c].isNull(r)) {
              w.writeNull(0, 0);
              continue;
            }
            int d = maxDef[c];
            switch (kinds[c]) {
              case ArrowColumns.INT32 -> w.write(data[c].getInt((long) r * 4), 0, d);
              case ArrowColumns.INT64 -> w.write(data[c].getLong((long) r * 8), 0, d);
              case ArrowColumns.DOUBLE -> w.write(data[c].getDouble((long) r * 8), 0, d);
              case ArrowColumns.DECIMAL64 -> w.write(data[c].getLong((long) r * 16), 0, d);
              default -> w.write(strings.read(data[c], offsets[c], r), 0, d);
            }
          }
          group.store.endRecord();
          if (++group.rows == settings.rowGroupRows()) {
            group.flush(file);
            group = null;
          }
        }
      }
      if (group != null) {
        group.flush(file);
      }
      file.end(new HashMap<>());
    } finally {
      codecs.release();
    }
  }

  /** One row group being written: its page store and column store. */
  private static final class RowGroup {
    final ColumnChunkPageWriteStore pages;
    final ColumnWriteStore store;
    long rows;

    RowGroup(CodecFactory codecs, WriteSettings s, MessageType schema, ParquetProperties props) {
      pages = new ColumnChunkPageWriteStore(codecs.getCompressor(s.codec().parquetJava()), schema,
          props.getAllocator(), props.getColumnIndexTruncateLength(), props.getPageWriteChecksumEnabled());
      store = props.newColumnWriteStore(schema, pages, pages);
    }

    void flush(ParquetFileWriter file) throws java.io.IOException {
      store.flush();
      file.startBlock(rows);
      pages.flushToFileWriter(file);
      file.endBlock();
      store.close();
      pages.close();
    }
  }
}
