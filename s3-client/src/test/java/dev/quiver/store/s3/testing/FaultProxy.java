package dev.quiver.store.s3.testing;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.jclouds.blobstore.BlobStore;

/**
 * A loopback HTTP/1.1 proxy in front of a real S3 server that injects faults per request: canned error responses
 * (503 SlowDown, 500 InternalError, a 200 carrying an error document), delays, connection resets, and response
 * bodies cut part-way. Faults are matched against each request in turn: one-shot faults are used once, standing
 * faults every time. Requests without a fault are relayed unchanged (the client's signature stays valid, since the
 * {@code Host} header is kept).
 *
 * <p>It also enforces {@code If-None-Match: *} on PutObject, which S3Proxy 2.6 ignores: the check against the
 * backing blob store and the forwarded PUT happen under one per-key lock, so of concurrent creates exactly one wins
 * and the others get S3's 412 {@code PreconditionFailed}, as AWS documents conditional writes.
 *
 * <p>Blocking sockets, a thread per connection; test code only.
 */
public final class FaultProxy implements AutoCloseable {

  /** What the proxy sees of a request. */
  public record Request(String method, String path, String query, Map<String, String> headers) {
    /** The first header of that name (case-insensitive), or null. */
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** What to do to a request. */
  public sealed interface Fault permits Respond, Reset, Delay, CutBody, Drop {}

  /** Answer with {@code status} and an S3 error document with {@code code}, without forwarding. */
  public record Respond(int status, String code) implements Fault {}

  /** Reset the connection (RST) after reading the request, without forwarding. */
  public record Reset() implements Fault {}

  /**
   * Read the request and close the connection (FIN) without answering: what a client sees when a server drops a
   * keep-alive connection it thought idle just as a request was sent on it.
   */
  public record Drop() implements Fault {}

  /** Wait, then forward. */
  public record Delay(long millis) implements Fault {}

  /** Forward, relay the response head and the first {@code bytes} of its body, then close the connection. */
  public record CutBody(long bytes) implements Fault {}

  private record Rule(Predicate<Request> when, Fault fault, boolean once) {}

