package dev.quiver.parquet.format.thrift;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes the Thrift compact protocol (the encoding of every Parquet footer and page header; Thrift's
 * {@code TCompactProtocol} spec: zigzag varints for integers, field ids as deltas in the type byte, booleans folded
 * into the field type, list sizes in the header nibble below 15). Bytes accumulate in a growable heap array.
 *
 * <p>Usage mirrors the struct layout: {@link #structBegin()}, then one {@code xxxField(id, value)} per present
 * field in increasing id order, then {@link #structEnd()}. Nested structs are a {@link #fieldBegin} with
 * {@link CompactReader#STRUCT} followed by {@link #structBegin()}/{@link #structEnd()}; lists a
 * {@link #listBegin} then the elements written with the unframed {@code writeXxx} methods.
 *
 * <p>Not thread-safe. Errors: {@link IllegalStateException} when structs are closed more often than opened or
 * nest deeper than {@link CompactReader#MAX_DEPTH}.
 */
public final class CompactWriter {
  private byte[] buf;
  private int size;
  private final short[] lastField = new short[CompactReader.MAX_DEPTH + 1];
  private int depth;

  /** An empty writer with a small initial buffer. */
  public CompactWriter() {
    this(256);
  }

  /** An empty writer with room for {@code initialCapacity} bytes before growing. */
  public CompactWriter(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  /** Bytes written so far. */
  public int size() {
    return size;
  }

  /** Forgets everything written, keeping the buffer. */
  public void reset() {
    size = 0;
    depth = 0;
  }

  /** A copy of the bytes written. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  /** The internal buffer; valid bytes are {@code [0, size())}. */
  public byte[] buffer() {
    return buf;
  }

  /** Opens a struct (the outermost one included). */
  public void structBegin() {
    if (depth >= CompactReader.MAX_DEPTH) {
      throw new IllegalStateException("structs nest deeper than " + CompactReader.MAX_DEPTH);
    }
    lastField[++depth] = 0;
  }

  /** Writes the stop byte and closes the current struct. */
  public void structEnd() {
    if (depth == 0) {
      throw new IllegalStateException("structEnd without structBegin");
    }
    writeByte(CompactReader.STOP);
    depth--;
  }

  /** Writes a field header of compact type {@code type} (one of the {@link CompactReader} type constants). */
  public void fieldBegin(int id, int type) {
    int delta = id - lastField[depth];
    if (delta > 0 && delta <= 15) {
      writeByte((delta << 4) | type);
    } else {
      writeByte(type);
      writeVarint(zigzag32(id));
    }
    lastField[depth] = (short) id;
  }

  /** A boolean field. */
  public void boolField(int id, boolean value) {
    fieldBegin(id, value ? CompactReader.BOOLEAN_TRUE : CompactReader.BOOLEAN_FALSE);
  }

  /** An i8 field. */
  public void byteField(int id, int value) {
    fieldBegin(id, CompactReader.BYTE);
    writeByte(value);
  }

  /** An i16 field. */
  public void i16Field(int id, int value) {
    fieldBegin(id, CompactReader.I16);
    writeVarint(zigzag32(value));
  }

  /** An i32 (or enum) field. */
  public void i32Field(int id, int value) {
    fieldBegin(id, CompactReader.I32);
    writeVarint(zigzag32(value));
  }

  /** An i64 field. */
  public void i64Field(int id, long value) {
    fieldBegin(id, CompactReader.I64);
    writeVarint(zigzag64(value));
  }

  /** A binary field. */
  public void binaryField(int id, byte[] value) {
    fieldBegin(id, CompactReader.BINARY);
    writeBinary(value, 0, value.length);
  }

  /** A string field, UTF-8. */
  public void stringField(int id, String value) {
    binaryField(id, value.getBytes(StandardCharsets.UTF_8));
  }

  /** A struct field header followed by {@link #structBegin()}; close it with {@link #structEnd()}. */
  public void structFieldBegin(int id) {
    fieldBegin(id, CompactReader.STRUCT);
    structBegin();
  }

  /** A list field header for {@code size} elements of compact type {@code elementType}. */
  public void listField(int id, int elementType, int size) {
    fieldBegin(id, CompactReader.LIST);
    listBegin(elementType, size);
  }

  /** A list header (inside a field or as an element). */
  public void listBegin(int elementType, int size) {
    if (size < 0) {
      throw new IllegalArgumentException("negative list size " + size);
    }
    if (size < 15) {
      writeByte((size << 4) | elementType);
    } else {
      writeByte(0xF0 | elementType);
      writeVarint(size);
    }
  }

  /** A boolean list element (1 for true, 2 for false, as TCompactProtocol writes them). */
  public void writeBool(boolean value) {
    writeByte(value ? CompactReader.BOOLEAN_TRUE : CompactReader.BOOLEAN_FALSE);
  }

  /** An i32 list element. */
  public void writeI32(int value) {
    writeVarint(zigzag32(value));
  }

  /** An i64 list element. */
  public void writeI64(long value) {
    writeVarint(zigzag64(value));
  }

  /** A binary list element: varint length then the bytes. */
  public void writeBinary(byte[] value, int offset, int length) {
    writeVarint(length & 0xFFFFFFFFL);
    ensure(length);
    System.arraycopy(value, offset, buf, size, length);
    size += length;
  }

  /** A string list element, UTF-8. */
  public void writeString(String value) {
    byte[] b = value.getBytes(StandardCharsets.UTF_8);
    writeBinary(b, 0, b.length);
  }

  /** One raw byte. */
  public void writeByte(int b) {
    ensure(1);
    buf[size++] = (byte) b;
  }

  /** An unsigned LEB128 varint. */
  public void writeVarint(long v) {
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      buf[size++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[size++] = (byte) v;
  }

  private static long zigzag32(int v) {
    return ((v << 1) ^ (v >> 31)) & 0xFFFFFFFFL;
  }

  private static long zigzag64(long v) {
    return (v << 1) ^ (v >> 63);
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      long want = Math.max((long) buf.length * 2, (long) size + more);
      if (want > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("Thrift structure larger than 2 GiB");
      }
      buf = Arrays.copyOf(buf, (int) want);
    }
  }
}
