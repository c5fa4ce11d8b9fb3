package dev.quiver.parquet.format.thrift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.parquet.ParquetCorruptionException;
import dev.quiver.parquet.format.MetadataDecoder;
import dev.quiver.parquet.format.PageHeader;
import dev.quiver.parquet.format.PageType;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.Util;
import org.junit.jupiter.api.Test;

/** The compact protocol reader against bytes written by Apache Thrift's generated code (parquet-format-structures). */
class CompactReaderTest {
  @Test
  void decodesAPageHeaderWrittenByThrift() throws Exception {
    org.apache.parquet.format.PageHeader header = new org.apache.parquet.format.PageHeader(
        org.apache.parquet.format.PageType.DATA_PAGE, 1234, 567);
    header.setCrc(-42);
    header.setData_page_header(new DataPageHeader(99, Encoding.RLE_DICTIONARY, Encoding.RLE, Encoding.BIT_PACKED));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Util.writePageHeader(header, out);
    byte[] bytes = out.toByteArray();
    CompactReader reader = new CompactReader(bytes, 0, bytes.length, 100);
    PageHeader decoded = MetadataDecoder.pageHeader(reader);
    assertEquals(PageType.DATA_PAGE, decoded.type());
    assertEquals(1234, decoded.uncompressedPageSize());
    assertEquals(567, decoded.compressedPageSize());
    assertEquals(-42, decoded.crc());
    assertEquals(99, decoded.dataPageHeader().numValues());
    assertEquals(dev.quiver.parquet.format.Encoding.RLE_DICTIONARY, decoded.dataPageHeader().encoding());
    assertEquals(dev.quiver.parquet.format.Encoding.BIT_PACKED, decoded.dataPageHeader().repetitionLevelEncoding());
    assertEquals(bytes.length, reader.consumed());
  }

  @Test
  void skipsUnknownFieldsOfEveryType() {
    // struct { 1: i32 7, 20: binary "xyz" (unknown, long-form id), 21: list<struct{1: double}> (unknown),
    //          22: map<i32,bool> (unknown), 23: bool true (unknown), 2: i32 9 } STOP
    String hex = "15 0e" // field 1, i32, zigzag(7)
        + " 08 28 03 78 79 7a" // long form: binary, id zigzag(20), length 3, "xyz"
        + " 19 1c 17 00 00 00 00 00 00 f0 3f 00" // field 21: list of 1 struct {1: double 1.0}
        + " 1b 01 51 02 01" // field 22: map of 1 entry, i32 -> bool: 1 -> true
        + " 11" // field 23: bool true, in the header
        + " 05 04 12" // long form: i32, id zigzag(2), zigzag(9)
        + " 00";
    byte[] bytes = HexFormat.ofDelimiter(" ").parseHex(hex);
    CompactReader r = new CompactReader(bytes, 0, bytes.length, 0);
    r.beginStruct();
    int one = -1;
    int two = -1;
    while (r.nextField()) {
      switch (r.fieldId()) {
        case 1 -> one = r.i32Field();
        case 2 -> two = r.i32Field();
        default -> r.skipField();
      }
    }
    assertEquals(7, one);
    assertEquals(9, two);
    assertEquals(bytes.length, r.consumed());
  }

  @Test
  void lengthsBeyondTheBytesAreCorruptionWithTheirOffset() {
    byte[] bytes = {0x18, (byte) 0xFF, (byte) 0xFF, 0x03, 'a'}; // field 1 binary claiming 65535 bytes
    CompactReader r = new CompactReader(bytes, 0, bytes.length, 1000);
    r.beginStruct();
    assertTrue(r.nextField());
    ParquetCorruptionException e = assertThrows(ParquetCorruptionException.class, r::skipField);
    assertEquals(1004, e.offset());
    byte[] list = {0x19, (byte) 0xF5, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07}; // list of 2^31-1 i32
    CompactReader l = new CompactReader(list, 0, list.length, 0);
    l.beginStruct();
    assertTrue(l.nextField());
    assertThrows(ParquetCorruptionException.class, () -> l.listField(CompactReader.I32));
  }

  @Test
  void nestingBeyondTheDepthLimitIsCorruption() {
    // 100 nested structs, each as field 1 of its parent: 0x1c repeated
    byte[] bytes = new byte[200];
    java.util.Arrays.fill(bytes, 0, 100, (byte) 0x1c);
    CompactReader r = new CompactReader(bytes, 0, bytes.length, 0);
    r.beginStruct();
    assertTrue(r.nextField());
    ParquetCorruptionException e = assertThrows(ParquetCorruptionException.class, r::skipField);
    assertTrue(e.getMessage().contains("nested deeper"), e.getMessage());
  }

  @Test
  void aFieldWithAnUnexpectedWireTypeIsSkippedWhenDeclaredTypesAreGiven() {
    // field 1 declared i32 but written as binary "ab", then field 2 i32 5
    byte[] bytes = {0x18, 0x02, 'a', 'b', 0x15, 0x0a, 0x00};
    CompactReader r = new CompactReader(bytes, 0, bytes.length, 0);
    r.beginStruct();
    byte[] declared = {0, CompactReader.I32, CompactReader.I32};
    assertTrue(r.nextField(declared));
    assertEquals(2, r.fieldId());
    assertEquals(5, r.i32Field());
    assertFalse(r.nextField(declared));
  }
}
