package dev.quiver.bench.engine;

import dev.quiver.bench.checksum.Digest;
import dev.quiver.bench.checksum.Hashes;
import dev.quiver.bench.data.DatasetFile;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * parquet-java's record API: {@code ParquetReader} with {@code GroupReadSupport}, one {@code Group} per row, every
 * field read back out of it; the projection goes through {@code parquet.read.schema}.
 */
public final class ParquetJavaRecordEngine implements Engine {
  @Override
  public String name() {
    return "pj-record";
  }

  @Override
  public Digest scan(DatasetFile file, List<String> columns) throws Exception {
    MessageType schema;
    try (org.apache.parquet.hadoop.ParquetFileReader r =
        org.apache.parquet.hadoop.ParquetFileReader.open(new LocalInputFile(file.path()))) {
      schema = r.getFooter().getFileMetaData().getSchema();
    }
    MessageType requested = ParquetJavaSchemas.project(schema, columns);
    Configuration conf = new Configuration(false);
    conf.set(ReadSupport.PARQUET_READ_SCHEMA, requested.toString());
    Digest digest = new Digest();
    int fields = requested.getFieldCount();
    long[] sums = new long[fields];
    long rows = 0;
    try (ParquetReader<Group> reader = new GroupReaderBuilder(new LocalInputFile(file.path())).withConf(conf)
        .build()) {
      Group g;
      while ((g = reader.read()) != null) {
        rows++;
        for (int i = 0; i < fields; i++) {
          Type t = requested.getType(i);
          if (t.isPrimitive()) {
            sums[i] += g.getFieldRepetitionCount(i) == 0 ? Hashes.NULL_HASH
                : value(g, i, 0, t.asPrimitiveType());
          } else if (g.getFieldRepetitionCount(i) > 0) {
            foldNested(g.getGroup(i, 0), t, t.getName(), digest);
          }
        }
      }
    }
    for (int i = 0; i < fields; i++) {
      if (requested.getType(i).isPrimitive()) {
        digest.add(requested.getType(i).getName(), sums[i]);
      }
    }
    digest.rows(rows);
    return digest;
  }

  /** Folds the present value {@code g} of field type {@code t} named {@code path} (no "[]" yet). */
  private static void foldNested(Group g, Type t, String path, Digest digest) {
    if (ParquetJavaSchemas.isList(t)) {
      GroupType repeated = t.asGroupType().getType(0).asGroupType();
      Type element = repeated.getType(0);
      String p = path + "[]";
      int n = g.getFieldRepetitionCount(0);
      for (int k = 0; k < n; k++) {
        Group entry = g.getGroup(0, k);
        if (entry.getFieldRepetitionCount(0) == 0) {
          continue;
        }
        if (element.isPrimitive()) {
          digest.add(p, value(entry, 0, 0, element.asPrimitiveType()));
        } else {
          foldNested(entry.getGroup(0, 0), element, p, digest);
        }
      }
      return;
    }
    GroupType gt = t.asGroupType();
    for (int i = 0; i < gt.getFieldCount(); i++) {
      Type f = gt.getType(i);
      String p = path + "." + f.getName();
      if (g.getFieldRepetitionCount(i) == 0) {
        continue;
      }
      if (f.isPrimitive()) {
        digest.add(p, value(g, i, 0, f.asPrimitiveType()));
      } else {
        foldNested(g.getGroup(i, 0), f, p, digest);
      }
    }
  }

  private static long value(Group g, int field, int index, PrimitiveType t) {
    return switch (t.getPrimitiveTypeName()) {
      case INT32 -> Hashes.ofLong(g.getInteger(field, index));
      case INT64 -> Hashes.ofLong(g.getLong(field, index));
      case DOUBLE -> Hashes.ofDouble(g.getDouble(field, index));
      case FLOAT -> Hashes.ofFloat(g.getFloat(field, index));
      case BOOLEAN -> Hashes.ofLong(g.getBoolean(field, index) ? 1 : 0);
      case BINARY -> ParquetJavaColumnEngine.hash(g.getBinary(field, index));
      default -> throw new UnsupportedOperationException("no canonical checksum for " + t);
    };
  }

  private static final class GroupReaderBuilder extends ParquetReader.Builder<Group> {
    GroupReaderBuilder(InputFile file) {
      super(file);
    }

    @Override
    protected ReadSupport<Group> getReadSupport() {
      return new GroupReadSupport();
    }
  }
}
