package dev.quiver.parquet.read;

import dev.quiver.columnar.Bitmaps;
import dev.quiver.parquet.ParquetCorruptionException;
import dev.quiver.parquet.schema.NestedShape;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.complex.StructVector;

/**
 * Reads one nested top-level field (structs, lists and maps at any depth) into its Arrow vector: the Dremel
 * record-assembly algorithm, run from the repetition and definition levels of the field's leaf columns.
 *
 * <p>Each entry of a leaf walks the field's shape from the top: an entry with repetition level 0 opens a new
 * top-level slot; at a list, an entry whose repetition level is below the list's opens a new list (null when its
 * definition level is below the list's present level, empty when below the element level), one equal to it adds
 * an element to the current list, and one above it continues inside the current element; at a struct a new slot
 * is null when the definition level is below the struct's, and the null reaches every struct, list and leaf below
 * it on the path; at the leaf a new slot holds the next value when the definition level is the column's maximum.
 *
 * <p>Each struct and list takes its validity and offsets from the first leaf below it (all leaves below agree on
 * them in a valid file); each leaf fills its own values. Not thread-safe.
 */
final class NestedFieldReader implements FieldReader {
  private final NestedShape shape;
  private final List<RepeatedColumnReader> leaves;
  /** For each leaf, the shape nodes from the top-level field down to the leaf. */
  private final List<NestedShape[]> paths = new ArrayList<>();
  /** The leaf that builds each struct's and list's validity and offsets. */
  private final Map<NestedShape, Integer> owner = new IdentityHashMap<>();
  private final Map<NestedShape, Builder> builders = new IdentityHashMap<>();
  private final Map<NestedShape, RepeatedColumnReader> leafReaders = new IdentityHashMap<>();
  private int currentLeaf = -1;
  /** Per leaf, its path as plain arrays for the assembly loop (no map lookups or type tests per entry). */
  private final List<PathArrays> pathArrays = new ArrayList<>();

  private static final int LEAF = 0;
  private static final int STRUCT = 1;
  private static final int LIST = 2;

  /**
   * One leaf's path from the top-level field down: per node its kind, present level, element level and
   * repetition level (lists), fixed size (fixed-size lists) and, where this leaf owns the node, its builder.
   */
  private record PathArrays(int[] kind, int[] present, int[] element, int[] repetition, int[] fixed,
      Builder[] builder, NestedShape[] nodes) {
    /**
     * Whether this leaf builds no struct's or list's validity or offsets (other leaves own them all) and no list on
     * its path is fixed-size: then only its own slots are assembled.
     */
    boolean onlyLeafSlots() {
      for (int k = 0; k < kind.length; k++) {
        if (kind[k] != LEAF && builder[k] != null || fixed[k] > 0) {
          return false;
        }
      }
      return true;
    }

    /** Whether the path holds structs and the leaf only. */
    boolean noLists() {
      for (int k : kind) {
        if (k == LIST) {
          return false;
        }
      }
      return true;
    }
  }

  private PathArrays arrays(NestedShape[] path, int leafIndex) {
    int n = path.length;
    int[] kind = new int[n];
    int[] present = new int[n];
    int[] element = new int[n];
    int[] repetition = new int[n];
    int[] fixed = new int[n];
    Builder[] builder = new Builder[n];
    for (int k = 0; k < n; k++) {
      NestedShape node = path[k];
      if (node instanceof NestedShape.Leaf l) {
        kind[k] = LEAF;
        present[k] = l.presentLevel();
      } else if (node instanceof NestedShape.Struct st) {
        kind[k] = STRUCT;
        present[k] = st.presentLevel();
      } else {
        NestedShape.ListOf list = (NestedShape.ListOf) node;
        kind[k] = LIST;
        present[k] = list.presentLevel();
        element[k] = list.elementLevel();
        repetition[k] = list.repetitionLevel();
        fixed[k] = fixedSize(node);
      }
      if (owner.getOrDefault(node, -1) == leafIndex) {
        builder[k] = builders.get(node);
      }
    }
    return new PathArrays(kind, present, element, repetition, fixed, builder, path);
  }

