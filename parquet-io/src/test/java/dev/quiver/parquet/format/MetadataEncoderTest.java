package dev.quiver.parquet.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.parquet.format.thrift.CompactReader;
import dev.quiver.parquet.format.thrift.CompactWriter;
import java.io.ByteArrayInputStream;
import java.util.List;
import org.apache.parquet.format.Util;
import org.junit.jupiter.api.Test;

/**
 * What {@link MetadataEncoder} writes, parquet-java's Thrift classes ({@code org.apache.parquet.format.Util}, test
 * scope) read with the same field values, and so does {@link MetadataDecoder}.
 */
class MetadataEncoderTest {

  static FileMetaData sample() {
    List<SchemaElement> schema = List.of(
        new SchemaElement(null, null, null, "schema", 3, null, null, null, null, null),
        new SchemaElement(PhysicalType.INT64, null, Repetition.REQUIRED, "id", null, ConvertedType.INT_64, null, null,
            7, new LogicalType.IntType(64, true)),
        new SchemaElement(PhysicalType.FIXED_LEN_BYTE_ARRAY, 13, Repetition.OPTIONAL, "d", null,
            ConvertedType.DECIMAL, 2, 30, null, new LogicalType.DecimalType(2, 30)),
        new SchemaElement(PhysicalType.INT64, null, Repetition.OPTIONAL, "ts", null, null, null, null, null,
            new LogicalType.TimestampType(false, TimeUnit.NANOS)));
    Statistics stats = new Statistics(null, null, 3L, null, new byte[] {9, 0, 0, 0, 0, 0, 0, 0},
        new byte[] {1, 0, 0, 0, 0, 0, 0, 0}, true, true, null);
    ColumnMetaData meta = new ColumnMetaData(PhysicalType.INT64, List.of(Encoding.PLAIN, Encoding.RLE_DICTIONARY,
        Encoding.RLE), List.of("id"), 6, 1000, 5000, 3000, List.of(), 104, null, 4L, stats,
        List.of(new PageEncodingStats(PageType.DICTIONARY_PAGE, Encoding.PLAIN, 1),
            new PageEncodingStats(PageType.DATA_PAGE, Encoding.RLE_DICTIONARY, 2)), 9000L, 64,
        new SizeStatistics(null, null, new long[] {3, 997}));
    ColumnChunk chunk = new ColumnChunk(null, 4, meta, 10_000L, 33, 10_100L, 44, false);
    RowGroup group = new RowGroup(List.of(chunk), 5000, 1000, List.of(new SortingColumn(0, true, false)), 4L,
        3000L, 0);
    return new FileMetaData(2, schema, 1000, List.of(group), List.of(new KeyValue("k", "v"), new KeyValue("n", null)),
        "quiver version 0.1.0", List.of(ColumnOrder.TYPE_DEFINED, ColumnOrder.TYPE_DEFINED,
            ColumnOrder.TYPE_DEFINED), false);
  }

  @Test
  void fileMetaDataReadsBackInParquetJavaAndOurDecoder() throws Exception {
    CompactWriter w = new CompactWriter();
    MetadataEncoder.fileMetaData(w, sample());
    byte[] bytes = w.toByteArray();

    org.apache.parquet.format.FileMetaData pj = Util.readFileMetaData(new ByteArrayInputStream(bytes));
    assertEquals(2, pj.getVersion());
    assertEquals(1000, pj.getNum_rows());
    assertEquals("quiver version 0.1.0", pj.getCreated_by());
    assertEquals(4, pj.getSchema().size());
    assertEquals("d", pj.getSchema().get(2).getName());
    assertEquals(13, pj.getSchema().get(2).getType_length());
    assertEquals(30, pj.getSchema().get(2).getLogicalType().getDECIMAL().getPrecision());
    assertEquals(7, pj.getSchema().get(1).getField_id());
    assertEquals(64, pj.getSchema().get(1).getLogicalType().getINTEGER().getBitWidth());
    assertFalse(pj.getSchema().get(3).getLogicalType().getTIMESTAMP().isIsAdjustedToUTC());
    assertTrue(pj.getSchema().get(3).getLogicalType().getTIMESTAMP().getUnit().isSetNANOS());
    org.apache.parquet.format.ColumnChunk c = pj.getRow_groups().get(0).getColumns().get(0);
    assertEquals(10_000L, c.getOffset_index_offset());
    assertEquals(44, c.getColumn_index_length());
    assertEquals(org.apache.parquet.format.CompressionCodec.ZSTD, c.getMeta_data().getCodec());
    assertEquals(4L, c.getMeta_data().getDictionary_page_offset());
    assertEquals(9000L, c.getMeta_data().getBloom_filter_offset());
    assertEquals(64, c.getMeta_data().getBloom_filter_length());
    assertEquals(3L, c.getMeta_data().getStatistics().getNull_count());
    assertArrayEquals(new byte[] {9, 0, 0, 0, 0, 0, 0, 0}, c.getMeta_data().getStatistics().getMax_value());
    assertEquals(List.of(3L, 997L), c.getMeta_data().getSize_statistics().getDefinition_level_histogram());
    assertEquals(2, c.getMeta_data().getEncoding_stats().get(1).getCount());
    assertTrue(pj.getRow_groups().get(0).getSorting_columns().get(0).isDescending());
    assertTrue(pj.getColumn_orders().get(0).isSetTYPE_ORDER());
    assertEquals(null, pj.getKey_value_metadata().get(1).getValue());

    FileMetaData ours = MetadataDecoder.fileMetaData(new CompactReader(bytes, 0, bytes.length, 0));
    FileMetaData want = sample();
    assertEquals(want.schema(), ours.schema());
    assertEquals(want.keyValueMetadata(), ours.keyValueMetadata());
    assertEquals(want.columnOrders(), ours.columnOrders());
    RowGroup g = ours.rowGroups().get(0);
    assertEquals(want.rowGroups().get(0).sortingColumns(), g.sortingColumns());
    ColumnMetaData m = g.columns().get(0).metaData();
    assertEquals(want.rowGroups().get(0).columns().get(0).metaData().encodings(), m.encodings());
    assertEquals(want.rowGroups().get(0).columns().get(0).metaData().encodingStats(), m.encodingStats());
    assertEquals(3000, m.totalCompressedSize());
    assertArrayEquals(new long[] {3, 997}, m.sizeStatistics().definitionLevelHistogram());
    assertEquals(Boolean.TRUE, m.statistics().maxValueExact());
  }

