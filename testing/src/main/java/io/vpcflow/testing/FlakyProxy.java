package io.vpcflow.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback in front of a server, which can be taken "down": while down it accepts and
 * drops every connection at once, as a server that went away would; it counts those refusals so a test
 * knows the client really tried during the outage. It can also cut one long response short, as a connection
 * that drops mid-transfer.
 */
public final class FlakyProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final URI target;
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicInteger refused = new AtomicInteger();
    /** Reset the next connection whose responses pass this many bytes (mid-body); 0: none. */
    private final java.util.concurrent.atomic.AtomicLong cutAfter = new java.util.concurrent.atomic.AtomicLong();

    private final AtomicInteger cut = new AtomicInteger();

    public FlakyProxy(URI target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptLoop, "flaky-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    public void down() {
        down.set(true);
    }

    public void up() {
        down.set(false);
    }

    /** Connections dropped while down. */
    public int refused() {
        return refused.get();
    }

    /** Resets, once, the next connection whose responses pass {@code bytes}: mid-body for a long response. */
    public void cutNextResponseAfter(long bytes) {
        cutAfter.set(bytes);
    }

    /** Responses cut short. */
    public int cut() {
        return cut.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (down.get()) {
                    refused.incrementAndGet();
                    client.setSoLinger(true, 0);
                    client.close();
                    continue;
                }
                Socket server = new Socket();
                server.connect(new InetSocketAddress(target.getHost(), target.getPort()));
                pipe(client.getInputStream(), server.getOutputStream(), client, server, false);
                pipe(server.getInputStream(), client.getOutputStream(), client, server, true);
            } catch (IOException e) {
                // The listener closed, or one connection failed: carry on with the next.
            }
        }
    }

    private void pipe(InputStream in, OutputStream out, Socket a, Socket b, boolean responses) {
        Thread t = new Thread(
                () -> {
                    byte[] buf = new byte[16 * 1024];
                    long sent = 0;
                    try {
                        int n;
                        while ((n = in.read(buf)) >= 0) {
                            long limit = responses ? cutAfter.get() : 0;
                            if (limit > 0 && sent + n > limit && cutAfter.compareAndSet(limit, 0)) {
                                out.write(buf, 0, (int) (limit - sent));
                                out.flush();
                                cut.incrementAndGet();
                                a.setSoLinger(true, 0);
                                b.setSoLinger(true, 0);
                                break;
                            }
                            out.write(buf, 0, n);
                            out.flush();
                            sent += n;
                        }
                    } catch (IOException ignored) {
                        // one side closed
                    } finally {
                        try {
                            a.close();
                            b.close();
                        } catch (IOException ignored) {
                            // already closed
                        }
                    }
                },
                "flaky-proxy-pipe");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
