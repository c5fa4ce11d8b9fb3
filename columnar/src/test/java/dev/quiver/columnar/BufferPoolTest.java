package dev.quiver.columnar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.junit.jupiter.api.Test;

class BufferPoolTest {

  @Test
  void freedChunkIsReusedForTheSameSizeClass() {
    try (RootAllocator allocator = QuiverAllocators.newRoot()) {
      BufferPool pool = QuiverAllocators.poolOf(allocator);
      ArrowBuf first = allocator.buffer(100_000);
      long address = first.memoryAddress();
      first.close();
      assertEquals(131_072, pool.cachedBytes(), "the 128 KiB class chunk is cached");
      // 70,000 bytes rounds to the same 128 KiB class: the same memory comes back.
      ArrowBuf second = allocator.buffer(70_000);
      assertEquals(address, second.memoryAddress());
      assertEquals(0, pool.cachedBytes());
      assertEquals(1, pool.reusedCount());
      assertEquals(1, pool.allocatedCount());
      // Accounting is Arrow's rounded request, not anything of the pool's.
      assertEquals(131_072, allocator.getAllocatedMemory());
      second.close();
      assertEquals(0, allocator.getAllocatedMemory());
    }
  }

  @Test
  void differentSizeClassesDoNotShareChunks() {
    try (RootAllocator allocator = QuiverAllocators.newRoot()) {
      BufferPool pool = QuiverAllocators.poolOf(allocator);
      ArrowBuf small = allocator.buffer(4096);
      long smallAddress = small.memoryAddress();
      small.close();
      ArrowBuf larger = allocator.buffer(8192);
      assertNotEquals(smallAddress, larger.memoryAddress());
      assertEquals(4096, pool.cachedBytes(), "the 4 KiB chunk stays cached");
      assertEquals(0, pool.reusedCount());
      larger.close();
      assertEquals(4096 + 8192, pool.cachedBytes());
    }
  }

  @Test
  void sizeClassesArePowersOfTwoFromTheMinimum() {
    assertEquals(6, BufferPool.shiftFor(1));
    assertEquals(6, BufferPool.shiftFor(64));
    assertEquals(7, BufferPool.shiftFor(65));
    assertEquals(20, BufferPool.shiftFor(1 << 20));
    assertEquals(21, BufferPool.shiftFor((1 << 20) + 1));
    assertEquals(1L << 20, new BufferPool(0, 1_000_000).maxPooledSize());
    assertThrows(IllegalArgumentException.class, () -> new BufferPool(-1, 1 << 20));
    assertThrows(IllegalArgumentException.class, () -> new BufferPool(0, 8));
    assertThrows(IllegalArgumentException.class, () -> new BufferPool(0, 1L << 31));
  }

  @Test
  void largeRequestsBypassThePool() {
    try (BufferPool pool = new BufferPool(64L << 20, 1 << 20);
        RootAllocator allocator = QuiverAllocators.newRoot(Long.MAX_VALUE, pool)) {
      ArrowBuf big = allocator.buffer(4 << 20);
      assertEquals(4 << 20, allocator.getAllocatedMemory());
      big.close();
      assertEquals(0, pool.cachedBytes());
      assertEquals(0, pool.allocatedCount());
    }
  }

