package dev.quiver.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.SplittableRandom;
import org.apache.arrow.vector.types.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link TemporalFormat}'s own calendar arithmetic against {@link java.time}, an independent implementation of the
 * same conventions: {@link Instant#toString()} (UTC, seconds always, fraction in groups of 3 digits, {@code Z}),
 * {@link LocalDate#toString()} and {@link LocalTime#toString()} (which drops zero seconds: those are added back).
 */
class TemporalFormatTest {
  private static final int SAMPLES = 200_000;
  /** Instant's range: years -1,000,000,000 to 1,000,000,000. */
  private static final long MAX_INSTANT_SECOND = Instant.MAX.getEpochSecond();
  private static final long MIN_INSTANT_SECOND = Instant.MIN.getEpochSecond();

  @Test
  void timestampsMatchInstantToStringInEveryUnit() {
    SplittableRandom random = new SplittableRandom(7);
    for (TimeUnit unit : TimeUnit.values()) {
      long perSecond = TemporalFormat.unitsPerSecond(unit);
      long nanosPerUnit = 1_000_000_000L / perSecond;
      for (int i = 0; i < SAMPLES; i++) {
        long value = sample(random);
        long second = Math.floorDiv(value, perSecond);
        if (second < MIN_INSTANT_SECOND || second > MAX_INSTANT_SECOND) {
          continue;
        }
        Instant instant = Instant.ofEpochSecond(second, Math.floorMod(value, perSecond) * nanosPerUnit);
        String expected = instant.toString();
        assertEquals(expected, TemporalFormat.timestamp(value, unit, true), () -> value + " " + unit);
        assertEquals(expected.substring(0, expected.length() - 1), TemporalFormat.timestamp(value, unit, false),
            () -> value + " " + unit);
      }
    }
  }

  @Test
  void datesMatchLocalDateToString() {
    SplittableRandom random = new SplittableRandom(11);
    long maxDay = LocalDate.MAX.toEpochDay();
    long minDay = LocalDate.MIN.toEpochDay();
    for (int i = 0; i < SAMPLES; i++) {
      long day = i % 2 == 0 ? random.nextLong(-800_000, 3_000_000) : random.nextLong(minDay, maxDay + 1);
      assertEquals(LocalDate.ofEpochDay(day).toString(), TemporalFormat.date(day), () -> "day " + day);
    }
  }

  @Test
  void timesMatchLocalTimeToStringWithSecondsAlways() {
    SplittableRandom random = new SplittableRandom(13);
    long nanosPerDay = 86_400_000_000_000L;
    for (TimeUnit unit : TimeUnit.values()) {
      long perSecond = TemporalFormat.unitsPerSecond(unit);
      long unitsPerDay = 86_400L * perSecond;
      for (int i = 0; i < SAMPLES; i++) {
        long value = i % 3 == 0 ? random.nextLong(unitsPerDay) / perSecond * perSecond : random.nextLong(unitsPerDay);
        String expected = LocalTime.ofNanoOfDay(value * (nanosPerDay / unitsPerDay)).toString();
        if (expected.length() == 5) {
          expected += ":00"; // LocalTime drops zero seconds; the contract keeps them
        }
        assertEquals(expected, TemporalFormat.time(value, unit), "value " + value + " " + unit);
      }
    }
  }

  @Test
  void timesOutsideTheDayPrintRatherThanFail() {
    assertEquals("24:00:00", TemporalFormat.time(86_400L, TimeUnit.SECOND));
    assertEquals("-00:00:00.001", TemporalFormat.time(-1L, TimeUnit.MILLISECOND));
  }

  /** Values near the epoch, near round numbers, and anywhere in the long range. */
  private static long sample(SplittableRandom random) {
    return switch (random.nextInt(4)) {
      case 0 -> random.nextLong(-10_000_000_000L, 10_000_000_000L);
      case 1 -> random.nextLong(-1_000_000L, 1_000_000L) * 1_000_000_000L;
      case 2 -> random.nextLong(-1_000_000L, 1_000_000L) * 1_000L;
      default -> random.nextLong();
    };
  }
}
