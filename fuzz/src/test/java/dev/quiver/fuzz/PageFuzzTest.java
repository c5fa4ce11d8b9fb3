package dev.quiver.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Page fuzz target: a valid file from {@link Templates} whose page region (page headers, levels, values, between
 * the leading magic and the footer) is damaged by up to eight splices of fuzzer bytes, the footer left intact so
 * the reader gets past it to the page headers, level decoders, value decoders and codecs, then read whole.
 */
class PageFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void splicedPages(FuzzedDataProvider data) {
    byte[] template = Templates.FILES.get(data.consumeInt(0, Templates.FILES.size() - 1));
    byte[] file = template.clone();
    int footerStart = Templates.footerStart(file);
    int splices = data.consumeInt(1, 8);
    for (int i = 0; i < splices && data.remainingBytes() > 4; i++) {
      int at = data.consumeInt(4, footerStart - 1);
      byte[] bytes = data.consumeBytes(Math.min(32, footerStart - at));
      System.arraycopy(bytes, 0, file, at, bytes.length);
    }
    boolean crc = data.consumeBoolean();
    Targets.readWholeFile(file, data.consumeInt(1, 512), crc);
  }
}