  @Test
  void cachedBytesStayUnderTheBound() {
    try (BufferPool pool = new BufferPool(3 * 65_536, 1 << 20);
        RootAllocator allocator = QuiverAllocators.newRoot(Long.MAX_VALUE, pool)) {
      List<ArrowBuf> buffers = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        buffers.add(allocator.buffer(65_536));
      }
      buffers.forEach(ArrowBuf::close);
      assertEquals(3 * 65_536, pool.cachedBytes(), "two of the five chunks were freed, not cached");
      assertEquals(3 * 65_536, pool.trim());
      assertEquals(0, pool.cachedBytes());
    }
  }

  @Test
  void limitStillFailsTheAllocationAndLeavesNothingAllocated() {
    try (RootAllocator allocator = QuiverAllocators.newRoot(1 << 20)) {
      ArrowBuf held = allocator.buffer(512 * 1024);
      assertThrows(OutOfMemoryException.class, () -> allocator.buffer(1 << 20));
      assertEquals(512 * 1024, allocator.getAllocatedMemory());
      held.close();
      // The freed chunk is cached, yet the whole limit is available again: cached memory is not accounted.
      ArrowBuf whole = allocator.buffer(1 << 20);
      assertEquals(1 << 20, allocator.getAllocatedMemory());
      whole.close();
    }
  }

  @Test
  void leakIsStillReportedOnCloseAndThePoolIsFreed() {
    RootAllocator allocator = QuiverAllocators.newRoot();
    BufferPool pool = QuiverAllocators.poolOf(allocator);
    ArrowBuf leaked = allocator.buffer(1024);
    allocator.buffer(2048).close();
    assertEquals(2048, pool.cachedBytes());
    IllegalStateException e = assertThrows(IllegalStateException.class, allocator::close);
    assertTrue(e.getMessage().contains("Memory leaked"), e.getMessage());
    assertEquals(0, pool.cachedBytes(), "closing the root trimmed its pool");
    assertEquals(1024, leaked.capacity(), "a leaked buffer stays leaked (1 KiB of this test's process)");
  }

  @Test
  void childAllocatorLeakIsStillALeak() {
    RootAllocator allocator = QuiverAllocators.newRoot();
    BufferAllocator child = allocator.newChildAllocator("child", 0, Long.MAX_VALUE);
    child.buffer(256);
    assertThrows(IllegalStateException.class, child::close);
    assertEquals(256, allocator.getAllocatedMemory());
    assertThrows(IllegalStateException.class, allocator::close);
  }

  @Test
  void transferredBufferReturnsToThePoolOnlyWhenItsLastOwnerReleasesIt() {
    try (RootAllocator allocator = QuiverAllocators.newRoot()) {
      BufferPool pool = QuiverAllocators.poolOf(allocator);
      BufferAllocator producer = allocator.newChildAllocator("producer", 0, Long.MAX_VALUE);
      BufferAllocator consumer = allocator.newChildAllocator("consumer", 0, Long.MAX_VALUE);
      try (IntVector source = new IntVector("i", producer); IntVector target = new IntVector("i", consumer)) {
        source.allocateNew(1000);
        for (int i = 0; i < 1000; i++) {
          source.set(i, i * 7);
        }
        source.setValueCount(1000);
        source.makeTransferPair(target).transfer();
        producer.close();
        assertEquals(0, pool.cachedBytes(), "the consumer still holds the memory");
        assertEquals(6993, target.get(999));
      }
      assertTrue(pool.cachedBytes() > 0, "released by its last owner: cached");
      consumer.close();
    }
  }

  @Test
  void vectorsRefilledFromReusedMemoryHoldTheirNewValues() {
    try (RootAllocator allocator = QuiverAllocators.newRoot()) {
      BufferPool pool = QuiverAllocators.poolOf(allocator);
      for (int round = 0; round < 5; round++) {
        try (VarCharVector v = new VarCharVector("s", allocator)) {
          int[] offsets = new int[17];
          StringBuilder text = new StringBuilder();
          for (int i = 0; i < 16; i++) {
            text.append("r").append(round).append('v').append(i);
            offsets[i + 1] = text.length();
          }
          VectorFiller.fillVariableWidth(v, offsets, text.toString().getBytes(), null, 16);
          assertEquals("r" + round + "v15", v.getObject(15).toString());
          assertEquals(16, v.getValueCount());
          assertEquals(0, v.getNullCount());
        }
      }
      assertTrue(pool.reusedCount() > 0);
    }
  }

  @Test
  void concurrentAllocationAndReleaseKeepEveryBufferItsOwn() throws Exception {
    int threads = 4;
    try (BufferPool pool = new BufferPool(1 << 20, 1 << 20);
        RootAllocator allocator = QuiverAllocators.newRoot(Long.MAX_VALUE, pool)) {
      ExecutorService executor = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          long seed = t;
          done.add(executor.submit(() -> {
            SplittableRandom random = new SplittableRandom(seed);
            List<ArrowBuf> held = new ArrayList<>();
            List<Long> stamps = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
              if (held.size() < 8 && (held.isEmpty() || random.nextBoolean())) {
                ArrowBuf buffer = allocator.buffer(64 + random.nextInt(200_000));
                long stamp = random.nextLong();
                long words = buffer.capacity() / 8;
                buffer.setLong(0, stamp);
                buffer.setLong((words - 1) * 8, ~stamp);
                held.add(buffer);
                stamps.add(stamp);
              } else {
                int k = random.nextInt(held.size());
                ArrowBuf buffer = held.remove(k);
                long stamp = stamps.remove(k);
                // Another thread writing into memory this buffer still owns would show here.
                assertEquals(stamp, buffer.getLong(0));
                assertEquals(~stamp, buffer.getLong((buffer.capacity() / 8 - 1) * 8));
                buffer.close();
              }
            }
            held.forEach(ArrowBuf::close);
            return null;
          }));
        }
        for (Future<?> future : done) {
          future.get();
        }
      } finally {
        executor.shutdown();
      }
      assertEquals(0, allocator.getAllocatedMemory());
      assertTrue(pool.cachedBytes() <= 1 << 20);
      assertTrue(pool.reusedCount() > 0);
    }
  }

  @Test
  void otherAllocatorsHaveNoPool() {
    try (RootAllocator allocator = new RootAllocator()) {
      assertNull(QuiverAllocators.poolOf(allocator));
    }
    try (BufferPool pool = new BufferPool(); RootAllocator allocator = QuiverAllocators.newRoot(10, pool)) {
      assertSame(pool, QuiverAllocators.poolOf(allocator.newChildAllocator("c", 0, 10)));
      allocator.getChildAllocators().forEach(BufferAllocator::close);
    }
  }
}