  @Test
  void pageHeadersReadBack() throws Exception {
    PageHeader v1 = new PageHeader(PageType.DATA_PAGE, 1234, 567, 0xCAFEBABE,
        new DataPageHeader(100, Encoding.RLE_DICTIONARY, Encoding.RLE, Encoding.RLE, null), null, null);
    PageHeader v2 = new PageHeader(PageType.DATA_PAGE_V2, 99, 77, null, null, null,
        new DataPageHeaderV2(50, 5, 20, Encoding.DELTA_BINARY_PACKED, 12, 7, false, null));
    PageHeader dict = new PageHeader(PageType.DICTIONARY_PAGE, 16, 16, null, null,
        new DictionaryPageHeader(4, Encoding.PLAIN, false), null);
    for (PageHeader h : List.of(v1, v2, dict)) {
      CompactWriter w = new CompactWriter();
      MetadataEncoder.pageHeader(w, h);
      byte[] bytes = w.toByteArray();
      org.apache.parquet.format.PageHeader pj = Util.readPageHeader(new ByteArrayInputStream(bytes));
      assertEquals(h.type().ordinal(), pj.getType().getValue());
      assertEquals(h.uncompressedPageSize(), pj.getUncompressed_page_size());
      assertEquals(h.compressedPageSize(), pj.getCompressed_page_size());
      assertEquals(h.crc() != null, pj.isSetCrc());
      assertEquals(h, MetadataDecoder.pageHeader(new CompactReader(bytes, 0, bytes.length, 0)));
    }
    CompactWriter w = new CompactWriter();
    MetadataEncoder.pageHeader(w, v2);
    org.apache.parquet.format.PageHeader pj = Util.readPageHeader(new ByteArrayInputStream(w.toByteArray()));
    assertEquals(20, pj.getData_page_header_v2().getNum_rows());
    assertFalse(pj.getData_page_header_v2().isIs_compressed());
    assertEquals(7, pj.getData_page_header_v2().getRepetition_levels_byte_length());
  }

  @Test
  void pageIndexesAndBloomHeaderReadBack() throws Exception {
    ColumnIndex ci = new ColumnIndex(List.of(false, true, false), List.of(new byte[] {1}, new byte[0], new byte[] {5}),
        List.of(new byte[] {3}, new byte[0], new byte[] {9}), BoundaryOrder.ASCENDING, new long[] {0, 20, 1}, null,
        null);
    CompactWriter w = new CompactWriter();
    MetadataEncoder.columnIndex(w, ci);
    org.apache.parquet.format.ColumnIndex pci = Util.readColumnIndex(new ByteArrayInputStream(w.toByteArray()));
    assertEquals(List.of(false, true, false), pci.getNull_pages());
    assertEquals(org.apache.parquet.format.BoundaryOrder.ASCENDING, pci.getBoundary_order());
    assertEquals(List.of(0L, 20L, 1L), pci.getNull_counts());
    assertEquals(9, pci.getMax_values().get(2).get(0));

    // 20 pages: list headers with sizes of 15 and more take the long form
    List<PageLocation> locations = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      locations.add(new PageLocation(4 + 100L * i, 100, 10L * i));
    }
    w.reset();
    MetadataEncoder.offsetIndex(w, new OffsetIndex(locations, null));
    org.apache.parquet.format.OffsetIndex poi = Util.readOffsetIndex(new ByteArrayInputStream(w.toByteArray()));
    assertEquals(20, poi.getPage_locations().size());
    assertEquals(1904, poi.getPage_locations().get(19).getOffset());
    assertEquals(190, poi.getPage_locations().get(19).getFirst_row_index());

    w.reset();
    MetadataEncoder.bloomFilterHeader(w, new BloomFilterHeader(1024));
    org.apache.parquet.format.BloomFilterHeader bh =
        Util.readBloomFilterHeader(new ByteArrayInputStream(w.toByteArray()));
    assertEquals(1024, bh.getNumBytes());
    assertTrue(bh.getAlgorithm().isSetBLOCK());
    assertTrue(bh.getHash().isSetXXHASH());
    assertTrue(bh.getCompression().isSetUNCOMPRESSED());
  }
}
