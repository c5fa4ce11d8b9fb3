package dev.quiver.store.s3.http;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * One Netty event loop group for the whole process, shared by the S3 stores that {@code ObjectStores.resolve} makes,
 * so that opening many {@code s3://} locations does not start a set of I/O threads for each. The group is created
 * on the first {@link #acquire()} and reference-counted: each {@link Lease} holds it, and closing the last lease
 * shuts it down (its threads end within a few seconds). A later {@link #acquire()} starts a new group. The threads
 * are daemon threads named {@code quiver-s3-shared-*}, as many as {@link HttpClientSettings#defaults()} gives, so
 * a process that forgets to close a store still exits; a store's own {@link HttpClientSettings#eventLoopThreads()}
 * does not apply to the shared group.
 *
 * <p>Thread-safe.
 */
public final class SharedEventLoopGroup {

  private static final Object LOCK = new Object();
  private static EventLoopGroup group;
  private static int references;

  private SharedEventLoopGroup() {}

  /**
   * A hold on the shared group, starting it if no one holds it. Close the lease to let go; the last one to let go
   * shuts the group down.
   */
  public static Lease acquire() {
    synchronized (LOCK) {
      if (group == null) {
        group = new NioEventLoopGroup(HttpClientSettings.defaults().eventLoopThreads(),
            new DefaultThreadFactory("quiver-s3-shared", true));
      }
      references++;
      return new Lease(group);
    }
  }

  /** How many leases are open now (for tests and diagnostics). */
  public static int references() {
    synchronized (LOCK) {
      return references;
    }
  }

  private static void release(EventLoopGroup leased) {
    EventLoopGroup stopping = null;
    synchronized (LOCK) {
      references--;
      if (references == 0 && group == leased) {
        stopping = group;
        group = null;
      }
    }
    if (stopping != null) {
      // Outside the lock: a new acquire() meanwhile starts a fresh group rather than waiting for this one to stop.
      stopping.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
  }

  /** One hold on the shared group. Closing it twice releases once. Not to be closed on one of the group's threads. */
  public static final class Lease implements AutoCloseable {
    private final EventLoopGroup leased;
    private boolean closed;

    private Lease(EventLoopGroup leased) {
      this.leased = leased;
    }

    /** The shared group; valid until this lease is closed. */
    public EventLoopGroup group() {
      return leased;
    }

    /** Lets go of the group; the last lease shuts it down, waiting up to 5 s for its threads. Idempotent. */
    @Override
    public void close() {
      synchronized (this) {
        if (closed) {
          return;
        }
        closed = true;
      }
      release(leased);
    }
  }
}
