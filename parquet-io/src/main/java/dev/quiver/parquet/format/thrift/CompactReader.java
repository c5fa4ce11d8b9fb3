package dev.quiver.parquet.format.thrift;

import dev.quiver.parquet.ParquetCorruptionException;
import java.nio.charset.StandardCharsets;

/**
 * A reader of the Thrift compact protocol over a bounded window of a heap array: the encoding of every Parquet
 * metadata structure (footer, page headers, page index, bloom filter headers).
 *
 * <p>Source: the Thrift compact protocol specification ({@code doc/specs/thrift-compact-protocol.md} in
 * apache/thrift). Field headers carry a 4-bit id delta and a 4-bit type; integers are zigzag varints; binaries
 * and strings are a varint length then bytes; lists carry a size and an element type; structs end with a STOP
 * byte.
 *
 * <p>Defensive by construction (the rules of the Parquet footer readers of arrow-rs and Trino):
 * <ul>
 *   <li>every read checks the bytes remain before it touches them;
 *   <li>every length (binary, list, map) is checked against the bytes that remain before anything is allocated,
 *       so a corrupt length can never cause a large allocation;
 *   <li>nesting (structs, lists, maps) is limited to {@value #MAX_DEPTH} levels, for reads and for skipping
 *       unknown fields alike;
 *   <li>a field whose wire type differs from the type the schema gives it is an error, not a misread.
 * </ul>
 * Every failure is a {@link ParquetCorruptionException} carrying the file offset of the byte at fault (the
 * window's file offset is given at construction). Not thread-safe; cheap to create.
 *
 * <p>Structs are read with {@link #beginStruct()} followed by {@link #nextField()} until it returns false,
 * dispatching on {@link #fieldId()} and reading the value with the typed {@code *Field} methods, or
 * {@link #skipField()} for ids the reader does not know.
 */
public final class CompactReader {
  /** The deepest nesting of structs, lists and maps accepted, as in arrow-rs's Thrift reader. */
  public static final int MAX_DEPTH = 64;

  /** Wire type: Ends a struct. */
  public static final int STOP = 0;
  /** Wire type: A boolean true (in a field header; 1 in a collection element). */
  public static final int BOOLEAN_TRUE = 1;
  /** Wire type: A boolean false. */
  public static final int BOOLEAN_FALSE = 2;
  /** Wire type: An i8. */
  public static final int BYTE = 3;
  /** Wire type: A zigzag varint i16. */
  public static final int I16 = 4;
  /** Wire type: A zigzag varint i32. */
  public static final int I32 = 5;
  /** Wire type: A zigzag varint i64. */
  public static final int I64 = 6;
  /** Wire type: Eight little-endian bytes. */
  public static final int DOUBLE = 7;
  /** Wire type: A varint length, then bytes. */
  public static final int BINARY = 8;
  /** Wire type: A list header, then elements. */
  public static final int LIST = 9;
  /** Wire type: As LIST. */
  public static final int SET = 10;
  /** Wire type: A varint size, a key/value type byte, then entries. */
  public static final int MAP = 11;
  /** Wire type: Fields until STOP. */
  public static final int STRUCT = 12;

  private final byte[] buf;
  private final int start;
  private final int limit;
  private final long fileOffset;
  private int pos;

  private final short[] lastFieldIds = new short[MAX_DEPTH + 1];
  private int depth;
  private int fieldId;
  private int fieldType;
  private int listElementType;

  /**
   * @param buf the bytes
   * @param offset where the window starts in {@code buf}
   * @param length the window's length in bytes; reads never go past it
   * @param fileOffset the file offset of {@code buf[offset]}, for error messages
   */
  public CompactReader(byte[] buf, int offset, int length, long fileOffset) {
    if (offset < 0 || length < 0 || offset > buf.length - length) {
      throw new IndexOutOfBoundsException("window " + offset + "+" + length + " outside array of " + buf.length);
    }
    this.buf = buf;
    this.start = offset;
    this.pos = offset;
    this.limit = offset + length;
    this.fileOffset = fileOffset;
  }

  /** Bytes consumed since the start of the window. */
  public int consumed() {
    return pos - start;
  }

  /** Bytes left in the window. */
  public int remaining() {
    return limit - pos;
  }

  /** The file offset of the next byte to read. */
  public long fileOffset() {
    return fileOffset + (pos - start);
  }

  /** A corruption error at the current position. */
  public ParquetCorruptionException corrupt(String detail) {
    return new ParquetCorruptionException("invalid Thrift metadata: " + detail).at(fileOffset());
  }

  // ---- structs and fields ----

  /** Enters a struct: the following {@link #nextField()} calls read its fields. */
  public void beginStruct() {
    if (depth >= MAX_DEPTH) {
      throw corrupt("structures nested deeper than " + MAX_DEPTH);
    }
    lastFieldIds[++depth] = 0;
  }

