package dev.quiver.parquet.format;

import java.util.List;

/**
 * The offset index of one column chunk ({@code OffsetIndex} in parquet.thrift, PageIndex.md): the location of every
 * data page, in order.
 *
 * @param pageLocations one entry per data page
 * @param unencodedByteArrayDataBytes per page, BYTE_ARRAY payload bytes without length prefixes; null when absent
 */
public record OffsetIndex(List<PageLocation> pageLocations, long[] unencodedByteArrayDataBytes) {}
