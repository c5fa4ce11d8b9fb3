package dev.quiver.bench.write;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * parquet-java's record API, the path most users take: a {@link ParquetWriter} with a custom {@link WriteSupport}
 * whose record is a row number of the current Arrow batch, read from the vectors' buffers into the
 * {@link RecordConsumer} (no {@code Group} per row, no boxing). Same layout as the others: dictionary on, page and
 * dictionary page sizes, data pages v1, row groups cut by row count ({@code withRowGroupRowCountLimit}), column
 * index, no CRCs.
 */
public final class ParquetJavaRecordWriteEngine implements WriteEngine {
  @Override
  public String name() {
    return "pj-record";
  }

  @Override
  public void write(Schema arrowSchema, List<VectorSchemaRoot> batches, Path out, WriteSettings s)
      throws Exception {
    MessageType schema = ArrowColumns.parquetSchema(arrowSchema);
    BatchWriteSupport support = new BatchWriteSupport(schema, ArrowColumns.names(arrowSchema));
    try (ParquetWriter<Integer> w = new Builder(new LocalOutputFile(out), support)
        .withCompressionCodec(s.codec().parquetJava())
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .withConf(new Configuration(false))
        .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
        .withPageSize(s.dataPageSize())
        .withPageRowCountLimit(WriteSettings.PAGE_ROW_LIMIT)
        .withDictionaryPageSize(s.dictionaryPageSize())
        .withDictionaryEncoding(true)
        .withRowGroupSize(WriteSettings.ROW_GROUP_BYTES_UNBOUNDED)
        .withRowGroupRowCountLimit(s.rowGroupRows())
        .withPageWriteChecksumEnabled(false)
        .build()) {
      for (VectorSchemaRoot batch : batches) {
        support.batch(batch);
        int rows = batch.getRowCount();
        for (int r = 0; r < rows; r++) {
          w.write(r);
        }
      }
    }
  }

  /** Writes row {@code r} of the current batch. */
  private static final class BatchWriteSupport extends WriteSupport<Integer> {
    private final MessageType schema;
    private final String[] names;
    private final ArrowColumns.StringReader strings = new ArrowColumns.StringReader();
    private RecordConsumer consumer;
    private FieldVector[] vectors;
    private int[] kinds;
    private ArrowBuf[] data;
    private ArrowBuf[] offsets;
    private boolean[] nullable;

    BatchWriteSupport(MessageType schema, List<String> names) {
      this.schema = schema;
      this.names = names.toArray(new String[0]);
    }

    void batch(VectorSchemaRoot batch) {
      List<FieldVector> v = batch.getFieldVectors();
      vectors = v.toArray(new FieldVector[0]);
      kinds = ArrowColumns.kinds(v);
      data = ArrowColumns.data(v);
      offsets = ArrowColumns.offsets(v);
      nullable = new boolean[vectors.length];
      for (int c = 0; c < vectors.length; c++) {
        nullable[c] = vectors[c].getField().isNullable();
      }
    }

    @Override
    public WriteContext init(Configuration configuration) {
      return new WriteContext(schema, new HashMap<>());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      this.consumer = recordConsumer;
    }

    @Override
    public void write(Integer row) {
      int r = row;
      consumer.startMessage();
      for (int c = 0; c < vectors.length; c++) {
        if (nullable[c] && vectors[c].isNull(r)) {
          continue;
        }
        consumer.startField(names[c], c);
        switch (kinds[c]) {
          case ArrowColumns.INT32 -> consumer.addInteger(data[c].getInt((long) r * 4));
          case ArrowColumns.INT64 -> consumer.addLong(data[c].getLong((long) r * 8));
          case ArrowColumns.DOUBLE -> consumer.addDouble(data[c].getDouble((long) r * 8));
          case ArrowColumns.DECIMAL64 -> consumer.addLong(data[c].getLong((long) r * 16));
          default -> consumer.addBinary(strings.read(data[c], offsets[c], r));
        }
        consumer.endField(names[c], c);
      }
      consumer.endMessage();
    }
  }

  private static final class Builder extends ParquetWriter.Builder<Integer, Builder> {
    private final BatchWriteSupport support;

    Builder(OutputFile file, BatchWriteSupport support) {
      super(file);
      this.support = support;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<Integer> getWriteSupport(Configuration conf) {
      return support;
    }
  }
}
