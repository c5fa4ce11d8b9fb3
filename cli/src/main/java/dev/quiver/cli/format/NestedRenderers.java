package dev.quiver.cli.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntervalDayVector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.IntervalYearVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.holders.NullableIntervalDayHolder;
import org.apache.arrow.vector.holders.NullableIntervalMonthDayNanoHolder;

/**
 * The renderers of values that are JSON arrays or objects: lists, structs, maps and intervals. Child renderers
 * are resolved once, when the parent's is made. The text of such a value is its compact JSON.
 */
final class NestedRenderers {
  private static final SerializableString KEY = new SerializedString("key");
  private static final SerializableString VALUE = new SerializedString("value");
  private static final SerializableString MONTHS = new SerializedString("months");
  private static final SerializableString DAYS = new SerializedString("days");
  private static final SerializableString MILLIS = new SerializedString("millis");
  private static final long NANOS_PER_MILLI = 1_000_000L;

  private NestedRenderers() {}

  /** Values whose text is their compact JSON, rendered through a scratch generator made on first use. */
  abstract static class JsonText extends ValueRenderer {
    private StringWriter scratch;
    private JsonGenerator scratchGenerator;

    JsonText(ValueVector vector) {
      super(vector);
    }

    @Override
    public final String text(int index) {
      try {
        if (scratchGenerator == null) {
          scratch = new StringWriter();
          scratchGenerator = JsonLinesWriter.FACTORY.createGenerator(scratch);
          scratchGenerator.setRootValueSeparator(null);
        }
        writeJson(scratchGenerator, index);
        scratchGenerator.flush();
        String text = scratch.toString();
        scratch.getBuffer().setLength(0);
        return text;
      } catch (IOException e) {
        throw new UncheckedIOException(e); // a StringWriter does not fail
      }
    }
  }

  /** List: a JSON array of the elements, in order. */
  static final class Lists extends JsonText {
    private final ListVector list;
    private final ValueRenderer elements;

    Lists(ListVector vector) {
      super(vector);
      this.list = vector;
      this.elements = ValueRenderers.of(vector.getDataVector());
    }

    @Override
    public void writeJson(JsonGenerator g, int index) throws IOException {
      g.writeStartArray();
      for (int i = list.getElementStartIndex(index), end = list.getElementEndIndex(index); i < end; i++) {
        elements.writeJsonOrNull(g, i);
      }
      g.writeEndArray();
    }
  }

  /** LargeList: a JSON array of the elements, in order. */
  static final class LargeLists extends JsonText {
    private final LargeListVector list;
    private final ValueRenderer elements;

    LargeLists(LargeListVector vector) {
      super(vector);
      this.list = vector;
      this.elements = ValueRenderers.of(vector.getDataVector());
    }

    @Override
    public void writeJson(JsonGenerator g, int index) throws IOException {
      g.writeStartArray();
      for (long i = list.getElementStartIndex(index), end = list.getElementEndIndex(index); i < end; i++) {
        elements.writeJsonOrNull(g, Math.toIntExact(i));
      }
      g.writeEndArray();
    }
  }

  /** FixedSizeList(n): a JSON array of n elements. */
  static final class FixedSizeLists extends JsonText {
    private final int size;
    private final ValueRenderer elements;

    FixedSizeLists(FixedSizeListVector vector) {
      super(vector);
      this.size = vector.getListSize();
      this.elements = ValueRenderers.of(vector.getDataVector());
    }

    @Override
    public void writeJson(JsonGenerator g, int index) throws IOException {
      g.writeStartArray();
      for (int i = index * size, end = i + size; i < end; i++) {
        elements.writeJsonOrNull(g, i);
      }
      g.writeEndArray();
    }
  }

  /** Struct: a JSON object with one key per child field, in field order; a null child is {@code null}. */
  static final class Structs extends JsonText {
    private final SerializableString[] names;
    private final ValueRenderer[] children;

    Structs(StructVector vector) {
      super(vector);
      List<FieldVector> fields = vector.getChildrenFromFields();
      this.names = new SerializableString[fields.size()];
      this.children = new ValueRenderer[fields.size()];
      for (int i = 0; i < children.length; i++) {
        names[i] = new SerializedString(fields.get(i).getName());
        children[i] = ValueRenderers.of(fields.get(i));
      }
    }

