package dev.quiver.cli.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The text forms of {@link TextValues}, checked against {@code java.time} and the JDK's number parsers. */
class TextValuesTest {
  private static final LocalDateTime EPOCH = LocalDateTime.of(1970, 1, 1, 0, 0);

  @Property(tries = 200)
  void datesAgreeWithJavaTime(@ForAll @LongRange(min = -719_528, max = 2_932_896) long epochDay) {
    LocalDate date = LocalDate.ofEpochDay(epochDay); // years 0000 to 9999
    TextValues parse = new TextValues();
    String text = date.format(DateTimeFormatter.ofPattern("uuuu-MM-dd"));
    assertTrue(parse.parseDate(text), text);
    assertEquals(epochDay, parse.dateValue, text);
  }

  @Property(tries = 200)
  void timestampsAgreeWithJavaTime(@ForAll @LongRange(min = -62_000_000_000L, max = 253_000_000_000L) long seconds,
      @ForAll @IntRange(min = 0, max = 999_999) int micros,
      @ForAll @IntRange(min = -18 * 60, max = 18 * 60) int offsetMinutes) {
    LocalDateTime local = LocalDateTime.ofEpochSecond(seconds, micros * 1000, ZoneOffset.UTC);
    TextValues parse = new TextValues();
    String text = local.format(DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS"));
    assertTrue(parse.parseTimestamp(text), text);
    assertFalse(parse.hadZone);
    assertEquals(ChronoUnit.MICROS.between(EPOCH, local), parse.longValue, text);

    ZoneOffset offset = ZoneOffset.ofTotalSeconds(offsetMinutes * 60);
    OffsetDateTime instant = OffsetDateTime.of(local, offset);
    String zoned = instant.format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx"));
    assertTrue(parse.parseTimestamp(zoned), zoned);
    assertTrue(parse.hadZone);
    assertEquals(ChronoUnit.MICROS.between(EPOCH.atOffset(ZoneOffset.UTC), instant), parse.longValue, zoned);
  }

  @Property(tries = 200)
  void longsAgreeWithTheJdk(@ForAll long value) {
    TextValues parse = new TextValues();
    assertTrue(parse.parseLong(Long.toString(value)));
    assertEquals(value, parse.longValue);
    assertTrue(parse.parseDouble(Long.toString(value)));
    assertEquals(Double.parseDouble(Long.toString(value)), parse.doubleValue);
  }

  @Property(tries = 200)
  void doublesAgreeWithTheJdk(@ForAll double value) {
    TextValues parse = new TextValues();
    String text = Double.toString(value);
    assertTrue(parse.parseDouble(text), text);
    assertEquals(Double.doubleToLongBits(value), Double.doubleToLongBits(parse.doubleValue), text);
  }

  @Test
  void timestampForms() {
    TextValues parse = new TextValues();
    for (String ok : List.of("2024-02-29T12:34", "2024-02-29 12:34:56", "2024-02-29 12:34:56.5",
        "2024-02-29T12:34:56Z", "2024-02-29T12:34:56+05", "2024-02-29T12:34:56-0530",
        "2024-02-29T12:34:56.123456+05:30")) {
      assertTrue(parse.parseTimestamp(ok), ok);
    }
    assertTrue(parse.parseTimestamp("2024-02-29 12:34:56.5"));
    assertEquals(ChronoUnit.MICROS.between(EPOCH, LocalDateTime.of(2024, 2, 29, 12, 34, 56, 500_000_000)),
        parse.longValue);
    for (String bad : List.of("2023-02-29 12:00", "2024-02-29", "2024-02-29 24:00", "2024-02-29 12:60",
        "2024-02-29 12:00:61", "2024-02-29 12:00:00.", "2024-02-29 12:00:00.1234567", "2024-02-29x12:00",
        "2024-02-29 12:00:00 ", "2024-02-29 12:00:00+5", "2024-02-29 12:00:00+19:00", "2024-2-29 12:00")) {
      assertFalse(parse.parseTimestamp(bad), bad);
    }
  }

  @Test
  void numberAndDateRejections() {
    TextValues parse = new TextValues();
    for (String bad : List.of("", "-", "+", "1.0", " 1", "1 ", "9223372036854775808", "-9223372036854775809", "0x10",
        "1e3", "\u0661\u0662")) {
      assertFalse(parse.parseLong(bad), bad);
    }
    assertTrue(parse.parseLong("-9223372036854775808"));
    assertEquals(Long.MIN_VALUE, parse.longValue);
    assertTrue(parse.parseLong("+0042"));
    assertEquals(42, parse.longValue);
    for (String bad : List.of("", ".", "e5", "1e", "1e+", "1.5f", "1d", "0x1p3", " 1.5", "1.5 ", "--1", "nan1",
        "in")) {
      assertFalse(parse.parseDouble(bad), bad);
    }
    for (String ok : List.of(".5", "7.", "-1.5E-3", "+2e10", "NaN", "-inf", "Infinity")) {
      assertTrue(parse.parseDouble(ok), ok);
    }
    assertTrue(parse.parseDouble("-Infinity"));
    assertEquals(Double.NEGATIVE_INFINITY, parse.doubleValue);
    for (String bad : List.of("2023-02-29", "2023-13-01", "2023-00-10", "2023-01-00", "2023-04-31", "20230101",
        "2023-1-01", "2023-01-01 ")) {
      assertFalse(parse.parseDate(bad), bad);
    }
    assertTrue(parse.parseDate("2000-02-29"));
    assertTrue(TextValues.isBoolean("TRUE") && TextValues.booleanValue("TRUE"));
    assertTrue(TextValues.isBoolean("False") && !TextValues.booleanValue("False"));
    assertFalse(TextValues.isBoolean("yes"));
  }
}
