package dev.quiver.parquet.format;

/** The units of TIME and TIMESTAMP logical types. */
public enum TimeUnit {
  MILLIS, MICROS, NANOS
}
