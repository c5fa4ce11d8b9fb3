package dev.quiver.store.s3.http;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.store.s3.testing.LeakCheckExtension;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client pipeline ({@link HttpClientCodec} + {@link ExchangeHandler}) on an {@link EmbeddedChannel}: raw HTTP
 * bytes in, exchanges out. Every failure must arrive as a failed future, never as an exception on the event loop,
 * and every buffer must be released (checked by {@link LeakCheckExtension} at PARANOID).
 */
class ExchangeHandlerTest {

  EmbeddedChannel channel;
  ExchangeHandler handler;
  int reads;
  List<Boolean> releases;

  @BeforeEach
  void setUp() {
    reads = 0;
    releases = new ArrayList<>();
    handler = new ExchangeHandler(TimeUnit.SECONDS.toNanos(30));
    channel = new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
      @Override
      public void read(ChannelHandlerContext ctx) {
        reads++;
        ctx.read();
      }
    }, new HttpClientCodec(4096, 8192, 8192), handler);
    channel.config().setAutoRead(false);
  }

  @AfterEach
  void tearDown() {
    channel.finishAndReleaseAll();
  }

  /** A sink that keeps everything and can refuse to take more (backpressure). */
  static final class Collecting implements BodySink {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    boolean full;
    Runnable resume;

    @Override
    public void bind(Runnable resume) {
      this.resume = resume;
    }

    @Override
    public void onContent(ByteBuf content) {
      byte[] chunk = new byte[content.readableBytes()];
      content.getBytes(content.readerIndex(), chunk);
      bytes.writeBytes(chunk);
    }

    @Override
    public boolean wantsMore() {
      return !full;
    }

    @Override
    public long received() {
      return bytes.size();
    }
  }

  private CompletableFuture<HttpResponse> begin(HttpRequestSpec request, BodySink sink) {
    Exchange exchange = new Exchange(request, head -> sink, "test:80");
    handler.begin(exchange, releases::add);
    channel.runPendingTasks();
    return exchange.result();
  }

  private static HttpRequestSpec get() {
    return new HttpRequestSpec("GET", "/bucket/key", List.of(Map.entry("Host", "test")), null, true);
  }

  private void receive(String text) {
    channel.writeInbound(Unpooled.copiedBuffer(text, US_ASCII));
    channel.runPendingTasks();
  }

  @Test
  void sendsTheRequestAndDeliversAChunkedBody() {
    Collecting sink = new Collecting();
    CompletableFuture<HttpResponse> result = begin(new HttpRequestSpec("PUT", "/b/k?partNumber=1",
        List.of(Map.entry("Host", "test"), Map.entry("x-amz-date", "20260101T000000Z")),
        ByteBuffer.wrap("abc".getBytes(US_ASCII)), true), sink);
    ByteBuf written = channel.readOutbound();
    String request = written.toString(US_ASCII);
    written.release();
    assertTrue(request.startsWith("PUT /b/k?partNumber=1 HTTP/1.1\r\n"), request);
    assertTrue(request.contains("content-length: 3\r\n") && request.endsWith("\r\n\r\nabc"), request);
    for (Object more; (more = channel.readOutbound()) != null; ) {
      ReferenceCountUtil.release(more);
    }

    receive("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nETag: \"e\"\r\n\r\n5\r\nhello\r\n");
    assertFalse(result.isDone());
    receive("6\r\n world\r\n0\r\n\r\n");
    HttpResponse response = result.join();
    assertEquals(200, response.status());
    assertEquals("\"e\"", response.head().header("ETag"));
    assertEquals("hello world", sink.bytes.toString(US_ASCII));
    assertEquals(List.of(true), releases);
    assertEquals(1, handler.served());
    assertFalse(handler.busy());
  }

  @Test
  void connectionCloseMeansTheConnectionIsNotReused() {
    CompletableFuture<HttpResponse> result = begin(get(), new Collecting());
    drainOutbound();
    receive("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
    assertEquals(204, result.join().status());
    assertEquals(List.of(false), releases);
    assertFalse(channel.isOpen());
  }

  @Test
  void aMalformedResponseFailsTheFutureAndClosesTheConnection() {
    CompletableFuture<HttpResponse> result = begin(get(), new Collecting());
    drainOutbound();
    receive("HTTP/1.1 200 OK\r\nContent-Length: not-a-number\r\n\r\n");
    HttpTransportException e = transportFailure(result);
    assertEquals(HttpTransportException.Reason.PROTOCOL, e.reason());
    assertEquals(List.of(false), releases);
    assertFalse(channel.isOpen());
    channel.checkException();  // nothing was thrown on the event loop
  }

  @Test
  void aBodyCutByTheServerFailsWithClosedAfterTheResponseStarted() {
    Collecting sink = new Collecting();
    CompletableFuture<HttpResponse> result = begin(get(), sink);
    drainOutbound();
    receive("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789");
    channel.close();
    channel.runPendingTasks();
    HttpTransportException e = transportFailure(result);
    assertTrue(e.responseStarted() && e.requestSent(), e.getMessage());
    assertEquals(10, sink.received());
  }

  @Test
  void aSinkThatRefusesTheBodyFailsTheExchange() {
    BodySink refusing = new BodySink() {
      @Override
      public void onContent(ByteBuf content) {
        throw new IllegalStateException("too long");
      }

      @Override
      public long received() {
        return 0;
      }
    };
    CompletableFuture<HttpResponse> result = begin(get(), refusing);
    drainOutbound();
    receive("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc");
    assertTrue(transportFailure(result).getMessage().contains("too long"));
    channel.checkException();
  }

  @Test
  void readsStopWhileTheSinkIsFullAndResumeWhenItAsks() {
    Collecting sink = new Collecting();
    CompletableFuture<HttpResponse> result = begin(get(), sink);
    drainOutbound();
    receive("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nabc");
    int before = reads;
    sink.full = true;
    channel.pipeline().fireChannelReadComplete();
    channel.runPendingTasks();
    assertEquals(before, reads, "no read while the sink is full");
    // A read-idle event while paused is the consumer's doing, not the server's: no timeout.
    channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
    assertFalse(result.isDone());
    sink.full = false;
    sink.resume.run();
    channel.runPendingTasks();
    assertEquals(before + 1, reads, "the sink's resume asks for one read");
    receive("def");
    assertEquals("abcdef", sink.bytes.toString(US_ASCII));
    assertEquals(200, result.join().status());
  }

  @Test
  void aReadIdleTimeoutFailsTheExchange() {
    CompletableFuture<HttpResponse> result = begin(get(), new Collecting());
    drainOutbound();
    channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
    assertEquals(HttpTransportException.Reason.READ_TIMEOUT, transportFailure(result).reason());
  }

  @Test
  void anIdleConnectionIsClosedForEviction() {
    CompletableFuture<HttpResponse> result = begin(get(), new Collecting());
    drainOutbound();
    receive("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    result.join();
    assertTrue(channel.isOpen());
    channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_ALL_IDLE_STATE_EVENT);
    assertFalse(channel.isOpen());
  }

  @Test
  void headResponsesHaveNoBody() {
    Collecting sink = new Collecting();
    CompletableFuture<HttpResponse> result = begin(new HttpRequestSpec("HEAD", "/b/k",
        List.of(Map.entry("Host", "test")), null, true), sink);
    drainOutbound();
    receive("HTTP/1.1 200 OK\r\nContent-Length: 12345\r\n\r\n");
    assertEquals("12345", result.join().head().header("Content-Length"));
    assertEquals(0, sink.received());
  }

  @Test
  void theLeakCheckCatchesALeakedBuffer() {
    ByteBuf leaked = ByteBufAllocator.DEFAULT.buffer(64).writeLong(42);
    assertEquals(8, leaked.readableBytes());
    leaked = null;
    List<String> leaks = LeakCheckExtension.collectLeaks();
    assertTrue(leaks.stream().anyMatch(l -> l.contains("ByteBuf")), "the detector reported " + leaks);
  }

  private void drainOutbound() {
    for (Object written; (written = channel.readOutbound()) != null; ) {
      if (written instanceof FullHttpRequest request) {
        request.release();
      } else {
        ReferenceCountUtil.release(written);
      }
    }
  }

  private static HttpTransportException transportFailure(CompletableFuture<HttpResponse> result) {
    try {
      result.join();
    } catch (CompletionException e) {
      return assertInstanceOf(HttpTransportException.class, e.getCause());
    }
    throw new AssertionError("expected a failure");
  }
}
