package dev.quiver.parquet.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.parquet.testing.ParquetTesting;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Nested files whose {@code .md} beside them in parquet-testing gives the values: the expected values here are
 * typed from those documents, so that a misreading of the LIST/MAP rules shared by Quiver and the test's own
 * parquet-java renderer still fails.
 */
class DocumentedNestedFilesTest {
  @Test
  void oldListStructureIsAListOfLists() {
    // old_list_structure.md: a LIST<LIST<INT32>> column with the single value [[1, 2], [3, 4]] in the legacy
    // two-level structure
    List<List<String>> columns = ConformanceTest.readCanonical(
        ParquetTesting.dataFile("old_list_structure.parquet"), 1000);
    assertEquals(List.of(List.of("[[1,2],[3,4]]")), columns);
  }

  @Test
  void mapWithoutValuesReadsAsAListOfKeys() {
    // map_no_value.md: three rows, keys 1-3, 4-6, 7-9 (repetition levels 0,1,1 per row); my_map's values are all
    // null (definition level 1 of 2), my_map_no_v has keys only, my_list holds the same numbers as a list
    List<List<String>> columns = ConformanceTest.readCanonical(ParquetTesting.dataFile("map_no_value.parquet"), 2);
    assertEquals(List.of("{1=>null,2=>null,3=>null}", "{4=>null,5=>null,6=>null}", "{7=>null,8=>null,9=>null}"),
        columns.get(0));
    assertEquals(List.of("[1,2,3]", "[4,5,6]", "[7,8,9]"), columns.get(1));
    assertEquals(columns.get(1), columns.get(2));
  }
}
