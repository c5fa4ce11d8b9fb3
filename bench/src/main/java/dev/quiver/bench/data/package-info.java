/**
 * Datasets, generated reproducibly (seeded, never downloaded) and cached in a folder: the tables
 * ({@link dev.quiver.bench.data.Table}), the writers that turn them into Parquet files (DuckDB and parquet-java, in
 * several codecs and page versions) and the catalog of files a run uses ({@link dev.quiver.bench.data.Datasets}).
 */
package dev.quiver.bench.data;
