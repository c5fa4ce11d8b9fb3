package dev.quiver.bench.write;

import dev.quiver.codec.CodecName;
import dev.quiver.parquet.write.ParquetWriter;
import dev.quiver.parquet.write.StatisticsLevel;
import dev.quiver.parquet.write.WriterProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Quiver's {@link ParquetWriter}: each batch handed to {@link ParquetWriter#write(VectorSchemaRoot)} as it is, with
 * the codec, page sizes and row group size of the {@link WriteSettings}, dictionary on, data pages v1, page
 * statistics, no CRCs.
 */
public final class QuiverWriteEngine implements WriteEngine {
  @Override
  public String name() {
    return "quiver";
  }

  /** The writer properties for {@code s}. */
  public static WriterProperties properties(WriteSettings s) {
    return WriterProperties.builder()
        .codec(CodecName.valueOf(s.codec().name()))
        .dictionary(true)
        .dictionaryPageSizeLimit(s.dictionaryPageSize())
        .dataPageSize(s.dataPageSize())
        .dataPageRowLimit(WriteSettings.PAGE_ROW_LIMIT)
        .dataPageVersion(1)
        .rowGroupRows(s.rowGroupRows())
        .rowGroupBytes(WriteSettings.ROW_GROUP_BYTES_UNBOUNDED)
        .statistics(StatisticsLevel.PAGE)
        .pageChecksums(false)
        .build();
  }

  @Override
  public void write(Schema schema, List<VectorSchemaRoot> batches, Path out, WriteSettings settings)
      throws Exception {
    Files.deleteIfExists(out);
    try (ParquetWriter w = ParquetWriter.open(out.toString(), schema, properties(settings))) {
      for (VectorSchemaRoot batch : batches) {
        w.write(batch);
      }
    }
  }
}
