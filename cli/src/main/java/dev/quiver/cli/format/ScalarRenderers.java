package dev.quiver.cli.format;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.Decimal256Vector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VariableWidthFieldVector;
import org.apache.arrow.vector.types.TimeUnit;

/** The renderers of scalar (non-nested) vectors. Each class serves one vector type or one family of them. */
final class ScalarRenderers {
  private static final long MILLIS_PER_DAY = 86_400_000L;
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private ScalarRenderers() {}

  /** Values that are JSON strings: the JSON value is the text, quoted and escaped. */
  abstract static class StringValued extends ValueRenderer {
    StringValued(ValueVector vector) {
      super(vector);
    }

    @Override
    public final void writeJson(JsonGenerator g, int index) throws IOException {
      g.writeString(text(index));
    }
  }

  /** The Null type: every value is null, so the value methods are never reached through the null check. */
  static final class NullValues extends ValueRenderer {
    NullValues(ValueVector vector) {
      super(vector);
    }

    @Override
    public void writeJson(JsonGenerator g, int index) throws IOException {
      g.writeNull();
    }

    @Override
    public String text(int index) {
      return "null";
    }
  }

  /** Bool: {@code true} / {@code false}. */
  static final class Booleans extends ValueRenderer {
    private final BitVector bits;

    Booleans(BitVector vector) {
      super(vector);
      this.bits = vector;
    }

    @Override
    public void writeJson(JsonGenerator g, int index) throws IOException {
      g.writeBoolean(bits.get(index) != 0);
    }

    @Override
    public String text(int index) {
      return bits.get(index) != 0 ? "true" : "false";
    }
  }

  /**
   * Signed integers of 8 to 64 bits and unsigned ones of 8 to 32 bits: exact JSON integers.
   * {@link BaseIntVector#getValueAsLong} sign-extends the signed types and zero-extends UInt1, UInt2 and UInt4.
   */
  static final class Integers extends ValueRenderer {
    private final BaseIntVector ints;

    Integers(BaseIntVector vector) {
      super(vector);
      this.ints = vector;
    }

    @Override
    public void writeJson(JsonGenerator g, int index) throws IOException {
      g.writeNumber(ints.getValueAsLong(index));
    }

    @Override
    public String text(int index) {
      return Long.toString(ints.getValueAsLong(index));
    }

    @Override
    public boolean isNumeric() {
      return true;
    }
  }

  /** UInt8: the 64 bits read as an unsigned integer, up to 18446744073709551615. */
  static final class UnsignedLongs extends ValueRenderer {
    private final UInt8Vector longs;

    UnsignedLongs(UInt8Vector vector) {
      super(vector);
      this.longs = vector;
    }

    @Override
    public void writeJson(JsonGenerator g, int index) throws IOException {
      long v = longs.get(index);
      if (v >= 0) {
        g.writeNumber(v);
      } else {
        g.writeNumber(Long.toUnsignedString(v)); // raw number text: exact, no float detour
      }
    }

    @Override
    public String text(int index) {
      return Long.toUnsignedString(longs.get(index));
    }

    @Override
    public boolean isNumeric() {
      return true;
    }
  }

  /**
   * Floating point: a JSON number, or the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}, which
   * JSON numbers cannot express. The number text is Java's: {@link Float#toString(float)} for FLOAT and FLOAT16 (a
   * half-precision value widens exactly to a float), {@link Double#toString(double)} for DOUBLE; both parse back to
   * the same value, and an exponent, when there is one, is JSON's ({@code 1.0E10}).
   */
  abstract static class Floats extends ValueRenderer {
    Floats(ValueVector vector) {
      super(vector);
    }

    /** The value's text, {@code NaN} and {@code Infinity} included. */
    @Override
    public abstract String text(int index);

    /** Whether the value is NaN or infinite. */
    abstract boolean nonFinite(int index);

    @Override
    public final void writeJson(JsonGenerator g, int index) throws IOException {
      String text = text(index);
      if (nonFinite(index)) {
        g.writeString(text);
      } else {
        g.writeNumber(text);
      }
    }

    @Override
    public final boolean isNumeric() {
      return true;
    }
  }

  /** FloatingPoint(HALF). */
  static final class HalfFloats extends Floats {
    private final Float2Vector halves;

    HalfFloats(Float2Vector vector) {
      super(vector);
      this.halves = vector;
    }

    @Override
    public String text(int index) {
      return Float.toString(halves.getValueAsFloat(index));
    }

    @Override
    boolean nonFinite(int index) {
      return !Float.isFinite(halves.getValueAsFloat(index));
    }
  }

  /** FloatingPoint(SINGLE). */
  static final class SingleFloats extends Floats {
    private final Float4Vector floats;

    SingleFloats(Float4Vector vector) {
      super(vector);
      this.floats = vector;
    }

    @Override
    public String text(int index) {
      return Float.toString(floats.get(index));
    }

    @Override
    boolean nonFinite(int index) {
      return !Float.isFinite(floats.get(index));
    }
  }

  /** FloatingPoint(DOUBLE). */
  static final class Doubles extends Floats {
    private final Float8Vector doubles;

    Doubles(Float8Vector vector) {
      super(vector);
      this.doubles = vector;
    }

    @Override
    public String text(int index) {
      return Double.toString(doubles.get(index));
    }