  /** Sets bits {@code [from, from + n)} of {@code validity}: bit {@code from + i} when {@code def[i] >= present}. */
  static void setValidity(byte[] validity, int from, int[] def, int n, int present) {
    int i = 0;
    // up to a byte boundary, then whole bytes of eight levels
    while (i < n && ((from + i) & 7) != 0) {
      Bitmaps.set(validity, from + i, def[i] >= present);
      i++;
    }
    for (; i + 8 <= n; i += 8) {
      int bits = 0;
      for (int b = 0; b < 8; b++) {
        bits |= (def[i + b] >= present ? 1 : 0) << b;
      }
      validity[(from + i) >>> 3] = (byte) bits;
    }
    for (; i < n; i++) {
      Bitmaps.set(validity, from + i, def[i] >= present);
    }
  }

  /** The size of a list node read as a FixedSizeList, 0 for a variable-size list. */
  private static int fixedSize(NestedShape node) {
    return node instanceof NestedShape.ListOf l && l.field().getType() instanceof ArrowType.FixedSizeList f
        ? f.getListSize() : 0;
  }

  /** Validity (and for lists offsets) of one struct or list for the batch. */
  private static final class Builder {
    byte[] validity = new byte[128];
    int slots;
    int[] offsets = new int[129];
    int elements;

    void reset() {
      slots = 0;
      elements = 0;
      offsets[0] = 0;
    }

    void addSlot(boolean valid) {
      if ((slots >>> 3) >= validity.length) {
        validity = Arrays.copyOf(validity, validity.length * 2);
      }
      Bitmaps.set(validity, slots, valid);
      slots++;
    }

    /** Appends {@code n} slots, slot {@code i} valid when {@code def[i] >= present}. */
    void addSlots(int[] def, int n, int present) {
      int bytes = (slots + n + 7) >>> 3;
      if (bytes > validity.length) {
        validity = Arrays.copyOf(validity, Math.max(bytes, validity.length * 2));
      }
      setValidity(validity, slots, def, n, present);
      slots += n;
    }

    void endListSlot() {
      if (slots >= offsets.length) {
        offsets = Arrays.copyOf(offsets, offsets.length * 2);
      }
      offsets[slots] = elements;
    }
  }

  /** @param readers one reader per leaf of {@code shape}, in schema order */
  NestedFieldReader(NestedShape shape, Map<NestedShape.Leaf, RepeatedColumnReader> readers) {
    this.shape = shape;
    this.leaves = new ArrayList<>();
    List<NestedShape> path = new ArrayList<>();
    walk(shape, path, readers);
    for (int i = 0; i < paths.size(); i++) {
      pathArrays.add(arrays(paths.get(i), i));
    }
  }

  private void walk(NestedShape node, List<NestedShape> path, Map<NestedShape.Leaf, RepeatedColumnReader> readers) {
    path.add(node);
    if (node instanceof NestedShape.Leaf leaf) {
      int index = leaves.size();
      RepeatedColumnReader reader = readers.get(leaf);
      leaves.add(reader);
      leafReaders.put(leaf, reader);
      paths.add(path.toArray(new NestedShape[0]));
      for (NestedShape ancestor : path) {
        if (!(ancestor instanceof NestedShape.Leaf) && !owner.containsKey(ancestor)) {
          owner.put(ancestor, index);
          builders.put(ancestor, new Builder());
        }
      }
    } else if (node instanceof NestedShape.Struct s) {
      for (NestedShape child : s.children()) {
        walk(child, path, readers);
      }
    } else {
      walk(((NestedShape.ListOf) node).element(), path, readers);
    }
    path.remove(path.size() - 1);
  }

  /** The path of the leaf being read, for error context; the first leaf before any read. */
  @Override
  public String column() {
    return leaves.get(Math.max(currentLeaf, 0)).path();
  }

  /** The page the leaf being read is on. */
  @Override
  public int pageOrdinal() {
    return leaves.get(Math.max(currentLeaf, 0)).pageOrdinal();
  }

  /**
   * Reads the next {@code rows} rows into {@code vector}, which must be empty and of the shape's type.
   *
   * @throws ParquetCorruptionException when a leaf's levels or values are corrupt, or the leaves disagree
   */
  @Override
  public void readBatch(FieldVector vector, int rows) {
    for (Builder b : builders.values()) {
      b.reset();
    }
    for (int i = 0; i < leaves.size(); i++) {
      currentLeaf = i;
      RepeatedColumnReader leaf = leaves.get(i);
      leaf.readLevels(rows);
      assemble(leaf, pathArrays.get(i));
    }
    fillVector(shape, vector);
  }

  /**
   * Moves past the next {@code rows} rows without assembling them: each leaf reads their levels and skips their
   * values (see {@link RepeatedColumnReader#skipRows}).
   *
   * @throws ParquetCorruptionException when a leaf's levels are corrupt
   */
  void skipRows(int rows) {
    for (int i = 0; i < leaves.size(); i++) {
      currentLeaf = i;
      leaves.get(i).skipRows(rows);
    }
  }

