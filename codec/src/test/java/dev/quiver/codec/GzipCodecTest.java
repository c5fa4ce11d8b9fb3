package dev.quiver.codec;

import static dev.quiver.codec.TestData.ascii;
import static dev.quiver.codec.TestData.concat;
import static dev.quiver.codec.TestData.hex;
import static dev.quiver.codec.TestData.assertMessageContains;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** GZIP against the JDK's stream classes, the gzip command line tool and members assembled by hand (RFC 1952). */
class GzipCodecTest {
  private static final CodecName GZIP = CodecName.GZIP;
  /** Fixed part, FEXTRA (2 + 6), FNAME, FCOMMENT and FHCRC of {@link #handMadeMember}. */
  private static final int HAND_MADE_HEADER_LENGTH = 10 + 8 + "page.bin\0".length() + "a comment\0".length() + 2;

  @Test
  void readsConcatenatedMembersWrittenByGzipOutputStream() throws IOException {
    byte[] data = TestData.compressible(513 * 8, 7);
    byte[] twoMembers = concat(gzipStream(Arrays.copyOfRange(data, 0, 1000)),
        gzipStream(Arrays.copyOfRange(data, 1000, data.length)));

    assertArrayEquals(data, TestData.decompress(GZIP, twoMembers, data.length));
    assertArrayEquals(data, TestData.decompressDirect(GZIP, twoMembers, data.length));
  }

  @Test
  void readsEmptyMembersAmongOthers() throws IOException {
    byte[] data = TestData.random(300, 3);
    byte[] members = concat(gzipStream(new byte[0]), gzipStream(data), gzipStream(new byte[0]));

    assertArrayEquals(data, TestData.decompress(GZIP, members, data.length));
    assertArrayEquals(new byte[0], TestData.decompress(GZIP, gzipStream(new byte[0]), 0));
  }

