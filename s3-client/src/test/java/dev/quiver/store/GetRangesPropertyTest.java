package dev.quiver.store;

import static dev.quiver.store.ObjectStores.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.store.local.LocalFileSystem;
import dev.quiver.store.memory.InMemoryStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The coalescing {@link LocalFileSystem#getRanges} returns what one read per range would, as does the default
 * implementation (used by {@link InMemoryStore}).
 */
class GetRangesPropertyTest {

  private static Path dir;
  private static LocalFileSystem local;
  private static InMemoryStore memory;

  /** An object and ranges inside it, clustered so that some merge (gaps below 64 KiB) and some do not. */
  record Case(int size, long seed, List<ByteRange> ranges) {}

  @BeforeContainer
  static void open() throws IOException {
    dir = Files.createTempDirectory("quiver-get-ranges");
    local = new LocalFileSystem(dir, false);
    memory = new InMemoryStore("get-ranges");
  }

  @AfterContainer
  static void close() throws IOException {
    local.close();
    memory.close();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  @Property(tries = 150)
  void getRangesReturnsEachRangesBytes(@ForAll("cases") Case c) {
    byte[] data = new byte[c.size()];
    new Random(c.seed()).nextBytes(data);
    for (ObjectStore store : List.of(local, memory)) {
      await(store.put("object", ByteBuffer.wrap(data), PutMode.OVERWRITE));
      List<ByteBuffer> got = await(store.getRanges("object", c.ranges()));
      assertEquals(c.ranges().size(), got.size());
      for (int i = 0; i < got.size(); i++) {
        ByteRange range = c.ranges().get(i);
        byte[] actual = new byte[got.get(i).remaining()];
        got.get(i).duplicate().get(actual);
        assertArrayEquals(Arrays.copyOfRange(data, (int) range.offset(), (int) range.end()), actual,
            store.describe() + " range " + i + " " + range);
      }
    }
  }

  @Provide
  Arbitrary<Case> cases() {
    return Arbitraries.integers().between(0, 400_000).flatMap(size -> {
      Arbitrary<ByteRange> range = Arbitraries.longs().between(0, size).flatMap(offset ->
          Arbitraries.longs().between(0, Math.min(size - offset, 50_000)).map(length -> new ByteRange(offset, length)));
      return range.list().ofMaxSize(25).flatMap(ranges ->
          Arbitraries.longs().map(seed -> new Case(size, seed, ranges)));
    });
  }
}
