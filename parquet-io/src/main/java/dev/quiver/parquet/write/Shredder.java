package dev.quiver.parquet.write;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Turns rows of an Arrow field into definition/repetition levels and value positions per leaf column (Dremel record
 * shredding, "Dremel: Interactive Analysis of Web-Scale Datasets" section 4.1, the inverse of the reader's record
 * assembly over {@link dev.quiver.parquet.schema.NestedShape}).
 *
 * <p>A top-level leaf takes the flat path: validity bits straight to definition levels, values contiguous when there
 * are no nulls. Nested fields are walked a node at a time over a batch of entries (vector position plus repetition
 * level, or a terminal entry whose definition level is already decided: a null or an empty list above the leaf);
 * each struct passes its entries to all its children, each list expands them into its elements.
 *
 * <p>Dictionary-encoded leaves are written as their values: an index pointing at a null dictionary entry is a null.
 *
 * <p>Errors: {@link IllegalArgumentException} when a non-nullable field holds a null (a null dictionary entry
 * included), or a dictionary-encoded leaf's dictionary is missing from the provider or an index is outside it.
 */
final class Shredder {
  /** Receives one leaf's levels and the vector holding its values (the dictionary for dictionary-encoded leaves). */
  interface Sink {
    void leaf(int leafIndex, LevelBatch levels, FieldVector values);
  }

  private static final VarHandle SHORTS =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final LevelBatch[] batches;
  /** Reused span of a dictionary-encoded leaf's index buffer, and its decoded indices. */
  private byte[] indexBytes = new byte[0];
  private int[] indexValues = new int[0];
  /** Reused copies of validity bits (rows, and the dictionary's entries) and of list offsets. */
  private final ArrowBuffers.Bits rowBits = new ArrowBuffers.Bits();
  private final ArrowBuffers.Bits dictBits = new ArrowBuffers.Bits();
  private int[] intOffsets = new int[0];
  private long[] longOffsets = new long[0];
  private final boolean[] hasRepetition;
  private final boolean[] hasDefinition;

  Shredder(WriteSchema schema) {
    int n = schema.leaves.size();
    batches = new LevelBatch[n];
    hasRepetition = new boolean[n];
    hasDefinition = new boolean[n];
    for (int i = 0; i < n; i++) {
      batches[i] = new LevelBatch();
      hasRepetition[i] = schema.leaves.get(i).maxRepetitionLevel() > 0;
      hasDefinition[i] = schema.leaves.get(i).maxDefinitionLevel() > 0;
    }
  }

  /** Shreds rows {@code [rowStart, rowStart + rowCount)} of {@code vector}, the field described by {@code node}. */
  void shred(WriteNode node, FieldVector vector, int rowStart, int rowCount, DictionaryProvider dictionaries,
      Sink sink) {
    if (node instanceof WriteNode.Leaf leaf && leaf.dictionaryId() == null) {
      flat(leaf, vector, rowStart, rowCount, sink);
      return;
    }
    Entries e = new Entries(rowCount);
    for (int i = 0; i < rowCount; i++) {
      e.pos[i] = rowStart + i;
    }
    e.n = rowCount;
    walk(node, vector, e, 0, dictionaries, sink);
  }

  private void flat(WriteNode.Leaf leaf, FieldVector vector, int rowStart, int rowCount, Sink sink) {
    LevelBatch b = batches[leaf.leafIndex()];
    boolean def = hasDefinition[leaf.leafIndex()];
    b.reset(rowCount, def, false);
    b.count = rowCount;
    ArrowBuffers.Bits valid = ArrowBuffers.validity(vector, rowStart, rowStart + rowCount, rowBits);
    if (valid == null) {
      if (def) {
        Arrays.fill(b.definitionLevels, 0, rowCount, 1);
      }
      b.valueStart = rowStart;
      b.valueCount = rowCount;
    } else if (!leaf.nullable()) {
      for (int i = rowStart; i < rowStart + rowCount; i++) {
        if (!valid.isSet(i)) {
          throw nullInRequired(vector);
        }
      }
      b.valueStart = rowStart;
      b.valueCount = rowCount;
    } else {
      int[] pos = b.positions(rowCount);
      int[] d = b.definitionLevels;
      int k = 0;
      for (int i = 0; i < rowCount; i++) {
        int p = rowStart + i;
        boolean present = valid.isSet(p);
        d[i] = present ? 1 : 0;
        pos[k] = p;
        k += present ? 1 : 0;
      }
      b.valueCount = k;
    }
    sink.leaf(leaf.leafIndex(), b, vector);
  }