  private void assemble(RepeatedColumnReader leaf, PathArrays p) {
    if (p.noLists()) {
      assembleWithoutLists(leaf, p);
      return;
    }
    if (p.onlyLeafSlots()) {
      assembleLeafSlots(leaf, p);
      return;
    }
    int[] rep = leaf.rep;
    int[] def = leaf.def;
    int[] kind = p.kind();
    int[] present = p.present();
    int[] element = p.element();
    int[] repetition = p.repetition();
    Builder[] builder = p.builder();
    int depth = kind.length;
    int entries = leaf.entries;
    for (int e = 0; e < entries; e++) {
      int r = rep[e];
      int d = def[e];
      boolean newSlot = r == 0;
      for (int k = 0; k < depth; k++) {
        Builder b = builder[k];
        if (kind[k] == LEAF) {
          if (newSlot) {
            leaf.addSlot(d >= present[k]);
          }
        } else if (kind[k] == STRUCT) {
          if (newSlot && d < present[k]) {
            nullBelow(p, k, leaf);
            break;
          }
          if (newSlot && b != null) {
            b.addSlot(true);
          }
        } else if (newSlot) {
          if (d < present[k]) {
            nullBelow(p, k, leaf);
            break;
          }
          if (b != null) {
            b.addSlot(true);
          }
          if (d < element[k]) {
            if (b != null) {
              b.endListSlot();
            }
            if (p.fixed()[k] > 0) {
              throw new ParquetCorruptionException("an empty list where the stored Arrow schema says "
                  + p.nodes()[k].field().getType());
            }
            break; // an empty list: nothing below
          }
          if (b != null) {
            b.elements++;
            b.endListSlot();
          }
        } else if (r == repetition[k]) {
          if (b != null) {
            b.elements++;
            b.offsets[b.slots] = b.elements;
          }
          newSlot = true;
        } else if (r < repetition[k]) {
          throw new ParquetCorruptionException("repetition level " + r + " inside a list of level "
              + repetition[k] + " without a new slot");
        }
        // a list entry with r above the list's level continues inside the current element; newSlot stays false
      }
    }
  }

  /**
   * A leaf that owns no struct or list builder (a second field of a struct inside a list, a map's values), below
   * variable-size lists: an entry holds a slot of the leaf exactly when its definition level reaches the element
   * level of the deepest list on the path (a null or empty list above stops the walk before the leaf; a null struct
   * below the deepest list still gives the leaf a null slot), valid when it reaches the leaf's present level. One
   * tight loop instead of a walk of the path per entry.
   */
  private static void assembleLeafSlots(RepeatedColumnReader leaf, PathArrays p) {
    int[] kind = p.kind();
    int elementLevel = 0;
    int present = 0;
    for (int k = 0; k < kind.length; k++) {
      if (kind[k] == LIST) {
        elementLevel = p.element()[k];
      } else if (kind[k] == LEAF) {
        present = p.present()[k];
      }
    }
    leaf.addSlotsReaching(leaf.def, leaf.entries, elementLevel, present);
  }

  /**
   * A leaf below structs only (no list on its path, so no repetition): every entry is one new slot of every node on
   * the path, valid where the entry's definition level reaches the node's present level (a null struct makes every
   * node below it null too, as their present levels are higher). One tight loop per node instead of a walk per
   * entry.
   */
  private static void assembleWithoutLists(RepeatedColumnReader leaf, PathArrays p) {
    int[] def = leaf.def;
    int entries = leaf.entries;
    int[] kind = p.kind();
    for (int k = 0; k < kind.length; k++) {
      if (kind[k] == LEAF) {
        leaf.addSlots(def, entries, p.present()[k]);
      } else if (p.builder()[k] != null) {
        p.builder()[k].addSlots(def, entries, p.present()[k]);
      }
    }
  }

  /**
   * A null at node {@code k} of the path for a new slot: a null slot for it and every struct below down to a list
   * or the leaf; a null fixed-size list still holds its size in null elements.
   */
  private void nullBelow(PathArrays p, int k, RepeatedColumnReader leaf) {
    int[] kind = p.kind();
    for (int j = k; j < kind.length; j++) {
      if (kind[j] == LEAF) {
        leaf.addSlot(false);
        return;
      }
      Builder b = p.builder()[j];
      if (b != null) {
        b.addSlot(false);
        if (kind[j] == LIST) {
          b.elements += p.fixed()[j];
          b.endListSlot();
        }
      }
      if (kind[j] == LIST) {
        for (int i = p.fixed()[j]; i > 0; i--) {
          nullBelow(p, j + 1, leaf);
        }
        return; // a null variable-size list has no elements
      }
    }
  }

