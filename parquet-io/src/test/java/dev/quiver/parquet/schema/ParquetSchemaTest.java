package dev.quiver.parquet.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quiver.parquet.ParquetCorruptionException;
import dev.quiver.parquet.format.PhysicalType;
import dev.quiver.parquet.format.Repetition;
import dev.quiver.parquet.format.SchemaElement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Footer schema lists that do not form one tree are corruption, never an index error. */
class ParquetSchemaTest {
  private static SchemaElement group(String name, int children) {
    return new SchemaElement(null, null, Repetition.OPTIONAL, name, children, null, null, null, null, null);
  }

  private static SchemaElement int32(String name) {
    return new SchemaElement(PhysicalType.INT32, null, Repetition.OPTIONAL, name, null, null, null, null, null, null);
  }

  @Test
  void wellFormedTreeReads() {
    ParquetSchema schema = ParquetSchema.fromElements(List.of(group("root", 2), group("g", 1), int32("a"),
        int32("b")));
    assertEquals(2, schema.columns().size());
    assertEquals(List.of("g", "a"), schema.columns().get(0).path());
  }

  @Test
  void siblingsPastTheEndOfTheListAreCorruption() {
    // the root claims two children, which the list has room for on entry, but its first child, a group, uses the
    // rest of the list (a fuzzer's finding: this was an IndexOutOfBoundsException)
    ParquetCorruptionException e = assertThrows(ParquetCorruptionException.class,
        () -> ParquetSchema.fromElements(List.of(group("root", 2), group("g", 2), int32("a"), int32("b"))));
    assertEquals("Corrupt Parquet file: schema group claims 2 children but the element list ends after 1",
        e.getMessage());
  }
}
