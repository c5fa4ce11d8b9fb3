package dev.quiver.parquet.read;

import dev.quiver.parquet.ParquetCorruptionException;
import dev.quiver.parquet.UnsupportedParquetException;
import dev.quiver.parquet.format.FileMetaData;
import dev.quiver.parquet.format.MetadataDecoder;
import dev.quiver.parquet.format.thrift.CompactReader;
import dev.quiver.store.ByteRange;
import dev.quiver.store.ObjectStore;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Reads the footer of a Parquet file (the spec's "File Format": {@code PAR1}, column chunks, the Thrift
 * {@code FileMetaData}, its 4-byte little-endian length, {@code PAR1}).
 *
 * <p>One round of I/O in the common case: the head magic and a tail of {@value #TAIL_GUESS} bytes are fetched
 * together; a second read happens only when the footer is longer than the tail. The footer length is checked
 * against the file size before the second read, so a corrupt length can neither read past the file nor cause a
 * large allocation. A file ending in {@code PARE} (encrypted footer) or whose footer names an encryption
 * algorithm raises {@link UnsupportedParquetException}.
 */
public final class FooterReader {
  /** The tail read on the first try, in bytes: large enough for the footers of most files. */
  public static final int TAIL_GUESS = 64 * 1024;

  private static final int MAGIC = 0x31524150; // "PAR1" little-endian
  private static final int MAGIC_ENCRYPTED = 0x45524150; // "PARE"

  private FooterReader() {}

  /**
   * The footer of a file, and where it sits.
   *
   * @param metadata the decoded footer
   * @param fileSize the file's size in bytes
   * @param footerOffset the file offset where the Thrift footer starts (the end of the column data)
   */
  public record Footer(FileMetaData metadata, long fileSize, long footerOffset) {}

  /**
   * Reads and decodes the footer of {@code key} in {@code store}.
   *
   * @param fileSize the file's size in bytes, as {@code head} reported it
   * @param location the file's name for messages
   * @throws ParquetCorruptionException when the file is too small, a magic is wrong, the footer length does not fit
   *     the file or the footer does not decode
   * @throws UnsupportedParquetException for an encrypted file
   * @throws dev.quiver.store.ObjectStoreException when the store fails
   */
  public static Footer read(ObjectStore store, String key, long fileSize, String location) {
    try {
      if (fileSize < 12) {
        throw new ParquetCorruptionException("file of " + fileSize + " bytes is too small to be Parquet (at least "
            + "12 bytes: two magic numbers and a footer length)");
      }
      int tailLength = (int) Math.min(fileSize - 4, TAIL_GUESS);
      long tailOffset = fileSize - tailLength;
      List<ByteBuffer> parts = Io.join(store.getRanges(key,
          List.of(new ByteRange(0, 4), new ByteRange(tailOffset, tailLength))), location);
      ByteBuffer head = parts.get(0);
      byte[] tail = Io.toArray(parts.get(1));
      int trailingMagic = readIntLe(tail, tailLength - 4);
      if (trailingMagic == MAGIC_ENCRYPTED) {
        throw new UnsupportedParquetException(location + ": encrypted Parquet is not supported yet "
            + "(the file uses an encrypted footer)");
      }
      if (trailingMagic != MAGIC) {
        throw new ParquetCorruptionException("not a Parquet file: the last 4 bytes are not the magic PAR1")
            .at(fileSize - 4);
      }
      if (head.order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(head.position()) != MAGIC) {
        throw new ParquetCorruptionException("not a Parquet file: the first 4 bytes are not the magic PAR1").at(0);
      }
      long footerLength = readIntLe(tail, tailLength - 8) & 0xFFFFFFFFL;
      if (footerLength > fileSize - 12) {
        throw new ParquetCorruptionException("footer length " + footerLength + " exceeds the " + (fileSize - 12)
            + " bytes between the magic numbers").at(fileSize - 8);
      }
      long footerOffset = fileSize - 8 - footerLength;
      byte[] footer;
      int footerStart;
      if (footerLength <= tailLength - 8) {
        footer = tail;
        footerStart = (int) (footerOffset - tailOffset);
      } else {
        footer = Io.toArray(Io.join(store.get(key, new ByteRange(footerOffset, footerLength)), location));
        footerStart = 0;
      }
      CompactReader reader = new CompactReader(footer, footerStart, (int) footerLength, footerOffset);
      FileMetaData metadata = MetadataDecoder.fileMetaData(reader);
      if (metadata.encryptionAlgorithm()) {
        throw new UnsupportedParquetException(location + ": encrypted Parquet is not supported yet "
            + "(the file has encrypted columns and a plaintext footer)");
      }
      return new Footer(metadata, fileSize, footerOffset);
    } catch (ParquetCorruptionException e) {
      throw e.inFile(location);
    }
  }

  private static int readIntLe(byte[] b, int p) {
    return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
  }
}
