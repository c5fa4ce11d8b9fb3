package dev.quiver.exec.expr;

import dev.quiver.exec.QueryException;
import dev.quiver.exec.types.DataType;
import dev.quiver.exec.types.DataType.Kind;
import dev.quiver.exec.vector.Batch;
import dev.quiver.exec.vector.Column;
import java.util.Locale;

/**
 * Date and timestamp kernels: {@code EXTRACT(field FROM x)} (year, quarter, month, day, dow with Sunday 0, doy,
 * hour, minute, second; BIGINT), {@code date_trunc(part, x)} (year, quarter, month, week starting Monday, day,
 * hour, minute, second; DATE stays DATE), and {@code x +/- INTERVAL} (months first, the day clamped to the month's
 * length, then days and microseconds; a DATE becomes a TIMESTAMP, as in DuckDB).
 */
final class DateFunctions {
  private DateFunctions() {}

  /** The date parts EXTRACT and date_trunc take. */
  enum Part { YEAR, QUARTER, MONTH, WEEK, DAY, DOW, DOY, HOUR, MINUTE, SECOND }

  /** Parses a part name. @throws QueryException naming the unknown part */
  static Part part(String name, String text) {
    String n = name.toLowerCase(Locale.ROOT);
    switch (n) {
      case "year": case "years": case "y":
        return Part.YEAR;
      case "quarter":
        return Part.QUARTER;
      case "month": case "months": case "mon":
        return Part.MONTH;
      case "week": case "weeks":
        return Part.WEEK;
      case "day": case "days": case "d":
        return Part.DAY;
      case "dow": case "dayofweek":
        return Part.DOW;
      case "doy": case "dayofyear":
        return Part.DOY;
      case "hour": case "hours": case "h":
        return Part.HOUR;
      case "minute": case "minutes":
        return Part.MINUTE;
      case "second": case "seconds": case "s":
        return Part.SECOND;
      default:
        throw new QueryException("unknown date part '" + name + "' in " + text);
    }
  }

  record Extract(Part part, Bound arg, String text) implements Bound {
    @Override
    public DataType type() {
      return DataType.BIGINT;
    }

    @Override
    public Column eval(Batch batch) {
      Column c = arg.eval(batch);
      int n = batch.rowCount();
      boolean ts = c.type.kind() == Kind.TIMESTAMP;
      long[] r = new long[n];
      long[] v = c.longs;
      for (int i = 0; i < n; i++) {
        long days = ts ? Math.floorDiv(v[i], DateTimes.MICROS_PER_DAY) : v[i];
        long micros = ts ? v[i] - days * DateTimes.MICROS_PER_DAY : 0;
        long civil;
        switch (part) {
          case YEAR:
            r[i] = DateTimes.civil(days) / 10000;
            break;
          case QUARTER:
            r[i] = ((DateTimes.civil(days) / 100) % 100 - 1) / 3 + 1;
            break;
          case MONTH:
            r[i] = (DateTimes.civil(days) / 100) % 100;
            break;
          case DAY:
            r[i] = DateTimes.civil(days) % 100;
            break;
          case DOW:
            r[i] = Math.floorMod(days + 4, 7);
            break;
          case DOY:
            civil = DateTimes.civil(days);
            r[i] = days - DateTimes.daysFromCivil(civil / 10000, 1, 1) + 1;
            break;
          case WEEK:
            r[i] = java.time.LocalDate.ofEpochDay(days).get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            break;
          case HOUR:
            r[i] = micros / 3_600_000_000L;
            break;
          case MINUTE:
            r[i] = (micros / 60_000_000L) % 60;
            break;
          default:
            r[i] = (micros / 1_000_000L) % 60;
        }
      }
      return Column.ofLongs(DataType.BIGINT, r, c.nulls, n);
    }

    @Override
    public String toString() {
      return text;
    }
  }

  record Trunc(Part part, Bound arg, String text) implements Bound {
    @Override
    public DataType type() {
      return arg.type();
    }

    @Override
    public Column eval(Batch batch) {
      Column c = arg.eval(batch);
      int n = batch.rowCount();
      boolean ts = c.type.kind() == Kind.TIMESTAMP;
      long[] r = new long[n];
      long[] v = c.longs;
      for (int i = 0; i < n; i++) {
        long days = ts ? Math.floorDiv(v[i], DateTimes.MICROS_PER_DAY) : v[i];
        long micros = ts ? v[i] - days * DateTimes.MICROS_PER_DAY : 0;
        long civil = DateTimes.civil(days);
        long y = civil / 10000;
        long m = (civil / 100) % 100;
        long outDays = days;
        long outMicros = 0;
        switch (part) {
          case YEAR:
            outDays = DateTimes.daysFromCivil(y, 1, 1);
            break;
          case QUARTER:
            outDays = DateTimes.daysFromCivil(y, ((m - 1) / 3) * 3 + 1, 1);
            break;
          case MONTH:
            outDays = DateTimes.daysFromCivil(y, m, 1);
            break;
          case WEEK:
            outDays = days - Math.floorMod(days + 3, 7);
            break;
          case DAY:
            break;
          case HOUR:
            outMicros = micros - micros % 3_600_000_000L;
            break;
          case MINUTE:
            outMicros = micros - micros % 60_000_000L;
            break;
          case SECOND:
            outMicros = micros - micros % 1_000_000L;
            break;
          default:
            throw new QueryException("date_trunc does not take " + part + " in " + text);
        }
        r[i] = ts ? outDays * DateTimes.MICROS_PER_DAY + outMicros : outDays;
      }
      return Column.ofLongs(c.type, r, c.nulls, n);
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /** {@code x + sign * interval}: DATE or TIMESTAMP in, TIMESTAMP out. */
  record AddInterval(Bound arg, Expr.Interval interval, int sign, String text) implements Bound {
    @Override
    public DataType type() {
      return DataType.TIMESTAMP;
    }

    @Override
    public Column eval(Batch batch) {
      Column c = arg.eval(batch);
      int n = batch.rowCount();
      boolean ts = c.type.kind() == Kind.TIMESTAMP;
      long[] r = new long[n];
      for (int i = 0; i < n; i++) {
        long v = c.longs[i];
        long days = ts ? Math.floorDiv(v, DateTimes.MICROS_PER_DAY) : v;
        long micros = ts ? v - days * DateTimes.MICROS_PER_DAY : 0;
        days = DateTimes.addMonths(days, sign * interval.months()) + (long) sign * interval.days();
        r[i] = days * DateTimes.MICROS_PER_DAY + micros + sign * interval.micros();
      }
      return Column.ofLongs(DataType.TIMESTAMP, r, c.nulls, n);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
