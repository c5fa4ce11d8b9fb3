package dev.quiver.exec.dataset;

import java.util.List;

/**
 * A share of a scan: some row groups of one file. Parallel scans hand units to threads.
 *
 * @param file the file
 * @param rowGroups row group indexes to read, ascending
 * @param compressedBytes compressed bytes of the projected column chunks in those row groups
 */
public record ScanUnit(DataFile file, List<Integer> rowGroups, long compressedBytes) {}
