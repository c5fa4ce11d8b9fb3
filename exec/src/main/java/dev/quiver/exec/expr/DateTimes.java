package dev.quiver.exec.expr;

import dev.quiver.exec.QueryException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;

/**
 * Calendar arithmetic on DATE (days since 1970-01-01) and TIMESTAMP (microseconds since 1970-01-01T00:00, no zone)
 * values in the proleptic Gregorian calendar, without allocating per value (civil-from-days after H. Hinnant's
 * public-domain algorithms).
 */
public final class DateTimes {
  /** Microseconds in a day. */
  public static final long MICROS_PER_DAY = 86_400_000_000L;

  private DateTimes() {}

  /** The year, month (1-12) and day (1-31) of {@code days}, packed as {@code year*10000 + month*100 + day}. */
  public static long civil(long days) {
    long z = days + 719468;
    long era = Math.floorDiv(z, 146097);
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2) {
      y++;
    }
    return y * 10000 + m * 100 + d;
  }

  /** Days since 1970-01-01 of a civil date (month 1-12, day 1-31). */
  public static long daysFromCivil(long y, long m, long d) {
    y -= m <= 2 ? 1 : 0;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
  }

  /** Days in month {@code m} of year {@code y}. */
  public static int monthLength(long y, long m) {
    if (m == 2) {
      boolean leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
      return leap ? 29 : 28;
    }
    return m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31;
  }

  /** {@code days} plus {@code months} calendar months, the day clamped to the target month's length. */
  public static long addMonths(long days, int months) {
    if (months == 0) {
      return days;
    }
    long c = civil(days);
    long y = c / 10000;
    long m = (c / 100) % 100;
    long d = c % 100;
    long total = y * 12 + (m - 1) + months;
    long ny = Math.floorDiv(total, 12);
    long nm = Math.floorMod(total, 12) + 1;
    return daysFromCivil(ny, nm, Math.min(d, monthLength(ny, nm)));
  }

  /** Parses {@code YYYY-MM-DD} into days. @throws QueryException on bad text */
  public static long parseDate(String text) {
    try {
      return LocalDate.parse(text.trim()).toEpochDay();
    } catch (DateTimeParseException e) {
      throw new QueryException("not a date: '" + text + "'");
    }
  }

  /** Parses {@code YYYY-MM-DD[ HH:MM:SS[.f]]} (or with {@code T}) into microseconds. @throws QueryException */
  public static long parseTimestamp(String text) {
    String t = text.trim().replace(' ', 'T');
    try {
      if (t.length() == 10) {
        return LocalDate.parse(t).toEpochDay() * MICROS_PER_DAY;
      }
      LocalDateTime ldt = LocalDateTime.parse(t);
      return ldt.toLocalDate().toEpochDay() * MICROS_PER_DAY + ldt.toLocalTime().toNanoOfDay() / 1000;
    } catch (DateTimeParseException e) {
      throw new QueryException("not a timestamp: '" + text + "'");
    }
  }

  /** Formats days as {@code YYYY-MM-DD}. */
  public static String formatDate(long days) {
    return LocalDate.ofEpochDay(days).toString();
  }

  /** Formats microseconds as {@code YYYY-MM-DD HH:MM:SS[.ffffff]} (trailing zeros of the fraction dropped). */
  public static String formatTimestamp(long micros) {
    long days = Math.floorDiv(micros, MICROS_PER_DAY);
    long rest = micros - days * MICROS_PER_DAY;
    long secs = rest / 1_000_000;
    long frac = rest % 1_000_000;
    StringBuilder sb = new StringBuilder(formatDate(days)).append(' ');
    sb.append(String.format("%02d:%02d:%02d", secs / 3600, (secs / 60) % 60, secs % 60));
    if (frac != 0) {
      String f = String.format("%06d", frac);
      int end = f.length();
      while (f.charAt(end - 1) == '0') {
        end--;
      }
      sb.append('.').append(f, 0, end);
    }
    return sb.toString();
  }
}
