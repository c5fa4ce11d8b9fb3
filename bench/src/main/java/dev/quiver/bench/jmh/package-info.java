/**
 * JMH micro benchmarks of the reader's hot loops, one class per loop, each with a unit test that runs it once.
 * Inputs are encoded by parquet-java's own encoders (or written by parquet-java as real files), so they are what a
 * reader meets in the wild. Run with {@code ./bench/jmh.sh [JMH options] [regexp]}.
 */
package dev.quiver.bench.jmh;
