package dev.quiver.store.s3.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.pool.AbstractChannelPoolHandler;
import io.netty.channel.pool.ChannelHealthChecker;
import io.netty.channel.pool.FixedChannelPool;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsServerAddressStreamProviders;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * A small asynchronous HTTP/1.1 client on Netty: one keep-alive connection pool per {@code scheme://host:port}
 * ({@link FixedChannelPool}: bounded connections, bounded waiting acquires, acquire timeout, health check on
 * acquire and release), TLS with host-name verification for {@code https}, DNS resolved asynchronously
 * ({@link DnsAddressResolverGroup}) so event-loop threads never block.
 *
 * <p>The pipeline of a connection, in order: [{@link SslHandler}] → {@link HttpClientCodec} (initial line 8 KiB,
 * headers {@link HttpClientSettings#maxHeaderBytes}, chunks 64 KiB) → {@link IdleStateHandler} (read idle, idle
 * eviction) → {@link ExchangeHandler}. Channels run with {@code autoRead} off.
 *
 * <p>Thread-safe. Futures complete on event-loop threads: callers must move any real work elsewhere.
 */
public final class NettyHttpClient implements AutoCloseable {

  /** Where requests go: scheme {@code http} or {@code https}, host and port. */
  public record Endpoint(boolean tls, String host, int port) {
    /** @throws NullPointerException for a null host */
    public Endpoint {
      Objects.requireNonNull(host, "host");
    }

    /** {@code host:port}. */
    @Override
    public String toString() {
      return host + ":" + port;
    }
  }

  private final HttpClientSettings settings;
  private final EventLoopGroup group;
  private final boolean ownsGroup;
  private final SharedEventLoopGroup.Lease lease;
  private final DnsAddressResolverGroup resolver;
  private final SslContext ssl;
  private final ConcurrentMap<Endpoint, FixedChannelPool> pools = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * A client with its own I/O threads ({@link HttpClientSettings#eventLoopThreads()}, daemon threads named
   * {@code quiver-s3-*}), DNS resolver and TLS context; close it to release them.
   *
   * @throws IllegalStateException when the TLS context cannot be built (such as an unreadable CA bundle)
   */
  public NettyHttpClient(HttpClientSettings settings) {
    this(settings, new NioEventLoopGroup(Objects.requireNonNull(settings, "settings").eventLoopThreads(),
        new DefaultThreadFactory("quiver-s3", true)), true, null);
  }

  /**
   * A client whose I/O runs on the caller's {@code group}, which {@link #close()} leaves running (the caller shuts
   * it down, after closing the client). {@link HttpClientSettings#eventLoopThreads()} is not used.
   *
   * @throws IllegalStateException when the TLS context cannot be built
   */
  public NettyHttpClient(HttpClientSettings settings, EventLoopGroup group) {
    this(settings, Objects.requireNonNull(group, "group"), false, null);
  }

  /**
   * A client on the process's {@link SharedEventLoopGroup}, holding a lease that {@link #close()} releases.
   *
   * @throws IllegalStateException when the TLS context cannot be built
   */
  public static NettyHttpClient onSharedEventLoop(HttpClientSettings settings) {
    Objects.requireNonNull(settings, "settings");
    SharedEventLoopGroup.Lease lease = SharedEventLoopGroup.acquire();
    try {
      return new NettyHttpClient(settings, lease.group(), false, lease);
    } catch (RuntimeException e) {
      lease.close();
      throw e;
    }
  }

  private NettyHttpClient(HttpClientSettings settings, EventLoopGroup group, boolean ownsGroup,
      SharedEventLoopGroup.Lease lease) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.group = group;
    this.ownsGroup = ownsGroup;
    this.lease = lease;
    this.resolver = new DnsAddressResolverGroup(NioDatagramChannel.class,
        DnsServerAddressStreamProviders.platformDefault());
    try {
      // The JDK's TLS, always: the same engine in tests (where netty-tcnative sits on the class path) as in use.
      SslContextBuilder builder = SslContextBuilder.forClient().sslProvider(io.netty.handler.ssl.SslProvider.JDK);
      settings.trustedCertificates().ifPresent(pem -> builder.trustManager(pem.toFile()));
      this.ssl = builder.build();
    } catch (SSLException | IllegalArgumentException e) {
      resolver.close();
      if (ownsGroup) {
        group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      }
      throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  /** The event loop group this client's connections run on (its own, the caller's, or the shared one). */
  public EventLoopGroup eventLoopGroup() {
    return group;
  }

  /** The limits in force. */
  public HttpClientSettings settings() {
    return settings;
  }

  /**
   * Sends {@code request} to {@code endpoint} on a pooled connection.
   *
   * @param sinkFor picks where the body goes once the status and headers are known (runs on the event loop)
   * @return the response once its body ended; or a failure with {@link HttpTransportException}
   */
  public CompletableFuture<HttpResponse> execute(Endpoint endpoint, HttpRequestSpec request,
      Function<HttpResponseHead, BodySink> sinkFor) {
    if (closed) {
      return CompletableFuture.failedFuture(new HttpTransportException(HttpTransportException.Reason.CONNECT,
          "the HTTP client is closed", false, false, false, null));
    }
    Exchange exchange = new Exchange(request, sinkFor, endpoint.toString());
    FixedChannelPool pool = pools.computeIfAbsent(endpoint, this::newPool);
    pool.acquire().addListener((io.netty.util.concurrent.Future<Channel> acquired) -> {
      if (!acquired.isSuccess()) {
        Throwable cause = acquired.cause();
        // FixedChannelPool fails an acquire with "Too many outstanding acquire operations" past maxPendingAcquires,
        // and with a TimeoutException past the acquire timeout.
        boolean exhausted = cause instanceof IllegalStateException
            && String.valueOf(cause.getMessage()).contains("outstanding acquire");
        HttpTransportException.Reason reason = exhausted
            ? HttpTransportException.Reason.POOL_EXHAUSTED : HttpTransportException.Reason.CONNECT;
        String what = exhausted ? "more than " + settings.maxPendingAcquires() + " requests wait for a connection"
            : cause instanceof TimeoutException ? "no connection within the acquire timeout" : "" + cause;
        exchange.result.completeExceptionally(new HttpTransportException(reason, request.method() + " " + endpoint
            + ": cannot connect: " + what, false, false, false, cause));
        return;
      }
      Channel channel = acquired.getNow();
      ExchangeHandler handler = channel.pipeline().get(ExchangeHandler.class);
      try {
        channel.eventLoop().execute(() -> handler.begin(exchange, reusable -> pool.release(channel)));
      } catch (RuntimeException e) {
        // The event loop is shutting down (the client is being closed).
        pool.release(channel);
        exchange.result.completeExceptionally(new HttpTransportException(HttpTransportException.Reason.CONNECT,
            request.method() + " " + endpoint + ": the HTTP client is closing", false, false, false, e));
      }
    });
    return exchange.result;
  }

  private FixedChannelPool newPool(Endpoint endpoint) {
    Bootstrap bootstrap = new Bootstrap()
        .group(group)
        .channel(NioSocketChannel.class)
        .resolver(resolver)
        .option(ChannelOption.AUTO_READ, false)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.SO_KEEPALIVE, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
        .remoteAddress(InetSocketAddress.createUnresolved(endpoint.host(), endpoint.port()));
    AbstractChannelPoolHandler handler = new AbstractChannelPoolHandler() {
      @Override
      public void channelCreated(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        if (endpoint.tls()) {
          SSLEngine engine = ssl.newEngine(channel.alloc(), endpoint.host(), endpoint.port());
          SSLParameters parameters = engine.getSSLParameters();
          parameters.setEndpointIdentificationAlgorithm("HTTPS");
          engine.setSSLParameters(parameters);
          pipeline.addLast("tls", new SslHandler(engine));
        }
        pipeline.addLast("http", new HttpClientCodec(8192, settings.maxHeaderBytes(), 64 * 1024));
        pipeline.addLast("idle", new IdleStateHandler(settings.readIdleTimeout().toNanos(), 0,
            settings.idleEviction().toNanos(), TimeUnit.NANOSECONDS));
        pipeline.addLast("exchange", new ExchangeHandler(settings.requestTimeout().toNanos()));
      }
    };
    return new FixedChannelPool(bootstrap, handler, ChannelHealthChecker.ACTIVE,
        FixedChannelPool.AcquireTimeoutAction.FAIL, settings.acquireTimeout().toMillis(),
        settings.maxConnectionsPerHost(), settings.maxPendingAcquires(), true, true);
  }

  /**
   * Closes every connection; stops the client's own I/O threads (waiting up to 5 s for them), leaves a caller's group
   * running, or releases its lease on the shared group (the last lease stops it). Idempotent. Must not be called
   * from one of this client's I/O threads.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (FixedChannelPool pool : pools.values()) {
      pool.close();
    }
    pools.clear();
    resolver.close();
    if (ownsGroup) {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    } else if (lease != null) {
      lease.close();
    }
  }
}
