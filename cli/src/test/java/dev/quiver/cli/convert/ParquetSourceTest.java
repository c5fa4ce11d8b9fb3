package dev.quiver.cli.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.quiver.cli.Quiver;
import dev.quiver.parquet.testing.LeakCheckedAllocator;
import dev.quiver.parquet.write.ParquetWriter;
import dev.quiver.parquet.write.WriterProperties;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Parquet input: a file without rows whose columns are dictionary-encoded still converts. */
class ParquetSourceTest {
  private static final DictionaryEncoding ENCODING = new DictionaryEncoding(3L, false, new ArrowType.Int(32, true));
  private static final Schema SCHEMA = new Schema(List.of(
      new Field("id", FieldType.nullable(new ArrowType.Int(64, true)), null),
      new Field("tag", new FieldType(true, new ArrowType.Int(32, true), ENCODING), null)));

  /** A file with the schema above and no row group, written with the dictionary's value type given at open. */
  private static void writeEmpty(Path file) {
    try (LeakCheckedAllocator a = new LeakCheckedAllocator(); VarCharVector values = new VarCharVector("tag", a.get());
        DictionaryProvider.MapDictionaryProvider provider = new DictionaryProvider.MapDictionaryProvider()) {
      values.allocateNew();
      values.setValueCount(0);
      provider.put(new Dictionary(values, ENCODING));
      ParquetWriter.open(file.toString(), SCHEMA, WriterProperties.defaults(), provider).close();
    }
  }

  @Test
  void zeroRowFileWithADictionaryColumnConverts(@TempDir Path dir) throws Exception {
    Path in = dir.resolve("in.parquet");
    Path out = dir.resolve("out.parquet");
    writeEmpty(in);
    try (LeakCheckedAllocator a = new LeakCheckedAllocator(); ParquetSource source =
        new ParquetSource(in.toString(), a.get(), 100)) {
      Dictionary d = source.dictionaries().lookup(3L);
      assertNotNull(d, "an empty dictionary before the first batch");
      assertEquals(ArrowType.Utf8.INSTANCE, d.getVector().getField().getType());
      assertNull(source.next());
    }
    StringWriter err = new StringWriter();
    int status;
    try (LeakCheckedAllocator a = new LeakCheckedAllocator()) {
      status = new CommandLine(new Quiver(a.get())).setOut(new PrintWriter(new StringWriter(), true))
          .setErr(new PrintWriter(err, true)).execute("convert", in.toString(), out.toString());
    }
    assertEquals(0, status, err.toString());
    // parquet-java reads the converted file: both columns, no rows, the tag column a UTF-8 string
    try (org.apache.parquet.hadoop.ParquetFileReader r = org.apache.parquet.hadoop.ParquetFileReader.open(
        new org.apache.parquet.io.LocalInputFile(out))) {
      assertEquals(0, r.getRecordCount());
      var schema = r.getFooter().getFileMetaData().getSchema();
      assertEquals(2, schema.getFieldCount());
      assertEquals(org.apache.parquet.schema.LogicalTypeAnnotation.stringType(),
          schema.getType("tag").getLogicalTypeAnnotation());
    }
  }
}