  /**
   * Reads the next field header of the innermost open struct.
   *
   * @return false at the struct's STOP byte (the struct is then closed), true when a field follows; its id and
   *     wire type are then {@link #fieldId()} and {@link #fieldType()}
   */
  public boolean nextField() {
    int header = readByte() & 0xFF;
    if (header == STOP) {
      if (depth == 0) {
        throw corrupt("STOP outside a struct");
      }
      depth--;
      return false;
    }
    int type = header & 0x0F;
    int delta = header >>> 4;
    int id = delta == 0 ? readI16() : lastFieldIds[depth] + delta;
    if (type > STRUCT) {
      throw corrupt("unknown wire type " + type + " for field " + id);
    }
    lastFieldIds[depth] = (short) id;
    fieldId = id;
    fieldType = type;
    return true;
  }

  /**
   * Reads the next field header whose wire type fits the struct's declared types, skipping any field whose type
   * does not: a writer that put another type under a known id is treated as having written an unknown field, as
   * Thrift-generated readers (parquet-java's among them) do.
   *
   * @param expectedTypes the wire type each field id must have, indexed by id; 0 (or an id past the end) means
   *     the caller does not know the id and will skip it. {@link #I32} accepts the narrower integer types,
   *     {@link #I64} all integer types, {@link #BOOLEAN_TRUE} both boolean types, {@link #LIST} also sets.
   * @return as {@link #nextField()}
   */
  public boolean nextField(byte[] expectedTypes) {
    while (nextField()) {
      int id = fieldId;
      int expected = id >= 0 && id < expectedTypes.length ? expectedTypes[id] : 0;
      if (expected == 0 || compatible(expected, fieldType)) {
        return true;
      }
      skipField();
    }
    return false;
  }

  private static boolean compatible(int expected, int actual) {
    return switch (expected) {
      case BOOLEAN_TRUE, BOOLEAN_FALSE -> actual == BOOLEAN_TRUE || actual == BOOLEAN_FALSE;
      case I32 -> actual == I32 || actual == I16 || actual == BYTE;
      case I64 -> actual == I64 || actual == I32 || actual == I16 || actual == BYTE;
      case LIST, SET -> actual == LIST || actual == SET;
      default -> actual == expected;
    };
  }

  /** The id of the field whose header {@link #nextField()} read last. */
  public int fieldId() {
    return fieldId;
  }

  /** The wire type of that field. */
  public int fieldType() {
    return fieldType;
  }

  /** Skips the value of the current field, whatever its type (up to the depth limit). */
  public void skipField() {
    if (fieldType == BOOLEAN_TRUE || fieldType == BOOLEAN_FALSE) {
      return; // a boolean field's value lives in its header
    }
    skipValue(fieldType);
  }

  private void expect(int wireType) {
    if (fieldType != wireType && !(wireType == BOOLEAN_TRUE && fieldType == BOOLEAN_FALSE)) {
      throw corrupt("field " + fieldId + " has wire type " + fieldType + ", expected " + wireType);
    }
  }

  /** The current field's value as a boolean. */
  public boolean boolField() {
    expect(BOOLEAN_TRUE);
    return fieldType == BOOLEAN_TRUE;
  }

  /** The current field's value as an i8. */
  public byte byteField() {
    expect(BYTE);
    return readByte();
  }

  /** The current field's value as an i16. */
  public short i16Field() {
    expect(I16);
    return readI16();
  }

  /** The current field's value as an i32 (an i16 or i8 on the wire is widened, as lenient readers do). */
  public int i32Field() {
    if (fieldType == I16) {
      return readI16();
    }
    if (fieldType == BYTE) {
      return readByte();
    }
    expect(I32);
    return readI32();
  }

  /** The current field's value as an i64 (narrower integers are widened). */
  public long i64Field() {
    if (fieldType == I32 || fieldType == I16) {
      return readI32();
    }
    expect(I64);
    return readI64();
  }

  /** The current field's value as a double. */
  public double doubleField() {
    expect(DOUBLE);
    return readDouble();
  }

  /** The current field's value as bytes; the length is checked against the window first. */
  public byte[] binaryField() {
    expect(BINARY);
    return readBinary();
  }

  /** The current field's value as a UTF-8 string; malformed UTF-8 is replaced, not rejected. */
  public String stringField() {
    expect(BINARY);
    return readString();
  }

  /** Enters the current field's struct value: follow with {@link #nextField()} calls. */
  public void structField() {
    expect(STRUCT);
    beginStruct();
  }

  /**
   * Reads the header of the current field's list (or set) value.
   *
   * @param elementType the wire type the elements must have ({@link #BOOLEAN_TRUE} accepts either boolean type)
   * @return the number of elements, checked to fit in the remaining bytes (every element takes at least one)
   */
  public int listField(int elementType) {
    if (fieldType != LIST && fieldType != SET) {
      throw corrupt("field " + fieldId + " has wire type " + fieldType + ", expected a list");
    }
    int size = readListHeader();
    if (size > 0 && listElementType != elementType
        && !(elementType == BOOLEAN_TRUE && listElementType == BOOLEAN_FALSE)) {
      throw corrupt("list field " + fieldId + " has elements of wire type " + listElementType
          + ", expected " + elementType);
    }
    return size;
  }

