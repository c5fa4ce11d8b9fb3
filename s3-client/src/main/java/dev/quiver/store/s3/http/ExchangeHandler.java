package dev.quiver.store.s3.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The last handler of a client connection: runs one {@link Exchange} at a time (HTTP/1.1 without pipelining), feeds
 * the response body to the exchange's {@link BodySink} with backpressure, and hands the connection back when the
 * response ends.
 *
 * <p>The channel runs with {@code autoRead} off: this handler asks for the next read only while the sink wants more.
 * Everything that goes wrong (a malformed response, a reset, a close, a read-idle or request timeout, a sink that
 * refuses the body) fails the exchange's future with an {@link HttpTransportException}; nothing is thrown on the
 * event loop, and the connection is closed rather than reused. Idle connections (no exchange) are closed when the
 * {@link io.netty.handler.timeout.IdleStateHandler} before this one reports {@code ALL_IDLE}, so the pool drops them
 * before the server does.
 *
 * <p>Every method runs on the channel's event loop.
 */
public final class ExchangeHandler extends ChannelDuplexHandler {

  private final long requestTimeoutNanos;
  private ChannelHandlerContext ctx;
  private Exchange current;
  private Consumer<Boolean> release;
  private HttpResponseHead head;
  private BodySink sink;
  private boolean keepAlive;
  private boolean requestSent;
  private boolean reused;
  private int served;
  private ScheduledFuture<?> timeout;

  /** @param requestTimeoutNanos the longest one exchange may take, from start to the end of the body */
  public ExchangeHandler(long requestTimeoutNanos) {
    this.requestTimeoutNanos = requestTimeoutNanos;
  }

  /** How many exchanges completed on this connection. */
  public int served() {
    return served;
  }

  /** Whether an exchange is running. */
  public boolean busy() {
    return current != null;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Sends the exchange's request and starts reading. Call on the event loop, with no exchange running.
   *
   * @param release called once when the exchange ends, with true when the connection may be reused
   */
  public void begin(Exchange exchange, Consumer<Boolean> release) {
    if (current != null) {
      exchange.result.completeExceptionally(new HttpTransportException(HttpTransportException.Reason.PROTOCOL,
          "connection to " + exchange.peer + " is busy", false, false, true, null));
      release.accept(false);
      return;
    }
    current = exchange;
    this.release = release;
    head = null;
    sink = null;
    keepAlive = false;
    requestSent = false;
    reused = served > 0;
    if (!ctx.channel().isActive()) {
      fail(HttpTransportException.Reason.CLOSED, "the connection closed before the request was sent", null);
      return;
    }
    timeout = ctx.executor().schedule(() -> {
      if (current == exchange) {
        fail(HttpTransportException.Reason.REQUEST_TIMEOUT, "no complete response within "
            + TimeUnit.NANOSECONDS.toMillis(requestTimeoutNanos) + " ms", null);
      }
    }, requestTimeoutNanos, TimeUnit.NANOSECONDS);
    HttpRequestSpec spec = exchange.request;
    ByteBuf content = spec.body() == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(spec.body().duplicate());
    FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(spec.method()),
        spec.target(), content);
    for (Map.Entry<String, String> header : spec.headers()) {
      request.headers().add(header.getKey(), header.getValue());
    }
    if (spec.body() != null || spec.method().equals("PUT") || spec.method().equals("POST")) {
      request.headers().set(HttpHeaderNames.CONTENT_LENGTH, spec.bodyLength());
    }
    ctx.writeAndFlush(request).addListener(written -> {
      if (current != exchange) {
        return;
      }
      if (written.isSuccess()) {
        requestSent = true;
      } else {
        fail(HttpTransportException.Reason.CLOSED, "sending the request failed: " + written.cause(),
            written.cause());
      }
    });
    ctx.read();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (current == null) {
        // Bytes nobody asked for: the connection is out of step, drop it.
        ctx.close();
        return;
      }
      if (msg instanceof HttpObject object && object.decoderResult().isFailure()) {
        fail(HttpTransportException.Reason.PROTOCOL, "malformed response: " + object.decoderResult().cause(),
            object.decoderResult().cause());
        return;
      }
      if (msg instanceof io.netty.handler.codec.http.HttpResponse response) {
        if (response.status().code() == 100) {
          return;
        }
        keepAlive = HttpUtil.isKeepAlive(response);
        head = new HttpResponseHead(response.status().code(), new DefaultHttpHeaders().set(response.headers()));
        Exchange exchange = current;
        sink = exchange.sinkFor.apply(head);
        if (sink.streaming() && timeout != null) {
          timeout.cancel(false);
          timeout = null;
        }
        BodySink bound = sink;
        sink.bind(() -> ctx.executor().execute(() -> {
          if (current == exchange && sink == bound && bound.wantsMore()) {
            ctx.read();
          }
        }));
      }
      if (msg instanceof HttpContent content) {
        if (head == null) {
          fail(HttpTransportException.Reason.PROTOCOL, "body bytes before the status line", null);
          return;
        }
        if (content.content().isReadable()) {
          sink.onContent(content.content());
        }
        if (msg instanceof LastHttpContent) {
          finish();
        }
      }
    } catch (RuntimeException e) {
      fail(HttpTransportException.Reason.PROTOCOL, "the response was refused: " + e.getMessage(), e);
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (current != null && (sink == null || sink.wantsMore())) {
      ctx.read();
    }
    ctx.fireChannelReadComplete();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof IdleStateEvent idle) {
      if (current != null && idle.state() == IdleState.READER_IDLE && (sink == null || sink.wantsMore())) {
        fail(HttpTransportException.Reason.READ_TIMEOUT, "no bytes arrived within the read timeout", null);
      } else if (current == null && idle.state() == IdleState.ALL_IDLE) {
        ctx.close();
      }
      return;
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (current != null) {
      fail(HttpTransportException.Reason.CLOSED, head == null
          ? "the connection closed before a response" : "the connection closed in the middle of the body", null);
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (current != null) {
      fail(HttpTransportException.Reason.CLOSED, "connection error: " + cause, cause);
    } else {
      ctx.close();
    }
  }

  private void finish() {
    Exchange exchange = current;
    HttpResponse response = new HttpResponse(head, sink);
    boolean reusable = keepAlive;
    end();
    served++;
    Consumer<Boolean> done = release;
    release = null;
    if (!reusable) {
      ctx.close();
    }
    done.accept(reusable);
    exchange.result.complete(response);
  }

  private void fail(HttpTransportException.Reason reason, String message, Throwable cause) {
    Exchange exchange = current;
    boolean started = head != null;
    boolean sent = requestSent;
    end();
    Consumer<Boolean> done = release;
    release = null;
    ctx.close();
    if (done != null) {
      done.accept(false);
    }
    if (isTls(cause)) {
      reason = HttpTransportException.Reason.TLS;
      message = "the TLS handshake failed: " + rootMessage(cause);
    }
    exchange.result.completeExceptionally(new HttpTransportException(reason, exchange.request.method() + " "
        + exchange.peer + ": " + message, sent, started, reused, cause));
  }

  private static boolean isTls(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof javax.net.ssl.SSLException) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable cause) {
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return String.valueOf(root.getMessage());
  }

  private void end() {
    current = null;
    head = null;
    sink = null;
    if (timeout != null) {
      timeout.cancel(false);
      timeout = null;
    }
  }
}