  private void walk(WriteNode node, FieldVector vector, Entries e, int parentLevel, DictionaryProvider dictionaries,
      Sink sink) {
    if (node instanceof WriteNode.Leaf leaf) {
      leaf(leaf, vector, e, parentLevel, dictionaries, sink);
    } else if (node instanceof WriteNode.Struct struct) {
      Entries here = nullsToTerminal(struct, vector, e, parentLevel);
      StructVector sv = (StructVector) vector;
      for (int i = 0; i < struct.children().size(); i++) {
        walk(struct.children().get(i), (FieldVector) sv.getChildByOrdinal(i), here, struct.level(), dictionaries,
            sink);
      }
    } else {
      WriteNode.ListOf list = (WriteNode.ListOf) node;
      list(list, vector, e, parentLevel, dictionaries, sink);
    }
  }

  private Entries nullsToTerminal(WriteNode node, FieldVector vector, Entries e, int parentLevel) {
    ArrowBuffers.Bits valid = ArrowBuffers.validity(vector, minPos(e), maxPos(e) + 1, rowBits);
    if (valid == null) {
      return e;
    }
    if (!node.nullable()) {
      requirePresent(valid, e, vector);
      return e;
    }
    Entries out = new Entries(e.n);
    for (int k = 0; k < e.n; k++) {
      int p = e.pos[k];
      out.rep[k] = e.rep[k];
      if (p >= 0 && !valid.isSet(p)) {
        out.pos[k] = -1;
        out.def[k] = parentLevel;
      } else {
        out.pos[k] = p;
        out.def[k] = e.def[k];
      }
    }
    out.n = e.n;
    return out;
  }

  private void list(WriteNode.ListOf list, FieldVector vector, Entries e, int parentLevel,
      DictionaryProvider dictionaries, Sink sink) {
    int end = maxPos(e) + 1;
    int lo = Math.min(minPos(e), end);
    ArrowBuffers.Bits valid = ArrowBuffers.validity(vector, lo, end, rowBits);
    if (valid != null && !list.nullable()) {
      requirePresent(valid, e, vector);
      valid = null;
    }
    long[] starts = new long[e.n];
    long[] ends = new long[e.n];
    FieldVector data;
    if (list.kind() == WriteNode.Kind.LIST) {
      ListVector lv = (ListVector) vector;
      data = lv.getDataVector();
      int[] offsets = end == lo ? null
          : (intOffsets = ArrowBuffers.ints(lv.getOffsetBuffer(), lo, end + 1 - lo, intOffsets));
      for (int k = 0; k < e.n; k++) {
        int p = e.pos[k];
        if (p >= 0) {
          starts[k] = offsets[p - lo];
          ends[k] = offsets[p + 1 - lo];
        }
      }
    } else if (list.kind() == WriteNode.Kind.LARGE_LIST) {
      LargeListVector lv = (LargeListVector) vector;
      data = lv.getDataVector();
      long[] offsets = end == lo ? null
          : (longOffsets = ArrowBuffers.longs(lv.getOffsetBuffer(), lo, end + 1 - lo, longOffsets));
      for (int k = 0; k < e.n; k++) {
        int p = e.pos[k];
        if (p >= 0) {
          starts[k] = offsets[p - lo];
          ends[k] = offsets[p + 1 - lo];
        }
      }
    } else {
      FixedSizeListVector lv = (FixedSizeListVector) vector;
      data = lv.getDataVector();
      int size = lv.getListSize();
      for (int k = 0; k < e.n; k++) {
        int p = e.pos[k];
        if (p >= 0) {
          starts[k] = (long) p * size;
          ends[k] = (long) p * size + size;
        }
      }
    }
    long total = 0;
    for (int k = 0; k < e.n; k++) {
      int p = e.pos[k];
      boolean present = p >= 0 && (valid == null || valid.isSet(p));
      total += present && ends[k] > starts[k] ? ends[k] - starts[k] : 1;
    }
    if (total > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("more than 2^31 list elements in one batch of column '"
          + vector.getName() + "'");
    }
    Entries out = new Entries((int) total);
    int m = 0;
    for (int k = 0; k < e.n; k++) {
      int p = e.pos[k];
      if (p < 0) {
        out.pos[m] = -1;
        out.def[m] = e.def[k];
        out.rep[m++] = e.rep[k];
      } else if (valid != null && !valid.isSet(p)) {
        out.pos[m] = -1;
        out.def[m] = parentLevel;
        out.rep[m++] = e.rep[k];
      } else if (ends[k] <= starts[k]) {
        out.pos[m] = -1;
        out.def[m] = list.level();
        out.rep[m++] = e.rep[k];
      } else {
        int s = (int) starts[k];
        int len = (int) (ends[k] - starts[k]);
        out.pos[m] = s;
        out.rep[m++] = e.rep[k];
        for (int j = 1; j < len; j++) {
          out.pos[m] = s + j;
          out.rep[m++] = list.repetitionLevel();
        }
      }
    }
    out.n = m;
    walk(list.element(), data, out, list.level() + 1, dictionaries, sink);
  }

