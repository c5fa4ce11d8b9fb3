package dev.quiver.store.s3.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Makes a leaked Netty buffer fail the tests. Netty's leak detector (at PARANOID, from the surefire argLine) only
 * logs; this extension, registered for every test class by service loading, installs a detector factory whose
 * detectors record each report, and after each test class forces a collection, lets the detector look, and fails
 * the class when anything leaked.
 */
public final class LeakCheckExtension implements AfterAllCallback {

  private static final ConcurrentLinkedQueue<String> LEAKS = new ConcurrentLinkedQueue<>();

  static {
    install();
  }

  /** Installs the recording factory; must run before Netty creates its buffer leak detector. Idempotent. */
  public static synchronized void install() {
    if (ResourceLeakDetector.getLevel() != ResourceLeakDetector.Level.PARANOID) {
      ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }
    ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new ResourceLeakDetectorFactory() {
      @Override
      public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval) {
        return new RecordingDetector<>(resource, samplingInterval);
      }

      @Override
      @SuppressWarnings("deprecation")
      public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
          long maxActive) {
        return new RecordingDetector<>(resource, samplingInterval);
      }
    });
  }

  private static final class RecordingDetector<T> extends ResourceLeakDetector<T> {
    RecordingDetector(Class<T> resource, int samplingInterval) {
      super(resource, samplingInterval);
    }

    @Override
    protected boolean needReport() {
      return true;
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
      LEAKS.add(resourceType + " leaked:" + records);
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
      LEAKS.add(resourceType + " leaked (untraced)");
    }
  }

  /**
   * Collects garbage and allocates a few tracked buffers so the detector polls its queue, then returns and forgets
   * the leaks reported so far.
   */
  public static List<String> collectLeaks() {
    for (int round = 0; round < 3; round++) {
      System.gc();
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      for (int i = 0; i < 8; i++) {
        ByteBuf pooled = PooledByteBufAllocator.DEFAULT.buffer(16);
        pooled.release();
        ByteBuf unpooled = UnpooledByteBufAllocator.DEFAULT.directBuffer(16);
        unpooled.release();
        ByteBuf heap = UnpooledByteBufAllocator.DEFAULT.heapBuffer(16);
        heap.release();
      }
    }
    List<String> found = new ArrayList<>();
    for (String leak; (leak = LEAKS.poll()) != null; ) {
      found.add(leak);
    }
    return found;
  }

  @Override
  public void afterAll(ExtensionContext context) {
    List<String> leaks = collectLeaks();
    if (!leaks.isEmpty()) {
      throw new AssertionError(leaks.size() + " Netty buffer leak(s) in " + context.getDisplayName() + ":\n"
          + String.join("\n", leaks));
    }
  }
}
