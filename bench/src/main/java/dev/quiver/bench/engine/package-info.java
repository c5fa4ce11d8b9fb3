/**
 * The engines the harness times: Quiver (one and two threads), parquet-java's column and record APIs, Arrow
 * Dataset (Arrow C++ through JNI) and DuckDB (one thread and its default). Each scans a file, all columns or a
 * projection, and folds every value it decoded into a {@link dev.quiver.bench.checksum.Digest}.
 */
package dev.quiver.bench.engine;
