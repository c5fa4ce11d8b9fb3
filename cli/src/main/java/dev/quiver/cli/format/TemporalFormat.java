package dev.quiver.cli.format;

import org.apache.arrow.vector.types.TimeUnit;

/**
 * Text of dates, times of day and timestamps, as the output formats print them (see {@link JsonLinesWriter} for
 * the contract):
 *
 * <ul>
 *   <li>a date is {@code YYYY-MM-DD} in the proleptic Gregorian calendar; a year outside 0000-9999 prints as
 *       {@link java.time.LocalDate#toString()} prints it ({@code +10000-01-01}, {@code -0001-12-31});</li>
 *   <li>a time of day is {@code HH:MM:SS}, seconds always present;</li>
 *   <li>a fraction of a second follows only when it is non-zero, as a point and the shortest of 3, 6 or 9 digits
 *       that is exact ({@code .500}, {@code .000001}, {@code .123456789}), the convention of
 *       {@link java.time.LocalTime#toString()};</li>
 *   <li>a timestamp is the date, {@code T}, the time of day, and {@code Z} when it is an instant (UTC-adjusted).</li>
 * </ul>
 *
 * Every {@code long} is accepted: calendar arithmetic is done here on longs (Howard Hinnant's
 * {@code civil_from_days}), not through {@link java.time}, whose range is narrower than 64-bit seconds. A time of
 * day outside {@code [0, 24h)}, which a valid file never holds, prints with hours past 23 and a leading {@code -}
 * when negative (such as {@code 25:00:00}) rather than failing. Stateless and thread-safe.
 */
public final class TemporalFormat {
  private static final long SECONDS_PER_DAY = 86_400L;
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private TemporalFormat() {}

  /** Units of {@code unit} in one second: 1, 10^3, 10^6 or 10^9. */
  public static long unitsPerSecond(TimeUnit unit) {
    return switch (unit) {
      case SECOND -> 1L;
      case MILLISECOND -> 1_000L;
      case MICROSECOND -> 1_000_000L;
      case NANOSECOND -> NANOS_PER_SECOND;
    };
  }

  /** The date {@code epochDay} days after 1970-01-01, such as {@code 2024-02-29}. */
  public static String date(long epochDay) {
    StringBuilder sb = new StringBuilder(10);
    appendDate(sb, epochDay);
    return sb.toString();
  }

  /**
   * The time of day {@code value} units after midnight, such as {@code 12:00:00.500}.
   *
   * @param value units since midnight, normally in {@code [0, 86400 s)}
   * @param unit the unit of {@code value}
   */
  public static String time(long value, TimeUnit unit) {
    long perSecond = unitsPerSecond(unit);
    StringBuilder sb = new StringBuilder(18);
    long seconds = value / perSecond;
    long fraction = value % perSecond;
    if (value < 0) {
      sb.append('-');
      seconds = -seconds;
      fraction = -fraction;
    }
    appendClock(sb, seconds);
    appendFraction(sb, fraction * (NANOS_PER_SECOND / perSecond));
    return sb.toString();
  }

  /**
   * The timestamp {@code value} units after 1970-01-01T00:00:00, such as {@code 2020-01-01T00:00:00.000001Z}.
   *
   * @param value units since the epoch, negative before it
   * @param unit the unit of {@code value}
   * @param instant true for a UTC-adjusted timestamp (an instant), which gets a trailing {@code Z}; false for a
   *     local date-time
   */
  public static String timestamp(long value, TimeUnit unit, boolean instant) {
    long perSecond = unitsPerSecond(unit);
    long epochSecond = Math.floorDiv(value, perSecond);
    long nanos = Math.floorMod(value, perSecond) * (NANOS_PER_SECOND / perSecond);
    StringBuilder sb = new StringBuilder(31);
    appendDate(sb, Math.floorDiv(epochSecond, SECONDS_PER_DAY));
    sb.append('T');
    appendClock(sb, Math.floorMod(epochSecond, SECONDS_PER_DAY));
    appendFraction(sb, nanos);
    if (instant) {
      sb.append('Z');
    }
    return sb.toString();
  }

  /** Appends the date {@code epochDay} days after 1970-01-01; see the class comment for years beyond 4 digits. */
  static void appendDate(StringBuilder sb, long epochDay) {
    // civil_from_days (http://howardhinnant.github.io/date_algorithms.html), on longs
    long z = epochDay + 719_468L;
    long era = Math.floorDiv(z, 146_097L);
    long doe = z - era * 146_097L; // [0, 146096]
    long yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    long mp = (5 * doy + 2) / 153; // [0, 11], March first
    long day = doy - (153 * mp + 2) / 5 + 1;
    long month = mp < 10 ? mp + 3 : mp - 9;
    long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    appendYear(sb, year);
    sb.append('-');
    twoDigits(sb, month);
    sb.append('-');
    twoDigits(sb, day);
  }

  /** Years as {@link java.time.LocalDate#toString()} prints them: at least 4 digits, '+' above 9999. */
  private static void appendYear(StringBuilder sb, long year) {
    long abs = Math.abs(year);
    if (abs < 1000) {
      if (year < 0) {
        sb.append('-');
      }
      sb.append(abs < 10 ? "000" : abs < 100 ? "00" : "0").append(abs);
    } else {
      if (year > 9999) {
        sb.append('+');
      }
      sb.append(year);
    }
  }

  /** {@code HH:MM:SS} for a non-negative count of seconds; hours may exceed 23. */
  private static void appendClock(StringBuilder sb, long seconds) {
    twoDigits(sb, seconds / 3600);
    sb.append(':');
    twoDigits(sb, seconds / 60 % 60);
    sb.append(':');
    twoDigits(sb, seconds % 60);
  }

  /** Nothing for zero, else a point and the shortest exact group of 3, 6 or 9 digits of {@code nanos}. */
  private static void appendFraction(StringBuilder sb, long nanos) {
    if (nanos == 0) {
      return;
    }
    sb.append('.');
    if (nanos % 1_000_000 == 0) {
      padded(sb, nanos / 1_000_000, 3);
    } else if (nanos % 1_000 == 0) {
      padded(sb, nanos / 1_000, 6);
    } else {
      padded(sb, nanos, 9);
    }
  }

  private static void twoDigits(StringBuilder sb, long v) {
    if (v < 10) {
      sb.append('0');
    }
    sb.append(v);
  }

  private static void padded(StringBuilder sb, long v, int digits) {
    String s = Long.toString(v);
    for (int i = s.length(); i < digits; i++) {
      sb.append('0');
    }
    sb.append(s);
  }
}
