package dev.quiver.store.memory;

import static dev.quiver.store.ObjectStores.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.store.ObjectStore;
import dev.quiver.store.ObjectStoreContractTest;
import dev.quiver.store.ObjectStoreException;
import dev.quiver.store.PutMode;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryStoreTest extends ObjectStoreContractTest {

  @Override
  protected ObjectStore createStore() {
    return new InMemoryStore("contract");
  }

  @Test
  void keysAreListedInCodePointOrderLikeS3() {
    String grinning = "x/\uD83D\uDE00";  // U+1F600, UTF-8 F0 9F 98 80
    String replacement = "x/\uFFFD";     // U+FFFD, UTF-8 EF BF BD
    for (String key : List.of(grinning, replacement, "x/\u00E9", "x/z")) {
      put(key, bytes(key));
    }
    // String.compareTo would put the surrogate pair (D83D) before FFFD.
    assertEquals(List.of("x/z", "x/\u00E9", replacement, grinning), keysOf("x/"));
    // Half a surrogate pair is no prefix of any UTF-8 key.
    assertEquals(ObjectStoreException.Kind.INVALID_KEY, failureKind(() -> store.list("x/\uD83D")));
    assertEquals(grinning, string(await(store.get(grinning))));
  }

  @Test
  void aKeyAndAPrefixMayCoexist() {
    put("a", bytes("object"));
    put("a/b", bytes("below"));
    assertEquals(List.of("a", "a/b"), keysOf(""));
    assertEquals(List.of("a/b"), keysOf("a/"));
  }

  @Test
  void namesShowInTheDescription() {
    assertEquals("memory://contract", store.describe());
    try (InMemoryStore first = new InMemoryStore(); InMemoryStore second = new InMemoryStore()) {
      assertTrue(first.describe().startsWith("memory://anonymous-"), first.describe());
      assertNotEquals(first.describe(), second.describe());
    }
    assertThrows(IllegalArgumentException.class, () -> new InMemoryStore(""));
    assertThrows(IllegalArgumentException.class, () -> new InMemoryStore("a/b"));
  }

  @Test
  void closingDropsTheContents() {
    InMemoryStore memory = new InMemoryStore("drop");
    await(memory.put("k", ByteBuffer.wrap(bytes("v")), PutMode.OVERWRITE));
    memory.close();
    assertTrue(memory.isClosed());
    assertEquals("InMemoryStore[memory://drop, 0 objects]", memory.toString());
  }
}