    @Override
    public void writeJson(JsonGenerator g, int index) throws IOException {
      g.writeStartObject();
      for (int c = 0; c < children.length; c++) {
        g.writeFieldName(names[c]);
        children[c].writeJsonOrNull(g, index);
      }
      g.writeEndObject();
    }
  }

  /**
   * Map: a JSON array of {@code {"key":k,"value":v}} objects, one per entry, in order (keys may be of any type, so
   * a JSON object keyed by them would not do). The key and value are the entry struct's first and second child,
   * whatever their names.
   */
  static final class Maps extends JsonText {
    private final MapVector map;
    private final ValueRenderer keys;
    private final ValueRenderer values;

    Maps(MapVector vector) {
      super(vector);
      this.map = vector;
      StructVector entries = (StructVector) vector.getDataVector();
      List<FieldVector> kv = entries.getChildrenFromFields();
      if (kv.size() != 2) {
        throw new IllegalArgumentException("map entries of field '" + vector.getName() + "' have " + kv.size()
            + " children, not a key and a value");
      }
      this.keys = ValueRenderers.of(kv.get(0));
      this.values = ValueRenderers.of(kv.get(1));
    }

    @Override
    public void writeJson(JsonGenerator g, int index) throws IOException {
      g.writeStartArray();
      for (int i = map.getElementStartIndex(index), end = map.getElementEndIndex(index); i < end; i++) {
        g.writeStartObject();
        g.writeFieldName(KEY);
        keys.writeJsonOrNull(g, i);
        g.writeFieldName(VALUE);
        values.writeJsonOrNull(g, i);
        g.writeEndObject();
      }
      g.writeEndArray();
    }
  }

  /** Writes {@code {"months":m,"days":d,"millis":n}}; {@code n} is exact, with a fraction for sub-millisecond. */
  static void writeInterval(JsonGenerator g, long months, long days, long nanos) throws IOException {
    g.writeStartObject();
    g.writeFieldName(MONTHS);
    g.writeNumber(months);
    g.writeFieldName(DAYS);
    g.writeNumber(days);
    g.writeFieldName(MILLIS);
    if (nanos % NANOS_PER_MILLI == 0) {
      g.writeNumber(nanos / NANOS_PER_MILLI);
    } else {
      g.writeNumber(BigDecimal.valueOf(nanos, 6).stripTrailingZeros().toPlainString());
    }
    g.writeEndObject();
  }

  /** Interval(MONTH_DAY_NANO), what Parquet's INTERVAL reads as. */
  static final class MonthDayNanoIntervals extends JsonText {
    private final IntervalMonthDayNanoVector intervals;
    private final NullableIntervalMonthDayNanoHolder holder = new NullableIntervalMonthDayNanoHolder();

    MonthDayNanoIntervals(IntervalMonthDayNanoVector vector) {
      super(vector);
      this.intervals = vector;
    }

    @Override
    public void writeJson(JsonGenerator g, int index) throws IOException {
      intervals.get(index, holder);
      writeInterval(g, holder.months, holder.days, holder.nanoseconds);
    }
  }

  /** Interval(DAY_TIME): no months. */
  static final class DayTimeIntervals extends JsonText {
    private final IntervalDayVector intervals;
    private final NullableIntervalDayHolder holder = new NullableIntervalDayHolder();

    DayTimeIntervals(IntervalDayVector vector) {
      super(vector);
      this.intervals = vector;
    }

    @Override
    public void writeJson(JsonGenerator g, int index) throws IOException {
      intervals.get(index, holder);
      writeInterval(g, 0, holder.days, holder.milliseconds * NANOS_PER_MILLI);
    }
  }

  /** Interval(YEAR_MONTH): months only. */
  static final class YearMonthIntervals extends JsonText {
    private final IntervalYearVector intervals;

    YearMonthIntervals(IntervalYearVector vector) {
      super(vector);
      this.intervals = vector;
    }

    @Override
    public void writeJson(JsonGenerator g, int index) throws IOException {
      writeInterval(g, intervals.get(index), 0, 0);
    }
  }
}