  // ---- raw values ----

  /** One byte. */
  public byte readByte() {
    if (pos >= limit) {
      throw corrupt("metadata ends early (truncated footer or page header)");
    }
    return buf[pos++];
  }

  /** A boolean list element: one byte, 1 for true (2 or 0 for false). */
  public boolean readBoolElement() {
    return readByte() == BOOLEAN_TRUE;
  }

  /** A zigzag varint i16. */
  public short readI16() {
    int v = readI32();
    if (v != (short) v) {
      throw corrupt("i16 value out of range: " + v);
    }
    return (short) v;
  }

  /** A zigzag varint i32. */
  public int readI32() {
    int raw = readVarint32();
    return (raw >>> 1) ^ -(raw & 1);
  }

  /** A zigzag varint i64. */
  public long readI64() {
    long raw = readVarint64();
    return (raw >>> 1) ^ -(raw & 1);
  }

  /** Eight little-endian bytes as an IEEE double. */
  public double readDouble() {
    require(8);
    long bits = 0;
    for (int i = 7; i >= 0; i--) {
      bits = (bits << 8) | (buf[pos + i] & 0xFFL);
    }
    pos += 8;
    return Double.longBitsToDouble(bits);
  }

  /** A length-prefixed byte string, copied out. */
  public byte[] readBinary() {
    int length = readLength();
    byte[] out = new byte[length];
    System.arraycopy(buf, pos, out, 0, length);
    pos += length;
    return out;
  }

  /** A length-prefixed UTF-8 string. */
  public String readString() {
    int length = readLength();
    String s = new String(buf, pos, length, StandardCharsets.UTF_8);
    pos += length;
    return s;
  }

  /** A list/set header: returns the size; the element type is then {@link #listElementType()}. */
  public int readListHeader() {
    int header = readByte() & 0xFF;
    int size = header >>> 4;
    if (size == 15) {
      size = readVarint32();
    }
    listElementType = header & 0x0F;
    if (size < 0 || size > remaining()) {
      throw corrupt("list of " + Integer.toUnsignedString(size) + " elements in " + remaining() + " bytes");
    }
    return size;
  }

  /** The element wire type of the list whose header was read last. */
  public int listElementType() {
    return listElementType;
  }

  private int readLength() {
    int length = readVarint32();
    if (length < 0 || length > remaining()) {
      throw corrupt("length " + Integer.toUnsignedString(length) + " exceeds the " + remaining() + " bytes left");
    }
    return length;
  }

  private void require(int n) {
    if (limit - pos < n) {
      throw corrupt("metadata ends early (truncated footer or page header)");
    }
  }

  private int readVarint32() {
    int result = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      byte b = readByte();
      result |= (b & 0x7F) << shift;
      if (b >= 0) {
        return result;
      }
    }
    throw corrupt("varint longer than 5 bytes");
  }

  private long readVarint64() {
    long result = 0;
    for (int shift = 0; shift < 70; shift += 7) {
      byte b = readByte();
      result |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return result;
      }
    }
    throw corrupt("varint longer than 10 bytes");
  }

  /** Skips one value of the given wire type in collection context (booleans take a byte there). */
  private void skipValue(int type) {
    switch (type) {
      case BOOLEAN_TRUE, BOOLEAN_FALSE, BYTE -> readByte();
      case I16, I32 -> readVarint32();
      case I64 -> readVarint64();
      case DOUBLE -> {
        require(8);
        pos += 8;
      }
      case BINARY -> {
        int length = readLength(); // not "pos += readLength()": that would read pos before the length advances it
        pos += length;
      }
      case LIST, SET -> {
        enterCollection();
        int size = readListHeader();
        int elementType = listElementType;
        for (int i = 0; i < size; i++) {
          skipValue(elementType);
        }
        depth--;
      }
      case MAP -> {
        enterCollection();
        int size = readVarint32();
        if (size < 0 || size > remaining()) {
          throw corrupt("map of " + Integer.toUnsignedString(size) + " entries in " + remaining() + " bytes");
        }
        if (size > 0) {
          int kv = readByte() & 0xFF;
          for (int i = 0; i < size; i++) {
            skipValue(kv >>> 4);
            skipValue(kv & 0x0F);
          }
        }
        depth--;
      }
      case STRUCT -> {
        beginStruct();
        while (nextField()) {
          skipField();
        }
      }
      default -> throw corrupt("unknown wire type " + type);
    }
  }

  private void enterCollection() {
    if (depth >= MAX_DEPTH) {
      throw corrupt("structures nested deeper than " + MAX_DEPTH);
    }
    lastFieldIds[++depth] = 0;
  }
}
