package dev.quiver.parquet.format;

/**
 * A page header ({@code PageHeader} in parquet.thrift). Sizes exclude the header itself. Exactly one of the three
 * type-specific headers is set for the page types Quiver reads; other page types (index pages, unknown ids) have
 * none and are skipped.
 *
 * @param type the page type, or null for an unknown id
 * @param uncompressedPageSize bytes after decompression
 * @param compressedPageSize bytes as stored after the header
 * @param crc the CRC-32 of the stored page body, or null
 * @param dataPageHeader for DATA_PAGE
 * @param dictionaryPageHeader for DICTIONARY_PAGE
 * @param dataPageHeaderV2 for DATA_PAGE_V2
 */
public record PageHeader(
    PageType type,
    int uncompressedPageSize,
    int compressedPageSize,
    Integer crc,
    DataPageHeader dataPageHeader,
    DictionaryPageHeader dictionaryPageHeader,
    DataPageHeaderV2 dataPageHeaderV2) {}