  private final ServerSocket server;
  private final int targetPort;
  private final BlobStore conditionalWrites;
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final Map<String, Object> keyLocks = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger clientCloses = new AtomicInteger();
  private final AtomicInteger faultsApplied = new AtomicInteger();
  private final List<String> log = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  /**
   * @param targetPort the S3 server's port on 127.0.0.1
   * @param conditionalWrites the server's blob store, to enforce {@code If-None-Match: *}; null to relay as is
   */
  public FaultProxy(int targetPort, BlobStore conditionalWrites) throws IOException {
    this.targetPort = targetPort;
    this.conditionalWrites = conditionalWrites;
    this.server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "fault-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  /** {@code http://127.0.0.1:PORT}. */
  public java.net.URI endpoint() {
    return java.net.URI.create("http://127.0.0.1:" + port());
  }

  /** Applies {@code fault} to the next request that matches. */
  public FaultProxy once(Predicate<Request> when, Fault fault) {
    rules.add(new Rule(when, fault, true));
    return this;
  }

  /** Applies {@code fault} to every request that matches, until {@link #clear()}. */
  public FaultProxy always(Predicate<Request> when, Fault fault) {
    rules.add(new Rule(when, fault, false));
    return this;
  }

  /** Drops every rule. */
  public void clear() {
    rules.clear();
  }

  /** Requests received so far. */
  public int requests() {
    return requests.get();
  }

  /** Client connections accepted so far. */
  public int connections() {
    return connections.get();
  }

  /** Client connections the client closed between requests (idle eviction, pool shutdown). */
  public int clientCloses() {
    return clientCloses.get();
  }

  /** Faults applied so far. */
  public int faultsApplied() {
    return faultsApplied.get();
  }

  /** {@code METHOD path?query -> what happened}, one line per request. */
  public List<String> log() {
    return List.copyOf(log);
  }

  public static Predicate<Request> method(String method) {
    return r -> r.method().equals(method);
  }

  public static Predicate<Request> any() {
    return r -> true;
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = server.accept();
        connections.incrementAndGet();
        sockets.add(client);
        Thread t = new Thread(() -> serve(client), "fault-proxy-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    Socket upstream = null;
    try (client) {
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      while (!closed) {
        byte[] headBytes = readHead(in);
        if (headBytes == null) {
          clientCloses.incrementAndGet();
          return;
        }
        String head = new String(headBytes, ISO_8859_1);
        Request request = parse(head);
        long length = Long.parseLong(request.headers().getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes((int) length);
        if (body.length < length) {
          return;
        }
        requests.incrementAndGet();
        Fault fault = take(request);
        String line = request.method() + " " + request.path() + (request.query().isEmpty() ? "" : "?"
            + request.query());
        String range = request.header("range");
        String ifMatch = request.header("if-match");
        log.add(line + (range == null ? "" : " range=" + range) + (ifMatch == null ? "" : " if-match=" + ifMatch)
            + " -> " + (fault == null ? "relayed" : fault));
        if (fault != null) {
          faultsApplied.incrementAndGet();
        }
        if (fault instanceof Reset) {
          client.setSoLinger(true, 0);
          return;
        }
        if (fault instanceof Drop) {
          client.shutdownOutput();
          return;
        }
        if (fault instanceof Respond respond) {
          respond(out, respond.status(), respond.code(), request.method().equals("HEAD"));
          continue;
        }
        if (fault instanceof Delay delay) {
          Thread.sleep(delay.millis());
        }
        if (upstream == null || upstream.isClosed()) {
          upstream = new Socket();
          upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5000);
          sockets.add(upstream);
        }
        long cut = fault instanceof CutBody c ? c.bytes() : -1;
        boolean keepOpen;
        if (isConditionalCreate(request)) {
          String[] bucketKey = bucketAndKey(request.path());
          synchronized (keyLocks.computeIfAbsent(bucketKey[0] + "/" + bucketKey[1], k -> new Object())) {
            if (conditionalWrites.blobExists(bucketKey[0], bucketKey[1])) {
              respond(out, 412, "PreconditionFailed", false);
              continue;
            }
            keepOpen = exchange(upstream, headBytes, body, request, out, cut);
          }
        } else {
          keepOpen = exchange(upstream, headBytes, body, request, out, cut);
        }
        if (!keepOpen) {
          if (cut >= 0) {
            // A FIN, not a reset: a reset would discard bytes still queued, and the cut would land elsewhere.
            client.shutdownOutput();
          }
          return;
        }
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      // The client or the server went away: so does this connection.
    } finally {
      if (upstream != null) {
        try {
          upstream.close();
        } catch (IOException e) {
          // ignore
        }
      }
    }
  }

  private boolean isConditionalCreate(Request request) {
    return conditionalWrites != null && request.method().equals("PUT") && "*".equals(request.header("if-none-match"))
        && request.header("x-amz-copy-source") == null && !request.query().contains("uploadId");
  }

  private static String[] bucketAndKey(String path) {
    String decoded = URLDecoder.decode(path.replace("+", "%2B"), UTF_8);
    String rest = decoded.substring(1);
    int slash = rest.indexOf('/');
    return new String[] {rest.substring(0, slash), rest.substring(slash + 1)};
  }

  private synchronized Fault take(Request request) {
    for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
      Rule rule = it.next();
      if (rule.when().test(request)) {
        if (rule.once()) {
          rules.remove(rule);
        }
        return rule.fault();
      }
    }
    return null;
  }

  /** Relays one request and its response; false when the connection must close afterwards. */
  private boolean exchange(Socket upstream, byte[] head, byte[] body, Request request, OutputStream out, long cut)
      throws IOException {
    OutputStream up = upstream.getOutputStream();
    up.write(head);
    up.write(body);
    up.flush();
    InputStream upIn = upstream.getInputStream();
    byte[] responseHead = readHead(upIn);
    if (responseHead == null) {
      return false;
    }
    out.write(responseHead);
    String text = new String(responseHead, ISO_8859_1);
    Map<String, String> headers = headers(text);
    int status = Integer.parseInt(text.substring(9, 12));
    boolean noBody = request.method().equals("HEAD") || status == 204 || status == 304;
    long budget = cut >= 0 ? cut : Long.MAX_VALUE;
    boolean close = "close".equalsIgnoreCase(headers.get("connection"));
    if (!noBody) {
      if (headers.containsKey("content-length")) {
        long length = Long.parseLong(headers.get("content-length"));
        long sent = copy(upIn, out, Math.min(length, budget));
        if (sent < length) {
          out.flush();
          upstream.close();
          return false;
        }
      } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
        if (!copyChunked(upIn, out, budget)) {
          out.flush();
          upstream.close();
          return false;
        }
      } else {
        copy(upIn, out, budget);
        out.flush();
        upstream.close();
        return false;
      }
    }
    out.flush();
    if (cut >= 0) {
      upstream.close();
      return false;
    }
    return !close;
  }

  private static long copy(InputStream in, OutputStream out, long n) throws IOException {
    byte[] buffer = new byte[16384];
    long done = 0;
    while (done < n) {
      int r = in.read(buffer, 0, (int) Math.min(buffer.length, n - done));
      if (r < 0) {
        break;
      }
      out.write(buffer, 0, r);
      done += r;
    }
    return done;
  }

  /** Relays a chunked body (chunk framing included) up to {@code budget} body bytes; false if cut. */
  private static boolean copyChunked(InputStream in, OutputStream out, long budget) throws IOException {
    long left = budget;
    while (true) {
      String sizeLine = readLine(in);
      int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
      if (size == 0) {
        out.write((sizeLine + "\r\n").getBytes(ISO_8859_1));
        String trailer;
        do {
          trailer = readLine(in);
          out.write((trailer + "\r\n").getBytes(ISO_8859_1));
        } while (!trailer.isEmpty());
        return true;
      }
      if (left < size) {
        out.write((sizeLine + "\r\n").getBytes(ISO_8859_1));
        copy(in, out, left);
        return false;
      }
      out.write((sizeLine + "\r\n").getBytes(ISO_8859_1));
      copy(in, out, size);
      left -= size;
      out.write((readLine(in) + "\r\n").getBytes(ISO_8859_1));
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        break;
      }
      if (c != '\r') {
        line.write(c);
      }
    }
    if (c < 0 && line.size() == 0) {
      throw new EOFException();
    }
    return line.toString(ISO_8859_1);
  }