    @Override
    boolean nonFinite(int index) {
      return !Double.isFinite(doubles.get(index));
    }
  }

  /**
   * Decimal(p, s, 128 or 256): a JSON string in plain notation with exactly {@code s} digits after the point
   * ({@code "123.40"}, {@code "-0.05"}, {@code "0.00"}; no point when {@code s} is 0), never an exponent.
   */
  static final class Decimals extends StringValued {
    Decimals(DecimalVector vector) {
      super(vector);
    }

    Decimals(Decimal256Vector vector) {
      super(vector);
    }

    @Override
    public String text(int index) {
      // getObject builds the BigDecimal with the vector's scale, which toPlainString keeps digit for digit
      return ((BigDecimal) vector.getObject(index)).toPlainString();
    }

    @Override
    public boolean isNumeric() {
      return true;
    }
  }

  /** Utf8 and LargeUtf8: the UTF-8 bytes decoded (malformed sequences become U+FFFD). */
  static final class Strings extends StringValued {
    private final VariableWidthFieldVector strings;

    Strings(VariableWidthFieldVector vector) {
      super(vector);
      this.strings = vector;
    }

    @Override
    public String text(int index) {
      return new String(strings.get(index), StandardCharsets.UTF_8);
    }
  }

  /** Binary, LargeBinary: standard base64 with padding (RFC 4648 section 4). */
  static final class Binaries extends StringValued {
    private final VariableWidthFieldVector binaries;

    Binaries(VariableWidthFieldVector vector) {
      super(vector);
      this.binaries = vector;
    }

    @Override
    public String text(int index) {
      return Base64.getEncoder().encodeToString(binaries.get(index));
    }
  }

  /**
   * Duration (from an {@code ARROW:schema} hint on an INT64 column): the ISO-8601 duration of
   * {@link java.time.Duration#toString()}, such as {@code "PT1.5S"} or {@code "PT-0.001S"}.
   */
  static final class Durations extends StringValued {
    private final org.apache.arrow.vector.DurationVector durations;

    Durations(org.apache.arrow.vector.DurationVector vector) {
      super(vector);
      this.durations = vector;
    }

    @Override
    public String text(int index) {
      return durations.getObject(index).toString();
    }
  }

  /** FixedSizeBinary: standard base64 with padding. */
  static final class FixedBinaries extends StringValued {
    private final FixedSizeBinaryVector binaries;

    FixedBinaries(FixedSizeBinaryVector vector) {
      super(vector);
      this.binaries = vector;
    }

    @Override
    public String text(int index) {
      return Base64.getEncoder().encodeToString(binaries.get(index));
    }
  }

  /** UUIDs in FixedSizeBinary(16), big-endian: canonical lowercase {@code 8-4-4-4-12} hex. */
  static final class Uuids extends StringValued {
    private final FixedSizeBinaryVector binaries;

    Uuids(FixedSizeBinaryVector vector) {
      super(vector);
      this.binaries = vector;
    }

    @Override
    public String text(int index) {
      byte[] b = binaries.get(index);
      char[] out = new char[36];
      int o = 0;
      for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10) {
          out[o++] = '-';
        }
        out[o++] = HEX[(b[i] >> 4) & 0xF];
        out[o++] = HEX[b[i] & 0xF];
      }
      return new String(out);
    }
  }

  /** Date(DAY): {@code YYYY-MM-DD}. */
  static final class Days extends StringValued {
    private final DateDayVector days;

    Days(DateDayVector vector) {
      super(vector);
      this.days = vector;
    }

    @Override
    public String text(int index) {
      return TemporalFormat.date(days.get(index));
    }
  }

  /** Date(MILLISECOND): the day holding the instant, {@code YYYY-MM-DD}. */
  static final class DayMillis extends StringValued {
    private final DateMilliVector millis;

    DayMillis(DateMilliVector vector) {
      super(vector);
      this.millis = vector;
    }

    @Override
    public String text(int index) {
      return TemporalFormat.date(Math.floorDiv(millis.get(index), MILLIS_PER_DAY));
    }
  }

  /** Time(unit) of 32 or 64 bits: {@code HH:MM:SS} plus the fraction when non-zero. */
  static final class Times extends StringValued {
    /** Reads a time vector's raw value; Arrow's time vectors share no typed getter. */
    interface RawTime {
      long get(int index);
    }

    private final RawTime times;
    private final TimeUnit unit;

    Times(ValueVector vector, RawTime times, TimeUnit unit) {
      super(vector);
      this.times = times;
      this.unit = unit;
    }

    @Override
    public String text(int index) {
      return TemporalFormat.time(times.get(index), unit);
    }
  }

  /**
   * Timestamp(unit, zone): {@code YYYY-MM-DDTHH:MM:SS} plus the fraction when non-zero, plus {@code Z} when the
   * type has a time zone (the value is then an instant, printed in UTC whatever the zone).
   */
  static final class Timestamps extends StringValued {
    private final TimeStampVector stamps;
    private final TimeUnit unit;
    private final boolean instant;

    Timestamps(TimeStampVector vector, TimeUnit unit, boolean instant) {
      super(vector);
      this.stamps = vector;
      this.unit = unit;
      this.instant = instant;
    }

    @Override
    public String text(int index) {
      return TemporalFormat.timestamp(stamps.get(index), unit, instant);
    }
  }
}
