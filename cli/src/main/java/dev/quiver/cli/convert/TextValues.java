package dev.quiver.cli.convert;

/**
 * Parses the text forms of scalar values that {@code quiver convert} reads from CSV fields and JSON strings, without
 * exceptions on the hot path: each parser returns whether the text has the form, and leaves the value in a field of
 * this (single-threaded, reused) object. The forms are strict, so that inference and conversion agree and nothing is
 * guessed:
 * <ul>
 *   <li>boolean: {@code true} or {@code false}, any case;</li>
 *   <li>int64: an optional sign and 1 to 19 decimal digits, within the signed 64-bit range;</li>
 *   <li>double: a decimal number with optional sign, fraction and exponent ({@code -1.5e3}, {@code .5}, {@code 7.}),
 *       or {@code NaN}, {@code Infinity}, {@code inf} with optional sign (any case); no hexadecimal, no {@code d}/{@code f}
 *       suffix, no surrounding spaces;</li>
 *   <li>date: {@code YYYY-MM-DD}, a real calendar day (proleptic Gregorian), year 0000 to 9999;</li>
 *   <li>timestamp: a date, {@code T} or a space, {@code HH:MM}, optional {@code :SS} and a fraction of 1 to 6 digits
 *       (microseconds); with a zone suffix ({@code Z}, {@code +HH}, {@code +HH:MM}, {@code +HHMM}) it is an instant
 *       and is converted to UTC.</li>
 * </ul>
 */
final class TextValues {
  /** The value of the last successful {@link #parseLong} or timestamp parse (microseconds since the epoch). */
  long longValue;
  /** The value of the last successful {@link #parseDouble}. */
  double doubleValue;
  /** The value of the last successful {@link #parseDate}: days since 1970-01-01. */
  int dateValue;
  /** Whether the last successful {@link #parseTimestamp} had a zone suffix (the value is then UTC). */
  boolean hadZone;

  /** Whether {@code s} is {@code true}/{@code false} (any case); the value is {@link #booleanValue(String)}. */
  static boolean isBoolean(String s) {
    return s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false");
  }

  /** The value of a text that {@link #isBoolean} accepted. */
  static boolean booleanValue(String s) {
    return s.length() == 4;
  }

  /** Parses an int64 into {@link #longValue}; false when {@code s} is not one (or overflows). */
  boolean parseLong(String s) {
    int n = s.length();
    int i = 0;
    boolean negative = false;
    if (n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      negative = s.charAt(0) == '-';
      i = 1;
    }
    if (i == n || n - i > 19) {
      return false;
    }
    // Accumulate negatively so that Long.MIN_VALUE fits.
    long value = 0;
    for (; i < n; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return false;
      }
      if (value < (Long.MIN_VALUE + d) / 10) {
        return false;
      }
      value = value * 10 - d;
    }
    if (!negative) {
      if (value == Long.MIN_VALUE) {
        return false;
      }
      value = -value;
    }
    longValue = value;
    return true;
  }

  /** Parses a double into {@link #doubleValue}; false when {@code s} is not one of the documented forms. */
  boolean parseDouble(String s) {
    int n = s.length();
    int i = 0;
    if (n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      i = 1;
    }
    if (i == n) {
      return false;
    }
    char first = s.charAt(i);
    if (first == 'n' || first == 'N' || first == 'i' || first == 'I') {
      String word = s.substring(i);
      boolean negative = s.charAt(0) == '-';
      if (word.equalsIgnoreCase("nan")) {
        doubleValue = Double.NaN;
        return true;
      }
      if (word.equalsIgnoreCase("inf") || word.equalsIgnoreCase("infinity")) {
        doubleValue = negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        return true;
      }
      return false;
    }
    int digits = 0;
    while (i < n && isDigit(s.charAt(i))) {
      i++;
      digits++;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
        i++;
      }
      int exponentDigits = 0;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        exponentDigits++;
      }
      if (exponentDigits == 0) {
        return false;
      }
    }
    if (i != n) {
      return false;
    }
    doubleValue = Double.parseDouble(s);
    return true;
  }

  /** Parses {@code YYYY-MM-DD} into {@link #dateValue}; false when {@code s} is not exactly a valid date. */
  boolean parseDate(String s) {
    if (s.length() != 10) {
      return false;
    }
    return parseDatePart(s);
  }

  private boolean parseDatePart(String s) {
    if (s.charAt(4) != '-' || s.charAt(7) != '-') {
      return false;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
      return false;
    }
    dateValue = (int) epochDay(year, month, day);
    return true;
  }

  /**
   * Parses a timestamp into {@link #longValue} (microseconds since 1970-01-01T00:00, UTC when it had a zone) and
   * {@link #hadZone}; false when {@code s} is not one of the documented forms.
   */
  boolean parseTimestamp(String s) {
    int n = s.length();
    if (n < 16 || !parseDatePart(s) || (s.charAt(10) != 'T' && s.charAt(10) != ' ') || s.charAt(13) != ':') {
      return false;
    }
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = 0;
    long micros = 0;
    int i = 16;
    if (i < n && s.charAt(i) == ':') {
      second = n >= 19 ? digits(s, 17, 2) : -1;
      i = 19;
      if (i < n && s.charAt(i) == '.') {
        i++;
        int start = i;
        while (i < n && isDigit(s.charAt(i))) {
          micros = micros * 10 + (s.charAt(i) - '0');
          i++;
        }
        int fractionDigits = i - start;
        if (fractionDigits == 0 || fractionDigits > 6) {
          return false;
        }
        for (int k = fractionDigits; k < 6; k++) {
          micros *= 10;
        }
      }
    }
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
      return false;
    }
    int offsetSeconds = 0;
    boolean zone = false;
    if (i < n) {
      char c = s.charAt(i);
      if ((c == 'Z' || c == 'z') && i + 1 == n) {
        zone = true;
      } else if (c == '+' || c == '-') {
        int rest = n - i - 1;
        int oh;
        int om = 0;
        if (rest == 2) {
          oh = digits(s, i + 1, 2);
        } else if (rest == 4) {
          oh = digits(s, i + 1, 2);
          om = digits(s, i + 3, 2);
        } else if (rest == 5 && s.charAt(i + 3) == ':') {
          oh = digits(s, i + 1, 2);
          om = digits(s, i + 4, 2);
        } else {
          return false;
        }
        if (oh < 0 || oh > 18 || om < 0 || om > 59) {
          return false;
        }
        offsetSeconds = (c == '-' ? -1 : 1) * (oh * 3600 + om * 60);
        zone = true;
      } else {
        return false;
      }
    }
    long seconds = dateValue * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
    longValue = seconds * 1_000_000L + micros;
    hadZone = zone;
    return true;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The non-negative number in {@code s[from, from+count)}, or -1 when a character there is not a digit. */
  private static int digits(String s, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static int daysInMonth(int year, int month) {
    if (month == 2) {
      boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
      return leap ? 29 : 28;
    }
    return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
  }

  /** Days since 1970-01-01 of a valid proleptic Gregorian date (the days-from-civil algorithm). */
  static long epochDay(int year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yearOfEra = y - era * 400;
    long dayOfYear = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097 + dayOfEra - 719_468;
  }
}