  @Test
  void writesWhatGzipInputStreamReads() throws IOException {
    byte[] data = TestData.compressible(100_000, 11);
    byte[] compressed = TestData.compress(GZIP, data);

    assertArrayEquals(hex("1f8b 0800 00000000 00ff"), Arrays.copyOf(compressed, 10), "minimal RFC 1952 header");
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
      assertArrayEquals(data, in.readAllBytes());
    }
  }

  @Test
  void readsTheCommandLineToolsOutputWithFileName() {
    // printf 'Quiver reads Parquet. Quiver reads Parquet. Quiver reads Parquet!\n' > pages.txt; gzip -9 -c -N pages.txt
    byte[] member = hex("1f8b0808c438016b020370616765732e747874000b2ccd2c4b2d52284a4d4c295608482c2a2c4d2dd1530824"
        + "5a54910b00193f269b42000000");
    byte[] expected = ascii("Quiver reads Parquet. Quiver reads Parquet. Quiver reads Parquet!\n");

    assertArrayEquals(expected, TestData.decompress(GZIP, member, expected.length));
  }

  @Test
  void readsEveryOptionalHeaderField() {
    byte[] data = ascii("optional fields: FEXTRA, FNAME, FCOMMENT and FHCRC");
    byte[] member = handMadeMember(data);

    assertArrayEquals(data, TestData.decompress(GZIP, member, data.length));
    assertArrayEquals(data, TestData.decompressDirect(GZIP, member, data.length));
  }

  @Test
  void rejectsAWrongHeaderCrc16() {
    byte[] data = ascii("header crc");
    byte[] member = handMadeMember(data);
    int crc16At = HAND_MADE_HEADER_LENGTH - 2;
    member[crc16At] ^= 1;

    CodecException e = assertThrows(CodecException.class, () -> TestData.decompress(GZIP, member, data.length));
    assertMessageContains(e, "GZIP", "CRC16");
    assertEquals(crc16At, e.inputOffset());
  }

  @Test
  void rejectsAWrongCrc32OrIsize() throws IOException {
    byte[] data = TestData.compressible(5000, 5);
    byte[] member = gzipStream(data);

    byte[] badCrc = member.clone();
    badCrc[member.length - 8] ^= 0x10;
    CodecException crc = assertThrows(CodecException.class, () -> TestData.decompress(GZIP, badCrc, data.length));
    assertMessageContains(crc, "CRC32");
    assertEquals(member.length - 8, crc.inputOffset());

    byte[] badSize = member.clone();
    badSize[member.length - 4] ^= 0x01;
    CodecException size = assertThrows(CodecException.class, () -> TestData.decompress(GZIP, badSize, data.length));
    assertMessageContains(size, "ISIZE");
    assertEquals(member.length - 4, size.inputOffset());
  }

  @Test
  void rejectsBadMagicMethodAndReservedFlags() throws IOException {
    byte[] member = gzipStream(ascii("x"));

    byte[] magic = member.clone();
    magic[1] = 0;
    CodecException e = assertThrows(CodecException.class, () -> TestData.decompress(GZIP, magic, 1));
    assertTrue(e.getMessage().startsWith("GZIP: not a gzip member"), e.getMessage());
    assertTrue(e.getMessage().endsWith("(input offset 0)"), e.getMessage());

    byte[] method = member.clone();
    method[2] = 7;
    assertMessageContains(assertThrows(CodecException.class, () -> TestData.decompress(GZIP, method, 1)),
        "compression method 7");

    byte[] flags = member.clone();
    flags[3] = (byte) 0x20;
    assertMessageContains(assertThrows(CodecException.class, () -> TestData.decompress(GZIP, flags, 1)),
        "reserved flag");
  }

  @Test
  void rejectsBytesAfterTheLastMemberThatAreNotAMember() throws IOException {
    byte[] data = ascii("trailing garbage");
    byte[] member = gzipStream(data);
    byte[] withGarbage = concat(member, hex("00000000"));

    CodecException e = assertThrows(CodecException.class,
        () -> TestData.decompress(GZIP, withGarbage, data.length));
    assertEquals(member.length, e.inputOffset());
  }

  @Test
  void rejectsAnUnterminatedFileName() {
    byte[] header = hex("1f8b 0808 00000000 00ff 6e616d65"); // FNAME "name" without its zero byte
    CodecException e = assertThrows(CodecException.class, () -> TestData.decompress(GZIP, header, 0));
    assertMessageContains(e, "FNAME");
  }

  @Test
  void reportsOutputBeyondTheDeclaredLength() throws IOException {
    byte[] data = TestData.compressible(10_000, 9);
    byte[] member = gzipStream(data);

    CodecException e = assertThrows(CodecException.class,
        () -> TestData.decompress(GZIP, member, data.length - 1));
    assertMessageContains(e, "more than the expected " + (data.length - 1));
  }

  static byte[] gzipStream(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(data);
    }
    return bytes.toByteArray();
  }

  /** A member with FEXTRA, FNAME, FCOMMENT and FHCRC, per RFC 1952 section 2.3.1. */
  private static byte[] handMadeMember(byte[] data) {
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    header.writeBytes(hex("1f8b08"));
    header.write(0x04 | 0x08 | 0x10 | 0x02);
    header.writeBytes(hex("78563412 02 03")); // MTIME, XFL, OS
    header.writeBytes(hex("0600 4142 0200 0000")); // XLEN 6: subfield "AB", length 2, two bytes
    header.writeBytes(ascii("page.bin\0"));
    header.writeBytes(ascii("a comment\0"));
    CRC32 headerCrc = new CRC32();
    headerCrc.update(header.toByteArray());
    header.write((int) headerCrc.getValue());
    header.write((int) headerCrc.getValue() >>> 8);
    Deflater deflater = new Deflater(9, true);
    deflater.setInput(data);
    deflater.finish();
    byte[] deflated = new byte[data.length + 64];
    int length = deflater.deflate(deflated);
    deflater.end();
    CRC32 crc = new CRC32();
    crc.update(data);
    byte[] trailer = {
      (byte) crc.getValue(), (byte) (crc.getValue() >>> 8), (byte) (crc.getValue() >>> 16),
      (byte) (crc.getValue() >>> 24), (byte) data.length, (byte) (data.length >>> 8), (byte) (data.length >>> 16),
      (byte) (data.length >>> 24)
    };
    return concat(header.toByteArray(), Arrays.copyOf(deflated, length), trailer);
  }
}