  private void leaf(WriteNode.Leaf leaf, FieldVector vector, Entries e, int parentLevel,
      DictionaryProvider dictionaries, Sink sink) {
    LevelBatch b = batches[leaf.leafIndex()];
    boolean rep = hasRepetition[leaf.leafIndex()];
    boolean def = hasDefinition[leaf.leafIndex()];
    b.reset(e.n, true, rep);
    int[] pos = b.positions(e.n);
    ArrowBuffers.Bits valid = ArrowBuffers.validity(vector, minPos(e), maxPos(e) + 1, rowBits);
    if (valid != null && !leaf.nullable()) {
      requirePresent(valid, e, vector);
      valid = null;
    }
    int[] d = b.definitionLevels;
    FieldVector values = vector;
    int k = 0;
    if (leaf.dictionaryId() == null) {
      for (int i = 0; i < e.n; i++) {
        int p = e.pos[i];
        if (p < 0) {
          d[i] = e.def[i];
        } else if (valid != null && !valid.isSet(p)) {
          d[i] = parentLevel;
        } else {
          d[i] = leaf.level();
          pos[k++] = p;
        }
      }
    } else {
      values = dictionary(leaf, vector, dictionaries);
      k = mapThroughDictionary(leaf, vector, values, e, valid, parentLevel, d, pos);
    }
    if (rep) {
      System.arraycopy(e.rep, 0, b.repetitionLevels, 0, e.n);
    }
    if (!def) {
      // every entry present: a required leaf under required ancestors only (repeated ones bring a level)
      b.definitionLevels = d;
    }
    b.count = e.n;
    b.valueCount = k;
    sink.leaf(leaf.leafIndex(), b, values);
  }

  private static FieldVector dictionary(WriteNode.Leaf leaf, FieldVector indices, DictionaryProvider dictionaries) {
    Dictionary dict = dictionaries == null ? null : dictionaries.lookup(leaf.dictionaryId());
    if (dict == null) {
      throw new IllegalArgumentException("no dictionary with id " + leaf.dictionaryId() + " for column '"
          + indices.getName() + "'");
    }
    return dict.getVector();
  }

