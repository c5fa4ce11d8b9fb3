package dev.quiver.parquet.format;

/** Page types ({@code PageType} in parquet.thrift), with Thrift ids in declaration order. */
public enum PageType {
  DATA_PAGE, INDEX_PAGE, DICTIONARY_PAGE, DATA_PAGE_V2;

  private static final PageType[] BY_ID = values();

  /** The page type with Thrift id {@code id}, or {@code null} when unknown (such pages are skipped). */
  public static PageType fromId(int id) {
    return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
  }
}
