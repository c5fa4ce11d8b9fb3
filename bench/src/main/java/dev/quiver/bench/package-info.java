/**
 * Benchmarks of Quiver's reader: the comparison harness ({@link dev.quiver.bench.Compare}) that times Quiver next to
 * parquet-java, Arrow Dataset and DuckDB on generated datasets ({@link dev.quiver.bench.data}), with a canonical
 * checksum every engine must agree on ({@link dev.quiver.bench.checksum}), and JMH micro benchmarks of the hot loops
 * ({@link dev.quiver.bench.jmh}).
 */
package dev.quiver.bench;