  private static void respond(OutputStream out, int status, String code, boolean head) throws IOException {
    String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>injected "
        + code + "</Message><RequestId>FAULT" + status + "</RequestId></Error>";
    byte[] bytes = body.getBytes(UTF_8);
    String lines = "HTTP/1.1 " + status + " Injected\r\nContent-Type: application/xml\r\nContent-Length: "
        + bytes.length + "\r\nx-amz-request-id: FAULT-" + code + "\r\n\r\n";
    out.write(lines.getBytes(ISO_8859_1));
    if (!head) {
      out.write(bytes);  // a response to HEAD announces the length but carries no body
    }
    out.flush();
  }

  /** Reads up to and including the blank line; null at a clean end of stream. */
  private static byte[] readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    int c;
    while ((c = in.read()) >= 0) {
      head.write(c);
      matched = (c == '\r' && (matched == 0 || matched == 2)) || (c == '\n' && (matched == 1 || matched == 3))
          ? matched + 1 : 0;
      if (matched == 4) {
        return head.toByteArray();
      }
      if (head.size() > 65536) {
        throw new IOException("head too long");
      }
    }
    return null;
  }

  private static Request parse(String head) {
    String first = head.substring(0, head.indexOf("\r\n"));
    String[] parts = first.split(" ");
    String target = parts[1];
    int q = target.indexOf('?');
    return new Request(parts[0], q < 0 ? target : target.substring(0, q), q < 0 ? "" : target.substring(q + 1),
        headers(head));
  }

  private static Map<String, String> headers(String head) {
    Map<String, String> headers = new LinkedHashMap<>();
    String[] lines = head.split("\r\n");
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    return headers;
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    for (Socket socket : new ArrayList<>(sockets)) {
      try {
        socket.close();
      } catch (IOException e) {
        // ignore
      }
    }
  }
}