  private void fillFixedSizeList(NestedShape.ListOf list, Builder b, FixedSizeListVector vector) {
    int slots = b.slots;
    int size = vector.getListSize();
    for (int i = 0; i < slots; i++) {
      if (b.offsets[i + 1] - b.offsets[i] != size) {
        throw new ParquetCorruptionException("list of " + (b.offsets[i + 1] - b.offsets[i])
            + " elements where the stored Arrow schema says " + list.field().getType());
      }
    }
    vector.setInitialCapacity(Math.max(slots, 1));
    vector.allocateNew();
    vector.getValidityBuffer().setBytes(0, b.validity, 0, (slots + 7) >>> 3);
    FieldVector data = vector.getDataVector();
    fillVector(list.element(), data);
    if (data.getValueCount() != slots * size) {
      throw new ParquetCorruptionException("fixed-size list " + list.field().getName() + " has " + slots
          + " lists of " + size + " but its element column holds " + data.getValueCount());
    }
    vector.setValueCount(slots);
  }

  /** A list read as {@code LargeList}: the same slots as a {@code List}, offsets widened to 64 bits. */
  private void fillLargeList(NestedShape.ListOf list, Builder b, LargeListVector vector) {
    int slots = b.slots;
    vector.setInitialCapacity(Math.max(slots, 1));
    vector.allocateNew();
    ArrowBuf offsets = vector.getOffsetBuffer();
    int[] source = b.offsets;
    for (int i = 0; i <= slots; i++) {
      offsets.setLong((long) i * LargeListVector.OFFSET_WIDTH, source[i]);
    }
    vector.getValidityBuffer().setBytes(0, b.validity, 0, (slots + 7) >>> 3);
    FieldVector data = vector.getDataVector();
    fillVector(list.element(), data);
    if (data.getValueCount() != b.elements) {
      throw new ParquetCorruptionException("list " + list.field().getName() + " has " + b.elements
          + " elements but its element column holds " + data.getValueCount());
    }
    vector.setLastSet(slots - 1);
    vector.setValueCount(slots);
  }

  private void fillVector(NestedShape node, FieldVector vector) {
    if (node instanceof NestedShape.Leaf l) {
      leafReaders.get(l).fillSlots(vector);
      return;
    }
    Builder b = builders.get(node);
    int slots = b.slots;
    if (node instanceof NestedShape.Struct s) {
      StructVector struct = (StructVector) vector;
      struct.setInitialCapacity(Math.max(slots, 1));
      struct.allocateNew();
      struct.getValidityBuffer().setBytes(0, b.validity, 0, (slots + 7) >>> 3);
      for (int i = 0; i < s.children().size(); i++) {
        FieldVector child = (FieldVector) struct.getChildByOrdinal(i);
        fillVector(s.children().get(i), child);
        if (child.getValueCount() != slots) {
          throw new ParquetCorruptionException("struct field " + s.field().getName() + " has " + slots
              + " values but its child " + child.getName() + " has " + child.getValueCount());
        }
      }
      struct.setValueCount(slots);
      return;
    }
    NestedShape.ListOf list = (NestedShape.ListOf) node;
    if (vector instanceof FixedSizeListVector fixed) {
      fillFixedSizeList(list, b, fixed);
      return;
    }
    if (vector instanceof LargeListVector large) {
      fillLargeList(list, b, large);
      return;
    }
    ListVector listVector = (ListVector) vector;
    listVector.setInitialCapacity(Math.max(slots, 1));
    listVector.allocateNew();
    listVector.getOffsetBuffer().nioBuffer(0, (slots + 1) * 4).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer()
        .put(b.offsets, 0, slots + 1);
    listVector.getValidityBuffer().setBytes(0, b.validity, 0, (slots + 7) >>> 3);
    FieldVector data = listVector.getDataVector();
    fillVector(list.element(), data);
    if (data.getValueCount() != b.elements) {
      throw new ParquetCorruptionException("list " + list.field().getName() + " has " + b.elements
          + " elements but its element column holds " + data.getValueCount());
    }
    listVector.setLastSet(slots - 1);
    listVector.setValueCount(slots);
  }
}
