package dev.quiver.codec;

import static dev.quiver.codec.TestData.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * Compressed pages cut out of files in apache/parquet-testing (Apache License 2.0), written by other Parquet
 * implementations: the blocks this module exists to read. Only the page bytes are kept; nothing here parses Parquet.
 */
class ParquetTestingPagesTest {

  /** {@code concatenated_gzip_members.parquet}: 513 UINT64 values 1..513, PLAIN, in two gzip members. */
  @Test
  void concatenatedGzipMembers() throws IOException {
    byte[] page;
    try (InputStream in = getClass().getResourceAsStream("concatenated_gzip_members.page")) {
      assertNotNull(in);
      page = in.readAllBytes();
    }
    assertEquals(1392, indexOfSecondMember(page), "the fixture holds two members");

    byte[] values = TestData.decompress(CodecName.GZIP, page, 513 * 8);
    ByteBuffer expected = ByteBuffer.allocate(513 * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (long v = 1; v <= 513; v++) {
      expected.putLong(v);
    }
    assertArrayEquals(expected.array(), values);
    assertArrayEquals(expected.array(), TestData.decompressDirect(CodecName.GZIP, page, 513 * 8));
  }

  /**
   * {@code hadoop_lz4_compressed.parquet} (Hadoop framing) and {@code non_hadoop_lz4_compressed.parquet} (raw LZ4
   * blocks from an older Parquet C++), both labelled LZ4: the same values either way.
   */
  @Test
  void hadoopFramedAndRawLz4PagesOfTheSameColumns() {
    String[][] pages = {
      // hadoop-framed page, raw-block page, decoded
      {"0000001000000012f001c07afc5e00000000c17afc5e00000000", "f001c07afc5e00000000c17afc5e00000000",
        "c07afc5e00000000c17afc5e00000000"},
      {"0000000e0000000fe00300000061626303000000646566", "e00300000061626303000000646566",
        "0300000061626303000000646566"},
      {"000000180000001611000100404540cdcc0100a01e400000000000104540",
        "11000100404540cdcc0100a01e400000000000104540", "0000000000004540cdcccccccccc1e400000000000104540"},
    };
    for (String[] page : pages) {
      byte[] expected = hex(page[2]);
      assertArrayEquals(expected, TestData.decompress(CodecName.LZ4_HADOOP, hex(page[0]), expected.length));
      assertArrayEquals(expected, TestData.decompress(CodecName.LZ4_HADOOP, hex(page[1]), expected.length));
      assertArrayEquals(expected, TestData.decompressDirect(CodecName.LZ4_HADOOP, hex(page[1]), expected.length));
    }
  }

  /** {@code page_v2_empty_compressed.parquet}: a valid, non-empty ZSTD stream of zero bytes. */
  @Test
  void zstdStreamOfZeroBytes() {
    assertArrayEquals(new byte[0], TestData.decompress(CodecName.ZSTD, hex("28b52ffd2000010000"), 0));
  }

  private static int indexOfSecondMember(byte[] page) {
    for (int i = 10; i + 2 < page.length; i++) {
      if ((page[i] & 0xff) == 0x1f && (page[i + 1] & 0xff) == 0x8b && page[i + 2] == 8) {
        return i;
      }
    }
    return -1;
  }
}
