package dev.quiver.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Whole-file fuzz targets: arbitrary bytes as a Parquet file, and arbitrary bytes as the footer of one (between the
 * magic numbers, with the footer length set to fit), read through {@link Targets#readWholeFile}.
 *
 * <p>Under {@code mvn verify} each target replays the committed inputs in
 * {@code src/test/resources/dev/quiver/fuzz/FileReadFuzzTestInputs/<method>/}; {@code fuzz/run.sh} fuzzes them.
 */
class FileReadFuzzTest {
  /**
   * Any bytes as a whole file, taken as they are so that real files seed the corpus (23 small files of
   * parquet-testing {@code data/}, copied into the inputs folder: every encoding, codec and nesting they show).
   * The batch size (1 to 1,024 rows) and whether page CRCs are checked follow from the input's length.
   */
  @FuzzTest(maxDuration = "30s")
  void wholeFile(byte[] file) {
    Targets.readWholeFile(file, 1 + file.length % 1024, (file.length & 1) == 0);
  }

  /** Any bytes as a footer: {@code PAR1}, a page of zeros, the bytes, their length, {@code PAR1}. */
  @FuzzTest(maxDuration = "30s")
  void footer(byte[] footer) {
    byte[] file = new byte[4 + 64 + footer.length + 8];
    file[0] = 'P';
    file[1] = 'A';
    file[2] = 'R';
    file[3] = '1';
    System.arraycopy(footer, 0, file, 68, footer.length);
    int at = 68 + footer.length;
    file[at] = (byte) footer.length;
    file[at + 1] = (byte) (footer.length >>> 8);
    file[at + 2] = (byte) (footer.length >>> 16);
    file[at + 3] = (byte) (footer.length >>> 24);
    file[at + 4] = 'P';
    file[at + 5] = 'A';
    file[at + 6] = 'R';
    file[at + 7] = '1';
    Targets.readWholeFile(file, 1024, false);
  }
}