  /**
   * Sets the definition levels of the entries {@code e} of a dictionary-encoded leaf and writes the dictionary
   * positions of its present values to {@code pos}; returns their count. The indices are copied out of the index
   * vector's data buffer in one bulk copy (by their byte width, unsigned for unsigned index types). An index that
   * points at a null dictionary entry makes the value null (an error for a non-nullable leaf).
   */
  private int mapThroughDictionary(WriteNode.Leaf leaf, FieldVector indices, FieldVector values, Entries e,
      ArrowBuffers.Bits valid, int parentLevel, int[] d, int[] pos) {
    int size = values.getValueCount();
    ArrowType.Int type = (ArrowType.Int) indices.getField().getType();
    int width = type.getBitWidth() / 8;
    boolean signed = type.getIsSigned();
    int lo = minPos(e);
    int hi = maxPos(e);
    byte[] raw = hi < 0 ? indexBytes
        : (indexBytes = ArrowBuffers.bytes(indices.getDataBuffer(), (long) lo * width, (hi - lo + 1) * width,
            indexBytes));
    if (indexValues.length < e.n) {
      indexValues = new int[Math.max(e.n, indexValues.length * 2)];
    }
    int[] idx = indexValues;
    // pass 1: each present row's index, checked against the dictionary; -1 for terminal and null entries
    int minIndex = Integer.MAX_VALUE;
    int maxIndex = -1;
    for (int i = 0; i < e.n; i++) {
      int p = e.pos[i];
      if (p < 0 || (valid != null && !valid.isSet(p))) {
        idx[i] = -1;
        continue;
      }
      int at = (p - lo) * width;
      long index = switch (width) {
        case 1 -> signed ? raw[at] : raw[at] & 0xFFL;
        case 2 -> signed ? (short) SHORTS.get(raw, at) : (short) SHORTS.get(raw, at) & 0xFFFFL;
        case 4 -> signed ? (int) INTS.get(raw, at) : (int) INTS.get(raw, at) & 0xFFFFFFFFL;
        default -> (long) LONGS.get(raw, at);
      };
      if (index < 0 || index >= size) {
        throw new IllegalArgumentException("dictionary index " + (width == 8 && !signed
            ? Long.toUnsignedString(index) : Long.toString(index)) + " outside the " + size
            + " entries of the dictionary of column '" + indices.getName() + "'");
      }
      idx[i] = (int) index;
      minIndex = Math.min(minIndex, (int) index);
      maxIndex = Math.max(maxIndex, (int) index);
    }
    // pass 2: levels and value positions; the dictionary's validity only over the entries referenced
    ArrowBuffers.Bits dictValid = ArrowBuffers.validity(values, minIndex, maxIndex + 1, dictBits);
    int k = 0;
    for (int i = 0; i < e.n; i++) {
      int p = e.pos[i];
      int index = idx[i];
      if (p < 0) {
        d[i] = e.def[i];
      } else if (index < 0) {
        d[i] = parentLevel;
      } else if (dictValid != null && !dictValid.isSet(index)) {
        if (!leaf.nullable()) {
          throw new IllegalArgumentException("field '" + indices.getName() + "' is not nullable but its index "
              + index + " points at a null dictionary entry");
        }
        d[i] = parentLevel;
      } else {
        d[i] = leaf.level();
        pos[k++] = index;
      }
    }
    return k;
  }

  private static void requirePresent(ArrowBuffers.Bits valid, Entries e, FieldVector vector) {
    for (int k = 0; k < e.n; k++) {
      int p = e.pos[k];
      if (p >= 0 && !valid.isSet(p)) {
        throw nullInRequired(vector);
      }
    }
  }

  /** The smallest position of a non-terminal entry, or {@code Integer.MAX_VALUE} when there is none. */
  private static int minPos(Entries e) {
    int min = Integer.MAX_VALUE;
    for (int i = 0; i < e.n; i++) {
      int p = e.pos[i];
      if (p >= 0 && p < min) {
        min = p;
      }
    }
    return min;
  }

  private static int maxPos(Entries e) {
    int max = -1;
    for (int i = 0; i < e.n; i++) {
      max = Math.max(max, e.pos[i]);
    }
    return max;
  }

  private static IllegalArgumentException nullInRequired(FieldVector v) {
    return new IllegalArgumentException("field '" + v.getName() + "' is not nullable but holds a null");
  }

  /** Entries of one node: a vector position (or -1 for a terminal entry), its repetition level, and a terminal's definition level. */
  private static final class Entries {
    final int[] pos;
    final int[] def;
    final int[] rep;
    int n;

    Entries(int capacity) {
      pos = new int[capacity];
      def = new int[capacity];
      rep = new int[capacity];
    }
  }
}
