package dev.quiver.bench.engine;

import dev.quiver.bench.checksum.Digest;
import dev.quiver.bench.checksum.Hashes;
import dev.quiver.bench.data.DatasetFile;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;

/**
 * parquet-java's low-level column API: {@code ParquetFileReader.readNextRowGroup}, then a
 * {@code ColumnReadStoreImpl}/{@code ColumnReader} per leaf column reading every value with {@code getLong},
 * {@code getBinary}... as the fastest Java reader a user would otherwise pick. Top-level leaves hash nulls; nested
 * leaves fold only their defined values (see {@link dev.quiver.bench.checksum.ArrowDigester}).
 */
public final class ParquetJavaColumnEngine implements Engine {
  @Override
  public String name() {
    return "pj-column";
  }

  @Override
  public Digest scan(DatasetFile file, List<String> columns) throws Exception {
    Digest digest = new Digest();
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file.path()),
        ParquetReadOptions.builder().build())) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      MessageType requested = ParquetJavaSchemas.project(schema, columns);
      reader.setRequestedSchema(requested);
      String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
      List<ColumnDescriptor> leaves = requested.getColumns();
      String[] names = new String[leaves.size()];
      for (int i = 0; i < names.length; i++) {
        names[i] = ParquetJavaSchemas.canonicalName(requested, leaves.get(i).getPath());
      }
      long rows = 0;
      PageReadStore rowGroup;
      while ((rowGroup = reader.readNextRowGroup()) != null) {
        rows += rowGroup.getRowCount();
        ColumnReadStoreImpl store = new ColumnReadStoreImpl(rowGroup,
            new GroupRecordConverter(requested).getRootConverter(), requested, createdBy);
        for (int i = 0; i < leaves.size(); i++) {
          ColumnDescriptor c = leaves.get(i);
          digest.add(names[i], foldColumn(store.getColumnReader(c), c));
        }
      }
      digest.rows(rows);
    }
    return digest;
  }

  private static long foldColumn(ColumnReader r, ColumnDescriptor c) {
    long n = r.getTotalValueCount();
    int maxDef = c.getMaxDefinitionLevel();
    boolean flat = c.getPath().length == 1;
    long nullHash = flat ? Hashes.NULL_HASH : 0;
    long sum = 0;
    switch (c.getPrimitiveType().getPrimitiveTypeName()) {
      case INT32 -> {
        for (long i = 0; i < n; i++) {
          sum += r.getCurrentDefinitionLevel() == maxDef ? Hashes.ofLong(r.getInteger()) : nullHash;
          r.consume();
        }
      }
      case INT64 -> {
        for (long i = 0; i < n; i++) {
          sum += r.getCurrentDefinitionLevel() == maxDef ? Hashes.ofLong(r.getLong()) : nullHash;
          r.consume();
        }
      }
      case DOUBLE -> {
        for (long i = 0; i < n; i++) {
          sum += r.getCurrentDefinitionLevel() == maxDef ? Hashes.ofDouble(r.getDouble()) : nullHash;
          r.consume();
        }
      }
      case FLOAT -> {
        for (long i = 0; i < n; i++) {
          sum += r.getCurrentDefinitionLevel() == maxDef ? Hashes.ofFloat(r.getFloat()) : nullHash;
          r.consume();
        }
      }
      case BOOLEAN -> {
        for (long i = 0; i < n; i++) {
          sum += r.getCurrentDefinitionLevel() == maxDef ? Hashes.ofLong(r.getBoolean() ? 1 : 0) : nullHash;
          r.consume();
        }
      }
      case BINARY -> {
        for (long i = 0; i < n; i++) {
          sum += r.getCurrentDefinitionLevel() == maxDef ? hash(r.getBinary()) : nullHash;
          r.consume();
        }
      }
      default -> throw new UnsupportedOperationException("no canonical checksum for " + c);
    }
    return sum;
  }

  static long hash(Binary b) {
    ByteBuffer buf = b.toByteBuffer();
    if (buf.hasArray()) {
      return Hashes.ofBytes(buf.array(), buf.arrayOffset() + buf.position(), buf.remaining());
    }
    byte[] bytes = b.getBytes();
    return Hashes.ofBytes(bytes, 0, bytes.length);
  }
}
